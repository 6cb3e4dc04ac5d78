//! Text the page derives from profile data: figure badges and the builder code block.
//!
//! Kept pure so that the end-to-end tests compute the exact strings they expect to find on the
//! page with the same functions the views use.

use crate::model::{Builder, BuilderValue, Figure, Quantity};

/// "1M+", "1.3M", "100K+", "5", "50 min".
pub fn quantity_text(quantity: &Quantity) -> String {
    let mut text = compact_number(quantity.amount);
    if quantity.at_least {
        text.push('+');
    }
    if let Some(unit) = &quantity.unit {
        text.push(' ');
        text.push_str(unit);
    }
    text
}

/// Shortens large numbers the way people write them: 1300000 → "1.3M", 100000 → "100K".
/// Past what a count of billions can sensibly hold it is scientific: 1e28 → "1e28".
pub fn compact_number(amount: f64) -> String {
    if !amount.is_finite() {
        // serde_json never reads one (see `parse`), but `Quantity` is public.
        return if amount.is_nan() {
            "NaN"
        } else if amount > 0.0 {
            "∞"
        } else {
            "-∞"
        }
        .into();
    }
    let sign = if amount < 0.0 { "-" } else { "" };
    if amount.abs() >= SCIENTIFIC_FROM {
        return scientific(sign, amount.abs());
    }
    let (mut scaled, mut suffix) = if amount.abs() >= 1e9 {
        (amount.abs() / 1e9, "B")
    } else if amount.abs() >= 1e6 {
        (amount.abs() / 1e6, "M")
    } else if amount.abs() >= 1e4 {
        (amount.abs() / 1e3, "K")
    } else {
        (amount.abs(), "")
    };
    // Rounding can reach the next unit: 999,950 is "1M", not "1000K".
    if (scaled * 10.0).round() >= 10_000.0 {
        (scaled, suffix) = match suffix {
            "K" => (scaled / 1e3, "M"),
            "M" => (scaled / 1e3, "B"),
            _ => (scaled, suffix),
        };
    }
    // Below `SCIENTIFIC_FROM` the tenths are a whole number well inside u64 (and exact in f64),
    // so the cast neither saturates nor wraps.
    with_tenths(sign, (scaled * 10.0).round() as u64, suffix)
}

/// From here on (1e15 billions) an amount is written as `1.8e308`: the tenths of its billions
/// would no longer fit an integer, nor be exact in an f64.
const SCIENTIFIC_FROM: f64 = 1e24;

/// `magnitude` (at least 1) as one digit, at most one decimal and a power of ten.
fn scientific(sign: &str, magnitude: f64) -> String {
    let (mut mantissa, mut exponent) = (magnitude, 0u32);
    // Division rather than `log10`/`powi`, which would bring libm into the wasm; each step
    // rounds by at most half an ulp, far below the one decimal shown.
    while mantissa >= 10.0 {
        mantissa /= 10.0;
        exponent += 1;
    }
    let mut tenths = (mantissa * 10.0).round() as u64;
    if tenths >= 100 {
        // 9.96 rounds to 10.0: one more power of ten instead.
        tenths /= 10;
        exponent += 1;
    }
    with_tenths(sign, tenths, &format!("e{exponent}"))
}

/// `12` tenths → "1.2", `10` → "1": one decimal at most, and none when it would be ".0".
/// Integer arithmetic, so the wasm carries no float formatter.
fn with_tenths(sign: &str, tenths: u64, suffix: &str) -> String {
    let (whole, tenth) = (tenths / 10, tenths % 10);
    // A negative amount that rounds to zero is written "0", not "-0".
    let sign = if tenths == 0 { "" } else { sign };
    if tenth == 0 {
        format!("{sign}{whole}{suffix}")
    } else {
        format!("{sign}{whole}.{tenth}{suffix}")
    }
}

/// The whole badge text of a figure, e.g. "1M+ customers" or "Execution time 50 → 25 min".
pub fn figure_text(figure: &Figure) -> String {
    match (&figure.value, &figure.before, &figure.after) {
        (Some(value), _, _) => format!("{} {}", quantity_text(value), figure.label),
        (None, Some(before), Some(after)) => {
            format!("{} {}", figure.label, change_text(before, after))
        }
        _ => figure.label.clone(),
    }
}

/// "50 → 25 min": the unit once when both sides share it.
pub fn change_text(before: &Quantity, after: &Quantity) -> String {
    if before.unit == after.unit {
        let bare = Quantity {
            unit: None,
            ..before.clone()
        };
        format!("{} → {}", quantity_text(&bare), quantity_text(after))
    } else {
        format!("{} → {}", quantity_text(before), quantity_text(after))
    }
}

/// One token of the generated code, with the class the highlighter gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Type,
    Variable,
    Method,
    String,
    Number,
    Punctuation,
    Plain,
}

