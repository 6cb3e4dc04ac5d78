//! Hostile profiles: what `portfolio::check_profile` says about broken, huge, deep and malicious
//! profile.json files, and that nothing downstream of a parse (validation, diagram layout, the
//! tag index) panics on them.
//!
//! The corpus is `tests/fixtures/hostile/`: each case is `<name>.case`, its edits to the base
//! profile `_base.json` (see `support/corpus.rs` for the format), beside `<name>.expected` (the
//! exact problem lines, one a line; empty when the profile is valid).
//! `UPDATE_EXPECTED=1 cargo test --test hostile` rewrites the `.expected` files from what the
//! code says now, for an owner to review in the diff. Cases too big to commit (10 MB, 10,000
//! projects, a 200-node diagram, 10,000-deep nesting) are generated here, each its own test with
//! its outcome and a time bound. Property tests then feed arbitrary numbers and strings into a
//! small valid profile. `cargo xtask check` is held to the same corpus by a test in xtask.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "support/corpus.rs"]
mod corpus;

use corpus::Case;

use portfolio::diagram::layout::Direction;
use portfolio::diagram::scene::{lit_by, scene};
use portfolio::filter::{FilterState, TagIndex};
use portfolio::format;
use portfolio::model::Profile;
use portfolio::parse::parse_profile;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::{json, Value};

/// The small valid profile every case starts from.
const BASE: &str = include_str!("fixtures/hostile/_base.json");

/// What each generated case must stay under, in a debug build on a loaded two-core machine. The
/// measured times are printed (`--nocapture`); they are a small fraction of this.
const TIME_BOUND: Duration = Duration::from_secs(5);

/// Every case of the corpus, sorted by name.
fn cases() -> Vec<Case> {
    corpus::cases(Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// The problem lines of an `.expected` file (empty: valid).
fn expected_lines(path: &Path) -> Vec<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => text.lines().map(str::to_string).collect(),
        Err(_) => vec!["<no .expected file: run with UPDATE_EXPECTED=1>".into()],
    }
}

/// The lines that differ, `-` expected and `+` actual, in order (a case has a few lines, so a
/// full diff algorithm is not needed to see the difference).
fn diff(expected: &[String], actual: &[String]) -> String {
    let mut text = String::new();
    for line in expected.iter().filter(|line| !actual.contains(line)) {
        text.push_str(&format!("  - {line}\n"));
    }
    for line in actual.iter().filter(|line| !expected.contains(line)) {
        text.push_str(&format!("  + {line}\n"));
    }
    if text.is_empty() {
        text.push_str("  (the same lines in another order)\n");
    }
    text
}

/// Everything the page derives from a parsed profile, run for its panics: the tag index and a
/// filter over it, every diagram laid out both ways, and every scenario step resolved.
fn exercise(profile: &Profile) {
    format::builder_lines(&profile.builder);
    let filter = &profile.site.filter;
    format::fill(&filter.results, &[("count", "1"), ("total", "2")]);
    let index = TagIndex::new(profile);
    let matching = index.matching(&FilterState::default());
    assert_eq!(
        matching.len(),
        profile.projects.len(),
        "no filter hides nothing"
    );
    index.counts(&matching);
    for tag in 0..index.tags.len() {
        let state = index.toggle(&FilterState::default(), tag);
        index.from_query(&index.to_query(&state));
    }
    for project in &profile.projects {
        for figure in &project.outcomes {
            format::figure_text(figure);
        }
        for bullet in &project.bullets {
            format::bullet_lead(bullet);
        }
        let diagram = &project.diagram;
        for direction in [Direction::LeftToRight, Direction::TopToBottom] {
            let drawn = scene(diagram, direction);
            assert_eq!(drawn.nodes.len(), diagram.nodes.len());
            assert!(
                drawn.width.is_finite() && drawn.height.is_finite(),
                "{}",
                project.id
            );
        }
        for scenario in &diagram.scenarios {
            for step in &scenario.steps {
                lit_by(diagram, step);
            }
        }
    }
}

