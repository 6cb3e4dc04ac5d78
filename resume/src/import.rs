//! JSON Resume 1.2 → profile: basics → person and contact links, work, education,
//! certificates, projects → cards (keywords → tags, highlights → bullets,
//! entity → company), skills → the skills table. The page's own words come from defaults,
//! never from here: section titles from the defaults file, control labels from the app's own.
//! What has no place on the page is listed by its path; an exported profile's extension
//! (`meta.portfolio`) puts back what JSON Resume cannot hold.

use portfolio::format::fill;
use portfolio::model::{
    BuilderCall, BuilderValue, Certificate, ContactLink, Education, Job, Person, Profile, Project,
    SkillRow, TagConfig, SCHEMA_VERSION,
};
use serde_json::Value;

use crate::patch::{self, Operation};
use crate::read::{Object, Unplaced};
use crate::{Defaults, EXTENSION};

/// A profile made from a résumé, and what of the résumé it could not place, in the résumé's
/// order.
#[derive(Debug)]
pub struct Imported {
    pub profile: Profile,
    pub unplaced: Vec<Unplaced>,
}

/// Why a text is not a résumé the page can be made of.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("a JSON Resume is an object")]
    NotAnObject,
    #[error("{0} is needed: the page shows it first")]
    Missing(&'static str),
    #[error("meta.{EXTENSION}: {0}")]
    Extension(String),
    #[error("the profile made from it does not read back: {0}")]
    Profile(String),
}

/// Reads a JSON Resume document into a profile.
pub fn import(text: &str, defaults: &Defaults) -> Result<Imported, ImportError> {
    let Value::Object(mut resume) = serde_json::from_str(text)? else {
        return Err(ImportError::NotAnObject);
    };
    let extension = take_extension(&mut resume)?;
    let mut unplaced = Vec::new();
    let profile = {
        let mut resume = Object::new(String::new(), resume, &mut unplaced);
        // The résumé's own schema link is for its editors; the profile gets its own.
        resume.raw("$schema");
        base(&mut resume, defaults)?
    };
    let profile = match extension {
        Some(operations) => {
            let mut value = serde_json::to_value(&profile)?;
            patch::apply(&mut value, &operations)
                .map_err(|e| ImportError::Extension(e.to_string()))?;
            portfolio::parse::parse_profile(&value.to_string())
                .map_err(|e| ImportError::Profile(e.to_string()))?
        }
        None => profile,
    };
    Ok(Imported { profile, unplaced })
}

/// `meta.portfolio.patch`, taken out of the résumé (the rest of `meta` is listed as usual).
fn take_extension(
    resume: &mut serde_json::Map<String, Value>,
) -> Result<Option<Vec<Operation>>, ImportError> {
    let Some(Value::Object(meta)) = resume.get_mut("meta") else {
        return Ok(None);
    };
    let Some(extension) = meta.remove(EXTENSION) else {
        return Ok(None);
    };
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Extension {
        patch: Vec<Operation>,
    }
    let extension: Extension =
        serde_json::from_value(extension).map_err(|e| ImportError::Extension(e.to_string()))?;
    Ok(Some(extension.patch))
}

/// The profile the résumé's own fields make, with the defaults' words.
fn base(resume: &mut Object<'_>, defaults: &Defaults) -> Result<Profile, ImportError> {
    let work = resume.each("work", job);
    let (person, contact) = resume.object("basics", |basics| person(basics, defaults));
    let mut person = person.ok_or(ImportError::Missing("basics.name"))?;
    if person.role.is_empty() {
        // A résumé without a label: the latest role it names says what the person does.
        person.role = work
            .iter()
            .flatten()
            .find_map(|job| job.position.clone())
            .ok_or(ImportError::Missing("basics.label (or a work[].position)"))?;
    }
    let work: Vec<Job> = work.into_iter().flatten().collect();
    let education = resume
        .each("education", school)
        .into_iter()
        .flatten()
        .collect();
    let certificates = resume
        .each("certificates", certificate)
        .into_iter()
        .flatten()
        .collect();
    let projects = projects(resume);
    let skills = resume
        .each("skills", skill_row)
        .into_iter()
        .flatten()
        .collect();
    let site = &defaults.site;
    let words = [
        ("name", person.name.as_str()),
        ("role", person.role.as_str()),
    ];
    let description = person
        .summary
        .first()
        .cloned()
        .unwrap_or_else(|| fill(&site.description, &words));
    Ok(Profile {
        schema: Some("./profile.schema.json".into()),
        schema_version: SCHEMA_VERSION,
        site: portfolio::model::Site {
            title: fill(&site.title, &words),
            description,
            ..site.clone()
        },
        builder: builder(&work, defaults),
        sections: defaults.sections.clone(),
        tags: TagConfig::default(),
        person,
        work,
        education,
        certificates,
        projects,
        ai: None,
        skills,
        principles: Vec::new(),
        contact,
    })
}