impl TokenKind {
    /// The CSS class of the token.
    pub fn class(self) -> &'static str {
        match self {
            TokenKind::Type => "tok-type",
            TokenKind::Variable => "tok-var",
            TokenKind::Method => "tok-method",
            TokenKind::String => "tok-string",
            TokenKind::Number => "tok-number",
            TokenKind::Punctuation => "tok-punct",
            TokenKind::Plain => "tok-plain",
        }
    }
}

/// The builder as lines of highlighted tokens:
/// `Engineer engineer = Engineer.builder()`, one `.method(value)` per call, `.build();`.
/// The Java keywords and the `List.of` helper are syntax, not profile content.
pub fn builder_lines(builder: &Builder) -> Vec<Vec<Token>> {
    use TokenKind::*;
    let token = |kind, text: &str| Token {
        kind,
        text: text.to_string(),
    };
    let mut lines = vec![vec![
        token(Type, &builder.type_name),
        token(Plain, " "),
        token(Variable, &builder.variable),
        token(Plain, " = "),
        token(Type, &builder.type_name),
        token(Punctuation, "."),
        token(Method, "builder"),
        token(Punctuation, "()"),
    ]];
    for call in &builder.calls {
        let mut line = vec![
            token(Plain, "    "),
            token(Punctuation, "."),
            token(Method, &call.method),
            token(Punctuation, "("),
        ];
        match &call.value {
            BuilderValue::List(items) => {
                line.push(token(Type, "List"));
                line.push(token(Punctuation, "."));
                line.push(token(Method, "of"));
                line.push(token(Punctuation, "("));
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        line.push(token(Punctuation, ", "));
                    }
                    line.push(token(String, &format!("\"{item}\"")));
                }
                line.push(token(Punctuation, ")"));
            }
            BuilderValue::Text(text) => line.push(token(String, &format!("\"{text}\""))),
            BuilderValue::Number(number) => line.push(token(Number, &number.to_string())),
        }
        line.push(token(Punctuation, ")"));
        lines.push(line);
    }
    lines.push(vec![
        token(Plain, "    "),
        token(Punctuation, "."),
        token(Method, "build"),
        token(Punctuation, "();"),
    ]);
    lines
}

/// Splits a bullet into a short lead ("Idempotency by design") and the rest, so the lead can be
/// emphasised. Only a colon early in the text counts, so "Execution time: 50 minutes" splits
/// but a sentence that merely contains a colon later does not.
pub fn bullet_lead(bullet: &str) -> Option<(&str, &str)> {
    let colon = bullet.find(": ")?;
    let (lead, rest) = (bullet.get(..colon)?, bullet.get(colon + 2..)?);
    (lead.chars().count() <= 48 && !lead.contains('.')).then(|| (lead, rest.trim_start()))
}