/// Checks one case: its problems against its `.expected` (or rewrites that file), and for a
/// profile that parses, everything downstream. Returns the mismatch, if any.
fn run_case(case: &Case, update: bool) -> Option<String> {
    let (name, text) = (&case.name, case.text());
    let actual = portfolio::check_profile(&text);
    // A problem is one line of `cargo xtask check`'s output and of the page's list, whatever
    // the profile's text holds: no line break and no terminal escape.
    if let Some(line) = actual.iter().find(|line| line.contains(char::is_control)) {
        return Some(format!(
            "{name}: a problem holds a control character: {line:?}\n"
        ));
    }
    if let Ok(profile) = parse_profile(&text) {
        exercise(&profile);
    }
    let expected_path = &case.expected;
    if update {
        let mut text = actual.join("\n");
        if !text.is_empty() {
            text.push('\n');
        }
        std::fs::write(expected_path, text).unwrap();
        return None;
    }
    let expected = expected_lines(expected_path);
    (expected != actual).then(|| format!("{name}:\n{}", diff(&expected, &actual)))
}

#[test]
fn every_case_of_the_corpus_has_its_expected_problems() {
    let update = std::env::var_os("UPDATE_EXPECTED").is_some_and(|v| v == "1");
    let cases = cases();
    assert!(
        cases.len() >= 60,
        "the corpus is there: {} cases",
        cases.len()
    );
    let started = Instant::now();
    let mismatches: Vec<String> = cases
        .iter()
        .filter_map(|case| run_case(case, update))
        .collect();
    eprintln!("{} cases in {:?}", cases.len(), started.elapsed());
    assert!(
        mismatches.is_empty(),
        "{} of {} cases differ from their .expected (UPDATE_EXPECTED=1 rewrites them; review \
         the diff):\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.concat()
    );
}

/// The `number-*` cases that parse hold their figure amount to the bit: what the Rust standard
/// library (correctly rounded) reads from the same digits, `1.7976931348623157e308` as
/// `f64::MAX`, `1.5e-2147483647` as 0, `-0` as negative zero.
#[test]
fn the_numbers_of_the_corpus_read_exactly() {
    let mut checked = 0;
    for case in cases()
        .iter()
        .filter(|case| case.name.starts_with("number-"))
    {
        let (name, text) = (&case.name, case.text());
        let Ok(profile) = parse_profile(&text) else {
            continue;
        };
        // The first amount of the base profile is the one the cases change.
        let (_, rest) = text.split_once("\"amount\": ").unwrap();
        let written = &rest[..rest.find([',', ' ', '}']).unwrap()];
        let Some(value) = &profile.projects[0].outcomes[1].value else {
            continue;
        };
        let expected: f64 = written.parse().unwrap();
        assert_eq!(
            value.amount.to_bits(),
            expected.to_bits(),
            "{name}: {written}"
        );
        checked += 1;
    }
    assert!(checked >= 10, "{checked} number cases read");
}

/// A case file's edits: each find replaced where it is, bytes kept exactly (a control
/// character, an invalid UTF-8 byte, a line break at either end), and comments ignored.
#[test]
fn a_case_is_the_base_with_its_edits_made() {
    let base = b"{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n";
    let case = b"# Two edits, given in any order.\n\
                 @@ find\n\"b\": [1, 2]\n@@ replace\n\"b\": \xff\x00\n\n\
                 @@ find\n  \"a\": 1,\n@@ replace\n";
    assert_eq!(
        corpus::build(base, case).unwrap(),
        b"{\n\n  \"b\": \xff\x00\n\n}\n"
    );
    assert_eq!(
        corpus::build(base, b"# No edit: the base.\n").unwrap(),
        base
    );
    assert_eq!(
        corpus::build(base, b"@@ text\n\n@@ find").unwrap_err(),
        "blocks are `@@ find` + `@@ replace` pairs, or one `@@ text`"
    );
    assert_eq!(corpus::build(base, b"@@ text\nnull\n").unwrap(), b"null");
    assert_eq!(corpus::build(base, b"@@ text\n").unwrap(), b"");
}

