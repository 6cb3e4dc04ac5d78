//! End-to-end: the owner's workbench, `edit/` (issue 26), on the release build of the rich
//! fixture, in Chromium, Firefox ESR and WebKitGTK. A typo named at its line and column and its
//! fix previewed; the downloaded file equal to the text; a shared link opened in another
//! browser; the draft kept across a reload; hostile links refused or rendered inertly; the page
//! under a sub-path.

use crate::support;

use fantoccini::Locator;
use portfolio::parse::{parse_profile, ParseError};
use portfolio_workbench::text::draft_link::{encode_draft, MAX_DRAFT_BYTES};
use serde_json::{json, Value};
use support::{Browser, Options, Server};

const MINIMAL: &str = include_str!("../fixtures/minimal.json");

/// The workbench's own words (its defaults file), as the page shows them.
fn workbench_words() -> Value {
    serde_json::from_str(include_str!("../../workbench/src/ui/words.json")).unwrap()
}

/// The preview has rendered a profile.
const PREVIEW: &str = "#wb-preview main[data-state=\"ready\"]";

/// Opens `edit/` of the rich site (with `fragment`, e.g. `#d1.…`) in a browser of `options`.
async fn open(server: &Server, fragment: &str, options: Options) -> Browser {
    let browser = Browser::start_with(1280, 900, options).await;
    browser
        .client
        .goto(&format!("{}edit/{fragment}", server.base))
        .await
        .unwrap();
    browser.wait_for("#wb-field", 20).await;
    browser
}

async fn run(browser: &Browser, script: &str, args: Vec<Value>) -> Value {
    browser.client.execute(script, args).await.unwrap()
}

/// Puts `text` in the field as typing would (an input event).
async fn set_text(browser: &Browser, text: &str) {
    let script = "const f = document.getElementById('wb-field'); f.value = arguments[0];
        f.dispatchEvent(new Event('input', { bubbles: true }));";
    run(browser, script, vec![json!(text)]).await;
}

async fn field_text(browser: &Browser) -> String {
    let value = run(
        browser,
        "return document.getElementById('wb-field').value",
        vec![],
    )
    .await;
    value.as_str().unwrap_or_default().to_string()
}

/// The problems listed, as `[line, column]` pairs.
async fn problems(browser: &Browser) -> Value {
    run(
        browser,
        "return [...document.querySelectorAll('.wb-problem')]
            .map(b => [Number(b.dataset.line), Number(b.dataset.column)])",
        vec![],
    )
    .await
}

/// Starts from the minimal example and waits for its preview.
/// The workbench of the rich site, started again from the minimal example and previewed (the
/// server must live as long as the browser uses it).
async fn open_minimal() -> (Server, Browser) {
    let server = Server::start("/");
    let browser = open(&server, "", Options::default()).await;
    browser.wait_for(PREVIEW, 20).await;
    start_from_minimal(&browser).await;
    (server, browser)
}

async fn start_from_minimal(browser: &Browser) {
    click(browser, "#wb-from-minimal").await;
    wait_until(browser, PREVIEW_HAS_ADA, "the minimal example is previewed").await;
}

const PREVIEW_HAS_ADA: &str = "const p = document.getElementById('wb-preview');
    return !!p && !!p.querySelector('main') && p.textContent.includes('Ada Example')";

/// Puts the caret at the first edge's `"from"` of the draft, inside a project's diagram, as a
/// key moving it there would (the workbench reads the caret on `keyup`): its forms show.
async fn caret_in_a_diagram(browser: &Browser) {
    let script = "const f = document.getElementById('wb-field'); f.focus();
        const at = f.value.indexOf('\"from\": \"'); f.setSelectionRange(at, at);
        f.dispatchEvent(new KeyboardEvent('keyup', { key: 'ArrowDown', bubbles: true }));";
    run(browser, script, vec![]).await;
}

/// Puts the caret at the first `needle` of the draft, as a key moving it there would.
async fn put_caret_at(browser: &Browser, needle: &str) {
    let script = "const f = document.getElementById('wb-field'); f.focus();
        const at = Math.max(0, f.value.indexOf(arguments[0])); f.setSelectionRange(at, at);
        f.dispatchEvent(new KeyboardEvent('keyup', { key: 'ArrowDown', bubbles: true }));";
    run(browser, script, vec![json!(needle)]).await;
}

/// Sets the form controls `[id, value]` (a checkbox's value `true` or `false`) as choosing or
/// typing would.
async fn fill_in(browser: &Browser, controls: Value) {
    let script = "for (const [id, value] of arguments[0]) {
            const c = document.getElementById(id);
            if (c.type === 'checkbox') { c.checked = value; }
            else { c.value = value; }
            const kind = c.tagName === 'SELECT' || c.type === 'checkbox' ? 'change' : 'input';
            c.dispatchEvent(new Event(kind, { bubbles: true }));
         }";
    run(browser, script, vec![controls]).await;
}

/// The captions of the steps of the player in the large view, in its order.
const VIEW_STEPS: &str = "return [...document.querySelectorAll('.wb-view ol.steps button')]
    .map(b => b.textContent.trim())";

async fn wait_until(browser: &Browser, script: &str, what: &str) {
    browser.script_becomes(script, json!(true), what).await;
}

async fn click(browser: &Browser, css: &str) {
    browser
        .client
        .find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Clicks the download button `button` and returns the file the browser was handed: its text
/// (the Blob behind the link clicked) and its name.
async fn download(browser: &Browser, button: &str) -> (String, String) {
    run(
        browser,
        "window.__saved = null; const make = URL.createObjectURL;
         URL.createObjectURL = b => { window.__saved = b; return make(b); };
         const click = HTMLAnchorElement.prototype.click;
         HTMLAnchorElement.prototype.click = function () {
             window.__name = this.download; return click.call(this);
         };",
        vec![],
    )
    .await;
    click(browser, button).await;
    let saved = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const wait = () =>
                 window.__saved ? window.__saved.text().then(done) : setTimeout(wait, 20);
             wait();",
            vec![],
        )
        .await
        .unwrap();
    let name = run(browser, "return window.__name", vec![]).await;
    (
        saved.as_str().unwrap_or_default().to_string(),
        name.as_str().unwrap_or_default().to_string(),
    )
}

/// Runs `select` (a script that focuses the field and sets its selection) and returns the
/// field, for keys sent to it.
async fn select_in_field(browser: &Browser, select: &str) -> fantoccini::elements::Element {
    run(browser, select, vec![]).await;
    browser
        .client
        .find(Locator::Css("#wb-field"))
        .await
        .unwrap()
}