/// basics → the person (`None` without a name) and the contact links: profiles, the site, the
/// email with a copy button. An empty role is filled in by the caller.
fn person(mut basics: Object<'_>, defaults: &Defaults) -> (Option<Person>, Vec<ContactLink>) {
    let Some(name) = basics.text("name") else {
        return (None, Vec::new());
    };
    let words = &defaults.contact;
    let web = |label: String, url: String| ContactLink {
        label,
        command: words.web.command.clone(),
        text: url.clone(),
        href: url,
        copy: None,
    };
    let mut contact = basics.each("profiles", |mut profile| {
        let url = profile.link("url")?;
        let network = profile.text("network");
        // The username is part of the address; one that is not stays, to be listed.
        if let Some(user) = profile.text("username") {
            if !url.contains(&user) {
                profile.note("username", &format!("{user:?} is not in its url"));
            }
        }
        Some(web(
            network.unwrap_or_else(|| words.website.label.clone()),
            url,
        ))
    });
    let mut contact: Vec<ContactLink> = contact.drain(..).flatten().collect();
    if let Some(url) = basics.link("url") {
        contact.push(web(words.website.label.clone(), url));
    }
    if let Some(email) = basics.email("email") {
        contact.push(ContactLink {
            label: words.email.label.clone(),
            command: words.email.command.clone(),
            text: format!("\"{email}\""),
            href: format!("mailto:{email}"),
            copy: Some(email),
        });
    }
    let summary = basics
        .text("summary")
        .map(|text| paragraphs(&text))
        .unwrap_or_default();
    let person = Person {
        name,
        role: basics.text("label").unwrap_or_default(),
        focus: Vec::new(),
        summary,
    };
    (Some(person), contact)
}

/// A summary's paragraphs: the text between blank lines.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn job(mut job: Object<'_>) -> Option<Job> {
    // JSON Resume 1.0 called it `company`.
    let company = job.text("name").or_else(|| job.text("company"))?;
    Some(Job {
        company,
        position: job.text("position"),
        url: job.link("url"),
        location: job.text("location"),
        start_date: job.date("startDate"),
        end_date: job.date("endDate"),
        current: false,
        summary: job.text("summary"),
        highlights: job.texts("highlights"),
    })
}

fn school(mut school: Object<'_>) -> Option<Education> {
    Some(Education {
        institution: school.text("institution")?,
        area: school.text("area"),
        study_type: school.text("studyType"),
        url: school.link("url"),
        start_date: school.date("startDate"),
        end_date: school.date("endDate"),
    })
}

fn certificate(mut certificate: Object<'_>) -> Option<Certificate> {
    Some(Certificate {
        name: certificate.text("name")?,
        issuer: certificate.text("issuer"),
        date: certificate.date("date"),
        url: certificate.link("url"),
    })
}

/// A skills-table row: the skill's name over its keywords. One without keywords has nothing
/// for the row to list, and stays whole, to be listed.
fn skill_row(mut skill: Object<'_>) -> Option<SkillRow> {
    let items = skill.texts("keywords");
    if items.is_empty() {
        return None;
    }
    let Some(category) = skill.text("name") else {
        skill.note("keywords", &format!("{items:?} have no skill name"));
        return None;
    };
    Some(SkillRow { category, items })
}

/// projects → cards, each with a unique kebab-case id made from its name.
fn projects(resume: &mut Object<'_>) -> Vec<Project> {
    let mut ids = std::collections::BTreeSet::new();
    resume
        .each("projects", |mut project| {
            let title = project.text("name")?;
            let id = unique_id(&slug(&title), &mut ids);
            let summary = project.text("description").unwrap_or_else(|| title.clone());
            Some(Project {
                id,
                company: project.text("entity"),
                title,
                summary,
                bullets: project.texts("highlights"),
                tags: project.texts("keywords"),
                ..Project::default()
            })
        })
        .into_iter()
        .flatten()
        .collect()
}

/// `Pied Piper: Compression` → `pied-piper-compression`; a name with no ASCII letter or digit
/// (`圧縮`) → `project`.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "project".into()
    } else {
        slug.into()
    }
}

/// `id`, or `id-2`, `id-3`… if it is taken.
fn unique_id(id: &str, taken: &mut std::collections::BTreeSet<String>) -> String {
    let mut candidate = id.to_string();
    let mut n = 1;
    while !taken.insert(candidate.clone()) {
        n += 1;
        candidate = format!("{id}-{n}");
    }
    candidate
}

/// The builder block: the companies worked at, as the defaults' method (`experience`).
fn builder(work: &[Job], defaults: &Defaults) -> portfolio::model::Builder {
    let mut companies: Vec<String> = Vec::new();
    for job in work {
        if !companies.contains(&job.company) {
            companies.push(job.company.clone());
        }
    }
    let words = &defaults.builder;
    portfolio::model::Builder {
        type_name: words.type_name.clone(),
        variable: words.variable.clone(),
        calls: if companies.is_empty() {
            Vec::new()
        } else {
            vec![BuilderCall {
                method: words.experience.clone(),
                value: BuilderValue::List(companies),
            }]
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_kebab_case_ids() {
        assert_eq!(slug("Pied Piper: Compression"), "pied-piper-compression");
        assert_eq!(slug("  --Hello__World!! "), "hello-world");
        assert_eq!(slug("圧縮"), "project");
        assert_eq!(slug("Café ☕ 2"), "caf-2");
        let mut taken = Default::default();
        assert_eq!(unique_id("a", &mut taken), "a");
        assert_eq!(unique_id("a", &mut taken), "a-2");
        assert_eq!(unique_id("a", &mut taken), "a-3");
    }
}
