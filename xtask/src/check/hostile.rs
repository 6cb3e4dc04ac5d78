//! `cargo xtask check` held to the hostile corpus of `tests/fixtures/hostile/` (see
//! `tests/hostile.rs`): it must call a profile valid exactly when `portfolio::check_profile`
//! does, and name the place of the app's first problem among its own.
//!
//! Only the place is compared: for a shape error the schema pass words its lines its own way
//! (`42 is not of type "string"` where serde says ``invalid type: integer `42` ``), and it lists
//! every shape error where serde stops at the first.

use super::problems;

// Built by the same code as the app's corpus test and the browser test read it with; the
// `.expected` files are the app test's, unused here.
#[allow(dead_code)]
#[path = "../../../tests/support/corpus.rs"]
mod corpus;

/// Every case of the corpus: its name and its text, read as the browser reads it (invalid UTF-8
/// bytes replaced by U+FFFD; the command itself refuses such a file before checking it).
fn cases() -> Vec<(String, String)> {
    corpus::cases(&crate::root())
        .into_iter()
        .map(|case| {
            let text = case.text();
            (case.name, text)
        })
        .collect()
}

/// The place a problem line names: `projects[2]` of `line 3, column 9: projects[2]: unknown
/// field …`, or "" when the line names none (broken JSON at the top level).
fn place(line: &str) -> &str {
    let rest = strip_position(line);
    // The path ends at the first `: ` outside its quoted keys (`tags.aliases["a: b"]`); a space
    // before that means the line starts with its message (`invalid type: …`).
    let (mut quoted, mut escaped) = (false, false);
    for (at, c) in rest.char_indices() {
        match (quoted, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (_, false, '"') => quoted = !quoted,
            (false, _, ':') if rest[at + 1..].starts_with(' ') => return &rest[..at],
            (false, _, c) if c.is_whitespace() => return "",
            _ => {}
        }
    }
    ""
}

/// The line without its leading `line L, column C: `, if it has one.
fn strip_position(line: &str) -> &str {
    let Some(rest) = line.strip_prefix("line ") else {
        return line;
    };
    let Some((numbers, rest)) = rest.split_once(": ") else {
        return line;
    };
    let is_position = numbers
        .split_once(", column ")
        .is_some_and(|(l, c)| [l, c].iter().all(|n| n.parse::<usize>().is_ok()));
    if is_position {
        rest
    } else {
        line
    }
}

#[test]
fn places_are_read_from_every_kind_of_line() {
    assert_eq!(
        place("line 3, column 9: projects[2]: unknown field"),
        "projects[2]"
    );
    assert_eq!(
        place("projects[0].title: must not be empty"),
        "projects[0].title"
    );
    assert_eq!(
        place("line 1, column 1: invalid type: null, expected x"),
        ""
    );
    assert_eq!(place("line 1, column 0: EOF while parsing a value"), "");
    assert_eq!(
        place("tags.aliases[\"a: b\"][0]: x"),
        "tags.aliases[\"a: b\"][0]"
    );
    assert_eq!(
        place("tags.aliases[\"a b\"]: must not be empty"),
        "tags.aliases[\"a b\"]"
    );
}

/// How the check's lines for a case relate to the app's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Relation {
    /// Both call it valid, or the check names the place of the app's first problem.
    Agree,
    /// Both find a problem, at places one inside the other.
    Nested,
    /// The app reads the profile, the check does not.
    Accepted,
    /// Anything else.
    Differ,
}

/// Cases where the two do not agree, each for a reason this corpus found. When one is fixed the
/// test fails until the case leaves this list.
const KNOWN: &[(&str, Relation)] = &[
    // serde stops at the first `[` where it wants a string or a number; the check reads the
    // whole document as a JSON value first, and its depth limit names the innermost array.
    ("syntax-nesting-200-arrays-top-level", Relation::Nested),
    ("syntax-nesting-200-objects-in-version", Relation::Nested),
    // The schema names an optional value (`anyOf`: a Quantity or null) as a whole, not the
    // field inside it that is wrong.
    ("type-amount-string", Relation::Nested),
    ("type-at-least-string", Relation::Nested),
    // serde's derive also reads a struct from an array of its fields in order; the schema wants
    // an object.
    ("syntax-top-level-array-of-profile", Relation::Nested),
    ("type-profile-as-positional-array", Relation::Accepted),
    ("type-site-as-positional-array", Relation::Accepted),
];

/// Whether one place lies inside the other (`a.b` in `a`, `[0][0]` in `[0]`; "" holds all).
fn nested(a: &str, b: &str) -> bool {
    let (outer, inner) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    inner.starts_with(outer)
        && (outer.is_empty() || inner == outer || inner[outer.len()..].starts_with(['.', '[']))
}

fn relation(app: &[String], check: &[String]) -> Relation {
    match app.first() {
        None if check.is_empty() => Relation::Agree,
        None => Relation::Accepted,
        Some(first) if check.iter().any(|line| place(line) == place(first)) => Relation::Agree,
        Some(first) if check.iter().any(|line| nested(place(line), place(first))) => {
            Relation::Nested
        }
        Some(_) => Relation::Differ,
    }
}

#[test]
fn check_agrees_with_the_app_on_every_hostile_case() {
    let cases = cases();
    assert!(
        cases.len() >= 60,
        "the corpus is there: {} cases",
        cases.len()
    );
    let started = std::time::Instant::now();
    let mut disagreements = Vec::new();
    for (name, text) in &cases {
        let app = portfolio::check_profile(text);
        let check = problems(text);
        if let Some(line) = check.iter().find(|line| line.contains(char::is_control)) {
            disagreements.push(format!(
                "{name}: a line holds a control character: {line:?}\n"
            ));
        }
        let known = KNOWN.iter().find(|(case, _)| case == name).map(|&(_, r)| r);
        let found = relation(&app, &check);
        if found != known.unwrap_or(Relation::Agree) {
            disagreements.push(format!(
                "{name}: {found:?} (listed as {known:?})\n  app:   {app:?}\n  check: {check:?}\n"
            ));
        }
    }
    eprintln!("{} cases in {:?}", cases.len(), started.elapsed());
    assert!(
        disagreements.is_empty(),
        "cargo xtask check and the app disagree:\n{}",
        disagreements.concat()
    );
}

/// Too big to commit: the parser's depth limit, not the stack, ends 10,000 nested arrays.
#[test]
fn ten_thousand_nested_arrays_are_one_problem() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let text = format!("{{\"schemaVersion\": 1, \"site\": {deep}}}");
    let listed = problems(&text);
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(
        listed[0].ends_with("recursion limit exceeded"),
        "{listed:?}"
    );
    assert_eq!(problems(&deep).len(), 1);
}
