//! Runs the bench's page scripts (`first_tap.mjs`, `preview_speed.mjs`) in headless Chromium
//! through puppeteer-core, which Lighthouse's install brings, and reads the one JSON line each
//! prints: `{"runs": [...]}`. Output of another shape stops the bench.

use std::path::Path;

use serde_json::Value;

use crate::rewrite::find_once;
use crate::setup::Tools;
use crate::{root, Result};

/// Runs `xtask/src/{name}` against `url`, `runs` times over, and returns its runs.
pub(crate) fn runs(
    tools: &Tools,
    chrome: &Path,
    name: &str,
    url: &str,
    runs: usize,
) -> Result<Vec<Value>> {
    let node_modules = root().join(".tools/lighthouse/node_modules/puppeteer-core");
    let script = root().join("xtask/src").join(name);
    let output = tools
        .command("node")
        .arg(&script)
        .arg(&node_modules)
        .arg(chrome)
        .arg(url)
        .arg(runs.to_string())
        .output()
        .map_err(|e| format!("node {}: {e}", script.display()))?;
    let text = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "{name} failed: {}{}",
            text,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    read_runs(&text, name)
}

/// The runs of `name`'s JSON line in `text`.
pub(crate) fn read_runs(text: &str, name: &str) -> Result<Vec<Value>> {
    let start = find_once(text, "{\"runs\":", &format!("{name}'s output"))?;
    let report: Value =
        serde_json::from_str(text[start..].trim()).map_err(|e| format!("{name}'s output: {e}"))?;
    match report["runs"].as_array() {
        Some(runs) if !runs.is_empty() => Ok(runs.clone()),
        _ => Err(format!("{name} reported no runs")),
    }
}

/// A run's number `value` of field `name`: None for null, an error for anything else.
pub(crate) fn number(value: &Value, script: &str, name: &str) -> Result<Option<f64>> {
    match value {
        Value::Null => Ok(None),
        value => value
            .as_f64()
            .map(Some)
            .ok_or_else(|| format!("{script}: `{name}` is {value}")),
    }
}