/// Fills the `{name}` placeholders of a label from the profile ("{count} of {total} projects").
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// A job's or a school's dates as one line, "2019-06 – 2021-03", written as the profile writes
/// them (a month name would be a word Rust holds). A current job ends in `present`, the
/// profile's own word for it; `None` when there is nothing to show.
pub fn date_range(start: Option<&str>, end: Option<&str>, present: Option<&str>) -> Option<String> {
    match (start, end.or(present)) {
        (Some(start), Some(end)) => Some(format!("{start} – {end}")),
        (Some(only), None) | (None, Some(only)) => Some(only.to_string()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BuilderCall;
    use proptest::prelude::*;

    #[test]
    fn date_ranges_show_what_is_known() {
        assert_eq!(
            date_range(Some("2019-06"), Some("2021"), None).as_deref(),
            Some("2019-06 – 2021")
        );
        assert_eq!(
            date_range(Some("2022"), None, Some("present")).as_deref(),
            Some("2022 – present")
        );
        assert_eq!(
            date_range(Some("2022"), None, None).as_deref(),
            Some("2022")
        );
        assert_eq!(
            date_range(None, Some("2020"), None).as_deref(),
            Some("2020")
        );
        assert_eq!(date_range(None, None, None), None);
    }

    fn quantity(amount: f64, unit: Option<&str>, at_least: bool) -> Quantity {
        Quantity {
            amount,
            unit: unit.map(str::to_string),
            at_least,
        }
    }

    #[test]
    fn numbers_are_written_the_way_her_text_writes_them() {
        assert_eq!(quantity_text(&quantity(1_000_000.0, None, true)), "1M+");
        assert_eq!(quantity_text(&quantity(100_000.0, None, true)), "100K+");
        assert_eq!(quantity_text(&quantity(1_300_000.0, None, false)), "1.3M");
        assert_eq!(quantity_text(&quantity(5.0, None, false)), "5");
        assert_eq!(quantity_text(&quantity(500.0, None, false)), "500");
        assert_eq!(quantity_text(&quantity(1.7, Some("GB"), false)), "1.7 GB");
    }

    #[test]
    fn figures_of_each_shape() {
        let plain = Figure {
            label: "Zero downtime".into(),
            value: None,
            before: None,
            after: None,
        };
        assert_eq!(figure_text(&plain), "Zero downtime");
        let counted = Figure {
            label: "customers".into(),
            value: Some(quantity(1e6, None, true)),
            before: None,
            after: None,
        };
        assert_eq!(figure_text(&counted), "1M+ customers");
        let change = Figure {
            label: "Execution time".into(),
            value: None,
            before: Some(quantity(50.0, Some("min"), false)),
            after: Some(quantity(25.0, Some("min"), false)),
        };
        assert_eq!(figure_text(&change), "Execution time 50 → 25 min");
    }

    #[test]
    fn builder_renders_java_from_the_calls() {
        let builder = Builder {
            type_name: "Engineer".into(),
            variable: "engineer".into(),
            calls: vec![
                BuilderCall {
                    method: "languages".into(),
                    value: BuilderValue::List(vec!["Java".into(), "Go".into()]),
                },
                BuilderCall {
                    method: "certifications".into(),
                    value: BuilderValue::Text("AWS Certified".into()),
                },
                BuilderCall {
                    method: "dsaSolved".into(),
                    value: BuilderValue::Number(500),
                },
            ],
        };
        let text: Vec<String> = builder_lines(&builder)
            .iter()
            .map(|line| line.iter().map(|t| t.text.as_str()).collect())
            .collect();
        assert_eq!(
            text,
            [
                "Engineer engineer = Engineer.builder()",
                "    .languages(List.of(\"Java\", \"Go\"))",
                "    .certifications(\"AWS Certified\")",
                "    .dsaSolved(500)",
                "    .build();",
            ]
        );
    }

    #[test]
    fn bullet_leads() {
        assert_eq!(
            bullet_lead("Idempotency by design: deletion state tracked"),
            Some(("Idempotency by design", "deletion state tracked"))
        );
        assert_eq!(bullet_lead("No colon here"), None);
        assert_eq!(
            bullet_lead(
                "A very long sentence that goes on for quite a while before it has: a colon"
            ),
            None
        );
    }

    #[test]
    fn rounding_up_moves_to_the_next_unit() {
        assert_eq!(compact_number(999_950.0), "1M");
        assert_eq!(compact_number(999_999_999.0), "1B");
        assert_eq!(compact_number(1_300_000.0), "1.3M");
    }

    #[test]
    fn huge_and_negative_amounts_do_not_overflow() {
        // -1e28 used to saturate the tenths at i64::MIN, whose `abs` overflows.
        assert_eq!(compact_number(-1e28), "-1e28");
        assert_eq!(compact_number(1e28), "1e28");
        assert_eq!(compact_number(f64::MAX), "1.8e308");
        assert_eq!(compact_number(f64::MIN), "-1.8e308");
        assert_eq!(compact_number(9.96e30), "1e31");
        assert_eq!(compact_number(-1_300_000.0), "-1.3M");
        assert_eq!(compact_number(-0.01), "0");
        assert_eq!(compact_number(9.99e23), "999000000000000B");
        assert_eq!(compact_number(f64::INFINITY), "∞");
        assert_eq!(compact_number(f64::NAN), "NaN");
    }

    /// Any finite f64, from `f64::MIN` to `f64::MAX`, subnormals included.
    fn finite() -> impl Strategy<Value = f64> {
        use proptest::num::f64::{NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
        POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO
    }

    proptest! {
        #[test]
        fn every_finite_amount_reads_back_within_its_rounding(amount in finite()) {
            let text = compact_number(amount);
            let (digits, multiplier) = match text.chars().last() {
                Some('B') => (&text[..text.len() - 1], 1e9),
                Some('M') => (&text[..text.len() - 1], 1e6),
                Some('K') => (&text[..text.len() - 1], 1e3),
                _ => (text.as_str(), 1.0),
            };
            let back: f64 = digits.parse().unwrap();
            let error = (back * multiplier - amount).abs();
            if text.contains('e') {
                // One decimal of the mantissa: within 5% (plus the divisions' rounding).
                prop_assert!(error <= 0.0501 * amount.abs(), "{} → {}", amount, text);
            } else {
                // Within rounding of one decimal of the unit, plus the f64 rounding of the product.
                let rounding = 0.05 * multiplier + amount.abs() * 1e-14;
                prop_assert!(error <= rounding, "{} → {}", amount, text);
            }
        }

        #[test]
        fn compact_numbers_never_lose_their_magnitude(amount in 0.0f64..5e9) {
            let text = compact_number(amount);
            let (digits, multiplier) = match text.chars().last() {
                Some('B') => (&text[..text.len() - 1], 1e9),
                Some('M') => (&text[..text.len() - 1], 1e6),
                Some('K') => (&text[..text.len() - 1], 1e3),
                _ => (text.as_str(), 1.0),
            };
            let back: f64 = digits.parse().unwrap();
            // Within rounding of one decimal of the chosen unit.
            prop_assert!((back * multiplier - amount).abs() <= 0.05 * multiplier + 1e-9);
            // And the unit is the one people would write: never "1000K" or "1000M".
            prop_assert!(multiplier == 1.0 || multiplier == 1e9 || back < 1000.0, "{}", text);
        }
    }
}
