//! Each diagram's drawings as SVG files of their own, written by the build next to the page.
//!
//! The prerendered page holds the first card's wide drawing; the others it links as lazily
//! loaded images (`diagram.rs`, `as_built`), fetched when they near the screen. Held in the
//! page, the drawings were 8.5 of its 27.5 KB (brotli), and a page over about 14 KB needs a
//! second round trip before its first paint (issue 24). An image cannot read the page's
//! stylesheet or follow its theme toggle, so each file carries the page's drawing rules (what
//! `style/main.css` marks `drawing file`) and comes in each theme, which it pins on its root
//! (`data-theme`, as the toggle pins the page's).

use std::sync::Arc;

use leptos::prelude::*;

use super::diagram::{
    arrow_defs, drawn_in_page, file_name, problems_of, DrawingContent, FigureData, Shown, DRAWINGS,
    THEMES,
};
use crate::page::Page;

/// One drawing file: its name in the drawings' directory and its SVG text.
pub struct DrawingFile {
    pub name: String,
    pub svg: String,
}

/// The files of every drawing the prerendered page links rather than holds, each styled by
/// `css` (the page's stylesheet). A diagram with problems shows them instead: it has none.
pub(crate) fn drawing_files(page: &Page, css: &str) -> Vec<DrawingFile> {
    let mut files = Vec::new();
    for (index, project) in page.profile.projects.iter().enumerate() {
        if project.diagram.is_absent() || !problems_of(&page.problems, index).is_empty() {
            continue;
        }
        let owner = Owner::new();
        owner.with(|| {
            let figure = Arc::new(FigureData::of(page, index));
            provide_context(figure.clone());
            for (&(drawing, _), scene) in DRAWINGS.iter().zip(figure.scenes.clone()) {
                if drawn_in_page(index, drawing) {
                    continue;
                }
                let shown = Shown::at_rest(&figure.diagram);
                let content = markup(view! { <DrawingContent scene=scene.clone() shown /> });
                for theme in THEMES {
                    files.push(DrawingFile {
                        name: file_name(&figure.project, drawing, theme),
                        svg: svg_file(&scene, theme, css, &content),
                    });
                }
            }
        });
    }
    files
}

/// A view's markup as XML: without the empty comments (`<!>`) the server's renderer marks
/// dynamic parts with, which XML does not allow. Text is escaped, so `<!>` is only ever one.
fn markup(view: impl IntoView) -> String {
    view.into_view().to_html().replace("<!>", "")
}

/// The SVG document: the drawing's size, its theme pinned, the stylesheet and arrowheads.
fn svg_file(scene: &crate::diagram::scene::Scene, theme: &str, css: &str, content: &str) -> String {
    let (width, height) = (scene.width.round(), scene.height.round());
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" data-theme=\"{theme}\" class=\"diagram-svg\">\
         <style><![CDATA[{css}]]></style>{}{content}</svg>",
        markup(arrow_defs())
    )
}
