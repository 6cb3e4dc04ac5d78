//! A tolerant JSON tokenizer, and for text that is JSON the byte span of every value: what the
//! workbench reads a draft with where serde_json cannot serve.
//!
//! Completion reads a draft being typed, which is rarely JSON at the caret, so the tokens never
//! fail: a string left open ends at its line, anything unknown is a [`TokenKind::Bare`] word.
//! The edits need the place of each value in the text, to change one and keep every other byte
//! as written; serde_json's `Value` has no places (and its `preserve_order` feature would change
//! map order for the whole app), so [`parse_spans`] reads them here, after serde_json has said
//! the text is JSON.

use std::ops::Range;

/// What a token is; its text is the span of [`Token`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    OpenObject,
    CloseObject,
    OpenArray,
    CloseArray,
    Colon,
    Comma,
    /// A string with its quotes; `closed` is false when its line or the text ended first.
    String {
        closed: bool,
    },
    /// A run of anything else up to a space, quote or punctuation: a number, `true`, `null`, or
    /// a word typed without its quotes.
    Bare,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Where in the text; always on char boundaries.
    pub span: Range<usize>,
}

/// The tokens of `text` from byte `start`, which must be where a token starts (or 0).
pub fn tokens_from(text: &str, start: usize) -> Tokens<'_> {
    Tokens { text, at: start }
}

/// The tokens of a text, in order. Ends only at the end of the text.
pub struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        // A byte order mark, which editors on Windows write, is read as space (as parse.rs
        // drops it).
        if self.at == 0 && self.text.starts_with('\u{feff}') {
            self.at = '\u{feff}'.len_utf8();
        }
        while matches!(bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
        let start = self.at;
        let punctuation = match bytes.get(start)? {
            b'{' => Some(TokenKind::OpenObject),
            b'}' => Some(TokenKind::CloseObject),
            b'[' => Some(TokenKind::OpenArray),
            b']' => Some(TokenKind::CloseArray),
            b':' => Some(TokenKind::Colon),
            b',' => Some(TokenKind::Comma),
            _ => None,
        };
        let (kind, end) = match (punctuation, bytes[start]) {
            (Some(kind), _) => (kind, start + 1),
            (None, b'"') => string_end(bytes, start),
            (None, _) => (TokenKind::Bare, bare_end(self.text, start)),
        };
        self.at = end;
        Some(Token {
            kind,
            span: start..end,
        })
    }
}

/// The end of the string that starts at `start` (its opening quote), and whether it closed.
/// Every end is at an ASCII byte or the end of the text, so on a char boundary.
fn string_end(bytes: &[u8], start: usize) -> (TokenKind, usize) {
    let mut at = start + 1;
    loop {
        match bytes.get(at) {
            None => return (TokenKind::String { closed: false }, at),
            Some(b'"') => return (TokenKind::String { closed: true }, at + 1),
            Some(b'\n' | b'\r') => return (TokenKind::String { closed: false }, at),
            Some(b'\\') if matches!(bytes.get(at + 1), None | Some(b'\n' | b'\r')) => {
                return (TokenKind::String { closed: false }, at + 1);
            }
            // An escape's second byte is never the string's end; a multi-byte character's
            // continuation bytes are never a quote, backslash or line break.
            Some(b'\\') => at += 2,
            Some(_) => at += 1,
        }
    }
}

/// The end of the bare word that starts at `start`.
fn bare_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    rest.char_indices()
        .find(|&(_, c)| is_delimiter(c))
        .map_or(text.len(), |(offset, _)| start + offset)
}

/// What ends a bare word: JSON's space, punctuation and quote.
pub fn is_delimiter(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '{' | '}' | '[' | ']' | ':' | ',' | '"'
    )
}

/// The span of a string token's content, between its quotes.
pub fn string_content(token: &Token) -> Range<usize> {
    let closed = matches!(token.kind, TokenKind::String { closed: true });
    let end = if closed {
        token.span.end - 1
    } else {
        token.span.end
    };
    (token.span.start + 1).min(end)..end
}

/// The text a string token stands for, its escapes read. A string left open, or with a broken
/// escape, is read as well as it can be: as written.
pub fn string_value(text: &str, token: &Token) -> String {
    let literal = &text[token.span.clone()];
    let read = match token.kind {
        TokenKind::String { closed: true } => serde_json::from_str::<String>(literal).ok(),
        _ => serde_json::from_str::<String>(&format!("{literal}\"")).ok(),
    };
    read.unwrap_or_else(|| text[string_content(token)].to_string())
}

