//! The link-preview image (`og-image.png`, 1200 × 630): her name, role, focus and key figures,
//! drawn natively at build time from the profile in the site's dark theme.
//!
//! Fonts come with the `epaint_default_fonts` crate (Hack for the terminal look, Ubuntu Light
//! for the role), so the image is the same on every machine, whatever fonts it has installed.
//! `ab_glyph` rasterises the glyphs; the PNG is written here with flate2, already a dependency.

use std::io::Write;
use std::path::Path;

use ab_glyph::{point, Font, FontRef, GlyphId, PxScale, ScaleFont};
use portfolio::format::figure_text;
use portfolio::model::Profile;

use crate::Result;

pub(crate) const WIDTH: usize = 1200;
pub(crate) const HEIGHT: usize = 630;
const MARGIN: f32 = 72.0;

type Rgb = [u8; 3];
// The dark theme's colours (style/main.css): background, surface, border, text, muted, accent.
const BG: Rgb = [0x0c, 0x10, 0x16];
const SURFACE: Rgb = [0x13, 0x19, 0x22];
const BORDER: Rgb = [0x2b, 0x34, 0x40];
const TEXT: Rgb = [0xe4, 0xe9, 0xef];
const MUTED: Rgb = [0x9a, 0xa5, 0xb1];
const ACCENT: Rgb = [0x4f, 0xd0, 0x8a];
const ACCENT_SOFT: Rgb = [0x12, 0x30, 0x1f];

/// An RGB image being drawn.
struct Canvas {
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(background: Rgb) -> Self {
        Self {
            pixels: background.repeat(WIDTH * HEIGHT),
        }
    }

    /// Blends `color` over the pixel at (x, y) with `coverage` in 0..=1.
    fn blend(&mut self, x: i32, y: i32, color: Rgb, coverage: f32) {
        if x < 0 || y < 0 || x as usize >= WIDTH || y as usize >= HEIGHT {
            return;
        }
        let at = (y as usize * WIDTH + x as usize) * 3;
        let alpha = coverage.clamp(0.0, 1.0);
        for (channel, value) in self.pixels[at..at + 3].iter_mut().zip(color) {
            *channel =
                (f32::from(*channel) * (1.0 - alpha) + f32::from(value) * alpha).round() as u8;
        }
    }

    /// A filled rectangle with rounded corners (anti-aliased), optionally outlined.
    fn rounded(&mut self, area: Area, radius: f32, fill: Rgb, outline: Option<Rgb>) {
        let Area { x, y, w, h } = area;
        let inside = |px: f32, py: f32, inset: f32| -> f32 {
            // Signed distance to the rounded rectangle shrunk by `inset`, as coverage.
            let (cx, cy) = (x + w / 2.0, y + h / 2.0);
            let (hw, hh) = (w / 2.0 - inset, h / 2.0 - inset);
            let r = (radius - inset).max(0.0);
            let qx = (px - cx).abs() - (hw - r);
            let qy = (py - cy).abs() - (hh - r);
            let outside = qx.max(0.0).hypot(qy.max(0.0)) + qx.max(qy).min(0.0) - r;
            (0.5 - outside).clamp(0.0, 1.0)
        };
        for py in y.floor() as i32..(y + h).ceil() as i32 + 1 {
            for px in x.floor() as i32..(x + w).ceil() as i32 + 1 {
                let (fx, fy) = (px as f32 + 0.5, py as f32 + 0.5);
                let outer = inside(fx, fy, 0.0);
                if outer <= 0.0 {
                    continue;
                }
                match outline {
                    Some(line) => {
                        let inner = inside(fx, fy, 2.0);
                        self.blend(px, py, line, outer);
                        self.blend(px, py, fill, inner);
                    }
                    None => self.blend(px, py, fill, outer),
                }
            }
        }
    }

    /// Draws `text` in `style` with its baseline at `y`, starting at `x`.
    fn text(&mut self, style: &TextStyle, x: f32, y: f32, text: &str) {
        let (glyphs, _) = set_glyphs(style.font, style.size, x, text);
        for (id, caret) in glyphs {
            let glyph = id.with_scale_and_position(PxScale::from(style.size), point(caret, y));
            if let Some(outline) = style.font.outline_glyph(glyph) {
                let bounds = outline.px_bounds();
                outline.draw(|gx, gy, coverage| {
                    for dx in 0..=style.weight {
                        self.blend(
                            bounds.min.x as i32 + gx as i32 + dx,
                            bounds.min.y as i32 + gy as i32,
                            style.color,
                            coverage,
                        );
                    }
                });
            }
        }
    }
}

