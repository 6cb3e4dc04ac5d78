//! JSON Resume in and out, with xtask's tools: JSON Resume's own sample and four résumés of
//! different shapes import to valid profiles whose prerendered pages show the person; the
//! export validates against the official schema (npm `@jsonresume/schema`); import(export(p))
//! == p, for her profile and for generated ones. The import's own cases are the
//! `portfolio-resume` crate's tests.

use std::path::PathBuf;
use std::sync::OnceLock;

use portfolio::model::{Certificate, ContactLink, Education, Job, Profile, SectionText, SkillRow};
use proptest::prelude::*;
use serde_json::Value;

use portfolio_resume::{export, import, profile_json, Defaults, Imported};

use crate::root;

fn fixture_dir() -> PathBuf {
    root().join("xtask/tests/fixtures/resume")
}

fn fixture(name: &str) -> String {
    let path = fixture_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import_fixture(name: &str) -> Imported {
    import(&fixture(name), &Defaults::committed()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn her_profile() -> Profile {
    portfolio::parse::parse_profile(include_str!("../../../tests/fixtures/rich.json")).unwrap()
}

/// The official schema, from the npm package `cargo xtask test` installs.
fn resume_schema() -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = crate::setup::jsonresume_schema_dir().join("schema.json");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (`cargo xtask test` installs npm @jsonresume/schema@{})",
                path.display(),
                crate::setup::JSONRESUME_SCHEMA_VERSION
            )
        });
        let schema: Value = serde_json::from_str(&text).unwrap();
        jsonschema::validator_for(&schema).expect("the official schema compiles")
    })
}

fn schema_errors(resume: &Value) -> Vec<String> {
    resume_schema()
        .iter_errors(resume)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The page as `cargo xtask dist` prerenders it.
fn page_of(profile: &Profile) -> String {
    portfolio::render_page(
        portfolio::page::Page::new(profile.clone()),
        String::new(),
        None,
    )
}

#[test]
fn every_resume_imports_to_a_valid_profile_whose_page_shows_the_person() {
    let mut names: Vec<String> = std::fs::read_dir(fixture_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "the sample and four of our own: {names:?}");
    for name in names {
        let resume: Value = serde_json::from_str(&fixture(&name)).unwrap();
        assert_eq!(
            schema_errors(&resume),
            Vec::<String>::new(),
            "{name} is a JSON Resume"
        );
        let imported = import_fixture(&name);
        let json = profile_json(&imported.profile);
        assert_eq!(
            portfolio::check_profile(&json),
            Vec::<String>::new(),
            "{name}"
        );
        let profile = &imported.profile;
        let page = page_of(profile);
        let shown = |text: &str| page.contains(&crate::prerender::html_escape(text));
        assert!(shown(&profile.person.name), "{name}: the name");
        assert!(shown(&profile.person.role), "{name}: the role");
        for job in &profile.work {
            assert!(shown(&job.company), "{name}: {}", job.company);
        }
        for project in &profile.projects {
            assert!(shown(&project.title), "{name}: {}", project.title);
        }
    }
}

/// The end-to-end suite renders each imported résumé in the browser from
/// `tests/fixtures/imported/`: those files must be what the import gives today.
#[test]
fn the_imported_profiles_the_browser_tests_render_are_current() {
    let dir = crate::root().join("tests/fixtures/imported");
    let mut names: Vec<String> = std::fs::read_dir(fixture_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let imported = import_fixture(&name);
        let json = profile_json(&imported.profile);
        let committed = std::fs::read_to_string(dir.join(&name)).unwrap_or_default();
        assert!(
            committed == json,
            "tests/fixtures/imported/{name} is stale: run `cargo xtask import \
             xtask/tests/fixtures/resume/{name} --out tests/fixtures/imported/{name}`"
        );
    }
}

#[test]
fn her_profile_exports_to_a_valid_resume_and_back_unchanged() {
    let profile = her_profile();
    let resume = export(&profile, &Defaults::committed()).unwrap();
    assert_eq!(schema_errors(&resume), Vec::<String>::new());
    // The schema does check: a date JSON Resume does not allow is an error.
    let mut broken = resume.clone();
    broken["work"][0]["startDate"] = "June 2020".into();
    assert_eq!(schema_errors(&broken).len(), 1, "{broken}");
    assert_eq!(resume["basics"]["name"], "Aayushi Gupta");
    assert_eq!(resume["work"][1]["name"], "Pine Labs");
    assert_eq!(resume["basics"]["email"], "aayushi09023@gmail.com");
    let back = import(&resume.to_string(), &Defaults::committed()).unwrap();
    assert!(back.unplaced.is_empty(), "{:?}", back.unplaced);
    assert_eq!(back.profile, profile);
}

/// The end-to-end suite compares the workbench's JSON Resume download of the minimal example
/// with `tests/fixtures/exported/minimal.resume.json`: that file must be what the export gives
/// today, and a valid JSON Resume.
#[test]
fn the_exported_resume_the_browser_tests_compare_with_is_current() {
    let minimal = include_str!("../../../tests/fixtures/minimal.json");
    let profile = portfolio::parse::parse_profile(minimal).unwrap();
    let resume = export(&profile, &Defaults::committed()).unwrap();
    assert_eq!(schema_errors(&resume), Vec::<String>::new());
    let json = serde_json::to_string_pretty(&resume).unwrap() + "\n";
    let name = "tests/fixtures/exported/minimal.resume.json";
    let committed = std::fs::read_to_string(root().join(name)).unwrap_or_default();
    assert!(
        committed == json,
        "{name} is stale: run `cargo xtask export --profile tests/fixtures/minimal.json --out \
         {name}`"
    );
}

// Generated profiles: her profile with its parts replaced by generated ones, kept when valid.

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Zäé字ß0-9][a-zA-Zäé字ß0-9 .,:/<>&\"'\n-]{0,14}"
}

