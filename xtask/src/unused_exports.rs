//! Drops the JS classes that wasm-streams exports, from the glue and from the wasm's exports,
//! so that wasm-opt then removes their code.
//!
//! Leptos depends on server_fn's browser client, which depends on wasm-streams, whose
//! `#[wasm_bindgen]` classes (`IntoUnderlyingSource`, `…Sink`, `…ByteSource`) turn a Rust
//! stream into a JS one. wasm-bindgen exports every such class whether or not anything uses
//! it; this page has no server functions, and nothing in Rust or JS constructs them. They were
//! 4.8 KB of the main module's code and 3 KB of the glue, raw.

use crate::wasm_binary::{rewrite_section, write_leb, write_name, Reader};
use crate::Result;

/// The export section's id in the wasm binary format.
const EXPORT_SECTION: u8 = 7;

/// wasm-streams' classes, as wasm-bindgen names them in the glue.
const CLASSES: [&str; 3] = [
    "IntoUnderlyingByteSource",
    "IntoUnderlyingSink",
    "IntoUnderlyingSource",
];

/// `wasm` and `glue` without wasm-streams' classes. Each class the glue defines must be
/// removable as wasm-bindgen writes it today, and used nowhere else, or the build stops.
pub(crate) fn drop_stream_classes(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String)> {
    let mut glue = glue.to_string();
    let mut exports = Vec::new();
    for class in CLASSES {
        if !glue.contains(&format!("export class {class} {{")) {
            continue;
        }
        let removed = remove_class(&mut glue, class)?;
        exports.extend(exports_called_in(&removed));
    }
    for export in &exports {
        if glue.contains(&format!("wasm.{export}(")) {
            return Err(format!("the JS glue still calls {export}"));
        }
    }
    if CLASSES.iter().any(|class| glue.contains(class)) {
        return Err("the JS glue still refers to a wasm-streams class".into());
    }
    let wasm = rewrite_section(wasm, EXPORT_SECTION, |section| {
        without_exports(section, &exports)
    })?;
    Ok((wasm, glue))
}

/// Removes `class`'s definition, its dispose line and its finalization registry from `glue`,
/// and returns what was removed.
fn remove_class(glue: &mut String, class: &str) -> Result<String> {
    let unexpected = || format!("the JS glue defines {class} in an unexpected shape");
    let start = glue
        .find(&format!("export class {class} {{"))
        .ok_or_else(unexpected)?;
    let dispose = format!(
        "if (Symbol.dispose) {class}.prototype[Symbol.dispose] = {class}.prototype.free;\n"
    );
    let end = start + glue[start..].find(&dispose).ok_or_else(unexpected)? + dispose.len();
    let mut removed: String = glue.drain(start..end).collect();
    let registry = format!("const {class}Finalization = ");
    let start = glue.find(&registry).ok_or_else(unexpected)?;
    let end = start + glue[start..].find(";\n").ok_or_else(unexpected)? + 2;
    removed.extend(glue.drain(start..end));
    Ok(removed)
}

/// The names of the wasm exports that `js` calls (`wasm.name(`).
fn exports_called_in(js: &str) -> Vec<String> {
    js.match_indices("wasm.")
        .map(|(at, _)| {
            js[at + 5..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// The export section without the exports named in `dropped`.
fn without_exports(section: &[u8], dropped: &[String]) -> Result<Vec<u8>> {
    let mut reader = Reader {
        bytes: section,
        at: 0,
    };
    let count = reader.leb()?;
    let mut kept = Vec::new();
    let mut kept_count = 0;
    for _ in 0..count {
        let name = reader.name()?;
        let description_start = reader.at;
        reader.byte()?;
        reader.leb()?;
        if !dropped.iter().any(|d| d == name) {
            write_name(&mut kept, name);
            kept.extend_from_slice(&section[description_start..reader.at]);
            kept_count += 1;
        }
    }
    let mut out = Vec::with_capacity(kept.len() + 5);
    write_leb(&mut out, kept_count);
    out.extend_from_slice(&kept);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with only an export section naming function exports 0, 1, 2 … as `names`.
    fn module(names: &[&str]) -> Vec<u8> {
        let mut exports = Vec::new();
        write_leb(&mut exports, names.len() as u64);
        for (index, name) in names.iter().enumerate() {
            write_name(&mut exports, name);
            exports.extend_from_slice(&[0, index as u8]);
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.push(EXPORT_SECTION);
        write_leb(&mut wasm, exports.len() as u64);
        wasm.extend_from_slice(&exports);
        wasm
    }

    const SINK: &str = "export class IntoUnderlyingSink {
    free() {
        wasm.__wbg_intounderlyingsink_free(this.__wbg_ptr, 0);
    }
    close() {
        return wasm.intounderlyingsink_close(this.__wbg_ptr);
    }
}
if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = \
    IntoUnderlyingSink.prototype.free;
";
    const REGISTRY: &str =
        "const IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr, 1));
";

    #[test]
    fn the_classes_and_their_exports_go_and_the_rest_stays() {
        let glue = format!("export function start() {{ wasm.start(); }}\n{SINK}\n{REGISTRY}x();\n");
        let wasm = module(&[
            "start",
            "__wbg_intounderlyingsink_free",
            "intounderlyingsink_close",
        ]);
        let (wasm, glue) = drop_stream_classes(&wasm, &glue).unwrap();
        assert_eq!(glue, "export function start() { wasm.start(); }\n\nx();\n");
        assert_eq!(wasm, module(&["start"]));
    }

    #[test]
    fn a_class_still_used_stops_the_build() {
        let glue = format!("{SINK}\n{REGISTRY}new IntoUnderlyingSink();\n");
        let wasm = module(&["intounderlyingsink_close"]);
        assert!(drop_stream_classes(&wasm, &glue).is_err());
        let changed = SINK.replace("if (Symbol.dispose)", "if (Symbol.asyncDispose)");
        assert!(drop_stream_classes(&wasm, &format!("{changed}{REGISTRY}")).is_err());
    }

    #[test]
    fn a_glue_without_the_classes_is_left_as_it_is() {
        let wasm = module(&["start"]);
        let glue = "export function start() { wasm.start(); }\n";
        assert_eq!(
            drop_stream_classes(&wasm, glue).unwrap(),
            (wasm.clone(), glue.to_string())
        );
    }
}
