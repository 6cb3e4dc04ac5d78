//! Component tests of the workbench's editor parts (issue 26): the editor, its problems and the
//! stale note mounted in headless Chromium (wasm-bindgen-test, as the main crate's
//! `tests/components.rs`), driven as the owner drives them (text typed into the field, keys, a
//! click) and checked by what is on screen.
//!
//! The parts are private to the crate; they are mounted through `portfolio_workbench::testing`,
//! which the crate has only with its `component-tests` feature. A feature rather than making the
//! components and the workbench `pub` with `#[doc(hidden)]`: the page's wasm and the crate's
//! surface stay as they are, and nothing but this one mounting function is reachable. The
//! feature is on only where these tests build: the crate's wasm dev-dependency on itself turns
//! it on, so `cargo test -p portfolio-workbench --target wasm32-unknown-unknown --test
//! components` needs no flag.
//!
//! The drafts are the small fixture `tests/fixtures/minimal.json` (a project with a diagram of
//! two nodes and one edge), edited here; the problems expected are those of `locate::check`, the
//! same reading the page makes.
#![cfg(target_arch = "wasm32")]

use portfolio_workbench::locate::check;
use portfolio_workbench::testing::{mount_editor, Mounted, PAUSE};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const MINIMAL: &str = include_str!("../../tests/fixtures/minimal.json");

thread_local! {
    /// The parts the test before mounted, unmounted when the next test mounts its own.
    static MOUNTED: std::cell::RefCell<Option<Mounted>> = const { std::cell::RefCell::new(None) };
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the editor's parts with `draft` loaded into a fresh container, alone on the page, the
/// browser's storage empty; returns the container once the effects have run.
async fn mount(draft: &str) -> HtmlElement {
    // A check the test before asked for runs first: the workbench lives as long as the page, so
    // its pending check does not outlive it there.
    sleep(PAUSE.as_millis() as i32 + 50).await;
    MOUNTED.with(|mounted| drop(mounted.borrow_mut().take()));
    let document = document();
    let body = document.body().unwrap();
    while let Some(old) = body.query_selector("body > div[data-test-editor]").unwrap() {
        old.remove();
    }
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    container.set_attribute("data-test-editor", "").unwrap();
    body.append_child(&container).unwrap();
    let mounted = mount_editor(container.clone(), draft);
    MOUNTED.with(|slot| *slot.borrow_mut() = Some(mounted));
    settle().await;
    container
}

fn all(root: &HtmlElement, selector: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn one(root: &HtmlElement, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into()
}

fn field(root: &HtmlElement) -> HtmlTextAreaElement {
    one(root, "textarea#wb-field").unchecked_into()
}

async fn sleep(ms: i32) {
    let pause = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(pause).await;
}

/// Lets Leptos run the effects a change scheduled.
async fn settle() {
    leptos::task::tick().await;
    sleep(20).await;
    leptos::task::tick().await;
}

/// Waits out the pause after typing, so that the draft has been checked.
async fn checked() {
    sleep(PAUSE.as_millis() as i32 + 50).await;
    settle().await;
}

/// A DOM event made by its constructor (`KeyboardEvent`, `InputEvent`) with `init`'s members.
fn event(constructor: &str, kind: &str, init: &[(&str, JsValue)]) -> web_sys::Event {
    let window = web_sys::window().unwrap();
    let constructor: js_sys::Function = js_sys::Reflect::get(&window, &constructor.into())
        .unwrap()
        .unchecked_into();
    let dict = js_sys::Object::new();
    for (name, value) in [("bubbles", JsValue::TRUE), ("cancelable", JsValue::TRUE)]
        .into_iter()
        .chain(init.iter().map(|(n, v)| (*n, v.clone())))
    {
        js_sys::Reflect::set(&dict, &name.into(), &value).unwrap();
    }
    let args = js_sys::Array::of2(&kind.into(), &dict);
    js_sys::Reflect::construct(&constructor, &args)
        .unwrap()
        .unchecked_into()
}

/// The field's text becomes `text`, the caret after `caret` bytes, as an input of `input_type`
/// with `data` leaves it (the event the browser fires for it).
async fn type_into(
    field: &HtmlTextAreaElement,
    text: &str,
    caret: usize,
    input_type: &str,
    data: Option<&str>,
) {
    field.focus().unwrap();
    field.set_value(text);
    let at = utf16(&text[..caret]);
    field.set_selection_range(at, at).unwrap();
    let data = data.map_or(JsValue::NULL, JsValue::from_str);
    let input = event(
        "InputEvent",
        "input",
        &[("inputType", input_type.into()), ("data", data)],
    );
    field.dispatch_event(&input).unwrap();
    settle().await;
}

/// Replaces the whole text, as a paste does.
async fn paste(field: &HtmlTextAreaElement, text: &str) {
    type_into(field, text, text.len(), "insertFromPaste", None).await;
}

/// A key pressed in the field (`key` as `KeyboardEvent.key` names it); whether the page took it.
async fn press(field: &HtmlTextAreaElement, key: &str, code: &str, ctrl: bool) -> bool {
    let down = event(
        "KeyboardEvent",
        "keydown",
        &[
            ("key", key.into()),
            ("code", code.into()),
            ("ctrlKey", ctrl.into()),
        ],
    );
    let not_taken = field.dispatch_event(&down).unwrap();
    settle().await;
    !not_taken
}

fn utf16(text: &str) -> u32 {
    text.encode_utf16().count() as u32
}

/// The UTF-16 offset (what `selectionStart` counts) of 1-based `line` and `column` (characters)
/// of `text`.
fn offset_of(text: &str, line: usize, column: usize) -> u32 {
    let mut offset = 0;
    for (n, content) in text.split('\n').enumerate() {
        if n + 1 == line {
            let before: String = content.chars().take(column - 1).collect();
            return offset + utf16(&before);
        }
        offset += utf16(content) + 1;
    }
    panic!("no line {line} in the text")
}

/// The 1-based line of `text` that holds `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} is in the text"));
    text[..at].matches('\n').count() + 1
}

/// `text` with `from` (which it holds once) replaced by `to`.
fn edited(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from} once in the text");
    text.replacen(from, to, 1)
}

