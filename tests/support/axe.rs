//! axe-core (npm, pinned; `cargo xtask test` installs it into `.tools/axe-core`) run inside
//! the page as it is now: every rule of WCAG 2.0, 2.1 and 2.2 A and AA and axe's best
//! practices.

use std::path::Path;

use super::Browser;

/// The rule sets axe runs.
const TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']";

pub fn axe_source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".tools/axe-core/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (`cargo xtask test` installs axe-core)",
            path.display()
        )
    })
}

/// The violations axe finds on the page as it is now, one line each: rule, impact, where.
pub async fn violations(browser: &Browser, axe: &str) -> Vec<String> {
    // Put in once a page: it is half a megabyte of script to send and compile.
    let loaded = browser
        .client
        .execute("return typeof window.axe === 'object'", vec![])
        .await
        .unwrap();
    if loaded != serde_json::Value::Bool(true) {
        browser.client.execute(axe, vec![]).await.unwrap();
    }
    let run = format!(
        "const done = arguments[arguments.length - 1];
         // Only violations are read: axe then skips the details of every passing node.
         axe.run(document, {{ runOnly: {{ type: 'tag', values: {TAGS} }},
                             resultTypes: ['violations'] }}).then(
           r => done(r.violations.map(v => v.id + ' (' + v.impact + '): '
             + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))),
           e => done(['axe could not run: ' + e]));"
    );
    let found = browser.client.execute_async(&run, vec![]).await.unwrap();
    serde_json::from_value(found).unwrap()
}
