//! A small JSON parser that remembers where every value starts, so any error found later (an
//! unknown field, a wrong type) can name its line and column as well as its path.
//!
//! Why not serde: the derive-based strict model measured about 90 KB of wasm (a visitor per
//! type, a deserializer instance per element type); this parser and the decoder in
//! `decode.rs` do the same job in a fraction of that. serde stays for the JSON Schema and as a
//! native test oracle (feature `serde`).

/// A JSON value and the byte offset where it starts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    pub(crate) value: Value,
    pub(crate) offset: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Node>),
    /// Members in document order, each with the offset of its key.
    Object(Vec<(String, usize, Node)>),
}

impl Value {
    /// What kind of value this is, as error messages say it ("a string", "an array").
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Malformed JSON: what was expected, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub(crate) offset: usize,
    pub(crate) message: String,
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

/// Parses one JSON document; anything but whitespace after it is an error.
pub(crate) fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        text,
        at: 0,
    };
    let node = parser.value(0)?;
    parser.space();
    if parser.at < parser.bytes.len() {
        return Err(parser.error("trailing characters after the document"));
    }
    Ok(node)
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    // `get` rather than `[..]` here and below: indexing a `str` compiles core's panic message
    // for a split character (with its `char` formatting) into the wasm, 4 KB with the searcher.
    let before = text
        .get(..floor_char_boundary(text, offset))
        .unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        line,
        before.get(line_start..).unwrap_or_default().chars().count() + 1,
    )
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> SyntaxError {
        SyntaxError {
            offset: self.at,
            message: message.to_string(),
        }
    }

    fn space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nesting too deep"));
        }
        self.space();
        let offset = self.at;
        let value = match self.bytes.get(self.at) {
            None => return Err(self.error("expected a value, found the end of the file")),
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => self.word("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => return Err(self.error("expected a value")),
        };
        Ok(Node { value, offset })
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        if self
            .bytes
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(word.as_bytes()))
        {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    /// A number, converted exactly where it matters (whole numbers and short decimals: an
    /// integer mantissa below 2^53 scaled by a power of ten up to 10^22, Clinger's fast path),
    /// without the standard float parser and its tables in the wasm.
    fn number(&mut self) -> Result<Value, SyntaxError> {
        let negative = self.eat(b'-');
        let mut mantissa: f64 = 0.0;
        let mut scale: i32 = 0;
        let mut digits = |p: &mut Self, fraction: bool| {
            let from = p.at;
            while let Some(&d @ b'0'..=b'9') = p.bytes.get(p.at) {
                mantissa = mantissa * 10.0 + f64::from(d - b'0');
                scale -= i32::from(fraction);
                p.at += 1;
            }
            p.at > from
        };
        if self.bytes.get(self.at) == Some(&b'0')
            && matches!(self.bytes.get(self.at + 1), Some(b'0'..=b'9'))
        {
            return Err(self.error("a number cannot start with 0 (leading zeros are not JSON)"));
        }
        if !digits(self, false) {
            return Err(self.error("expected a digit"));
        }
        if self.eat(b'.') && !digits(self, true) {
            return Err(self.error("expected a digit after the decimal point"));
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            let minus = !self.eat(b'+') && self.eat(b'-');
            let from = self.at;
            let mut exponent: i32 = 0;
            while let Some(&d @ b'0'..=b'9') = self.bytes.get(self.at) {
                exponent = exponent
                    .saturating_mul(10)
                    .saturating_add(i32::from(d - b'0'));
                self.at += 1;
            }
            if self.at == from {
                return Err(self.error("expected a digit in the exponent"));
            }
            scale = scale.saturating_add(if minus { -exponent } else { exponent });
        }
        // Zero stays zero whatever the exponent (`0e400` would be 0 × ∞).
        let value = if mantissa == 0.0 {
            0.0
        } else if scale >= 0 {
            mantissa * 10f64.powi(scale)
        } else {
            mantissa / 10f64.powi(-scale)
        };
        Ok(Value::Number(if negative { -value } else { value }))
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.at += 1; // the opening quote
        let mut out = String::new();
        loop {
            let run = self.at;
            while !matches!(
                self.bytes.get(self.at),
                None | Some(b'"' | b'\\' | 0..=0x1f)
            ) {
                self.at += 1;
            }
            // Between ASCII bytes, so both ends are character boundaries.
            out.push_str(self.text.get(run..self.at).unwrap_or_default());
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = match self.bytes.get(self.at) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.error("invalid escape")),
                    };
                    self.at += 1;
                    out.push(c);
                }
                None => return Err(self.error("unterminated string")),
                Some(_) => {
                    return Err(self.error("control character in a string (write it escaped)"))
                }
            }
        }
    }

    /// After `\u`: four hex digits, and a second escape when they are a high surrogate.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if !(self.eat(b'\\') && self.eat(b'u')) {
                return Err(self.error("lone surrogate in a \\u escape"));
            }
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error("lone surrogate in a \\u escape"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        // Four hex digits exactly: `from_str_radix` alone would take "+041".
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("invalid \\u escape"))?;
        let code = u32::from_str_radix(digits, 16).map_err(|_| self.error("invalid \\u escape"))?;
        self.at += 4;
        Ok(code)
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.at += 1;
        let mut items = Vec::new();
        self.space();
        if self.eat(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.space();
            if self.eat(b']') {
                return Ok(Value::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.error("expected `,` or `]`"));
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.at += 1;
        let mut members = Vec::new();
        self.space();
        if self.eat(b'}') {
            return Ok(Value::Object(members));
        }
        loop {
            self.space();
            let key_at = self.at;
            if self.bytes.get(self.at) != Some(&b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            let key = self.string()?;
            if members.iter().any(|(k, _, _)| *k == key) {
                return Err(SyntaxError {
                    offset: key_at,
                    message: format!("duplicate field `{key}`"),
                });
            }
            self.space();
            if !self.eat(b':') {
                return Err(self.error("expected `:`"));
            }
            let value = self.value(depth + 1)?;
            members.push((key, key_at, value));
            self.space();
            if self.eat(b'}') {
                return Ok(Value::Object(members));
            }
            if !self.eat(b',') {
                return Err(self.error("expected `,` or `}`"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn values_and_their_offsets() {
        let node = parse(r#" {"a": [1, -2.5e1, true, null], "b\u00e9\n": "x\"y"} "#).unwrap();
        assert_eq!(node.offset, 1);
        let Value::Object(members) = node.value else {
            panic!()
        };
        assert_eq!(members[0].0, "a");
        assert_eq!(members[1].0, "bé\n");
        assert_eq!(members[1].2.value, Value::String("x\"y".into()));
        let Value::Array(items) = &members[0].2.value else {
            panic!()
        };
        assert_eq!(items[1].value, Value::Number(-25.0));
        assert_eq!(items[1].offset, 11);
    }

    #[test]
    fn errors_name_their_place() {
        for (text, message) in [
            ("{\"a\": 1,}", "expected a key in double quotes"),
            ("[1 2]", "expected `,` or `]`"),
            ("{\"a\" 1}", "expected `:`"),
            ("\"abc", "unterminated string"),
            ("[1] x", "trailing characters after the document"),
            ("{\"a\": 1, \"a\": 2}", "duplicate field `a`"),
            ("\"\\ud800\"", "lone surrogate in a \\u escape"),
            ("", "expected a value, found the end of the file"),
            (
                "[01]",
                "a number cannot start with 0 (leading zeros are not JSON)",
            ),
            (
                "-007",
                "a number cannot start with 0 (leading zeros are not JSON)",
            ),
            ("\"\\u+041\"", "invalid \\u escape"),
        ] {
            assert_eq!(parse(text).unwrap_err().message, message, "{text}");
        }
        assert_eq!(line_column("{\n  é x", 7), (2, 5));
    }

    #[test]
    fn zero_stays_zero_whatever_its_exponent() {
        assert_eq!(
            parse("[0e400, -0.0e-400, 0.5]").unwrap().value,
            Value::Array(vec![
                Node {
                    value: Value::Number(0.0),
                    offset: 1
                },
                Node {
                    value: Value::Number(0.0),
                    offset: 8
                },
                Node {
                    value: Value::Number(0.5),
                    offset: 19
                },
            ])
        );
    }

    #[test]
    fn surrogate_pairs_decode() {
        assert_eq!(
            parse(r#""\ud83d\ude80""#).unwrap().value,
            Value::String("🚀".into())
        );
    }

    proptest! {
        /// Whatever serde_json accepts as a document, this parser reads to the same value.
        #[test]
        fn agrees_with_serde_json(value in arbitrary_json()) {
            let text = serde_json::to_string_pretty(&value).unwrap();
            prop_assert_eq!(strip(&parse(&text).unwrap()), value);
        }

        /// Any text at all: an answer, never a panic.
        #[test]
        fn never_panics(text in ".{0,64}") {
            let _ = parse(&text);
        }
    }

    fn strip(node: &Node) -> serde_json::Value {
        match &node.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => (*b).into(),
            Value::Number(n) => serde_json::Number::from_f64(*n)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Value::String(s) => s.clone().into(),
            Value::Array(items) => items.iter().map(strip).collect(),
            Value::Object(members) => members
                .iter()
                .map(|(k, _, v)| (k.clone(), strip(v)))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }

    fn arbitrary_json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(Into::into),
            (-1_000_000i64..1_000_000).prop_map(|n| serde_json::Value::from(n as f64 / 8.0)),
            ".{0,12}".prop_map(Into::into),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                prop::collection::btree_map("[a-z$]{1,6}", inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }
}
