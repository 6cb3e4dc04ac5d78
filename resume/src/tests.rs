//! The import as a forker meets it, on the résumés of `xtask/tests/fixtures/resume/`: JSON
//! Resume's own sample placed field by field, what has no place listed by its path, the page's
//! words from the defaults, a résumé without a name refused with the reason. The checks that
//! need xtask's tools (the official schema, the prerendered page) are xtask's
//! (`xtask/src/resume/tests.rs`).

use serde_json::Value;

use crate::{import, profile_json, Defaults, ImportError, Imported};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../xtask/tests/fixtures/resume/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import_fixture(name: &str) -> Imported {
    import(&fixture(name), &Defaults::committed()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn the_official_sample_is_placed_field_by_field() {
    let Imported { profile, unplaced } = import_fixture("sample.resume.json");
    assert_eq!(profile.person.name, "Richard Hendriks");
    assert_eq!(profile.person.role, "Programmer");
    assert_eq!(profile.site.title, "Richard Hendriks · Programmer");
    let email = profile.contact.last().unwrap();
    assert_eq!(email.href, "mailto:richard.hendriks@mail.com");
    assert_eq!(email.copy.as_deref(), Some("richard.hendriks@mail.com"));
    assert_eq!(
        profile.contact[1].href,
        "https://soundcloud.example.com/dandymusicnl"
    );
    assert_eq!(profile.work[0].company, "Pied Piper");
    assert_eq!(profile.work[0].start_date.as_deref(), Some("2013-12-01"));
    assert_eq!(profile.education[0].study_type.as_deref(), Some("Bachelor"));
    let project = &profile.projects[0];
    assert_eq!(
        (project.id.as_str(), project.company.as_deref()),
        ("miss-direction", Some("Smoogle"))
    );
    assert_eq!(
        project.tags,
        ["GoogleMaps", "Chrome Extension", "Javascript"]
    );
    assert_eq!(project.bullets.len(), 3);
    assert_eq!(profile.skills[0].category, "Web Development");
    // Words a résumé does not hold come from the defaults, not from Rust.
    let defaults: Value = serde_json::from_str(include_str!("defaults.json")).unwrap();
    assert_eq!(
        profile.sections.work.as_ref().unwrap().title,
        defaults["sections"]["work"]["title"]
    );
    assert_eq!(profile.site.labels, portfolio::model::Labels::default());
    // Whatever the page has no place for is listed by its path.
    for path in [
        "basics.phone",
        "basics.location",
        "work[0].description",
        "education[0].score",
        "projects[0].url",
        "skills[0].level",
        "awards",
        "languages",
        "interests",
        "references",
        "publications",
        "volunteer",
    ] {
        assert!(
            unplaced.iter().any(|line| line.path == path),
            "{path} is not listed in {unplaced:#?}"
        );
    }
}

/// The written profile reads back as the profile, and holds only the words that differ from
/// the defaults: none for an import, the changed ones (and no empty block) for an owner's.
#[test]
fn an_imported_profile_leaves_out_the_default_words() {
    let mut profile = import_fixture("sample.resume.json").profile;
    let read = |json: &str| portfolio::parse::parse_profile(json).unwrap();
    let site = |json: &str| serde_json::from_str::<Value>(json).unwrap()["site"].clone();
    let json = profile_json(&profile);
    assert_eq!(read(&json), profile);
    assert_eq!(site(&json).get("labels"), None);
    assert_eq!(site(&json).get("filter"), None);
    profile.site.labels.play = "Abspielen: {scenario}".into();
    profile.site.filter.clear = "Alle entfernen".into();
    let json = profile_json(&profile);
    assert_eq!(read(&json), profile);
    assert_eq!(
        site(&json),
        serde_json::json!({
            "title": profile.site.title,
            "description": profile.site.description,
            "lang": "en",
            "labels": { "play": "Abspielen: {scenario}" },
            "filter": { "clear": "Alle entfernen" },
        })
    );
    assert!(
        json.contains("\n  \"site\": {\n    \"title\": "),
        "laid out as the rest"
    );
}

#[test]
fn a_job_s_role_stands_in_for_a_missing_label() {
    let profile = import_fixture("sparse.json").profile;
    assert_eq!(profile.person.role, "Backend Developer");
    assert!(profile.contact.is_empty() && profile.person.summary.is_empty());
    assert_eq!(
        profile.projects[0].summary, "Internal CLI",
        "the name stands in"
    );
}

#[test]
fn a_resume_without_a_name_is_refused_with_the_reason() {
    let error = import(
        r#"{"basics": {"label": "Engineer"}}"#,
        &Defaults::committed(),
    );
    assert!(
        matches!(error, Err(ImportError::Missing("basics.name"))),
        "{error:?}"
    );
    let error = import("[]", &Defaults::committed()).unwrap_err();
    assert_eq!(error.to_string(), "a JSON Resume is an object");
}

#[test]
fn non_english_text_keeps_every_character_and_gets_ids() {
    let defaults = Defaults::committed().with_lang("de".into());
    let profile = import(&fixture("non-english.json"), &defaults)
        .unwrap()
        .profile;
    assert_eq!(profile.site.lang, "de");
    assert_eq!(profile.work[1].company, "株式会社サンプル");
    let ids: Vec<&str> = profile.projects.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["project", "berweisungs-pipeline"]);
}
