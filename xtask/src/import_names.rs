//! Short names for the main module's imports from its JS glue, in the wasm and in the glue.
//!
//! wasm-bindgen names each import after the JS it calls and a hash, such as
//! `__wbg_addEventListener_a1b2c3d4e5f6a7b8`: about 200 of them, written once in the wasm's import
//! section and once as keys of the glue's import object. The hashes do not compress, so the
//! names cost 3.4 KB brotli in the wasm alone. Here they become `a`, `b`, … `ba`, in both files;
//! nothing else refers to them.

use crate::rewrite::replace_once;
use crate::wasm_binary::{rewrite_section, write_leb, write_name, Reader};
use crate::Result;

/// The import section's id in the wasm binary format.
const IMPORT_SECTION: u8 = 2;

/// `wasm` and `glue` with every function import from `module` renamed to a short name. An
/// import the glue does not define the way wasm-bindgen writes it is an error: a new
/// wasm-bindgen that writes its glue differently stops the build instead of breaking the page.
pub(crate) fn shorten(wasm: &[u8], glue: &str, module: &str) -> Result<(Vec<u8>, String)> {
    let mut glue = glue.to_string();
    let mut renamed = 0;
    let wasm = rewrite_imports(wasm, |import_module, name| {
        if import_module != module {
            return Ok(None);
        }
        let short = short_name(renamed);
        renamed += 1;
        // The glue's import object lists each import once, as a method of this shape.
        glue = replace_once(
            &glue,
            &format!("\n        {name}: function("),
            &format!("\n        {short}: function("),
            "wasm-bindgen's JS glue",
        )?;
        Ok(Some(short))
    })?;
    Ok((wasm, glue))
}

/// The `index`-th short name: `a` … `z`, `A` … `Z`, then two letters and so on.
fn short_name(mut index: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = vec![LETTERS[index % LETTERS.len()]];
    index /= LETTERS.len();
    while index > 0 {
        index -= 1;
        name.push(LETTERS[index % LETTERS.len()]);
        index /= LETTERS.len();
    }
    String::from_utf8(name).expect("ASCII letters")
}

/// `wasm` with its function imports renamed where `rename(module, name)` gives a new name;
/// every other byte as it was.
fn rewrite_imports(
    wasm: &[u8],
    mut rename: impl FnMut(&str, &str) -> Result<Option<String>>,
) -> Result<Vec<u8>> {
    rewrite_section(wasm, IMPORT_SECTION, |section| {
        rewrite_import_section(section, &mut rename)
    })
}

fn rewrite_import_section(
    section: &[u8],
    rename: &mut impl FnMut(&str, &str) -> Result<Option<String>>,
) -> Result<Vec<u8>> {
    let mut reader = Reader {
        bytes: section,
        at: 0,
    };
    let count = reader.leb()?;
    let mut out = Vec::with_capacity(section.len());
    write_leb(&mut out, count);
    for _ in 0..count {
        let module = reader.name()?;
        let name = reader.name()?;
        let description_start = reader.at;
        let kind = reader.byte()?;
        reader.skip_import_description(kind)?;
        let new_name = match kind {
            0 => rename(module, name)?,
            _ => None,
        };
        write_name(&mut out, module);
        write_name(&mut out, new_name.as_deref().unwrap_or(name));
        out.extend_from_slice(&section[description_start..reader.at]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module that imports a memory and two functions from `./app_bg.js`, one function from
    /// elsewhere, and has a custom section after its imports.
    fn module(names: [&str; 3]) -> Vec<u8> {
        let mut imports = Vec::new();
        write_leb(&mut imports, 4);
        for (module, name, description) in [
            ("./app_bg.js", "memory", &[2u8, 1, 1, 2][..]),
            ("./app_bg.js", names[0], &[0, 0]),
            ("./split.js", names[1], &[0, 1]),
            ("./app_bg.js", names[2], &[0, 0]),
        ] {
            write_name(&mut imports, module);
            write_name(&mut imports, name);
            imports.extend_from_slice(description);
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.push(IMPORT_SECTION);
        write_leb(&mut wasm, imports.len() as u64);
        wasm.extend_from_slice(&imports);
        wasm.extend_from_slice(&[0, 4, 1, b'x', 7, 7]);
        wasm
    }

    const GLUE: &str = "const import0 = {
        __wbg_log_0123456789abcdef: function(arg0) {
            console.log(arg0);
        },
        __wbg_now_fedcba9876543210: function() {
            return Date.now();
        },
    };";

    #[test]
    fn function_imports_from_the_glue_get_short_names_in_both_files() {
        let names = [
            "__wbg_log_0123456789abcdef",
            "__wbg_load_1111111111111111",
            "__wbg_now_fedcba9876543210",
        ];
        let (wasm, glue) = shorten(&module(names), GLUE, "./app_bg.js").unwrap();
        assert_eq!(wasm, module(["a", "__wbg_load_1111111111111111", "b"]));
        assert_eq!(
            glue,
            GLUE.replace("__wbg_log_0123456789abcdef", "a")
                .replace("__wbg_now_fedcba9876543210", "b")
        );
    }

    #[test]
    fn an_import_the_glue_does_not_define_stops_the_build() {
        let names = [
            "__wbg_log_0123456789abcdef",
            "x",
            "__wbg_gone_0000000000000000",
        ];
        let error = shorten(&module(names), GLUE, "./app_bg.js").unwrap_err();
        assert!(error.contains("__wbg_gone_0000000000000000"), "{error}");
        assert!(shorten(b"not wasm", GLUE, "./app_bg.js").is_err());
    }

    #[test]
    fn short_names_are_distinct_letters() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[52], "aa");
        let distinct: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
        assert!(names
            .iter()
            .all(|name| name.bytes().all(|b| b.is_ascii_alphabetic())));
    }
}
