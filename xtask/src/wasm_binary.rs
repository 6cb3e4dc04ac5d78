//! The wasm binary format, as far as the build rewrites it: sections, LEB128 integers and
//! names (`import_names.rs`, `unused_exports.rs`).

use crate::Result;

/// `wasm` with the body of each section `id` replaced by `rewrite(body)`; every other byte as it
/// was.
pub(crate) fn rewrite_section(
    wasm: &[u8],
    id: u8,
    mut rewrite: impl FnMut(&[u8]) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    if wasm.get(..4) != Some(b"\0asm") {
        return Err("not a wasm module".into());
    }
    let mut reader = Reader { bytes: wasm, at: 8 };
    let mut out = wasm[..8].to_vec();
    while reader.at < wasm.len() {
        let section = reader.byte()?;
        let size = reader.leb()? as usize;
        let body = reader.take(size)?;
        let body = if section == id {
            rewrite(body)?
        } else {
            body.to_vec()
        };
        out.push(section);
        write_leb(&mut out, body.len() as u64);
        out.extend_from_slice(&body);
    }
    Ok(out)
}

/// Reads the wasm binary format: bytes, LEB128 integers and names.
pub(crate) struct Reader<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn byte(&mut self) -> Result<u8> {
        let byte = *self
            .bytes
            .get(self.at)
            .ok_or("the wasm module ends early")?;
        self.at += 1;
        Ok(byte)
    }

    pub(crate) fn leb(&mut self) -> Result<u64> {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
            if shift > 63 {
                return Err("a malformed integer in the wasm module".into());
            }
        }
    }

    pub(crate) fn take(&mut self, length: usize) -> Result<&'a [u8]> {
        let bytes = self
            .bytes
            .get(self.at..self.at + length)
            .ok_or("the wasm module ends early")?;
        self.at += length;
        Ok(bytes)
    }

    pub(crate) fn name(&mut self) -> Result<&'a str> {
        let length = self.leb()? as usize;
        std::str::from_utf8(self.take(length)?).map_err(|_| "a name that is not UTF-8".into())
    }

    /// Limits: a flag byte (bit 0: a maximum follows), the minimum and the maximum.
    pub(crate) fn skip_limits(&mut self) -> Result {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 != 0 {
            self.leb()?;
        }
        Ok(())
    }

    /// What follows an import's kind: a type index (function), a table, a memory, a global or
    /// a tag.
    pub(crate) fn skip_import_description(&mut self, kind: u8) -> Result {
        match kind {
            0 => self.leb().map(drop),
            1 => {
                self.byte()?;
                self.skip_limits()
            }
            2 => self.skip_limits(),
            3 => self.take(2).map(drop),
            4 => {
                self.byte()?;
                self.leb().map(drop)
            }
            _ => Err(format!("an import of unknown kind {kind}")),
        }
    }
}

pub(crate) fn write_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

pub(crate) fn write_name(out: &mut Vec<u8>, name: &str) {
    write_leb(out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
}