/// A rectangle on the canvas.
#[derive(Clone, Copy)]
struct Area {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

/// How a text is drawn. `weight` > 0 thickens strokes by that many pixels (Hack ships only a
/// regular weight).
struct TextStyle<'a> {
    font: &'a FontRef<'a>,
    size: f32,
    color: Rgb,
    weight: i32,
}

/// Each glyph of `text` at `size` with its caret position, kerned, the first at `start`; and
/// where the caret ends.
fn set_glyphs(font: &FontRef, size: f32, start: f32, text: &str) -> (Vec<(GlyphId, f32)>, f32) {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut caret = start;
    let mut previous: Option<GlyphId> = None;
    let mut glyphs = Vec::new();
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(previous) = previous {
            caret += scaled.kern(previous, id);
        }
        glyphs.push((id, caret));
        caret += scaled.h_advance(id);
        previous = Some(id);
    }
    (glyphs, caret)
}

/// How wide `text` is at `size`.
fn measure(font: &FontRef, size: f32, text: &str) -> f32 {
    set_glyphs(font, size, 0.0, text).1
}

/// The largest size up to `max` at which `text` fits in `width`.
fn fitting(font: &FontRef, max: f32, width: f32, text: &str) -> f32 {
    let natural = measure(font, max, text);
    if natural <= width {
        max
    } else {
        (max * width / natural).floor()
    }
}

/// The figures worth a glance: measured ones (a value, or before → after) first, then the rest,
/// in project order.
pub(crate) fn key_figures(profile: &Profile) -> Vec<String> {
    let figures = || profile.projects.iter().flat_map(|p| &p.outcomes);
    let measured = figures().filter(|f| f.value.is_some() || f.after.is_some());
    let plain = figures().filter(|f| f.value.is_none() && f.after.is_none());
    measured.chain(plain).map(figure_text).collect()
}

/// Draws the preview image of `profile` as RGB pixels.
pub(crate) fn draw(profile: &Profile) -> Result<Vec<u8>> {
    let fonts = Fonts {
        mono: FontRef::try_from_slice(epaint_default_fonts::HACK_REGULAR)
            .map_err(|e| e.to_string())?,
        sans: FontRef::try_from_slice(epaint_default_fonts::UBUNTU_LIGHT)
            .map_err(|e| e.to_string())?,
    };
    let mut canvas = Canvas::new(BG);
    draw_window(&mut canvas);
    let heading_bottom = draw_heading(&mut canvas, &fonts, profile);
    let rows = badge_rows(&fonts.mono, heading_bottom + 40.0, key_figures(profile));
    draw_badges(&mut canvas, &fonts.mono, rows);
    Ok(canvas.pixels)
}

/// The two typefaces: Hack for the terminal look, Ubuntu Light for the role.
struct Fonts<'a> {
    mono: FontRef<'a>,
    sans: FontRef<'a>,
}

/// Width available to text between the margins.
const INNER: f32 = WIDTH as f32 - 2.0 * MARGIN;
/// Where the lowest row of badges ends.
const BADGES_BOTTOM: f32 = HEIGHT as f32 - 72.0;
/// Badge text size, badge height and the gap between badges (both ways).
const BADGE_TEXT: f32 = 24.0;
const BADGE_HEIGHT: f32 = 46.0;
const BADGE_GAP: f32 = 14.0;

/// A terminal window, with its three buttons: the card the hero box is on the site.
fn draw_window(canvas: &mut Canvas) {
    let window = Area {
        x: 40.0,
        y: 40.0,
        w: WIDTH as f32 - 80.0,
        h: HEIGHT as f32 - 80.0,
    };
    canvas.rounded(window, 18.0, SURFACE, Some(BORDER));
    for (i, color) in [[0xff, 0x7b, 0x72], [0xe3, 0xb3, 0x41], ACCENT]
        .into_iter()
        .enumerate()
    {
        let button = Area {
            x: MARGIN + i as f32 * 26.0,
            y: 62.0,
            w: 14.0,
            h: 14.0,
        };
        canvas.rounded(button, 7.0, color, None);
    }
}

/// Focus, name and role, each as large as fits up to its size; returns the role's baseline.
fn draw_heading(canvas: &mut Canvas, fonts: &Fonts, profile: &Profile) -> f32 {
    let focus = profile.person.focus.join(" · ");
    let focus_size = fitting(&fonts.mono, 26.0, INNER, &focus);
    let style = |font, size, color, weight| TextStyle {
        font,
        size,
        color,
        weight,
    };
    canvas.text(
        &style(&fonts.mono, focus_size, ACCENT, 0),
        MARGIN,
        150.0,
        &focus,
    );

    let name = profile.person.name.to_uppercase();
    let name_size = fitting(&fonts.mono, 92.0, INNER, &name);
    let name_bottom = 150.0 + 24.0 + name_size;
    canvas.text(
        &style(&fonts.mono, name_size, TEXT, 2),
        MARGIN,
        name_bottom,
        &name,
    );

    let role = &profile.person.role;
    let role_size = fitting(&fonts.sans, 44.0, INNER, role);
    let role_bottom = name_bottom + 26.0 + role_size;
    canvas.text(
        &style(&fonts.sans, role_size, MUTED, 0),
        MARGIN,
        role_bottom,
        role,
    );
    role_bottom
}

