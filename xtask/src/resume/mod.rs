//! JSON Resume in and out: `cargo xtask import resume.json [--out public/profile.json]` makes a
//! profile of a résumé, `cargo xtask export [--out resume.json]` writes the profile as one.
//! The words of the page that a résumé does not hold come from `defaults.json` beside this file.

mod export;
mod import;
mod patch;
mod read;
#[cfg(test)]
mod tests;

use portfolio::model::{Sections, Site};
use serde::Deserialize;

use crate::{root, Result};

/// The member of JSON Resume's `meta` that carries what its fields cannot.
const EXTENSION: &str = "portfolio";

/// The page's words for an imported profile (`defaults.json`): the site's labels, the section
/// titles, the builder's names and how contact links are drawn. `site.title` and
/// `site.description` are templates with `{name}` and `{role}`.
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
    let json = serde_json::to_string_pretty(&imported.profile).expect("a profile serialises");
    let path = root().join(&out);
    std::fs::write(&path, json + "\n").map_err(|e| format!("cannot write {out}: {e}"))?;
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