/// A case that does not say one place of the base is refused with the reason, so an edit of
/// `_base.json` that moves a case's find away fails loudly instead of changing the case.
#[test]
fn a_find_must_be_in_the_base_once_and_finds_must_not_overlap() {
    let base = b"[1, 1, 2]";
    let errors = [
        (&b"@@ find\n3\n@@ replace\n4"[..], "not in the base: \"3\""),
        (
            b"@@ find\n1\n@@ replace\n4",
            "more than once in the base: \"1\"",
        ),
        (
            b"@@ find\n1, 2\n@@ replace\n\n@@ find\n2]\n@@ replace\n",
            "two finds overlap at byte 7 of the base: \"2]\"",
        ),
        (b"@@ find\n\n@@ replace\nx", "an empty find"),
        (
            b"{}\n@@ text\n",
            "text before the first marker is not a # comment",
        ),
    ];
    for (case, error) in errors {
        assert_eq!(corpus::build(base, case).unwrap_err(), error);
    }
}

/// The base profile as a JSON value, to build generated cases from.
fn base() -> Value {
    serde_json::from_str(BASE).unwrap()
}

/// Runs `check` and returns what it returned, asserting it took less than [`TIME_BOUND`].
fn timed<T>(what: &str, check: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = check();
    let took = started.elapsed();
    eprintln!("{what}: {took:?}");
    assert!(took < TIME_BOUND, "{what} took {took:?}");
    result
}

#[test]
fn a_10_mb_profile_is_checked_and_laid_out_in_time() {
    let mut profile = base();
    // 10,000 paragraphs of 1 KB, and a 100 KB node label without a space to wrap at.
    let paragraph = "lorem ipsum ".repeat(85);
    profile["person"]["summary"] = json!(vec![paragraph; 10_000]);
    profile["projects"][0]["diagram"]["nodes"][0]["label"] = json!("x".repeat(100_000));
    let text = profile.to_string();
    assert!(text.len() >= 10_000_000, "{} bytes", text.len());
    let problems = timed("check a 10 MB profile", || portfolio::check_profile(&text));
    assert_eq!(problems, Vec::<String>::new());
    let profile = parse_profile(&text).unwrap();
    timed("index and lay out a 10 MB profile", || exercise(&profile));
}

#[test]
fn ten_thousand_projects_are_checked_and_indexed_in_time() {
    let mut profile = base();
    let project = profile["projects"][0].clone();
    let projects: Vec<Value> = (0..10_000)
        .map(|i| {
            let mut project = project.clone();
            project["id"] = json!(format!("project-{i}"));
            project["tags"] = json!([format!("tag-{}", i % 97), "DDB", "SQS"]);
            project
        })
        .collect();
    profile["projects"] = json!(projects);
    profile["ai"]["sideProject"] = json!("project-9999");
    // One duplicate at the very end: found, and named at its place.
    profile["projects"][9_999]["id"] = json!("project-0");
    let text = profile.to_string();
    let problems = timed("check 10,000 projects", || portfolio::check_profile(&text));
    assert_eq!(
        problems,
        [
            "projects[9999].id: duplicate id \"project-0\"",
            "ai.sideProject: no project \"project-9999\""
        ]
    );
    let profile = parse_profile(&text).unwrap();
    let index = timed("index 10,000 projects", || TagIndex::new(&profile));
    assert_eq!(
        index.tags.len(),
        97 + 2,
        "97 tags, DynamoDB (through DDB) and SQS"
    );
    let dynamodb = index.resolve("ddb").unwrap()[0];
    let state = index.toggle(&FilterState::default(), dynamodb);
    assert_eq!(index.matching(&state).len(), 10_000);
    timed("lay out 10,000 diagrams", || exercise(&profile));
}