/// The gutter's numbers, and the numbers it marks.
fn gutter(root: &HtmlElement) -> (Vec<usize>, Vec<usize>) {
    let numbers = |selector: &str| {
        all(root, selector)
            .iter()
            .map(|span| span.text_content().unwrap().parse::<usize>().unwrap())
            .collect::<Vec<_>>()
    };
    (
        numbers(".wb-gutter > span"),
        numbers(".wb-gutter > span.marked"),
    )
}

fn lines(text: &str) -> Vec<usize> {
    (1..=text.matches('\n').count() + 1).collect()
}

/// The lines `locate::check` finds problems on.
fn problem_lines(text: &str) -> Vec<usize> {
    let mut lines: Vec<usize> = check(text).problems.iter().map(|p| p.line).collect();
    lines.dedup();
    lines
}

#[wasm_bindgen_test]
async fn the_gutter_numbers_every_line_and_marks_the_lines_with_problems() {
    let root = mount(MINIMAL).await;
    assert!(check(MINIMAL).problems.is_empty(), "the fixture is valid");
    assert_eq!(field(&root).value(), MINIMAL, "the draft is in the field");
    assert_eq!(gutter(&root), (lines(MINIMAL), vec![]));

    // An edge to a node the diagram does not have, two lines more above it.
    let unknown = edited(MINIMAL, "\"to\": \"db\"", "\"to\": \"nowhere\"");
    let unknown = edited(&unknown, "\"lang\": \"en\"", "\"lang\": \"en\"\n\n");
    let line = line_of(&unknown, "\"to\": \"nowhere\"");
    assert_eq!(problem_lines(&unknown), [line]);
    paste(&field(&root), &unknown).await;
    assert_eq!(
        gutter(&root).0,
        lines(&unknown),
        "the numbers follow the text at once"
    );
    checked().await;
    assert_eq!(gutter(&root), (lines(&unknown), vec![line]));

    // A comma missing: the parser's line is marked instead.
    let broken = edited(&unknown, "\"label\": \"SQS\",", "\"label\": \"SQS\"");
    let parse_error = problem_lines(&broken);
    assert_eq!(parse_error.len(), 1);
    assert_ne!(parse_error, [line]);
    paste(&field(&root), &broken).await;
    checked().await;
    assert_eq!(gutter(&root), (lines(&broken), parse_error));

    // Fixed: nothing marked.
    paste(&field(&root), MINIMAL).await;
    checked().await;
    assert_eq!(gutter(&root), (lines(MINIMAL), vec![]));
}