/// A JSON value and where it is in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned {
    pub span: Range<usize>,
    pub value: Json,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Object(Vec<Member>),
    Array(Vec<Spanned>),
    String(String),
    /// A number, `true`, `false` or `null`: the edits never look inside one.
    Scalar,
}

/// One `"key": value` of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Spanned,
}

impl Spanned {
    /// The value of the object's member `key` (the first, if written twice).
    pub fn member(&self, key: &str) -> Option<&Spanned> {
        self.members()?
            .iter()
            .find(|member| member.key == key)
            .map(|member| &member.value)
    }

    pub fn members(&self) -> Option<&[Member]> {
        match &self.value {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn elements(&self) -> Option<&[Spanned]> {
        match &self.value {
            Json::Array(elements) => Some(elements),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    /// The string of the object's member `key`, if it is one.
    pub fn str_member(&self, key: &str) -> Option<&str> {
        self.member(key)?.as_str()
    }
}

/// As deep as serde_json reads (its recursion limit is 128), with room: any text serde_json
/// read is read here too, and a deeper one is refused rather than overflowing the stack.
const MAX_DEPTH: usize = 256;

/// Every value of `text` with its span, or `None` when the text is not one JSON value. Meant for
/// text serde_json has read: numbers and literals are not checked again.
pub fn parse_spans(text: &str) -> Option<Spanned> {
    let mut tokens = tokens_from(text, 0).peekable();
    let root = parse_value(text, &mut tokens, 0)?;
    tokens.next().is_none().then_some(root)
}

type Peekable<'a> = std::iter::Peekable<Tokens<'a>>;

fn parse_value(text: &str, tokens: &mut Peekable<'_>, depth: usize) -> Option<Spanned> {
    if depth > MAX_DEPTH {
        return None;
    }
    let token = tokens.next()?;
    let start = token.span.start;
    let value = match token.kind {
        TokenKind::String { closed: true } => Json::String(string_value(text, &token)),
        TokenKind::Bare => Json::Scalar,
        TokenKind::OpenObject => return parse_object(text, tokens, start, depth),
        TokenKind::OpenArray => return parse_array(text, tokens, start, depth),
        _ => return None,
    };
    Some(Spanned {
        span: token.span,
        value,
    })
}

/// An object whose `{` was at `start`, read up to its `}`.
fn parse_object(
    text: &str,
    tokens: &mut Peekable<'_>,
    start: usize,
    depth: usize,
) -> Option<Spanned> {
    let mut members = Vec::new();
    loop {
        let token = tokens.next()?;
        match token.kind {
            TokenKind::CloseObject if members.is_empty() => {
                return Some(Spanned {
                    span: start..token.span.end,
                    value: Json::Object(members),
                })
            }
            TokenKind::String { closed: true } => {}
            _ => return None,
        }
        if tokens.next()?.kind != TokenKind::Colon {
            return None;
        }
        let value = parse_value(text, tokens, depth + 1)?;
        members.push(Member {
            key: string_value(text, &token),
            key_span: token.span,
            value,
        });
        let after = tokens.next()?;
        match after.kind {
            TokenKind::Comma => continue,
            TokenKind::CloseObject => {
                return Some(Spanned {
                    span: start..after.span.end,
                    value: Json::Object(members),
                })
            }
            _ => return None,
        }
    }
}

/// An array whose `[` was at `start`, read up to its `]`.
fn parse_array(
    text: &str,
    tokens: &mut Peekable<'_>,
    start: usize,
    depth: usize,
) -> Option<Spanned> {
    let mut elements = Vec::new();
    if let Some(Token {
        kind: TokenKind::CloseArray,
        span,
    }) = tokens.peek()
    {
        let end = span.end;
        tokens.next();
        return Some(Spanned {
            span: start..end,
            value: Json::Array(elements),
        });
    }
    loop {
        elements.push(parse_value(text, tokens, depth + 1)?);
        let after = tokens.next()?;
        match after.kind {
            TokenKind::Comma => continue,
            TokenKind::CloseArray => {
                return Some(Spanned {
                    span: start..after.span.end,
                    value: Json::Array(elements),
                })
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokens_from(text, 0)
            .map(|token| (token.kind, &text[token.span]))
            .collect()
    }

    #[test]
    fn tokens_of_json() {
        use TokenKind::*;
        assert_eq!(
            kinds("{\"a\\\"b\": [1, -2.5e3, true]}"),
            [
                (OpenObject, "{"),
                (String { closed: true }, "\"a\\\"b\""),
                (Colon, ":"),
                (OpenArray, "["),
                (Bare, "1"),
                (Comma, ","),
                (Bare, "-2.5e3"),
                (Comma, ","),
                (Bare, "true"),
                (CloseArray, "]"),
                (CloseObject, "}"),
            ]
        );
    }

    #[test]
    fn an_open_string_ends_at_its_line_and_the_next_line_reads_on() {
        use TokenKind::*;
        let text = "{\"kind\": \"as\n  \"label\": x\u{e9}y\\";
        assert_eq!(
            kinds(text),
            [
                (OpenObject, "{"),
                (String { closed: true }, "\"kind\""),
                (Colon, ":"),
                (String { closed: false }, "\"as"),
                (String { closed: true }, "\"label\""),
                (Colon, ":"),
                (Bare, "x\u{e9}y\\"),
            ]
        );
        assert_eq!(kinds("\"a\\"), [(String { closed: false }, "\"a\\")]);
        assert_eq!(kinds("\u{feff} 1"), [(Bare, "1")]);
    }

    #[test]
    fn string_values_read_escapes_and_open_strings() {
        let text = "\"q\\u0075eue\" \"sq \n\"b\\x\"";
        let tokens: Vec<Token> = tokens_from(text, 0).collect();
        assert_eq!(string_value(text, &tokens[0]), "queue");
        assert_eq!(string_value(text, &tokens[1]), "sq ");
        assert_eq!(
            string_value(text, &tokens[2]),
            "b\\x",
            "a broken escape as written"
        );
    }

    #[test]
    fn spans_of_a_document() {
        let text = "{ \"a\": [1, {\"b\": \"c\"}], \"d\": {} }";
        let root = parse_spans(text).unwrap();
        assert_eq!(root.span, 0..text.len());
        let a = root.member("a").unwrap();
        assert_eq!(&text[a.span.clone()], "[1, {\"b\": \"c\"}]");
        let inner = &a.elements().unwrap()[1];
        assert_eq!(inner.str_member("b"), Some("c"));
        assert_eq!(&text[root.member("d").unwrap().span.clone()], "{}");
        for broken in [
            "{",
            "{\"a\" 1}",
            "[1 2]",
            "[1,]",
            "{\"a\":1,}",
            "1 2",
            "\"a",
        ] {
            assert_eq!(parse_spans(broken), None, "{broken:?}");
        }
        assert_eq!(
            parse_spans(&"[".repeat(10_000)),
            None,
            "too deep, not a crash"
        );
    }

    proptest! {
        /// Every token is on char boundaries, in order, and the tokens cover all but space.
        #[test]
        fn tokens_cover_any_text(text in any::<String>()) {
            let mut last = 0;
            for token in tokens_from(&text, 0) {
                prop_assert!(token.span.start >= last && token.span.end > token.span.start);
                prop_assert!(text.is_char_boundary(token.span.start));
                prop_assert!(text.is_char_boundary(token.span.end));
                let skipped = &text[last..token.span.start];
                let is_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{feff}');
                prop_assert!(skipped.chars().all(is_space));
                last = token.span.end;
            }
            let _ = parse_spans(&text);
        }

        /// Any JSON serde_json writes is read with the same values.
        #[test]
        fn spans_read_what_serde_json_writes(value in json_value()) {
            for text in [
                serde_json::to_string(&value).unwrap(),
                serde_json::to_string_pretty(&value).unwrap(),
            ] {
                let root = parse_spans(&text).unwrap();
                prop_assert_eq!(root.span.clone(), 0..text.len());
                prop_assert_eq!(to_value(&text, &root), value.clone());
            }
        }
    }

    /// The value a span tree stands for, scalars read from their text.
    fn to_value(text: &str, spanned: &Spanned) -> serde_json::Value {
        match &spanned.value {
            Json::Object(members) => members
                .iter()
                .map(|m| (m.key.clone(), to_value(text, &m.value)))
                .collect::<serde_json::Map<_, _>>()
                .into(),
            Json::Array(elements) => elements.iter().map(|e| to_value(text, e)).collect(),
            Json::String(s) => s.clone().into(),
            Json::Scalar => serde_json::from_str(&text[spanned.span.clone()]).unwrap(),
        }
    }

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<String>().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map(any::<String>(), inner, 0..6)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }
}