/// A deterministic pseudo-random sequence (a linear congruential generator), so the generated
/// diagram is the same on every run without a dependency.
fn lcg(seed: &mut u64) -> usize {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    (*seed >> 33) as usize
}

/// A diagram of `nodes` nodes and about 1.5 edges a node: a chain (so it is connected), random
/// forward and backward edges (cycles), and a self-loop every 50 nodes.
fn big_diagram(nodes: usize) -> Value {
    let id = |i: usize| format!("n{i}");
    let node_list: Vec<Value> = (0..nodes)
        .map(|i| json!({"id": id(i), "label": format!("Node {i}"), "kind": "service"}))
        .collect();
    let mut pairs: Vec<(usize, usize)> = (1..nodes).map(|i| (i - 1, i)).collect();
    let mut seed = 13;
    while pairs.len() < nodes * 3 / 2 {
        let pair = (lcg(&mut seed) % nodes, lcg(&mut seed) % nodes);
        if pair.0 != pair.1 && !pairs.contains(&pair) {
            pairs.push(pair);
        }
    }
    pairs.extend((0..nodes).step_by(50).map(|i| (i, i)));
    let edges: Vec<Value> = pairs
        .iter()
        .enumerate()
        .map(|(e, &(a, b))| {
            let label = (e % 3 == 0).then(|| format!("edge {e}"));
            json!({"from": id(a), "to": id(b), "kind": "async", "label": label})
        })
        .collect();
    json!({"title": "A big diagram", "nodes": node_list, "edges": edges})
}

#[test]
fn a_200_node_diagram_with_cycles_is_laid_out_in_time() {
    let mut profile = base();
    profile["projects"][0]["diagram"] = big_diagram(200);
    // serde_json writes an absent label as null, which the model reads as absent.
    let text = profile.to_string();
    assert_eq!(portfolio::check_profile(&text), Vec::<String>::new());
    let profile = parse_profile(&text).unwrap();
    let diagram = &profile.projects[0].diagram;
    assert_eq!((diagram.nodes.len(), diagram.edges.len()), (200, 304));
    for direction in [Direction::LeftToRight, Direction::TopToBottom] {
        let drawn = timed(&format!("lay out 200 nodes, {direction:?}"), || {
            scene(diagram, direction)
        });
        let rects: Vec<_> = drawn.nodes.iter().map(|node| node.rect).collect();
        for (i, a) in rects.iter().enumerate() {
            assert!(
                rects[i + 1..].iter().all(|b| !a.overlaps(b)),
                "{i} overlaps"
            );
        }
        assert!(drawn.edges.iter().all(|edge| edge.path.starts_with('M')));
    }
}

/// `depth` nested arrays, or objects (`{"a": {"a": … 1 … }}`).
fn nested(depth: usize, objects: bool) -> String {
    if objects {
        "{\"a\":".repeat(depth) + "1" + &"}".repeat(depth)
    } else {
        "[".repeat(depth) + &"]".repeat(depth)
    }
}

