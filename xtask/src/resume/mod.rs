//! JSON Resume in and out: `cargo xtask import resume.json [--out public/profile.json]` makes a
//! profile of a résumé, `cargo xtask export [--out resume.json]` writes the profile as one. The
//! import and export themselves are the `portfolio-resume` crate's (`resume/`), which the
//! workbench runs in the browser too; here are the commands and the tests that need xtask's
//! tools (the official schema, the prerendered page).

#[cfg(test)]
mod tests;

use portfolio_resume::{export, import, profile_json, Defaults};

use crate::{root, Result};

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
        defaults = defaults.with_lang(lang);
    }
    let imported = import(&text, &defaults).map_err(|e| format!("{input}: {e}"))?;
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
    let resume = export(&profile, &Defaults::committed()).map_err(|e| format!("{input}: {e}"))?;
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
