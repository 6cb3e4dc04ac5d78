//! `cargo xtask bench`'s workbench row: how soon the workbench (`edit/`) previews what the
//! owner typed, how long the render itself takes, and whether a key typed while it renders
//! waits. `preview_speed.mjs` types in headless Chromium through puppeteer-core (installed with
//! Lighthouse); this runs it and reads its numbers against issue 26's targets.

use std::path::Path;

use serde_json::Value;

use crate::lighthouse::median;
use crate::rewrite::find_once;
use crate::setup::Tools;
use crate::{root, Result};

/// Edits of the hero's name, each previewed once typing pauses.
pub(crate) const RUNS: usize = 7;
/// The preview shows an edit at most this long after its last key (median, ms).
const UPDATED: f64 = 250.0;
/// The render itself takes at most this long (median, ms).
const RENDER: f64 = 100.0;
/// A key typed while the preview renders is on screen at most this long after it (worst,
/// ms): the gap between two keys of a fast typist, so typing keeps the keyboard's pace.
const KEY: f64 = 100.0;

/// What the runs measured (None: the preview never showed the edit).
pub(crate) struct PreviewSpeed {
    updated: Vec<Option<f64>>,
    render: Vec<Option<f64>>,
    /// Every slow key's time to the frame showing it, over all runs (Event Timing reports
    /// those over 16 ms).
    keys: Vec<f64>,
}

/// Types into the workbench served at `url` (the site's `edit/`).
pub(crate) fn measure(tools: &Tools, chrome: &Path, url: &str) -> Result<PreviewSpeed> {
    let node_modules = root().join(".tools/lighthouse/node_modules/puppeteer-core");
    let script = root().join("xtask/src/preview_speed.mjs");
    let output = tools
        .command("node")
        .arg(&script)
        .arg(&node_modules)
        .arg(chrome)
        .arg(url)
        .arg(RUNS.to_string())
        .output()
        .map_err(|e| format!("node {}: {e}", script.display()))?;
    let text = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "preview_speed.mjs failed: {}{}",
            text,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    parse(&text)
}

/// Reads preview_speed.mjs's JSON line; one of another shape stops the bench.
fn parse(text: &str) -> Result<PreviewSpeed> {
    let start = find_once(text, "{\"runs\":", "preview_speed.mjs's output")?;
    let report: Value = serde_json::from_str(text[start..].trim())
        .map_err(|e| format!("preview_speed.mjs's output: {e}"))?;
    let runs = report["runs"]
        .as_array()
        .filter(|runs| !runs.is_empty())
        .ok_or("preview_speed.mjs reported no runs")?;
    let number = |value: &Value, name: &str| -> Result<Option<f64>> {
        match value {
            Value::Null => Ok(None),
            value => value
                .as_f64()
                .map(Some)
                .ok_or_else(|| format!("preview_speed.mjs: `{name}` is {value}")),
        }
    };
    let read = |name: &str| -> Result<Vec<Option<f64>>> {
        runs.iter().map(|run| number(&run[name], name)).collect()
    };
    let mut keys = Vec::new();
    for run in runs {
        let list = run["keys"]
            .as_array()
            .ok_or("preview_speed.mjs: a run without `keys`")?;
        for key in list {
            keys.push(number(key, "keys")?.ok_or("preview_speed.mjs: a key of null")?);
        }
    }
    Ok(PreviewSpeed {
        updated: read("updated")?,
        render: read("render")?,
        keys,
    })
}

impl PreviewSpeed {
    /// The table's rows: `| what | median | worst | missed |`.
    pub(crate) fn rows(&self) -> String {
        let row = |what: &str, values: &[Option<f64>]| {
            let kept: Vec<f64> = values.iter().flatten().copied().collect();
            format!(
                "| {what} | {} | {} | {} of {} |\n",
                show(median(&kept)),
                show(worst(&kept)),
                values.len() - kept.len(),
                values.len()
            )
        };
        let keys: Vec<Option<f64>> = self.keys.iter().copied().map(Some).collect();
        format!(
            "| workbench | median ms | worst ms | not shown |\n|---|---:|---:|---:|\n{}{}{}",
            row("last key to the preview showing it", &self.updated),
            row("the render itself", &self.render),
            row("a key typed while the preview renders, to its frame", &keys),
        )
    }

    /// The three targets, each met or not, with what was measured.
    pub(crate) fn targets(&self) -> [(bool, String); 3] {
        let median_of = |values: &[Option<f64>]| {
            let kept: Vec<f64> = values.iter().flatten().copied().collect();
            median(&kept).filter(|_| kept.len() == values.len())
        };
        let updated = median_of(&self.updated);
        let render = median_of(&self.render);
        // Event Timing leaves out keys shown within 16 ms: none listed is the best case.
        let key = worst(&self.keys).unwrap_or(16.0);
        [
            (
                updated.is_some_and(|m| m <= UPDATED),
                format!(
                    "workbench preview shown <= {UPDATED} ms after the last key: median {}",
                    show(updated)
                ),
            ),
            (
                render.is_some_and(|m| m <= RENDER),
                format!("workbench render <= {RENDER} ms: median {}", show(render)),
            ),
            (
                key <= KEY,
                format!(
                    "a key typed while the workbench renders shown <= {KEY} ms after it: \
                     worst {key:.0} ms"
                ),
            ),
        ]
    }
}

fn worst(values: &[f64]) -> Option<f64> {
    values.iter().copied().reduce(f64::max)
}

fn show(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.0}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slow_preview_a_missed_edit_and_a_waiting_key_miss_their_targets() {
        let text = r#"noise {"runs":[{"updated":300,"render":120,"keys":[16,140]},
            {"updated":null,"render":null,"keys":[]}]}"#;
        let speed = parse(&text.replace('\n', "")).unwrap();
        let targets = speed.targets();
        assert!(targets.iter().all(|(ok, _)| !ok), "{targets:?}");
        assert!(targets[2].1.contains("worst 140 ms"), "{}", targets[2].1);
        assert!(
            speed.rows().contains("| 300 | 300 | 1 of 2 |"),
            "{}",
            speed.rows()
        );
        let good = r#"{"runs":[{"updated":200,"render":60,"keys":[]},
            {"updated":220,"render":70,"keys":[24]}]}"#;
        let good = parse(&good.replace('\n', "")).unwrap();
        assert!(good.targets().iter().all(|(ok, _)| *ok));
    }

    #[test]
    fn output_of_another_shape_stops_the_bench() {
        assert!(parse("{}").is_err());
        assert!(parse(r#"{"runs":[]}"#).is_err());
        assert!(parse(r#"{"runs":[{"updated":1,"render":1}]}"#).is_err());
        assert!(parse(r#"{"runs":[{"updated":"soon","render":1,"keys":[]}]}"#).is_err());
    }
}