#[test]
fn ten_thousand_nested_arrays_are_an_error_not_a_stack_overflow() {
    let deep = nested(10_000, false);
    let deep_objects = nested(10_000, true);
    // Where the model expects a struct or a string, serde stops at the first `[`; where it reads
    // any value (the version check, the builder's untagged value, an unknown field skipped by
    // the version check) the depth is read, and serde_json's limit of 128 ends it.
    let places = [
        (
            deep.clone(),
            "[0]: invalid type: sequence, expected a string",
        ),
        (
            BASE.replacen("\"principles\": [", &format!("\"principles\": [{deep},"), 1),
            "principles[0]: invalid type: sequence, expected a string",
        ),
        (
            BASE.replacen("\"value\": 500", &format!("\"value\": {deep}"), 1),
            ": recursion limit exceeded",
        ),
        (
            BASE.replacen(
                "\"tags\": {",
                &format!("\"deep\": {deep_objects}, \"tags\": {{"),
                1,
            ),
            ": unknown field `deep`, expected one of `$schema`",
        ),
        (
            BASE.replacen(
                "\"schemaVersion\": 1",
                &format!("\"schemaVersion\": {deep}"),
                1,
            ),
            "schemaVersion: invalid type: sequence, expected u32",
        ),
    ];
    for (text, expected) in &places {
        // The test thread's stack is 2 MB: a recursive reader without a limit would overflow it.
        let problems = timed("check 10,000-deep nesting", || {
            portfolio::check_profile(text)
        });
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains(expected), "{problems:?}");
    }
}

/// A label no control has is an error at its place, like any unknown field. Made here, not a
/// case of the corpus: serde's message lists every label, and a new label must not change a
/// fixture.
#[test]
fn an_unknown_label_is_named_at_its_place() {
    let lang = "\"lang\": \"en\",";
    let text = BASE.replacen(
        lang,
        &format!("{lang} \"labels\": {{ \"plya\": \"Play\" }},"),
        1,
    );
    assert_ne!(text, BASE);
    let problems = portfolio::check_profile(&text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let expected = "line 6, column 36: site.labels: unknown field `plya`, expected one of \
                    `themeToggle`, ";
    assert!(problems[0].starts_with(expected), "{problems:?}");
}

/// The JSON pointers of every number the format has: the figure amounts, the builder's number
/// (`dsaSolved`) and the schema version.
const NUMBERS: [&str; 5] = [
    "/projects/0/outcomes/1/value/amount",
    "/projects/0/outcomes/2/before/amount",
    "/projects/0/outcomes/2/after/amount",
    "/builder/calls/2/value",
    "/schemaVersion",
];

/// The base profile's text with the number at `pointer` written as `literal`.
fn with_number(pointer: &str, literal: &str) -> String {
    const MARK: &str = "\"@number@\"";
    let mut profile = base();
    *profile.pointer_mut(pointer).unwrap() = json!("@number@");
    serde_json::to_string_pretty(&profile)
        .unwrap()
        .replacen(MARK, literal, 1)
}

/// The ways a number can be written: Rust's `{}` (plain digits, however many) and `{:e}`.
fn literal(number: f64, exponent: bool) -> String {
    match (number.is_nan(), number.is_infinite(), exponent) {
        (true, _, _) => "NaN".into(),
        (_, true, _) if number > 0.0 => "Infinity".into(),
        (_, true, _) => "-Infinity".into(),
        (_, _, true) => format!("{number:e}"),
        _ => format!("{number}"),
    }
}

proptest! {
    // Bounded: each case parses, validates and lays out a whole profile.
    // Failures are kept beside the other properties' (a test file has no lib.rs to put them by).
    #![proptest_config(ProptestConfig {
        cases: 192,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/hostile.txt",
        ))),
        ..ProptestConfig::default()
    })]

    /// Any f64 (huge, tiny, subnormal, negative zero; NaN and infinities as the literals some
    /// writers produce) in any numeric field: never a panic, the same answer twice, an amount
    /// read to the very bit, and only the problems its value calls for.
    #[test]
    fn any_number_in_any_numeric_field_is_read_exactly_or_named(
        field in 0..NUMBERS.len(),
        number in any::<f64>(),
        exponent in any::<bool>(),
    ) {
        let written = literal(number, exponent);
        let text = with_number(NUMBERS[field], &written);
        let problems = portfolio::check_profile(&text);
        prop_assert_eq!(&problems, &portfolio::check_profile(&text), "deterministic");
        let parsed = parse_profile(&text);
        if let Ok(profile) = &parsed {
            exercise(profile);
        }
        if !number.is_finite() {
            // JSON has no NaN or infinity: a syntax error, never a number.
            prop_assert!(parsed.is_err(), "{} was read", written);
        } else if field < 3 {
            let value = serde_json::to_value(parsed.unwrap()).unwrap();
            let amount = value.pointer(NUMBERS[field]).unwrap().as_f64().unwrap();
            prop_assert_eq!(amount.to_bits(), number.to_bits(), "{} read as {}", written, amount);
            // -0 is not below zero.
            prop_assert_eq!(problems.is_empty(), number >= 0.0, "{:?}", problems);
        } else {
            let whole = !written.contains(['-', '.', 'e']) && number <= u64::MAX as f64;
            let valid = whole && (field == 3 || written == "1");
            prop_assert_eq!(problems.is_empty(), valid, "{}: {:?}", written, problems);
            let name = if field == 3 { "builder.calls[2].value" } else { "schemaVersion" };
            prop_assert!(problems.iter().all(|p| p.contains(name)), "{:?}", problems);
        }
    }

    /// Any text, hostile pieces included, in any text field: never a panic, the same answer
    /// twice, kept verbatim by the parser, and a problem only when it is blank.
    #[test]
    fn any_text_in_any_text_field_is_kept_verbatim(
        field in 0..TEXTS.len(),
        text in prop_oneof![
            any::<String>(),
            proptest::collection::vec(proptest::sample::select(PIECES), 0..6)
                .prop_map(|pieces| pieces.concat()),
        ],
    ) {
        let mut profile = base();
        *profile.pointer_mut(TEXTS[field]).unwrap() = json!(text);
        let written = profile.to_string();
        let problems = portfolio::check_profile(&written);
        prop_assert_eq!(&problems, &portfolio::check_profile(&written), "deterministic");
        let parsed = parse_profile(&written).expect("any string is a string");
        exercise(&parsed);
        let read = serde_json::to_value(&parsed).unwrap();
        prop_assert_eq!(read.pointer(TEXTS[field]).and_then(Value::as_str), Some(text.as_str()));
        // The builder's text argument is shown as a string literal, blank or not, and a node's
        // detail is an optional second line.
        let optional = ["/builder/calls/1/value", "/projects/0/diagram/nodes/1/detail"];
        let blank = text.trim().is_empty() && !optional.contains(&TEXTS[field]);
        prop_assert_eq!(problems.len(), usize::from(blank), "{:?}", problems);
    }
}