fn date() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(
        (
            1000u32..3000,
            proptest::option::of(1u32..13),
            proptest::option::of(1u32..32),
        )
            .prop_map(|(y, m, d)| match (m, d) {
                (Some(m), Some(d)) => format!("{y}-{m:02}-{d:02}"),
                (Some(m), None) => format!("{y}-{m:02}"),
                _ => format!("{y}"),
            }),
    )
}

fn url() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("https?://[a-z]{1,8}\\.example/[a-z0-9]{0,6}")
}

fn job() -> impl Strategy<Value = Job> {
    (
        text(),
        proptest::option::of(text()),
        url(),
        proptest::option::of(text()),
        date(),
        date(),
        any::<bool>(),
        proptest::option::of(text()),
        proptest::collection::vec(text(), 0..3),
    )
        .prop_map(
            |(company, position, url, location, start, end, current, summary, highlights)| {
                Job {
                    company,
                    position,
                    url,
                    location,
                    // Ordered, so the range is valid; a current job has no end.
                    start_date: start.clone().min(end.clone()).or(start.clone()),
                    end_date: if current { None } else { end.max(start) },
                    current,
                    summary,
                    highlights,
                }
            },
        )
}

fn school() -> impl Strategy<Value = Education> {
    (
        text(),
        proptest::option::of(text()),
        proptest::option::of(text()),
        url(),
        date(),
    )
        .prop_map(|(institution, area, study_type, url, end_date)| Education {
            institution,
            area,
            study_type,
            url,
            start_date: None,
            end_date,
        })
}

fn certificate() -> impl Strategy<Value = Certificate> {
    (text(), proptest::option::of(text()), date(), url()).prop_map(|(name, issuer, date, url)| {
        Certificate {
            name,
            issuer,
            date,
            url,
        }
    })
}

fn contact() -> impl Strategy<Value = ContactLink> {
    let email =
        ("[a-z]{1,6}@[a-z]{1,6}\\.example", text()).prop_map(|(address, label)| ContactLink {
            label,
            command: "echo".into(),
            text: format!("\"{address}\""),
            href: format!("mailto:{address}"),
            copy: Some(address),
        });
    let web = (text(), "https://[a-z]{1,8}\\.example/[a-z]{0,6}", text()).prop_map(
        |(label, href, command)| ContactLink {
            label,
            command,
            text: href.clone(),
            href,
            copy: None,
        },
    );
    prop_oneof![email, web]
}

prop_compose! {
    fn generated_profile()(
        name in text(), role in text(),
        summary in proptest::collection::vec(text(), 0..3),
        work in proptest::collection::vec(job(), 0..4),
        education in proptest::collection::vec(school(), 0..3),
        certificates in proptest::collection::vec(certificate(), 0..3),
        contact in proptest::collection::vec(contact(), 0..4),
        skills in proptest::collection::vec(
            (text(), proptest::collection::vec(text(), 1..4)),
            0..3,
        ),
        keep in proptest::collection::vec(any::<bool>(), 8),
        titles in proptest::collection::vec(text(), 8),
        with_ai in any::<bool>(),
        principles in 0usize..11,
    ) -> Profile {
        let mut p = her_profile();
        p.person.name = name;
        p.person.role = role;
        p.person.summary = summary;
        p.work = work;
        p.education = education;
        p.certificates = certificates;
        p.contact = contact;
        p.skills = skills
            .into_iter()
            .map(|(category, items)| SkillRow { category, items })
            .collect();
        p.site.labels.present = "present".into();
        p.sections.education = Some(SectionText { title: "Education".into(), intro: None });
        let all = std::mem::take(&mut p.projects);
        for ((mut project, keep), title) in all.into_iter().zip(keep).zip(titles) {
            if keep {
                project.title = title;
                p.projects.push(project);
            }
        }
        let side = p.ai.as_ref().map(|ai| ai.side_project.clone());
        if !with_ai || !p.projects.iter().any(|project| Some(&project.id) == side.as_ref()) {
            p.ai = None;
        }
        p.principles.truncate(principles);
        p
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_valid_profile_exports_to_a_valid_resume_and_back(p in generated_profile()) {
        prop_assert_eq!(portfolio::validate::validate(&p), Vec::new(), "generated valid");
        let resume = export(&p, &Defaults::committed()).unwrap();
        prop_assert_eq!(schema_errors(&resume), Vec::<String>::new());
        let back = import(&resume.to_string(), &Defaults::committed()).unwrap();
        prop_assert!(back.unplaced.is_empty(), "{:?}", back.unplaced);
        prop_assert_eq!(back.profile, p);
    }
}