#[wasm_bindgen_test]
async fn each_problem_is_listed_and_choosing_one_puts_the_caret_on_it() {
    // Both ends of the edge name nodes that are not there: two problems, after the title's `·`
    // (one UTF-16 unit, two bytes), so a caret counted in bytes would be off.
    let draft = edited(MINIMAL, "\"from\": \"queue\"", "\"from\": \"elsewhere\"");
    let draft = edited(&draft, "\"to\": \"db\"", "\"to\": \"nowhere\"");
    let expected = check(&draft).problems;
    assert_eq!(expected.len(), 2);
    let root = mount(&draft).await;
    let buttons = all(&root, "ol.wb-problems button.wb-problem");
    assert_eq!(buttons.len(), expected.len());
    for (button, problem) in buttons.iter().zip(&expected) {
        assert_eq!(
            one(button, ".wb-at").text_content().unwrap(),
            format!("Line {}, column {}", problem.line, problem.column)
        );
        assert!(!problem.path.is_empty());
        assert_eq!(one(button, "code").text_content().unwrap(), problem.path);
        let text = button.text_content().unwrap();
        assert!(text.contains(&problem.message), "{text:?}");
    }
    assert_eq!(expected[1].line, line_of(&draft, "\"to\": \"nowhere\""));
    let field = field(&root);
    for (button, problem) in buttons.iter().zip(&expected).rev() {
        button.click();
        settle().await;
        let caret = offset_of(&draft, problem.line, problem.column);
        assert_eq!(field.selection_start().unwrap(), Some(caret));
        assert_eq!(field.selection_end().unwrap(), Some(caret));
        let active = document().active_element().unwrap();
        assert_eq!(active.id(), "wb-field", "the field has the focus");
    }

    // A draft that does not parse: its one problem, the parser's, follows the text as typed.
    let broken = edited(&draft, "\"label\": \"SQS\",", "\"label\": \"SQS\"");
    paste(&field, &broken).await;
    checked().await;
    let expected = check(&broken).problems;
    let buttons = all(&root, "ol.wb-problems button.wb-problem");
    assert_eq!((buttons.len(), expected.len()), (1, 1));
    assert_eq!(
        one(&buttons[0], ".wb-at").text_content().unwrap(),
        format!("Line {}, column {}", expected[0].line, expected[0].column)
    );
    let path = buttons[0].query_selector("code").unwrap();
    assert_eq!(
        path.and_then(|code| code.text_content())
            .unwrap_or_default(),
        expected[0].path,
        "the parser's path, if it names one"
    );
    buttons[0].click();
    settle().await;
    assert_eq!(
        field.selection_start().unwrap(),
        Some(offset_of(&broken, expected[0].line, expected[0].column))
    );
}

/// The list's options, as their labels.
fn options(root: &HtmlElement) -> Vec<String> {
    all(root, "#wb-completions > [role=option] .wb-candidate")
        .iter()
        .map(|option| option.text_content().unwrap())
        .collect()
}

fn list(root: &HtmlElement) -> HtmlElement {
    one(root, "ul#wb-completions[role=listbox]")
}

/// The option the field names active, checked to be the one option marked selected.
fn active_option(root: &HtmlElement, field: &HtmlTextAreaElement) -> String {
    let id = field
        .get_attribute("aria-activedescendant")
        .expect("the field names the active option");
    let option = one(root, &format!("#{id}"));
    assert_eq!(option.get_attribute("role").as_deref(), Some("option"));
    let selected: Vec<String> = all(root, "[role=option][aria-selected=true]")
        .iter()
        .map(|o| o.id())
        .collect();
    assert_eq!(selected, [id]);
    one(&option, ".wb-candidate").text_content().unwrap()
}

#[wasm_bindgen_test]
async fn ctrl_space_in_an_edges_from_lists_the_node_ids() {
    let root = mount(MINIMAL).await;
    let field = field(&root);
    assert!(list(&root).hidden(), "no list before it is asked for");
    assert!(field.get_attribute("aria-activedescendant").is_none());
    // The caret inside `"from": "queue"`, before the q.
    let caret = MINIMAL.find("\"from\": \"").unwrap() + "\"from\": \"".len();
    let at = utf16(&MINIMAL[..caret]);
    field.focus().unwrap();
    field.set_selection_range(at, at).unwrap();

    assert!(
        press(&field, " ", "Space", true).await,
        "Ctrl+Space is taken"
    );
    assert!(!list(&root).hidden());
    assert_eq!(options(&root), ["queue", "db"]);
    assert_eq!(active_option(&root, &field), "queue");
    assert!(press(&field, "ArrowDown", "ArrowDown", false).await);
    assert_eq!(active_option(&root, &field), "db");
    assert!(press(&field, "ArrowDown", "ArrowDown", false).await);
    assert_eq!(active_option(&root, &field), "queue", "it wraps round");
    assert!(press(&field, "ArrowUp", "ArrowUp", false).await);
    assert_eq!(active_option(&root, &field), "db");

    assert!(press(&field, "Escape", "Escape", false).await);
    assert!(list(&root).hidden());
    assert!(field.get_attribute("aria-activedescendant").is_none());
    assert_eq!(field.value(), MINIMAL, "Escape writes nothing");
    assert!(
        !press(&field, "ArrowDown", "ArrowDown", false).await,
        "a closed list leaves the arrows to the field"
    );

    assert!(press(&field, " ", "Space", true).await);
    assert!(press(&field, "ArrowDown", "ArrowDown", false).await);
    assert!(press(&field, "Enter", "Enter", false).await);
    assert!(list(&root).hidden());
    let chosen = edited(MINIMAL, "\"from\": \"queue\"", "\"from\": \"db\"");
    assert_eq!(field.value(), chosen, "the choice replaced the id");
    let after = utf16(&chosen[..caret + "db".len()]);
    assert_eq!(field.selection_start().unwrap(), Some(after));
}

