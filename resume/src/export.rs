//! Profile → JSON Resume 1.2.1: the person, contact links, work, education, certificates,
//! projects and skills in JSON Resume's own fields, and in `meta.portfolio` the patch that turns
//! what the import makes of those fields back into the profile (diagrams, figures, labels,
//! aliases, the page's words…), so that importing an export gives back the same profile.

use portfolio::model::{ContactLink, Profile};
use serde_json::{json, Map, Value};

use crate::import::{import, ImportError};
use crate::patch;
use crate::read::is_email;
use crate::{Defaults, EXTENSION};

/// The schema the export says it follows (JSON Resume's own address for it).
const SCHEMA: &str =
    "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";

/// The résumé for `profile`, with the extension that makes the round trip exact.
pub fn export(profile: &Profile, defaults: &Defaults) -> Result<Value, ImportError> {
    let mut resume = standard(profile);
    let base = import(&resume.to_string(), defaults)?.profile;
    let operations = patch::diff(
        &serde_json::to_value(&base)?,
        &serde_json::to_value(profile)?,
    );
    if !operations.is_empty() {
        resume["meta"] = json!({ EXTENSION: { "patch": operations } });
    }
    Ok(resume)
}

/// The profile in JSON Resume's fields only.
fn standard(profile: &Profile) -> Value {
    let email = profile
        .contact
        .iter()
        .position(|link| email_of(link).is_some());
    let profiles: Vec<Value> = profile
        .contact
        .iter()
        .enumerate()
        .filter(|(index, _)| Some(*index) != email)
        .map(|(_, link)| json!({ "network": link.label, "url": link.href }))
        .collect();
    let person = &profile.person;
    let basics = json!({
        "name": person.name,
        "label": person.role,
        "email": email.and_then(|index| email_of(&profile.contact[index])),
        "summary": (!person.summary.is_empty()).then(|| person.summary.join("\n\n")),
        "profiles": profiles,
    });
    let work: Vec<Value> = profile
        .work
        .iter()
        .map(|job| {
            json!({
                "name": job.company, "position": job.position, "url": job.url,
                "location": job.location, "startDate": job.start_date, "endDate": job.end_date,
                "summary": job.summary, "highlights": job.highlights,
            })
        })
        .collect();
    let education: Vec<Value> = profile
        .education
        .iter()
        .map(|school| {
            json!({
                "institution": school.institution, "area": school.area,
                "studyType": school.study_type, "url": school.url,
                "startDate": school.start_date, "endDate": school.end_date,
            })
        })
        .collect();
    let certificates: Vec<Value> = profile
        .certificates
        .iter()
        .map(|c| json!({ "name": c.name, "issuer": c.issuer, "date": c.date, "url": c.url }))
        .collect();
    let projects: Vec<Value> = profile
        .projects
        .iter()
        .map(|project| {
            json!({
                "name": project.title, "description": project.summary,
                "highlights": project.bullets, "keywords": project.tags,
                "entity": project.company,
            })
        })
        .collect();
    let skills: Vec<Value> = profile
        .skills
        .iter()
        .map(|row| json!({ "name": row.category, "keywords": row.items }))
        .collect();
    compact(json!({
        "$schema": SCHEMA,
        "basics": basics,
        "work": work,
        "education": education,
        "certificates": certificates,
        "projects": projects,
        "skills": skills,
    }))
}

/// The address of a `mailto:` link the import reads back as the email.
fn email_of(link: &ContactLink) -> Option<&str> {
    link.href
        .strip_prefix("mailto:")
        .filter(|address| is_email(address))
}

/// Without nulls and empty lists: JSON Resume's schema wants a string where a field is present.
fn compact(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()))
                .map(|(k, v)| (k, compact(v)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(compact).collect()),
        other => other,
    }
}
