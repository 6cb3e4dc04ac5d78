//! Colours a standalone SVG file can hold. Browsers report a computed colour made with
//! `color-mix()` as `color(srgb 0.33 0.36 0.41 / 0.75)`, which SVG 1.1 readers such as
//! Inkscape do not know (they drew no line at all): it becomes `rgb(84, 93, 104)` and an
//! opacity. Pure, so it is tested natively.

/// `value` as an `rgb()` colour and its alpha, for a `color(srgb …)` or `rgba(…)` value; `None`
/// for anything else (already plain, or not a colour), which stays as it is. `number` reads a
/// number: in the browser its own `parseFloat`, which keeps Rust's float parser out of the wasm
/// (measured: 12 KB brotli less than `str::parse` and float formatting).
pub fn plain_colour(value: &str, number: impl Fn(&str) -> Option<f64>) -> Option<(String, f64)> {
    let value = value.trim();
    let (channels, alpha, scale) = if let Some(inner) = value
        .strip_prefix("color(srgb ")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        let (channels, alpha) = inner.split_once('/').unwrap_or((inner, "1"));
        (
            channels.split_whitespace().collect::<Vec<_>>(),
            alpha.trim(),
            255.0,
        )
    } else {
        let inner = value.strip_prefix("rgba(")?.strip_suffix(')')?;
        let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
        let (alpha, channels) = parts.split_last()?;
        (channels.to_vec(), *alpha, 1.0)
    };
    let [r, g, b] = channels.as_slice() else {
        return None;
    };
    let channel = |text: &str| -> Option<u8> {
        let value = number(text).filter(|n| n.is_finite())?;
        Some((value * scale).round().clamp(0.0, 255.0) as u8)
    };
    let alpha = number(alpha).filter(|a| a.is_finite())?;
    let (r, g, b) = (channel(r)?, channel(g)?, channel(b)?);
    Some((format!("rgb({r}, {g}, {b})"), alpha.clamp(0.0, 1.0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn plain(value: &str) -> Option<(String, f64)> {
        plain_colour(value, |text| text.parse().ok())
    }

    #[test]
    fn a_mixed_colour_becomes_rgb_and_an_opacity() {
        let (colour, alpha) = plain("color(srgb 0.329412 0.364706 0.407843 / 0.75)").unwrap();
        assert_eq!(colour, "rgb(84, 93, 104)");
        assert_eq!(alpha, 0.75);
        assert_eq!(
            plain("color(srgb 1 0 0.5)"),
            Some(("rgb(255, 0, 128)".into(), 1.0))
        );
        assert_eq!(
            plain("rgba(11, 110, 71, 0.4)"),
            Some(("rgb(11, 110, 71)".into(), 0.4))
        );
    }

    #[test]
    fn plain_colours_and_other_values_stay() {
        for value in [
            "rgb(11, 110, 71)",
            "none",
            "url(#arrow)",
            "color(display-p3 1 0 0)",
            "",
        ] {
            assert_eq!(plain(value), None, "{value}");
        }
        assert_eq!(plain("color(srgb a b c)"), None);
    }

    proptest! {
        #[test]
        fn any_srgb_colour_reads_back_within_rounding(
            r in 0.0f64..=1.0, g in 0.0f64..=1.0, b in 0.0f64..=1.0, a in 0.0f64..=1.0,
        ) {
            let (colour, alpha) = plain(&format!("color(srgb {r} {g} {b} / {a})")).unwrap();
            let expected = format!(
                "rgb({}, {}, {})",
                (r * 255.0).round(),
                (g * 255.0).round(),
                (b * 255.0).round()
            );
            prop_assert_eq!(colour, expected);
            prop_assert!((alpha - a).abs() < 1e-12);
        }
    }
}