#[wasm_bindgen_test]
async fn a_quote_typed_where_a_node_id_goes_opens_the_list_free_text_does_not() {
    // A scenario's step, whose caption is free text.
    let draft = edited(
        MINIMAL,
        "\"kind\": \"async\"\n          }\n        ]",
        concat!(
            "\"kind\": \"async\"\n          }\n        ],\n        \"scenarios\": [\n",
            "          {\n            \"id\": \"order\",\n            \"title\": \"An order\",\n",
            "            \"steps\": [\n              {\n                \"from\": \"queue\",\n",
            "                \"to\": \"db\",\n                \"caption\": \"Written\"\n",
            "              }\n            ]\n          }\n        ]",
        ),
    );
    assert!(check(&draft).problems.is_empty(), "the draft is valid");
    let root = mount(&draft).await;
    let field = field(&root);

    // A letter typed in the caption: nothing completes there.
    let caption = draft.find("\"Written\"").unwrap() + "\"Written".len();
    let typed = format!("{}s{}", &draft[..caption], &draft[caption..]);
    type_into(&field, &typed, caption + 1, "insertText", Some("s")).await;
    assert!(list(&root).hidden(), "free text opens no list");
    assert!(field.get_attribute("aria-activedescendant").is_none());

    // The edge's `to` emptied, then its opening quote typed.
    let emptied = edited(
        &typed,
        "\"to\": \"db\",\n            \"label\"",
        "\"to\": ,\n            \"label\"",
    );
    let quote = emptied.find("\"to\": ,").unwrap() + "\"to\": ".len();
    type_into(&field, &emptied, quote, "deleteContentBackward", None).await;
    assert!(list(&root).hidden(), "a deletion opens no list");
    let quoted = format!("{}\"{}", &emptied[..quote], &emptied[quote..]);
    type_into(&field, &quoted, quote + 1, "insertText", Some("\"")).await;
    assert!(!list(&root).hidden(), "the quote opened the list");
    assert_eq!(options(&root), ["queue", "db"]);
    assert_eq!(active_option(&root, &field), "queue");
    assert!(press(&field, "Enter", "Enter", false).await);
    assert!(list(&root).hidden());
    assert_eq!(
        field.value(),
        format!("{}\"queue\"{}", &emptied[..quote], &emptied[quote..]),
        "the choice closed the string"
    );
}

#[wasm_bindgen_test]
async fn the_stale_note_shows_while_the_text_does_not_parse() {
    let root = mount(MINIMAL).await;
    let field = field(&root);
    assert!(root.query_selector(".wb-stale").unwrap().is_none());
    assert!(root.query_selector("p.wb-ok").unwrap().is_some());

    let broken = MINIMAL.trim_end().trim_end_matches('}');
    paste(&field, broken).await;
    checked().await;
    let note = one(&root, "p.wb-stale[role=status]");
    assert!(!note.text_content().unwrap().trim().is_empty());
    assert!(root.query_selector("p.wb-ok").unwrap().is_none());

    // A draft that parses with a broken rule previews: no note.
    let unknown = edited(MINIMAL, "\"to\": \"db\"", "\"to\": \"nowhere\"");
    paste(&field, &unknown).await;
    checked().await;
    assert!(root.query_selector(".wb-stale").unwrap().is_none());

    paste(&field, broken).await;
    checked().await;
    assert!(root.query_selector(".wb-stale").unwrap().is_some());
    paste(&field, MINIMAL).await;
    checked().await;
    assert!(root.query_selector(".wb-stale").unwrap().is_none());
    assert!(root.query_selector("p.wb-ok").unwrap().is_some());
}
