//! `cargo xtask bench`'s first-tap row: whether a tag tapped at the first paint, on a throttled
//! phone, counts, and how soon; and how soon a tap on the idle page shows. `first_tap.mjs` does
//! the tapping in headless Chromium through puppeteer-core (installed with Lighthouse, which
//! depends on it); this runs it and reads its numbers against the targets.

use std::path::Path;

use serde_json::Value;

use crate::lighthouse::median;
use crate::puppeteer;
use crate::setup::Tools;
use crate::Result;

/// Page loads, each with one tap at the first paint and one on the idle page.
pub(crate) const RUNS: usize = 10;
/// A tap at the first paint is applied at most this long after the app is live (ms).
const AFTER_LIVE: f64 = 300.0;
/// A tap on the idle page shows its result at most this long after the tap (ms).
const IDLE: f64 = 100.0;

/// What the runs measured: per run, the time from going live to the tap's result (None: the
/// tap was lost), and from an idle tap to the frame that shows it.
pub(crate) struct Taps {
    after_live: Vec<Option<f64>>,
    idle: Vec<Option<f64>>,
}

/// Runs the taps against the site served at `url`.
pub(crate) fn measure(tools: &Tools, chrome: &Path, url: &str) -> Result<Taps> {
    parse_runs(&puppeteer::runs(tools, chrome, SCRIPT, url, RUNS)?)
}

const SCRIPT: &str = "first_tap.mjs";

/// Reads first_tap.mjs's runs.
fn parse_runs(runs: &[Value]) -> Result<Taps> {
    let read = |name: &str| -> Result<Vec<Option<f64>>> {
        runs.iter()
            .map(|run| puppeteer::number(&run[name], SCRIPT, name))
            .collect()
    };
    Ok(Taps {
        after_live: read("applied")?,
        idle: read("idle")?,
    })
}

#[cfg(test)]
fn parse(text: &str) -> Result<Taps> {
    parse_runs(&puppeteer::read_runs(text, SCRIPT)?)
}

impl Taps {
    /// The table's rows: `| what | median | worst | lost |`.
    pub(crate) fn rows(&self) -> String {
        let row = |what: &str, values: &[Option<f64>]| {
            let kept: Vec<f64> = values.iter().flatten().copied().collect();
            let worst = kept
                .iter()
                .copied()
                .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))));
            format!(
                "| {what} | {} | {} | {} of {} |\n",
                show(median(&kept)),
                show(worst),
                values.len() - kept.len(),
                values.len()
            )
        };
        format!(
            "| tap | median ms | worst ms | lost |\n|---|---:|---:|---:|\n{}{}",
            row(
                "at the first paint, applied after the app is live",
                &self.after_live
            ),
            row("on the idle page, tap to the frame showing it", &self.idle),
        )
    }

    /// The two targets, each met or not, with what was measured.
    pub(crate) fn targets(&self) -> [(bool, String); 2] {
        let lost = self.after_live.iter().filter(|v| v.is_none()).count();
        let kept: Vec<f64> = self.after_live.iter().flatten().copied().collect();
        let worst = kept.iter().copied().fold(0.0, f64::max);
        let idle: Vec<f64> = self.idle.iter().flatten().copied().collect();
        let idle_median = median(&idle);
        [
            (
                lost == 0 && worst <= AFTER_LIVE,
                format!(
                    "first tap: {lost} of {} lost, each applied <= {AFTER_LIVE} ms after the \
                     app is live: worst {worst:.0} ms",
                    self.after_live.len()
                ),
            ),
            (
                idle_median.is_some_and(|m| m <= IDLE) && idle.len() == self.idle.len(),
                format!(
                    "idle tap shown <= {IDLE} ms after the tap: median {}",
                    show(idle_median)
                ),
            ),
        ]
    }
}

fn show(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.0}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_tap_and_a_slow_one_miss_their_targets() {
        let text = r#"noise {"runs":[{"applied":12.5,"idle":80},{"applied":null,"idle":null}]}"#;
        let taps = parse(text).unwrap();
        let [first, idle] = taps.targets();
        assert!(!first.0, "{}", first.1);
        assert!(first.1.contains("1 of 2 lost"), "{}", first.1);
        assert!(!idle.0, "a run without a reading misses it: {}", idle.1);
        assert!(
            taps.rows().contains("| 12 | 12 | 1 of 2 |"),
            "{}",
            taps.rows()
        );
        let good = parse(r#"{"runs":[{"applied":5,"idle":60},{"applied":7,"idle":90}]}"#).unwrap();
        assert!(good.targets().iter().all(|(ok, _)| *ok));
    }

    #[test]
    fn output_of_another_shape_stops_the_bench() {
        assert!(parse("{}").is_err());
        assert!(parse(r#"{"runs":[]}"#).is_err());
        assert!(parse(r#"{"runs":[{"applied":"soon","idle":1}]}"#).is_err());
    }
}
