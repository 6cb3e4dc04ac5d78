//! A small HTML writer: elements, escaped attributes and escaped text appended to one `String`.
//!
//! Every profile string goes through [`Html::text`] or an attribute value, both escaped, so
//! profile text is never interpreted as markup. Kept deliberately tiny: it is compiled into the
//! wasm, where each line of generic view code would cost bytes.

/// An attribute: name and value. A boolean attribute is written with an empty value.
pub(crate) type Attr<'a> = (&'a str, &'a str);

/// HTML under construction.
#[derive(Default)]
pub(crate) struct Html {
    out: String,
}

impl Html {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }

    /// `<tag a="v" …>`. Attributes with an empty name are skipped, so optional ones can be
    /// written inline as `("", "")`.
    pub(crate) fn open(&mut self, tag: &str, attrs: &[Attr]) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs.iter().filter(|(name, _)| !name.is_empty()) {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push('>');
        self
    }

    pub(crate) fn close(&mut self, tag: &str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// Escaped text.
    pub(crate) fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.out, text);
        self
    }

    /// `<tag …>text</tag>`.
    pub(crate) fn el(&mut self, tag: &str, attrs: &[Attr], text: &str) -> &mut Self {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// `<tag …>`, whatever `inner` writes, `</tag>`.
    pub(crate) fn wrap(
        &mut self,
        tag: &str,
        attrs: &[Attr],
        inner: impl FnOnce(&mut Html),
    ) -> &mut Self {
        self.open(tag, attrs);
        inner(self);
        self.close(tag)
    }

    /// Markup this module produced itself (never profile text).
    pub(crate) fn raw(&mut self, markup: &str) -> &mut Self {
        self.out.push_str(markup);
        self
    }
}

/// Escapes the five characters that matter in text and double-quoted attribute values.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut html = Html::new();
        html.el(
            "p",
            &[("title", "a \"b\" <c>"), ("", "skipped")],
            "<script>&'",
        );
        assert_eq!(
            html.finish(),
            "<p title=\"a &quot;b&quot; &lt;c&gt;\">&lt;script&gt;&amp;&#39;</p>"
        );
    }
}