/// Text fields of every kind: the person, a project, its diagram, the chrome and the lists.
const TEXTS: [&str; 14] = [
    "/person/name",
    "/projects/0/title",
    "/projects/0/summary",
    "/projects/0/bullets/0",
    "/projects/0/tags/0",
    "/projects/0/diagram/nodes/0/label",
    "/projects/0/diagram/nodes/1/detail",
    "/projects/0/diagram/edges/0/label",
    "/projects/0/diagram/scenarios/0/steps/0/caption",
    "/principles/0",
    "/contact/0/text",
    "/site/filter/results",
    "/builder/calls/1/value",
    "/skills/0/items/0",
];

/// What hostile text is made of: markup, right-to-left and bidi controls, emoji sequences,
/// combining marks, control characters, terminal escapes, quotes, and blank pieces.
const PIECES: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</svg><a href=\"javascript:alert(1)\">",
    "{count}",
    "\u{202E}",
    "\u{200F}",
    "مرحبا بالعالم",
    "שלום",
    "👩‍👩‍👧‍👦",
    "🇮🇳",
    "Z\u{335}\u{321}\u{322}a\u{337}",
    "e\u{301}",
    "\u{0}",
    "\u{1b}[2J",
    "\u{7f}",
    "\n",
    "\t",
    "\u{2028}",
    "\u{FEFF}",
    "\u{FFFD}",
    "\"",
    "\\",
    " ",
    "\u{a0}",
    "Lead: ",
];