/// The key figures as rows of badges (each with its width), filled left to right, as many rows
/// as fit between `rows_top` and the bottom; a figure wider than a row is left out.
fn badge_rows(mono: &FontRef, rows_top: f32, figures: Vec<String>) -> Vec<Vec<(String, f32)>> {
    let mut rows: Vec<Vec<(String, f32)>> = vec![Vec::new()];
    let mut line_width = 0.0;
    for figure in figures {
        let width = measure(mono, BADGE_TEXT, &figure) + 36.0;
        if width > INNER {
            continue;
        }
        if line_width + width > INNER {
            let rows_bottom =
                rows_top + (rows.len() as f32 + 1.0) * (BADGE_HEIGHT + BADGE_GAP) - BADGE_GAP;
            if rows_bottom > BADGES_BOTTOM {
                break;
            }
            rows.push(Vec::new());
            line_width = 0.0;
        }
        line_width += width + BADGE_GAP;
        rows.last_mut().expect("a row").push((figure, width));
    }
    rows
}

/// Draws the badge rows so that the last one ends at the bottom.
fn draw_badges(canvas: &mut Canvas, mono: &FontRef, rows: Vec<Vec<(String, f32)>>) {
    let style = TextStyle {
        font: mono,
        size: BADGE_TEXT,
        color: ACCENT,
        weight: 0,
    };
    let mut y = BADGES_BOTTOM - rows.len() as f32 * (BADGE_HEIGHT + BADGE_GAP) + BADGE_GAP;
    for row in rows {
        let mut x = MARGIN;
        for (figure, width) in row {
            let badge = Area {
                x,
                y,
                w: width,
                h: BADGE_HEIGHT,
            };
            canvas.rounded(badge, BADGE_HEIGHT / 2.0, ACCENT_SOFT, None);
            let baseline = y + BADGE_HEIGHT / 2.0 + BADGE_TEXT * 0.36;
            canvas.text(&style, x + 18.0, baseline, &figure);
            x += width + BADGE_GAP;
        }
        y += BADGE_HEIGHT + BADGE_GAP;
    }
}

/// Writes RGB `pixels` as a PNG: signature, IHDR, one zlib IDAT, IEND.
pub(crate) fn png(pixels: &[u8], width: usize, height: usize) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&(width as u32).to_be_bytes());
    header.extend_from_slice(&(height as u32).to_be_bytes());
    // 8 bits, RGB, deflate, no filter method, no interlace.
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    // Each row starts with its filter: 1 (Sub) suits flat backgrounds and text well.
    let mut rows = Vec::with_capacity(height * (width * 3 + 1));
    for row in pixels.chunks(width * 3) {
        rows.push(1);
        for (i, &byte) in row.iter().enumerate() {
            rows.push(byte.wrapping_sub(if i >= 3 { row[i - 3] } else { 0 }));
        }
    }
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    zlib.write_all(&rows).expect("writing to memory");
    let data = zlib.finish().expect("writing to memory");
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &data);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// Writes `dir/og-image.png` for `profile`.
pub(crate) fn write(dir: &Path, profile: &Profile) -> Result {
    let pixels = draw(profile)?;
    std::fs::write(dir.join("og-image.png"), png(&pixels, WIDTH, HEIGHT)).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        portfolio::parse::parse_profile(include_str!("../../tests/fixtures/rich.json")).unwrap()
    }

    #[test]
    fn measured_figures_come_first() {
        let figures = key_figures(&profile());
        assert_eq!(figures.first().map(String::as_str), Some("1M+ customers"));
        assert!(figures.iter().any(|f| f.contains('→')), "{figures:?}");
    }

    #[test]
    fn the_image_is_a_1200_by_630_png_with_text_on_it() {
        let pixels = draw(&profile()).unwrap();
        assert_eq!(pixels.len(), WIDTH * HEIGHT * 3);
        // Text and badges are drawn: many pixels in the accent and text colours.
        let count = |color: Rgb| pixels.chunks(3).filter(|p| *p == color).count();
        assert!(count(TEXT) > 2_000, "the name is drawn");
        assert!(count(ACCENT) > 2_000, "focus and figures are drawn");
        let png = png(&pixels, WIDTH, HEIGHT);
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(
            &png[16..24],
            &[0, 0, 4, 176, 0, 0, 2, 118],
            "IHDR says 1200 × 630"
        );
    }
}