/// Waits for the completion list to be open, or closed.
async fn completion_list(browser: &Browser, open: bool, what: &str) {
    let script = format!(
        "return document.getElementById('wb-completions').hidden === {}",
        !open
    );
    wait_until(browser, &script, what).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_typo_is_named_at_its_line_and_column_and_fixing_it_updates_the_preview() {
    let (_server, browser) = open_minimal().await;
    // A comma left out: named where it is missing, just after the value it should follow (the
    // parser names the next line's first token).
    let role = "\"role\": \"Backend Engineer\"";
    let typo = MINIMAL.replacen(&format!("{role},"), role, 1);
    let Err(ParseError::Json { line: next, .. }) = parse_profile(&typo) else {
        panic!("the typo does not parse");
    };
    let end = typo.find(role).unwrap() + role.len();
    let line = typo[..end].matches('\n').count() + 1;
    let column = typo[..end].rsplit('\n').next().unwrap().chars().count() + 1;
    assert_eq!(next, line + 1, "the parser names the next line");
    set_text(&browser, &typo).await;
    let expected = json!([[line, column]]);
    browser
        .script_becomes(
            "return [...document.querySelectorAll('.wb-problem')]
                .map(b => [Number(b.dataset.line), Number(b.dataset.column)])",
            expected,
            "the typo's problem at its line and column",
        )
        .await;
    let marked = run(
        &browser,
        "return [...document.querySelectorAll('.wb-gutter .marked')]
            .map(s => Number(s.textContent))",
        vec![],
    )
    .await;
    assert_eq!(marked, json!([line]), "the gutter marks the line");
    wait_until(
        &browser,
        "return document.querySelector('.wb-preview').hasAttribute('data-stale')",
        "the last good preview is kept, marked stale",
    )
    .await;
    // Choosing the problem puts the caret on it.
    click(&browser, ".wb-problem").await;
    let caret = run(
        &browser,
        "const f = document.activeElement;
         return [f.id, f.value.slice(0, f.selectionStart).split('\\n').length]",
        vec![],
    )
    .await;
    assert_eq!(caret, json!(["wb-field", line]));
    // Fixed, and changed: the preview follows.
    let fixed = MINIMAL.replacen(
        "\"role\": \"Backend Engineer\"",
        "\"role\": \"Queue Engineer\"",
        1,
    );
    set_text(&browser, &fixed).await;
    wait_until(
        &browser,
        "const p = document.getElementById('wb-preview');
         return document.querySelectorAll('.wb-problem').length === 0
            && !document.querySelector('.wb-preview').hasAttribute('data-stale')
            && p.textContent.includes('Queue Engineer')",
        "the fixed draft is previewed",
    )
    .await;
    // Typed at the keyboard: a stray character at the end, then taken back.
    let field = browser
        .client
        .find(Locator::Css("#wb-field"))
        .await
        .unwrap();
    run(
        &browser,
        "const f = document.getElementById('wb-field'); f.focus();
         f.setSelectionRange(f.value.length, f.value.length);",
        vec![],
    )
    .await;
    field.send_keys("x").await.unwrap();
    // The problem is on the line the character is on.
    browser
        .script_becomes(
            "const v = document.getElementById('wb-field').value;
             const line = v.slice(0, v.lastIndexOf('x')).split('\\n').length;
             const listed = [...document.querySelectorAll('.wb-problem')]
                .map(b => Number(b.dataset.line));
             return v.trimEnd().endsWith('x') && listed.length === 1 && listed[0] === line",
            json!(true),
            "a character typed after the profile",
        )
        .await;
    field.send_keys("\u{E003}").await.unwrap();
    wait_until(
        &browser,
        "return document.querySelectorAll('.wb-problem').length === 0",
        "the character taken back",
    )
    .await;
    assert_eq!(problems(&browser).await, json!([]));
    assert_eq!(browser.console_errors().await, Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_downloaded_file_is_the_text() {
    let server = Server::start("/");
    let browser = open(&server, "", Options::default()).await;
    browser.wait_for(PREVIEW, 20).await;
    let edited = MINIMAL.replacen(
        "\"name\": \"Ada Example\"",
        "\"name\": \"Ada Downloaded\"",
        1,
    );
    set_text(&browser, &edited).await;
    wait_until(
        &browser,
        "return document.getElementById('wb-preview').textContent.includes('Ada Downloaded')",
        "previewed",
    )
    .await;
    // The file the browser is handed: the Blob behind the link clicked.
    let (saved, _) = download(&browser, "#wb-download").await;
    assert_eq!(saved, edited);
    assert_eq!(field_text(&browser).await, edited);
    // A draft with a problem asks first: declined, nothing is saved; accepted, the text is.
    let typo = edited.replacen("\"schemaVersion\": 1,", "\"schemaVersion\": 1", 1);
    set_text(&browser, &typo).await;
    wait_until(
        &browser,
        "return document.querySelectorAll('.wb-problem').length === 1",
        "the problem listed",
    )
    .await;
    for (answer, expected) in [(false, Value::Null), (true, json!(typo))] {
        let ask = format!(
            "window.__saved = null; window.__asked = null;
             window.confirm = q => {{ window.__asked = q; return {answer}; }};"
        );
        run(&browser, &ask, vec![]).await;
        click(&browser, "#wb-download").await;
        let saved = browser
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 setTimeout(() =>
                     window.__saved ? window.__saved.text().then(done) : done(null), 300);",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(saved, expected, "confirm answered {answer}");
        let asked = run(&browser, "return window.__asked", vec![]).await;
        assert!(asked.as_str().is_some_and(|q| q.contains('1')), "{asked}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_shared_link_opens_the_same_draft_in_another_browser() {
    let server = Server::start("/");
    let browser = open(&server, "", Options::default()).await;
    browser.wait_for(PREVIEW, 20).await;
    let edited = MINIMAL.replacen("\"name\": \"Ada Example\"", "\"name\": \"Grace Shared\"", 1);
    set_text(&browser, &edited).await;
    wait_until(
        &browser,
        "return document.getElementById('wb-preview').textContent.includes('Grace Shared')",
        "previewed",
    )
    .await;
    click(&browser, "#wb-copy-link").await;
    let link = browser
        .wait_for("#wb-link", 5)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    let fragment = link
        .split_once('#')
        .expect("the draft is in the fragment")
        .1
        .to_string();
    assert_eq!(
        Some(fragment.as_str()),
        encode_draft(&edited).ok().as_deref()
    );
    // Another browser (its own profile) at another origin (its own storage).
    let elsewhere = Server::start("/");
    let other = open(
        &elsewhere,
        &format!("#{fragment}"),
        Options {
            reduced_motion: true,
            no_scripts: false,
        },
    )
    .await;
    wait_until(
        &other,
        "return document.getElementById('wb-preview').textContent.includes('Grace Shared')",
        "the shared draft is previewed",
    )
    .await;
    assert_eq!(field_text(&other).await, edited);
    let url = other.client.current_url().await.unwrap();
    assert_eq!(
        url.fragment(),
        None,
        "the draft leaves the address once read"
    );
    assert_eq!(other.console_errors().await, Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reload_restores_the_draft_and_discard_starts_again() {
    let server = Server::start("/");
    let browser = open(&server, "", Options::default()).await;
    browser.wait_for(PREVIEW, 20).await;
    let site = field_text(&browser).await;
    let edited = MINIMAL.replacen("\"name\": \"Ada Example\"", "\"name\": \"Ada Kept\"", 1);
    set_text(&browser, &edited).await;
    wait_until(
        &browser,
        "return document.getElementById('wb-preview').textContent.includes('Ada Kept')",
        "previewed",
    )
    .await;
    browser.client.refresh().await.unwrap();
    browser.wait_for("#wb-field", 20).await;
    wait_until(
        &browser,
        "return document.getElementById('wb-preview').textContent.includes('Ada Kept')",
        "the kept draft is previewed",
    )
    .await;
    assert_eq!(field_text(&browser).await, edited);
    click(&browser, ".wb-notice button").await;
    browser
        .script_becomes(
            "return document.getElementById('wb-field').value",
            json!(site),
            "Discard: the site's profile again",
        )
        .await;
}

/// A draft that parses but breaks a rule is previewed as the site shows such a profile: every
/// valid part drawn, the broken diagram replaced by its problem, and the problem listed at its
/// place in the text; the preview is not stale.
#[tokio::test(flavor = "multi_thread")]
async fn a_draft_that_breaks_a_rule_previews_everything_valid_and_names_the_broken_part() {
    let (_server, browser) = open_minimal().await;
    let broken = MINIMAL.replacen("\"to\": \"db\"", "\"to\": \"nowhere\"", 1);
    assert_ne!(broken, MINIMAL, "the fixture's edge to db");
    set_text(&browser, &broken).await;
    wait_until(
        &browser,
        "const e = document.querySelector('#wb-preview .diagram-error');
         return !!e && e.textContent.includes('nowhere')",
        "the broken diagram replaced by its problem",
    )
    .await;
    let shown = run(
        &browser,
        "const p = document.getElementById('wb-preview');
         return [p.querySelector('h1').textContent, p.querySelectorAll('article[id]').length,
                 document.querySelector('.wb-preview').hasAttribute('data-stale'),
                 [...document.querySelectorAll('.wb-problem code')].map(c => c.textContent)]",
        vec![],
    )
    .await;
    assert!(
        shown[0].as_str().unwrap().contains("Ada Example"),
        "{shown}"
    );
    assert!(
        shown[1].as_u64().unwrap() > 0,
        "the cards still drawn: {shown}"
    );
    assert_eq!(shown[2], json!(false), "not stale: the draft parsed");
    assert!(
        shown[3]
            .as_array()
            .unwrap()
            .iter()
            .any(|path| path.as_str().unwrap().ends_with(".to")),
        "the problem listed at the edge's `to`: {shown}"
    );
}

/// A draft that has never parsed since the page opened (here a link's) says that nothing is
/// previewed yet, not that the preview is of an older draft; once it parses, its page is there.
#[tokio::test(flavor = "multi_thread")]
async fn a_draft_that_never_parsed_says_nothing_is_previewed_yet() {
    let words = workbench_words();
    let server = Server::start("/");
    let broken = MINIMAL.replacen("\"schemaVersion\": 1,", "\"schemaVersion\": 1", 1);
    let fragment = encode_draft(&broken).unwrap();
    let browser = open(&server, &format!("#{fragment}"), Options::default()).await;
    browser
        .script_becomes(
            STALE_NOTE,
            words["nothingPreviewed"].clone(),
            "the note says nothing is previewed yet",
        )
        .await;
    assert_eq!(
        previewed_pages(&browser).await,
        json!(0),
        "nothing previewed"
    );
    set_text(&browser, MINIMAL).await;
    wait_until(
        &browser,
        PREVIEW_HAS_ADA,
        "the draft fixed, its page previewed",
    )
    .await;
    set_text(&browser, &broken).await;
    browser
        .script_becomes(
            STALE_NOTE,
            words["stale"].clone(),
            "broken again: the preview is of the last draft that parsed",
        )
        .await;
}

/// The text of the note over the preview that says what it shows (none: null).
const STALE_NOTE: &str = "const n = document.querySelector('.wb-stale'); return n && n.textContent";

/// How many pages the preview holds (none until a draft has parsed).
async fn previewed_pages(browser: &Browser) -> Value {
    run(
        browser,
        "return document.querySelectorAll('#wb-preview main').length",
        vec![],
    )
    .await
}

/// Counts what a hostile draft must never make in the preview: an element that runs or loads
/// something, and a link whose `href` is not of the page's safe kinds.
const UNSAFE_IN_PREVIEW: &str = "const inside = (css) => [...document.querySelectorAll(
        css.split(', ').map((c) => `#wb-preview ${c}`).join(', '))];
    return inside('script, iframe, img, object, embed').length
        + inside('a[href]').filter((a) =>
            !/^(https?:|mailto:|tel:|#|\\.|\\/)/i.test(a.getAttribute('href'))).length";

#[tokio::test(flavor = "multi_thread")]
async fn a_hostile_link_is_refused_or_rendered_inertly() {
    let server = Server::start("/");
    // A fragment that does not decode: said, nothing opened.
    let browser = open(&server, "#d1.not*base64", Options::default()).await;
    wait_until(
        &browser,
        "const n = document.querySelector('.wb-notice'); return !!n && n.textContent.length > 0",
        "the notice",
    )
    .await;
    assert_eq!(field_text(&browser).await, "");
    assert_eq!(
        previewed_pages(&browser).await,
        json!(0),
        "nothing previewed"
    );
    // The hostile corpus's markup cases, as links: shown as text, never as elements.
    let corpus = support::corpus::cases(std::path::Path::new(env!("CARGO_MANIFEST_DIR")));
    let cases: Vec<_> = corpus
        .into_iter()
        .filter(|c| c.name.starts_with("html-") || c.name.contains("href"))
        .collect();
    assert!(cases.len() >= 5, "{}", cases.len());
    for case in cases {
        let fragment = encode_draft(&case.text()).unwrap();
        browser
            .client
            .goto(&format!("{}edit/#{fragment}", server.base))
            .await
            .unwrap();
        browser.client.refresh().await.unwrap();
        wait_until(
            &browser,
            "return document.querySelectorAll('#wb-preview main, .wb-problem').length > 0",
            &format!("{}: previewed or named", case.name),
        )
        .await;
        let unsafe_elements = run(&browser, UNSAFE_IN_PREVIEW, vec![]).await;
        assert_eq!(unsafe_elements, json!(0), "{}", case.name);
        assert_eq!(
            browser.console_errors().await,
            Vec::<String>::new(),
            "{}",
            case.name
        );
    }
    // The same cases typed into the field (a draft pasted from somewhere): the same.
    for case in support::corpus::cases(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
        .into_iter()
        .filter(|c| c.name.starts_with("html-") || c.name.contains("href"))
    {
        // A draft of another name first, so that the case's own preview (or its problems)
        // can be told from it.
        set_text(&browser, &MINIMAL.replace("Ada Example", "Marker Zed")).await;
        wait_until(
            &browser,
            "return document.getElementById('wb-preview').textContent.includes('Marker Zed')",
            "the marker draft previewed",
        )
        .await;
        set_text(&browser, &case.text()).await;
        wait_until(
            &browser,
            "return !document.getElementById('wb-preview').textContent.includes('Marker Zed')
                || document.querySelectorAll('.wb-problem').length > 0",
            &format!("{}, typed: previewed or named", case.name),
        )
        .await;
        let unsafe_elements = run(&browser, UNSAFE_IN_PREVIEW, vec![]).await;
        assert_eq!(unsafe_elements, json!(0), "{}, typed", case.name);
    }
    // Over the size limit: said, not read.
    let huge = format!(
        "{}{}",
        &MINIMAL[..MINIMAL.len() - 2],
        " ".repeat(1 << 20) + "}\n"
    );
    set_text(&browser, &huge).await;
    wait_until(
        &browser,
        "return !!document.querySelector('.wb-warning[role=alert]')",
        "the size limit is said",
    )
    .await;
}

/// The site's footer links to the workbench in the profile's words, and the workbench opens
/// from it; the preview, the page itself, has no such link (from `edit/` it would lead to
/// `edit/edit/`). Under a sub-path, where a link from the root would be wrong.
#[tokio::test(flavor = "multi_thread")]
async fn the_sites_footer_leads_to_the_workbench() {
    let Some(dir) = std::env::var_os("PORTFOLIO_SUBPATH_DIST") else {
        panic!("PORTFOLIO_SUBPATH_DIST is not set: run `cargo xtask test`");
    };
    let rich = parse_profile(include_str!("../fixtures/rich.json")).unwrap();
    let words = rich
        .site
        .make_your_own
        .expect("rich.json asks for the link");
    let server = Server::serve(dir.into(), "/portfolio/");
    let browser = Browser::start_with(1280, 900, Options::default()).await;
    browser.client.goto(&server.base).await.unwrap();
    let link = browser.wait_for("footer.site-footer a", 20).await;
    assert_eq!(link.text().await.unwrap().trim(), words);
    link.click().await.unwrap();
    browser.wait_for("#wb-field", 20).await;
    let url = browser.client.current_url().await.unwrap();
    assert!(url.path().ends_with("/portfolio/edit/"), "{url}");
    browser.wait_for(PREVIEW, 20).await;
    let in_preview = "return document.querySelectorAll('#wb-preview footer.site-footer a').length";
    assert_eq!(run(&browser, in_preview, vec![]).await, json!(0));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_workbench_works_under_a_sub_path() {
    let Some(dir) = std::env::var_os("PORTFOLIO_SUBPATH_DIST") else {
        panic!("PORTFOLIO_SUBPATH_DIST is not set: run `cargo xtask test`");
    };
    let server = Server::serve(dir.into(), "/portfolio/");
    let browser = open(&server, "", Options::default()).await;
    browser.wait_for(PREVIEW, 20).await;
    assert!(field_text(&browser).await.contains("\"schemaVersion\""));
    assert_eq!(browser.console_errors().await, Vec::<String>::new());
}

// One test per width, as in accessibility.rs: they run side by side. Chromium checks
// both widths; Firefox the laptop's and WebKit the phone's (axe takes seconds a state there).
#[tokio::test(flavor = "multi_thread")]
async fn the_workbench_passes_axe_in_both_themes_on_a_laptop() {
    if support::Engine::runs(
        &[support::Engine::Chromium, support::Engine::Firefox],
        "WebKit checks the phone width",
    ) {
        the_workbench_passes_axe_in_both_themes(1280, 900).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_workbench_passes_axe_in_both_themes_on_a_phone() {
    if support::Engine::runs(
        &[support::Engine::Chromium, support::Engine::WebKit],
        "Firefox checks the laptop width",
    ) {
        the_workbench_passes_axe_in_both_themes(390, 844).await;
    }
}

/// axe-core on the workbench in both themes: as loaded, with a problem listed (the preview
/// stale, the JSON Resume export disabled), with completion open, with a link made and with a
/// JSON Resume imported (what it could not place listed).
async fn the_workbench_passes_axe_in_both_themes(width: u32, height: u32) {
    let axe = support::axe::axe_source();
    let server = Server::start("/");
    let mut failures = Vec::new();
    let browser = Browser::start(width, height).await;
    for theme in ["light", "dark"] {
        // The storage is cleared from the site's page, which keeps no draft: a workbench
        // open at that moment could keep its draft again right after the clearing.
        browser.client.goto(&server.base).await.unwrap();
        let remember = format!("localStorage.clear(); localStorage.setItem('theme', '{theme}')");
        run(&browser, &remember, vec![]).await;
        browser
            .client
            .goto(&format!("{}edit/", server.base))
            .await
            .unwrap();
        browser.wait_for(PREVIEW, 20).await;
        let mut check = |state: &str, found: Vec<String>| {
            for line in found {
                failures.push(format!("{width} px, {theme}, {state}: {line}"));
            }
        };
        check("loaded", support::axe::violations(&browser, &axe).await);
        // The caret in a diagram with scenarios: its forms, its steps to reorder, and the
        // large view with its player.
        put_caret_at(&browser, "\"deletion-request\"").await;
        wait_until(
            &browser,
            "return !!document.querySelector('.wb-view .scenario-tabs button')
                && !!document.getElementById('wb-move-1-up')",
            "the large view and the forms",
        )
        .await;
        check(
            "the caret in a diagram",
            support::axe::violations(&browser, &axe).await,
        );
        let typo = MINIMAL.replacen("\"schemaVersion\": 1,", "\"schemaVersion\": 1", 1);
        set_text(&browser, &typo).await;
        wait_until(
            &browser,
            "return document.querySelectorAll('.wb-problem').length > 0",
            "a problem",
        )
        .await;
        check("a problem", support::axe::violations(&browser, &axe).await);
        set_text(&browser, MINIMAL).await;
        wait_until(
            &browser,
            "return document.querySelectorAll('.wb-problem').length === 0",
            "the minimal example checked",
        )
        .await;
        run(
            &browser,
            "const f = document.getElementById('wb-field'); f.focus();
             const at = f.value.indexOf('\"from\": \"') + 9; f.setSelectionRange(at, at);
             f.dispatchEvent(new KeyboardEvent('keyup', { key: 'ArrowDown', bubbles: true }));",
            vec![],
        )
        .await;
        browser.wait_for("#wb-add-edge", 10).await;
        // Ctrl+Space as an event: WebDriver's keys put the caret at the end of a field it
        // thinks unfocused (the keyboard's own: completion_offers_the_node_ids_inside_from).
        run(
            &browser,
            "document.getElementById('wb-field').dispatchEvent(new KeyboardEvent('keydown',
                { key: ' ', code: 'Space', ctrlKey: true, bubbles: true }))",
            vec![],
        )
        .await;
        wait_until(
            &browser,
            "return !document.getElementById('wb-completions').hidden",
            "completion open",
        )
        .await;
        check(
            "completion open",
            support::axe::violations(&browser, &axe).await,
        );
        click(&browser, "#wb-copy-link").await;
        browser.wait_for("#wb-link", 5).await;
        check(
            "a link made",
            support::axe::violations(&browser, &axe).await,
        );
        let sample = std::fs::read_to_string(SAMPLE_RESUME).unwrap();
        drop_file(&browser, "sample.resume.json", &sample).await;
        browser.wait_for("#wb-unplaced", 10).await;
        check(
            "a JSON Resume imported",
            support::axe::violations(&browser, &axe).await,
        );
    }
    assert!(failures.is_empty(), "axe:\n{}", failures.join("\n"));
}

/// Completion inside an edge's `from` offers the diagram's node ids; the keyboard chooses one.
#[tokio::test(flavor = "multi_thread")]
async fn completion_offers_the_node_ids_inside_from() {
    let (_server, browser) = open_minimal().await;
    let field = select_in_field(
        &browser,
        "const f = document.getElementById('wb-field'); f.focus();
         const at = f.value.indexOf('\"from\": \"') + 9; f.setSelectionRange(at, at);",
    )
    .await;
    field.send_keys("\u{E009} \u{E000}").await.unwrap();
    completion_list(&browser, true, "completion open").await;
    let offered = run(
        &browser,
        "return [...document.querySelectorAll('#wb-completions [role=option] .wb-candidate')]
            .map(o => o.textContent)",
        vec![],
    )
    .await;
    assert_eq!(
        offered,
        json!(["queue", "db"]),
        "the minimal diagram's nodes"
    );
    field.send_keys("\u{E015}\u{E007}").await.unwrap();
    browser
        .script_becomes(
            "const v = document.getElementById('wb-field').value;
             const at = v.indexOf('\"from\": \"'); return v.slice(at, at + 12)",
            json!("\"from\": \"db\""),
            "ArrowDown, Enter: the second node written",
        )
        .await;
    completion_list(&browser, false, "the list closed").await;
}

/// Typing a quote where a node id goes opens the list by itself, under the caret's line; a
/// letter narrows it, Enter writes the id and closes the string the quote opened.
#[tokio::test(flavor = "multi_thread")]
async fn completion_opens_as_a_quote_is_typed_under_the_caret() {
    let (_server, browser) = open_minimal().await;
    let field = select_in_field(
        &browser,
        "const f = document.getElementById('wb-field'); f.focus();
         const at = f.value.indexOf('\"from\": \"') + 8;
         f.setSelectionRange(at, f.value.indexOf('\"', at + 1) + 1);",
    )
    .await;
    field.send_keys("\u{E003}\"").await.unwrap();
    completion_list(
        &browser,
        true,
        "the list opened on the quote, without Ctrl+Space",
    )
    .await;
    // Under the caret's line, or over it where the editor has no room below, at the caret's
    // column. Once at rest: Firefox scrolls the caret into view a frame after the keystroke,
    // and the list follows the field's scroll event.
    browser
        .script_becomes(
            "const f = document.getElementById('wb-field');
             const lh = parseFloat(getComputedStyle(f).lineHeight);
             const line = f.value.slice(0, f.selectionStart).split('\\n').length - 1;
             const caretY = f.getBoundingClientRect().top + 8 + line * lh - f.scrollTop;
             const list = document.getElementById('wb-completions').getBoundingClientRect();
             const [top, bottom] = [list.top - caretY, list.bottom - caretY];
             const left = list.left - f.getBoundingClientRect().left;
             const under = top >= lh - 2 && top <= 2 * lh, over = Math.abs(bottom) <= 3;
             return (under || over) && left > 40
                 || `top ${top} px, bottom ${bottom} px from the line's top (a line is ${lh} px), `
                    + `${left} px from the field's edge`;",
            json!(true),
            "the list starts under the caret's line or ends over it, at the caret's column",
        )
        .await;
    field.send_keys("d").await.unwrap();
    browser
        .script_becomes(
            "return [...document.querySelectorAll('#wb-completions [role=option] .wb-candidate')]
                .map(o => o.textContent)",
            json!(["db"]),
            "the letter narrows the list",
        )
        .await;
    field.send_keys("\u{E007}").await.unwrap();
    browser
        .script_becomes(
            "const v = document.getElementById('wb-field').value;
             const at = v.indexOf('\"from\": \"'); return v.slice(at, at + 13)",
            json!("\"from\": \"db\","),
            "Enter writes the id and closes its string",
        )
        .await;
    completion_list(&browser, false, "the list closed").await;
}

/// With the caret in a project's diagram, its form adds an edge: written into the text, and
/// drawn in the preview.
#[tokio::test(flavor = "multi_thread")]
async fn adding_an_edge_in_the_workbench_draws_it() {
    let (_server, browser) = open_minimal().await;
    // The pane: the site's page and, with the caret in a diagram, the large view over it.
    let edges = "return document.querySelectorAll('.wb-preview g.edge').length";
    let before = run(&browser, edges, vec![]).await.as_u64().unwrap();
    assert!(before > 0, "the minimal diagram is drawn");
    caret_in_a_diagram(&browser).await;
    browser.wait_for("#wb-add-edge", 10).await;
    run(
        &browser,
        "for (const [id, value] of [['wb-edge-from', 'db'], ['wb-edge-to', 'queue']]) {
            const s = document.getElementById(id); s.value = value;
            s.dispatchEvent(new Event('change', { bubbles: true }));
         }",
        vec![],
    )
    .await;
    click(&browser, "#wb-add-edge").await;
    let script = format!(
        "const v = document.getElementById('wb-field').value;
         return /\"from\": \"db\",\\s*\"to\": \"queue\"/.test(v)
            && document.querySelectorAll('.wb-problem').length === 0
            && document.querySelectorAll('.wb-preview g.edge').length > {before}"
    );
    wait_until(&browser, &script, "the edge written and drawn").await;
    // The same edge again: refused in the workbench's words, the text left as it is.
    let text = field_text(&browser).await;
    click(&browser, "#wb-add-edge").await;
    let words = workbench_words();
    let refusal = words["edgeTaken"]
        .as_str()
        .unwrap()
        .replace("{from}", "db")
        .replace("{to}", "queue");
    browser
        .script_becomes(
            "const a = document.querySelector('.wb-forms .wb-warning[role=alert]');
             return a && a.textContent",
            json!(refusal),
            "the second edge refused in words",
        )
        .await;
    assert_eq!(field_text(&browser).await, text);
    assert_eq!(browser.console_errors().await, Vec::<String>::new());
}

/// With the caret in a project's diagram, its rename form renames a node everywhere the diagram
/// names it (its id, the edge ends, the steps), in one edit; the preview draws the renamed node.
#[tokio::test(flavor = "multi_thread")]
async fn renaming_a_node_in_the_workbench_renames_it_everywhere() {
    let (_server, browser) = open_minimal().await;
    let names_queue = "const v = document.getElementById('wb-field').value;
        return (v.match(/\"queue\"/g) || []).length";
    let before = run(&browser, names_queue, vec![]).await.as_u64().unwrap();
    assert!(
        before >= 2,
        "the minimal diagram names its queue node {before} times"
    );
    caret_in_a_diagram(&browser).await;
    browser.wait_for("#wb-rename", 10).await;
    run(
        &browser,
        "const s = document.getElementById('wb-rename-node'); s.value = 'queue';
         s.dispatchEvent(new Event('change', { bubbles: true }));
         const t = document.getElementById('wb-rename-to'); t.value = 'inbox';
         t.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![],
    )
    .await;
    click(&browser, "#wb-rename").await;
    // The node's kind is also "queue": what is left of the word is that kind alone.
    let script = format!(
        "const v = document.getElementById('wb-field').value;
         return (v.match(/\"inbox\"/g) || []).length === {before} - 1
            && (v.match(/\"queue\"/g) || []).length === 1
            && document.querySelectorAll('.wb-problem').length === 0
            && !!document.querySelector('.wb-view g.node[data-node=\"inbox\"]')"
    );
    wait_until(&browser, &script, "the node renamed everywhere and drawn").await;
    assert_eq!(browser.console_errors().await, Vec::<String>::new());
}

/// An update of the preview keeps its scroll position and the cards that were open.
#[tokio::test(flavor = "multi_thread")]
async fn the_preview_keeps_its_place_and_open_cards_across_updates() {
    let server = Server::start("/");
    let browser = open(&server, "", Options::default()).await;
    browser.wait_for(PREVIEW, 20).await;
    let page = run(
        &browser,
        "return [document.scrollingElement.scrollHeight, window.innerHeight]",
        vec![],
    )
    .await;
    assert!(
        page[0].as_f64().unwrap() <= page[1].as_f64().unwrap() + 1.0,
        "at 1280 px only the panes scroll, not the workbench's page: {page}"
    );
    let card = run(
        &browser,
        "const b = document.querySelector('#wb-preview article[id] button.expand');
         b.click(); return b.closest('article').id",
        vec![],
    )
    .await;
    let card = card.as_str().unwrap().to_string();
    let opened = format!(
        "return document.querySelector('#{card} button.expand').getAttribute('aria-expanded')"
    );
    browser
        .script_becomes(&opened, json!("true"), "the card opens")
        .await;
    let top = run(
        &browser,
        "const h = document.getElementById('wb-preview'); h.scrollTop = 1200; return h.scrollTop",
        vec![],
    )
    .await;
    let text = field_text(&browser).await;
    let name = parse_profile(&text).unwrap().person.name;
    let person = format!("\"name\": \"{name}\"");
    set_text(
        &browser,
        &text.replacen(&person, "\"name\": \"Someone Else\"", 1),
    )
    .await;
    wait_until(
        &browser,
        "return document.getElementById('wb-preview').textContent.includes('Someone Else')",
        "the update previewed",
    )
    .await;
    browser
        .script_becomes(&opened, json!("true"), "the card is still open")
        .await;
    browser
        .script_becomes(
            "return document.getElementById('wb-preview').scrollTop",
            top,
            "the same scroll position",
        )
        .await;
}

/// A JSON Resume the workbench imports: JSON Resume's own sample, as `cargo xtask import` reads
/// it in xtask's tests.
const SAMPLE_RESUME: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/xtask/tests/fixtures/resume/sample.resume.json"
);

/// What `cargo xtask import` writes for the sample (an xtask test keeps it current).
const SAMPLE_IMPORTED: &str = include_str!("../fixtures/imported/sample.resume.json");

/// Waits for the sample's import: the draft is `cargo xtask import`'s text byte for byte, the
/// preview shows the person, and what the page has no place for is listed by its JSON path.
async fn the_sample_is_the_draft(browser: &Browser) {
    wait_until(
        browser,
        "return document.getElementById('wb-field').value.includes('Richard Hendriks')
            && document.getElementById('wb-preview').textContent.includes('Richard Hendriks')",
        "the résumé is the draft, previewed",
    )
    .await;
    assert_eq!(field_text(browser).await, SAMPLE_IMPORTED);
    let paths = run(
        browser,
        "return [...document.querySelectorAll('#wb-unplaced code')].map(c => c.textContent)",
        vec![],
    )
    .await;
    for path in ["basics.phone", "work[0].description", "awards", "languages"] {
        assert!(
            paths.as_array().unwrap().contains(&json!(path)),
            "{path} is not listed as not placed: {paths}"
        );
    }
    let notice = run(
        browser,
        "return document.querySelector('.wb-notice').textContent",
        vec![],
    )
    .await;
    assert!(
        notice.as_str().unwrap().contains("sample.resume.json"),
        "{notice}"
    );
}

/// Drops a file named `name` holding `text` on the editor, as a drag from the desktop would (a
/// script's DragEvent carrying a DataTransfer with a File).
async fn drop_file(browser: &Browser, name: &str, text: &str) {
    let script = "const data = new DataTransfer();
        data.items.add(new File([arguments[1]], arguments[0], { type: 'application/json' }));
        const field = document.getElementById('wb-field');
        for (const type of ['dragenter', 'dragover', 'drop']) {
            field.dispatchEvent(new DragEvent(type,
                { dataTransfer: data, bubbles: true, cancelable: true }));
        }";
    run(browser, script, vec![json!(name), json!(text)]).await;
}

/// Waits for the notice to name `file` and hold `reason`.
async fn notice_says(browser: &Browser, file: &str, reason: &str) {
    let script = format!(
        "const n = document.querySelector('.wb-notice');
         return !!n && n.textContent.includes({file:?}) && n.textContent.includes({reason:?})"
    );
    wait_until(browser, &script, reason).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_json_resume_file_chosen_imports_into_the_draft() {
    let (_server, browser) = open_minimal().await;
    // The file input, as the file chooser fills it (WebDriver sends the file's path).
    let input = browser
        .client
        .find(Locator::Css("#wb-resume-file"))
        .await
        .unwrap();
    input.send_keys(SAMPLE_RESUME).await.unwrap();
    the_sample_is_the_draft(&browser).await;
    assert_eq!(browser.console_errors().await, Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_json_resume_file_dropped_imports_into_the_draft() {
    let (_server, browser) = open_minimal().await;
    let sample = std::fs::read_to_string(SAMPLE_RESUME).unwrap();
    drop_file(&browser, "sample.resume.json", &sample).await;
    the_sample_is_the_draft(&browser).await;
    // Files that are not a résumé: the problem named, the draft as it was.
    let refused = [
        ("notes.txt", "Dear reader,", "not JSON"),
        ("list.json", "[1, 2]", "a JSON Resume is an object"),
        ("profile.json", MINIMAL, "basics.name is needed"),
    ];
    for (name, text, reason) in refused {
        drop_file(&browser, name, text).await;
        notice_says(&browser, name, reason).await;
        assert_eq!(field_text(&browser).await, SAMPLE_IMPORTED, "{name}");
    }
    // A file too large to be a résumé is not read.
    let large = "const data = new DataTransfer();
        data.items.add(new File(['x'.repeat(arguments[0])], 'huge.json'));
        document.getElementById('wb-field').dispatchEvent(new DragEvent('drop',
            { dataTransfer: data, bubbles: true, cancelable: true }));";
    let size = 2 * MAX_DRAFT_BYTES + 1;
    run(&browser, large, vec![json!(size)]).await;
    notice_says(&browser, "huge.json", &size.to_string()).await;
    assert_eq!(field_text(&browser).await, SAMPLE_IMPORTED);
    // Another draft loaded: the list of what was not placed goes with the résumé.
    start_from_minimal(&browser).await;
    let listed = run(
        &browser,
        "return document.querySelectorAll('#wb-unplaced li').length",
        vec![],
    )
    .await;
    assert_eq!(listed, json!(0));
    assert_eq!(browser.console_errors().await, Vec::<String>::new());
}

/// `cargo xtask export` of the minimal example (an xtask test keeps it current and checks it
/// against the official JSON Resume schema).
const MINIMAL_EXPORTED: &str = include_str!("../fixtures/exported/minimal.resume.json");

#[tokio::test(flavor = "multi_thread")]
async fn the_json_resume_export_downloads() {
    let (_server, browser) = open_minimal().await;
    // The file the browser is handed: the Blob behind the link clicked, and the link's name.
    let (saved, name) = download(&browser, "#wb-download-resume").await;
    assert_eq!(saved, MINIMAL_EXPORTED);
    assert_eq!(name, "resume.json");
    // A draft that parses but makes no résumé (a name is needed): the reason, nothing saved.
    let nameless = MINIMAL.replacen("\"name\": \"Ada Example\"", "\"name\": \"\"", 1);
    set_text(&browser, &nameless).await;
    wait_until(
        &browser,
        "return document.querySelectorAll('.wb-problem').length > 0
            && !document.getElementById('wb-download-resume').disabled",
        "a draft with a blank name, checked",
    )
    .await;
    run(&browser, "window.__saved = null", vec![]).await;
    click(&browser, "#wb-download-resume").await;
    wait_until(
        &browser,
        "const a = document.querySelector('.wb-actions [role=alert]');
         return !!a && a.textContent.includes('resume.json')
            && a.textContent.includes('basics.name') && window.__saved === null",
        "the export refused with its reason",
    )
    .await;
    // A draft that does not parse: the button is disabled and says why.
    set_text(&browser, "{ \"schemaVersion\": 1,").await;
    wait_until(
        &browser,
        "const b = document.getElementById('wb-download-resume');
         const why = document.getElementById(b.getAttribute('aria-describedby'));
         return b.disabled && !!why && why.textContent.length > 0",
        "the export disabled, with why",
    )
    .await;
    // Parsing again, it is back.
    set_text(&browser, MINIMAL).await;
    wait_until(
        &browser,
        "return !document.getElementById('wb-download-resume').disabled",
        "the export enabled again",
    )
    .await;
    assert_eq!(browser.console_errors().await, Vec::<String>::new());
}

/// With the caret in a project's diagram, the preview pane shows that diagram large at its
/// top, playable (the page's own figure, its card opened); the caret out of every diagram, the
/// view goes and the figure is back in its card, closed again.
#[tokio::test(flavor = "multi_thread")]
async fn the_large_view_shows_the_diagram_under_the_caret() {
    let (_server, browser) = open_minimal().await;
    let hidden = "return document.querySelector('.wb-view').hidden";
    assert_eq!(run(&browser, hidden, vec![]).await, json!(true));
    caret_in_a_diagram(&browser).await;
    wait_until(
        &browser,
        "const v = document.querySelector('.wb-view');
         return !v.hidden && v.querySelectorAll('figure.diagram svg.wide g.node').length === 2
            && !!v.querySelector('.diagram-tools button')
            && !document.querySelector('#wb-preview article#order-queue figure')",
        "the diagram drawn large, with its controls, out of its card",
    )
    .await;
    let view = run(
        &browser,
        "const r = document.querySelector('.wb-view figure').getBoundingClientRect();
         const pane = document.querySelector('.wb-preview').getBoundingClientRect();
         return [r.width / pane.width, r.top < window.innerHeight]",
        vec![],
    )
    .await;
    assert!(
        view[0].as_f64().unwrap() > 0.9 && view[1] == json!(true),
        "full width, in view: {view}"
    );
    put_caret_at(&browser, "\"schemaVersion\"").await;
    wait_until(
        &browser,
        "return document.querySelector('.wb-view').hidden
            && !document.querySelector('.wb-view figure')
            && !!document.querySelector('#wb-preview article#order-queue figure.diagram')
            && document.querySelector('#wb-preview article#order-queue button.expand')
                .getAttribute('aria-expanded') === 'false'",
        "the view gone, the figure back in its closed card",
    )
    .await;
    assert_eq!(browser.console_errors().await, Vec::<String>::new());
}

/// The node form checks the id in the workbench's words, then adds the node: written into the
/// text as one edit, and drawn in the large view.
#[tokio::test(flavor = "multi_thread")]
async fn adding_a_node_in_the_workbench_draws_it() {
    let (_server, browser) = open_minimal().await;
    caret_in_a_diagram(&browser).await;
    browser.wait_for("#wb-add-node", 10).await;
    let before = field_text(&browser).await;
    fill_in(
        &browser,
        json!([["wb-node-id", "Cache Node"], ["wb-node-label", "Redis"]]),
    )
    .await;
    click(&browser, "#wb-add-node").await;
    wait_until(
        &browser,
        "const a = document.querySelector('.wb-forms .wb-warning[role=alert]');
         return !!a && a.textContent.includes('Cache Node') && a.textContent.includes('hyphens')",
        "the id refused, in words",
    )
    .await;
    assert_eq!(field_text(&browser).await, before, "nothing written");
    fill_in(
        &browser,
        json!([["wb-node-id", "queue"], ["wb-node-label", "Redis"]]),
    )
    .await;
    click(&browser, "#wb-add-node").await;
    wait_until(
        &browser,
        "const a = document.querySelector('.wb-forms .wb-warning[role=alert]');
         return !!a && a.textContent.includes('already a node')",
        "a taken id refused",
    )
    .await;
    fill_in(
        &browser,
        json!([
            ["wb-node-id", "cache"],
            ["wb-node-label", "Redis"],
            ["wb-node-kind", "store"]
        ]),
    )
    .await;
    click(&browser, "#wb-add-node").await;
    wait_until(
        &browser,
        "const v = document.getElementById('wb-field').value;
         return /\"id\": \"cache\",\\s*\"label\": \"Redis\",\\s*\"kind\": \"store\"/.test(v)
            && document.querySelectorAll('.wb-problem').length === 0
            && !document.querySelector('.wb-forms .wb-warning')
            && !!document.querySelector('.wb-view g.node.store[data-node=\"cache\"]')",
        "the node written and drawn",
    )
    .await;
    // One edit: undone in one step.
    run(
        &browser,
        "document.getElementById('wb-field').focus(); document.execCommand('undo')",
        vec![],
    )
    .await;
    let undone = field_text(&browser).await;
    if !undone.contains("\"cache\"") {
        assert_eq!(undone, before, "one undo step takes the node away");
    }
    assert_eq!(browser.console_errors().await, Vec::<String>::new());
}

/// The step form starts a scenario and adds steps to it; the reorder form moves a step up (the
/// focus stays on the moved step's button); the large view's player lists the captions in the
/// new order.
#[tokio::test(flavor = "multi_thread")]
async fn adding_a_step_and_reordering_steps_in_the_workbench() {
    let (_server, browser) = open_minimal().await;
    caret_in_a_diagram(&browser).await;
    browser.wait_for("#wb-step-title", 10).await;
    fill_in(
        &browser,
        json!([
            ["wb-step-title", "Order retried"],
            ["wb-step-lights", "edge:0"],
            ["wb-step-caption", "An order arrives"]
        ]),
    )
    .await;
    click(&browser, "#wb-add-step").await;
    let steps = |captions: Value| {
        format!(
            "const got = (() => {{ {VIEW_STEPS} }})();
             return JSON.stringify(got) === JSON.stringify({captions})
                && document.querySelectorAll('.wb-problem').length === 0"
        )
    };
    wait_until(
        &browser,
        &steps(json!(["An order arrives"])),
        "a new scenario, played in the view",
    )
    .await;
    assert!(field_text(&browser)
        .await
        .contains("\"id\": \"order-retried\""));
    for (lights, caption, fails) in [
        ("node:db", "It is written", false),
        ("edge:0", "A retry", true),
    ] {
        // The new scenario is chosen now.
        browser
            .script_becomes(
                "return document.getElementById('wb-step-scenario').value",
                json!("order-retried"),
                "the scenario chosen",
            )
            .await;
        fill_in(
            &browser,
            json!([
                ["wb-step-lights", lights],
                ["wb-step-caption", caption],
                ["wb-step-fails", fails]
            ]),
        )
        .await;
        click(&browser, "#wb-add-step").await;
        browser
            .script_becomes(
                "return document.querySelectorAll('#wb-reorder-heading ~ ol li').length",
                json!(if fails { 3 } else { 2 }),
                "the step listed",
            )
            .await;
    }
    wait_until(
        &browser,
        &steps(json!(["An order arrives", "It is written", "A retry"])),
        "three steps played in the view",
    )
    .await;
    assert!(field_text(&browser).await.contains("\"fails\": true"));
    click(&browser, "#wb-move-2-up").await;
    wait_until(
        &browser,
        &steps(json!(["An order arrives", "A retry", "It is written"])),
        "the last step moved up",
    )
    .await;
    wait_until(
        &browser,
        "return document.activeElement && document.activeElement.id === 'wb-move-1-up'",
        "the moved step's button has the focus",
    )
    .await;
    click(&browser, "#wb-move-1-up").await;
    wait_until(
        &browser,
        &steps(json!(["A retry", "An order arrives", "It is written"])),
        "moved up again, to the top",
    )
    .await;
    assert_eq!(browser.console_errors().await, Vec::<String>::new());
}

/// Chooses scenario `tab` and step `step` of the player in `figure` (a CSS selector), and
/// returns what is on screen: the pressed tab, the current step and its caption.
async fn play_to(browser: &Browser, figure: &str, tab: usize, step: usize) -> Value {
    let ready = format!("return !!document.querySelector('{figure} .scenario-tabs button')");
    wait_until(browser, &ready, "the player").await;
    run(
        browser,
        "document.querySelectorAll(arguments[0] + ' .scenario-tabs button')[arguments[1]].click()",
        vec![json!(figure), json!(tab)],
    )
    .await;
    let listed = format!(
        "const t = document.querySelectorAll('{figure} .scenario-tabs button')[{tab}];
         return t.getAttribute('aria-pressed') === 'true'
            && document.querySelectorAll('{figure} ol.steps button').length > {step}"
    );
    wait_until(browser, &listed, "the scenario chosen").await;
    run(
        browser,
        "document.querySelectorAll(arguments[0] + ' ol.steps button')[arguments[1]].click()",
        vec![json!(figure), json!(step)],
    )
    .await;
    let on_screen = player_on_screen(figure);
    browser
        .script_becomes(
            &format!("const s = (() => {{ {on_screen} }})(); return s[1]"),
            json!(step),
            "the step chosen",
        )
        .await;
    run(browser, &on_screen, vec![]).await
}

/// A script returning `[pressed tab, current step, caption]` of the player in `figure`.
fn player_on_screen(figure: &str) -> String {
    format!(
        "const f = document.querySelector('{figure}');
         if (!f) return null;
         const index = (css, attribute, value) => [...f.querySelectorAll(css)]
             .findIndex(e => e.getAttribute(attribute) === value);
         const caption = f.querySelector('.caption-text');
         return [index('.scenario-tabs button', 'aria-pressed', 'true'),
             index('ol.steps button', 'aria-current', 'step'),
             caption ? caption.textContent : null]"
    )
}

/// An update of the preview keeps each open player's scenario and step: in a card opened in
/// the page, and in the large view.
#[tokio::test(flavor = "multi_thread")]
async fn the_preview_keeps_its_scenario_and_step_across_updates() {
    let server = Server::start("/");
    let browser = open(&server, "", Options::default()).await;
    browser.wait_for(PREVIEW, 20).await;
    let rich = parse_profile(include_str!("../fixtures/rich.json")).unwrap();
    let project = rich
        .projects
        .iter()
        .find(|p| p.diagram.scenarios.len() >= 3 && p.diagram.scenarios[1].steps.len() >= 3)
        .expect("rich.json has a diagram with three scenarios");
    let card = format!("#wb-preview article#{}", project.id);
    run(
        &browser,
        "document.querySelector(arguments[0] + ' button.expand').click()",
        vec![json!(card)],
    )
    .await;
    let figure = format!("{card} figure.diagram");
    let played = play_to(&browser, &figure, 1, 2).await;
    assert_eq!(played[0], json!(1));
    let mut text = field_text(&browser).await;
    for (round, place) in [
        (1, figure.clone()),
        (2, ".wb-view figure.diagram".to_string()),
    ] {
        let played = if round == 2 {
            // The caret in that diagram: its figure is in the large view; another scenario.
            let scenario = format!("\"{}\"", project.diagram.scenarios[2].id);
            put_caret_at(&browser, &scenario).await;
            play_to(&browser, &place, 2, 1).await
        } else {
            played.clone()
        };
        let name = format!("Someone Else {round}");
        let person = parse_profile(&text).unwrap().person.name;
        text = text.replacen(
            &format!("\"name\": \"{person}\""),
            &format!("\"name\": \"{name}\""),
            1,
        );
        set_text(&browser, &text).await;
        let updated =
            format!("return document.getElementById('wb-preview').textContent.includes('{name}')");
        wait_until(&browser, &updated, "the update previewed").await;
        browser
            .script_becomes(
                &player_on_screen(&place),
                played.clone(),
                "the same scenario and step on screen",
            )
            .await;
    }
    // The step on screen taken away: the same scenario, at the last step left.
    let view = ".wb-view figure.diagram";
    let scenario = &project.diagram.scenarios[2];
    let last = scenario.steps.len() - 1;
    let played = play_to(&browser, view, 2, last).await;
    let mut draft: Value = serde_json::from_str(&text).unwrap();
    let position = rich
        .projects
        .iter()
        .position(|p| p.id == project.id)
        .unwrap();
    let steps = draft["projects"][position]["diagram"]["scenarios"][2]["steps"]
        .as_array_mut()
        .unwrap();
    steps.truncate(last - 1);
    set_text(&browser, &serde_json::to_string_pretty(&draft).unwrap()).await;
    let shortened = format!(
        "return document.querySelectorAll('{view} ol.steps button').length === {}",
        last - 1
    );
    wait_until(&browser, &shortened, "two steps fewer").await;
    let expected = format!(
        "const s = (() => {{ {} }})(); return [s[0], s[1]]",
        player_on_screen(view)
    );
    browser
        .script_becomes(
            &expected,
            json!([played[0], last - 2]),
            "the same scenario, at its last step left",
        )
        .await;
    assert_eq!(browser.console_errors().await, Vec::<String>::new());
}
