//! JSON Resume in and out: `cargo xtask import resume.json [--out public/profile.json]` makes a
//! profile of a résumé, `cargo xtask export [--out resume.json]` writes the profile as one.
//! The words of the page that a résumé does not hold come from `defaults.json` beside this file;
//! the labels of its controls are the app's own defaults (`src/default_labels.json`), which an
//! imported profile leaves out.

mod export;
mod import;
mod patch;
mod read;
#[cfg(test)]
mod tests;

use portfolio::model::{FilterLabels, Labels, Profile, Sections, Site};
use serde::{Deserialize, Serialize};

use crate::{root, Result};

/// The member of JSON Resume's `meta` that carries what its fields cannot.
const EXTENSION: &str = "portfolio";

/// The page's words for an imported profile (`defaults.json`): the site's title, description and
/// language, the section titles, the builder's names and how contact links are drawn.
/// `site.title` and `site.description` are templates with `{name}` and `{role}`; labels left out
/// of `site` are the app's defaults.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct Defaults {
    site: Site,
    sections: Sections,
    builder: BuilderWords,
    contact: ContactWords,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BuilderWords {
    type_name: String,
    variable: String,
    /// The method that lists the companies worked at.
    experience: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ContactWords {
    email: LinkWords,
    website: LinkWords,
    web: LinkWords,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LinkWords {
    #[serde(default)]
    label: String,
    #[serde(default)]
    command: String,
}

impl Defaults {
    /// The committed defaults; a test keeps them valid.
    pub(crate) fn committed() -> Self {
        serde_json::from_str(include_str!("defaults.json")).expect("defaults.json reads")
    }
}

/// A profile as the import writes it: pretty JSON without the labels and filter words that are
/// their defaults (the page has those anyway), so the file holds only the words chosen for it.
pub(crate) fn profile_json(profile: &Profile) -> String {
    let text = serde_json::to_string_pretty(profile).expect("a profile serialises");
    // The site as the profile holds it, one level in: two more spaces on every line (a string
    // holds no line break, JSON escapes it).
    let nested = |site: String| site.replace('\n', "\n  ");
    let full = nested(serde_json::to_string_pretty(&profile.site).expect("a site serialises"));
    let written = serde_json::to_string_pretty(&WrittenSite::of(&profile.site));
    assert_eq!(
        text.matches(&full).count(),
        1,
        "the site is in the profile once"
    );
    text.replacen(&full, &nested(written.expect("a site serialises")), 1) + "\n"
}

/// [`Site`] as the import writes it: its own words, and of its labels and filter words only
/// those that differ from the defaults (a block with none is left out).
#[derive(Serialize)]
struct WrittenSite<'a> {
    title: &'a str,
    description: &'a str,
    lang: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "as_object")]
    labels: Vec<(String, &'a str)>,
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "as_object")]
    filter: Vec<(String, &'a str)>,
    #[serde(rename = "makeYourOwn", skip_serializing_if = "Option::is_none")]
    make_your_own: Option<&'a str>,
}

impl<'a> WrittenSite<'a> {
    fn of(site: &'a Site) -> Self {
        let (labels, filter) = (Labels::default(), FilterLabels::default());
        let chosen = |words: Vec<(String, &'a str)>, defaults: Vec<(String, &str)>| {
            let defaults: Vec<&str> = defaults.into_iter().map(|(_, word)| word).collect();
            (words.into_iter().zip(defaults))
                .filter(|((_, word), default)| word != default)
                .map(|(word, _)| word)
                .collect()
        };
        WrittenSite {
            title: &site.title,
            description: &site.description,
            lang: &site.lang,
            labels: chosen(site.labels.entries().collect(), labels.entries().collect()),
            filter: chosen(site.filter.entries().collect(), filter.entries().collect()),
            make_your_own: site.make_your_own.as_deref(),
        }
    }
}

/// Words as a JSON object, in their order.
fn as_object<S: serde::Serializer>(
    words: &[(String, &str)],
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    serializer.collect_map(words.iter().map(|(name, word)| (name, word)))
}

/// `--out <path>` or `--out=<path>` among `args`.
fn out_arg(args: &[String]) -> Option<String> {
    crate::option(args, "--out")
}

/// `cargo xtask import <resume.json> [--out public/profile.json] [--lang xx]`.
pub(crate) fn import_command(args: &[String]) -> Result {
    let input = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .ok_or("usage: cargo xtask import resume.json [--out public/profile.json] [--lang xx]")?;
    // Paths are the workspace's, as `cargo xtask check` reads them (an absolute one stays).
    let text = std::fs::read_to_string(root().join(input))
        .map_err(|e| format!("cannot read {input}: {e}"))?;
    let mut defaults = Defaults::committed();
    if let Some(lang) = crate::option(args, "--lang") {
        defaults.site.lang = lang;
    }
    let imported = import::import(&text, &defaults).map_err(|e| format!("{input}: {e}"))?;
    let out = out_arg(args).unwrap_or_else(|| "public/profile.json".into());
    let path = root().join(&out);
    std::fs::write(&path, profile_json(&imported.profile))
        .map_err(|e| format!("cannot write {out}: {e}"))?;
    println!("wrote {out}");
    if !imported.unplaced.is_empty() {
        println!("not placed on the page ({}):", imported.unplaced.len());
        for line in &imported.unplaced {
            println!("  {line}");
        }
    }
    let problems = portfolio::validate::validate(&imported.profile);
    for problem in &problems {
        println!("{problem}");
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{out}: {} problem(s)", problems.len()))
    }
}

/// `cargo xtask export [--out resume.json] [--profile public/profile.json]`.
pub(crate) fn export_command(args: &[String]) -> Result {
    let input = crate::option(args, "--profile").unwrap_or_else(|| "public/profile.json".into());
    let text = std::fs::read_to_string(root().join(&input))
        .map_err(|e| format!("cannot read {input}: {e}"))?;
    let profile = portfolio::parse::parse_profile(&text).map_err(|e| format!("{input}: {e}"))?;
    let resume =
        export::export(&profile, &Defaults::committed()).map_err(|e| format!("{input}: {e}"))?;
    let json = serde_json::to_string_pretty(&resume).expect("JSON values serialise") + "\n";
    match out_arg(args) {
        Some(out) => {
            std::fs::write(root().join(&out), json)
                .map_err(|e| format!("cannot write {out}: {e}"))?;
            println!("wrote {out}");
        }
        None => print!("{json}"),
    }
    Ok(())
}
