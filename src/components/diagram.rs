//! A project's architecture diagram as a `<figure>`: two drawings (for wide screens, left to
//! right unless folding it would tangle its lines; top to bottom for phones; CSS shows one), its
//! text alternative (the flow as an ordered list, visible when JavaScript is off), and the
//! scenario player.
//!
//! The drawings are made at build time, in the prerendered page; the browser makes them only
//! when it renders the page itself (the profile changed since the build). The figure is an
//! island taken over on demand, keeping the drawings it was given. Messages travel along the
//! edges (SVG `animateMotion`: the browser moves them, no code runs per frame) only while the
//! diagram is on screen, motion is welcome and the visitor has not paused it.

use std::sync::Arc;

use leptos::either::Either;
use leptos::html::{Div, Figure};
use leptos::prelude::*;

use super::card::CardOpen;
use super::download::DownloadSvg;
use super::follow::{reveal_lit, Room};
use super::player::{PlayerBar, PlayerState, PlayerTools, ScenarioSteps};
use super::zoom::{drag_to_pan, Zoom, ZoomControls};
use crate::browser::on_screen;
use crate::diagram::flow_text::flow_lines;
use crate::diagram::layout::Direction;
use crate::diagram::scene::Lit;
use crate::diagram::scene::{lit_by, EdgeShape, NodeShape, Scene};
use crate::filter_state::{use_filter, Filter};
use crate::model::{Diagram, EdgeKind, Labels, NodeKind};
use crate::page::{use_narrow_screen, use_page, use_reduced_motion, use_taken_over, Page};

/// The two drawings of every diagram: name (the SVG's class and its ids' suffix) and direction.
pub(super) const DRAWINGS: [(&str, Direction); 2] = [
    ("wide", Direction::LeftToRight),
    ("narrow", Direction::TopToBottom),
];

/// What a diagram's drawings show now: the lit step (and whether it fails), and the messages.
#[derive(Clone, Copy)]
pub(super) struct Shown {
    /// False for the first render, which takes the page's markup over as it is: what differs
    /// by then (the filter's lit nodes) shows from the next.
    taken_over: ReadSignal<bool>,
    lit: Memo<Option<(Lit, bool)>>,
    /// Whether messages travel, and along which lit edge besides the ordinary ones.
    messages: Memo<(bool, Option<usize>)>,
}

#[cfg(feature = "ssr")]
impl Shown {
    /// A drawing file's: what the page's drawing shows before its figure is taken over (the
    /// first step of the first scenario lit), nothing travelling.
    pub(super) fn at_rest(diagram: &Diagram) -> Self {
        let lit = diagram
            .scenarios
            .first()
            .and_then(|scenario| scenario.steps.first())
            .and_then(|step| lit_by(diagram, step).map(|lit| (lit, step.fails)));
        Self {
            taken_over: RwSignal::new(false).read_only(),
            lit: Memo::new(move |_| lit),
            messages: Memo::new(|_| (false, None)),
        }
    }
}

/// A project's diagram: the figure, or the validation problems inside it instead.
#[component]
pub(crate) fn ProjectDiagram(
    /// The project's position in the profile.
    index: usize,
) -> impl IntoView {
    let page = use_page();
    let own = problems_of(&page.problems, index);
    if !own.is_empty() {
        let items = own
            .into_iter()
            .map(|problem| view! { <li><code>{problem}</code></li> })
            .collect_view();
        return view! {
            <div class="diagram-error" role="note">
                <ul>{items}</ul>
            </div>
        }
        .into_any();
    }
    let files = use_context::<DrawingFiles>().map(|files| files.0);
    // Taken over on demand (the card's island decides when): `data-on-demand` tells the loader
    // to leave it out of the first takeover.
    view! {
        <div class="figure-slot" data-on-demand="">
            <DiagramFigure index files />
        </div>
    }
    .into_any()
}

/// The directory (relative to the page) of the drawings the build wrote as files of their own
/// (`drawing_file.rs`): in context while the page is prerendered; absent when the browser
/// renders the page itself, which draws every diagram in it.
#[derive(Clone)]
pub(crate) struct DrawingFiles(pub(crate) String);

/// Whether project `index`'s drawing `drawing` (of `DRAWINGS`) is in the prerendered page
/// itself rather than in a file: only the first card's wide one, on a laptop's first screen.
/// The others are lazily loaded images, so the page's first response stays within the first
/// round trip of a new connection (about 14 KB, issue 24).
pub(crate) fn drawn_in_page(index: usize, drawing: &str) -> bool {
    index == 0 && drawing == DRAWINGS[0].0
}

/// What the components inside a figure share: its project's diagram and drawings, made once.
pub(crate) struct FigureData {
    /// The project's id: the figure's ids, its file name and its step links start with it.
    pub(crate) project: String,
    pub(crate) diagram: Diagram,
    /// The drawings of `DRAWINGS`, in that order.
    pub(super) scenes: [Arc<Scene>; 2],
    /// Each node's canonical tags, to light the ones the filter selects.
    node_tags: Vec<Vec<usize>>,
    pub(crate) labels: Labels,
}

impl FigureData {
    /// Project `index`'s figure: its diagram, both drawings laid out, its nodes' tags.
    pub(super) fn of(page: &Page, index: usize) -> Self {
        let project = &page.profile.projects[index];
        Self {
            project: project.id.clone(),
            diagram: project.diagram.clone(),
            scenes: DRAWINGS.map(|(_, direction)| page.scene(index, direction)),
            node_tags: project
                .diagram
                .nodes
                .iter()
                .map(|node| page.index.node_tags(node))
                .collect(),
            labels: page.profile.site.labels.clone(),
        }
    }
}

/// Open, a drawing shows at its own size, labels as large as they are made; closed, the card
/// shows it whole as a preview. An open drawing larger than its canvas scrolls to the lit step.
fn follow_the_card(open: Signal<bool>, zoom: Zoom, canvas: NodeRef<Div>, shown: Shown) {
    Effect::new(move |_| {
        zoom.scale.set(open.get().then_some(1.0));
        if open.get_untracked() {
            center_narrow_drawing(canvas);
        }
    });
    // Only an open drawing can be wider than its canvas (closed, it is fitted whole), and the
    // measuring forces a layout: a closed card measures nothing.
    Effect::new(move |_| {
        if shown.lit.get().is_some() && open.get_untracked() {
            request_animation_frame(move || reveal_lit(canvas));
        }
    });
}

/// The figure's data, for the components inside its island.
pub(crate) fn use_figure() -> Arc<FigureData> {
    expect_context::<Arc<FigureData>>()
}

/// The figure, drawn in the prerendered page. Its code is a chunk of its own (`split` builds),
/// fetched when the figure is first taken over: when its card opens or the filter selects a
/// tag (the nodes that carry it light up). Until then the page's drawing is the preview.
#[cfg_attr(feature = "split", island(lazy))]
#[cfg_attr(not(feature = "split"), island)]
fn DiagramFigure(
    /// The project's position in the profile.
    index: usize,
    /// Where the build wrote this figure's drawings as files, when the page links them as
    /// images instead of holding them (`DrawingFiles`).
    files: Option<String>,
) -> impl IntoView {
    let data = Arc::new(FigureData::of(&use_page(), index));
    provide_context(data.clone());
    // The first render is the page's markup: the card is closed in it. Whether the card is
    // open (and so the controls) is read from the first effect on.
    let taken_over = use_taken_over();
    let card_open = expect_context::<CardOpen>().0;
    let open = Signal::derive(move || taken_over.get() && card_open.get());
    let diagram = &data.diagram;
    let title_id = format!("{}-diagram-title", data.project);
    let player = PlayerState::new(diagram);
    follow_step_links(&data, player);
    let reduced_motion = use_reduced_motion();
    let figure = NodeRef::<Figure>::new();
    let canvas = NodeRef::<Div>::new();
    let room = Room {
        canvas,
        bar: NodeRef::new(),
        tools: NodeRef::new(),
    };
    keep_the_canvas_in_view(room, player, reduced_motion);
    let zoom = Zoom::new(canvas, [data.scenes[0].width, data.scenes[1].width]);
    let visible = on_screen(figure, taken_over.into(), "0px");
    let shown = shown(data.clone(), player, visible, reduced_motion, taken_over);
    follow_the_card(open, zoom, canvas, shown);
    let flow = flow_lines(diagram)
        .into_iter()
        .map(|line| view! { <li>{line}</li> })
        .collect_view();
    let drawings = Drawings {
        scenes: data.scenes.clone(),
        title_id: title_id.clone(),
        shown,
        zoom,
        narrow_screen: use_narrow_screen(),
    };
    let drawings = drawings.on_canvas(files, data.clone(), index, taken_over);
    let controls = Controls {
        zoom,
        canvas,
        bar: room.bar,
        tools: room.tools,
        file_name: data.project.clone(),
        player,
        has_scenarios: !diagram.scenarios.is_empty(),
    };
    view! {
        <figure
            class="diagram"
            class:open=open
            node_ref=figure
            // The keys step the scenario while focus is anywhere in the open figure.
            on:keydown=move |event| on_key(player, &event)
        >
            <figcaption id=title_id.clone() class="visually-hidden">
                {diagram.title.clone()}
            </figcaption>
            // Open, the canvas takes focus: the keyboard can scroll a zoomed drawing and step
            // its scenario from there.
            <div
                class="diagram-canvas"
                class:zoomed=move || zoom.scale.get().is_some()
                tabindex=move || open.get().then_some("0")
                role="group"
                aria-labelledby=title_id
                node_ref=canvas
                on:pointermove=drag_to_pan(canvas)
            >
                {drawings}
            </div>
            <ol class="visually-hidden diagram-flow">{flow}</ol>
            <PrintedSteps />
            // Built when the card opens: a closed card's page and hydration carry none of it.
            {move || open.get().then(|| Suspend::new(controls_of(controls.clone())))}
        </figure>
    }
    .into_any()
}

/// Open, the canvas is sized to the screen once its controls are there; a press on the player
/// (not its own playing, not a link) brings the canvas into view.
fn keep_the_canvas_in_view(room: Room, player: PlayerState, reduced_motion: ReadSignal<bool>) {
    let tools = room.tools;
    Effect::new(move |_| {
        if tools.get().is_some() {
            request_animation_frame(move || {
                room.fit_canvas();
            });
        }
    });
    Effect::new(move |pressed_before: Option<()>| {
        player.pressed.track();
        if pressed_before.is_some() {
            let smooth = !reduced_motion.get_untracked();
            request_animation_frame(move || room.bring_into_view(smooth));
        }
    });
}

/// What a figure's two drawings are drawn from.
#[derive(Clone)]
struct Drawings {
    scenes: [Arc<Scene>; 2],
    /// The figure's caption, which names both.
    title_id: String,
    shown: Shown,
    zoom: Zoom,
    narrow_screen: ReadSignal<bool>,
}

impl Drawings {
    /// What the canvas holds: the drawings drawn here or, when the build wrote them as `files`,
    /// those files as images until the figure is taken over, then drawn here: the player lights
    /// their parts and the filter their nodes.
    fn on_canvas(
        self,
        files: Option<String>,
        figure: Arc<FigureData>,
        index: usize,
        taken_over: ReadSignal<bool>,
    ) -> impl IntoView {
        match files {
            None => Either::Left(self.drawn()),
            Some(files) => Either::Right(move || {
                if taken_over.get() {
                    Either::Left(self.clone().drawn())
                } else {
                    let (title_id, shown, zoom) = (&self.title_id, self.shown, self.zoom);
                    Either::Right(as_built(&files, &figure, index, title_id, shown, zoom))
                }
            }),
        }
    }

    /// Both drawings; the stylesheet shows the one that fits the screen. The top to bottom one
    /// is drawn only on a screen that shows it (on a laptop, half the markup to build); the
    /// left to right one always, since paper shows it.
    fn drawn(self) -> impl IntoView {
        let Drawings {
            scenes: [wide, narrow],
            title_id,
            shown,
            zoom,
            narrow_screen,
        } = self;
        let narrow_title_id = title_id.clone();
        let narrow = move || {
            narrow_screen.get().then(|| {
                let (scene, title_id) = (narrow.clone(), narrow_title_id.clone());
                view! { <Drawing name=DRAWINGS[1].0 scene title_id shown zoom /> }
            })
        };
        view! {
            <Drawing name=DRAWINGS[0].0 scene=wide title_id shown zoom />
            {narrow}
        }
    }
}

/// What an open figure's controls work on.
#[derive(Clone)]
struct Controls {
    zoom: Zoom,
    canvas: NodeRef<Div>,
    bar: NodeRef<Div>,
    tools: NodeRef<Div>,
    file_name: String,
    player: PlayerState,
    has_scenarios: bool,
}

/// The controls under an open drawing: the player's bar (sticky), then zoom, Download SVG, the
/// speeds and the step's link, then the scenarios and their steps. Split off (`split` builds):
/// fetched the first time a card opens, not with the page.
#[cfg_attr(feature = "split", lazy)]
async fn controls_of(controls: Controls) -> AnyView {
    let Controls {
        zoom,
        canvas,
        bar,
        tools,
        file_name,
        player,
        has_scenarios,
    } = controls;
    view! {
        // Held at the bottom of the screen while the figure is on it: Play and the caption stay
        // with the drawing, even at 200 % zoom. It holds no more, so it covers little.
        {has_scenarios
            .then(|| {
                view! {
                    <div class="diagram-bar" node_ref=bar>
                        <PlayerBar player />
                    </div>
                }
            })}
        // Zoom first: under the bar, on screen with it when the canvas is brought into view.
        <div class="diagram-tools" node_ref=tools>
            <ZoomControls zoom />
            <DownloadSvg canvas file_name />
            {has_scenarios.then(|| view! { <PlayerTools player /> })}
        </div>
        {has_scenarios.then(|| view! { <ScenarioSteps player /> })}
    }
    .into_any()
}

/// The first scenario as a numbered list under the printed drawing: on paper nothing plays.
/// Only a card the visitor opened prints its diagram (a closed card's preview is not printed),
/// so the list is made once the figure is taken over, not carried in the page.
#[component]
fn PrintedSteps() -> impl IntoView {
    let taken_over = use_taken_over();
    let figure = use_figure();
    move || taken_over.get().then(|| printed_steps(&figure))
}

fn printed_steps(figure: &FigureData) -> Option<impl IntoView> {
    figure.diagram.scenarios.first().map(|scenario| {
        let steps = scenario
            .steps
            .iter()
            .map(|step| view! { <li>{step.caption.clone()}</li> })
            .collect_view();
        view! {
            <div class="printed-steps">
                <p>{scenario.title.clone()}</p>
                <ol>{steps}</ol>
            </div>
        }
    })
}

/// The themes a drawing file is made in: the page shows the one its own theme is in.
pub(super) const THEMES: [&str; 2] = ["light", "dark"];

/// A drawing file's name in its directory: project, drawing (`DRAWINGS`) and theme.
pub(super) fn file_name(project: &str, drawing: &str, theme: &str) -> String {
    format!("{project}.{drawing}.{theme}.svg")
}

/// The figure's drawings as the page was built with them: each in the page, or an image of
/// the file the build wrote (`drawn_in_page`) in each theme. The stylesheet shows the drawing
/// that fits the screen, in the page's theme (a lazy image that is not shown is not fetched).
fn as_built(
    files: &str,
    figure: &Arc<FigureData>,
    index: usize,
    title_id: &str,
    shown: Shown,
    zoom: Zoom,
) -> AnyView {
    DRAWINGS
        .iter()
        .zip(figure.scenes.clone())
        .map(|(&(name, _), scene)| {
            let title_id = title_id.to_string();
            if drawn_in_page(index, name) {
                return view! { <Drawing name scene title_id shown zoom /> }.into_any();
            }
            THEMES
                .map(|theme| {
                    let src = format!("{files}/{}", file_name(&figure.project, name, theme));
                    view! {
                        <img
                            class=format!("diagram-svg {name} drawing-file {theme}")
                            src=src
                            width=px(scene.width)
                            height=px(scene.height)
                            loading="lazy"
                            decoding="async"
                            aria-labelledby=title_id.clone()
                        />
                    }
                })
                .into_iter()
                .collect_view()
                .into_any()
        })
        .collect_view()
        .into_any()
}

/// A link to one of this diagram's steps (`#project/scenario/3`) shows that step, whenever the
/// fragment changes to one: on load, from a pasted link, on Back and Forward.
fn follow_step_links(figure: &FigureData, player: PlayerState) {
    let filter = use_filter();
    let project = figure.project.clone();
    let scenarios: Vec<String> = figure
        .diagram
        .scenarios
        .iter()
        .map(|s| s.id.clone())
        .collect();
    Effect::new(move |_| {
        let Some((scenario, step)) = filter.target_step(&project) else {
            return;
        };
        if let Some(position) = scenarios.iter().position(|id| *id == scenario) {
            player.show(position, step);
        }
    });
}

/// ←, →, Home, End and Space for the player; other keys (Tab, Enter on a button) pass.
fn on_key(player: PlayerState, event: &web_sys::KeyboardEvent) {
    if event.alt_key() || event.ctrl_key() || event.meta_key() {
        return;
    }
    let on_button = event
        .target()
        .and_then(|target| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(target).ok())
        .is_some_and(|element| element.tag_name().eq_ignore_ascii_case("button"));
    if player.on_key(&event.key(), on_button) {
        event.prevent_default();
    }
}

/// Validation problems inside project `index`'s diagram: such a diagram shows them instead.
pub(super) fn problems_of(problems: &[crate::validate::Problem], index: usize) -> Vec<String> {
    let prefix = format!("projects[{index}].diagram");
    problems
        .iter()
        .filter(|p| p.path.starts_with(&prefix))
        .map(ToString::to_string)
        .collect()
}

fn shown(
    figure: Arc<FigureData>,
    player: PlayerState,
    on_screen: ReadSignal<bool>,
    reduced_motion: ReadSignal<bool>,
    taken_over: ReadSignal<bool>,
) -> Shown {
    let lit = Memo::new(move |_| {
        let diagram = &figure.diagram;
        let scenario = diagram.scenarios.get(player.scenario.get())?;
        let step = scenario.steps.get(player.step.get())?;
        lit_by(diagram, step).map(|lit| (lit, step.fails))
    });
    // Nothing moves by itself: a message travels only while the visitor plays a scenario.
    let messages = Memo::new(move |_| {
        let moving = player.playing.get() && on_screen.get() && !reduced_motion.get();
        let lit_edge = match lit.get() {
            Some((Lit::Edge(edge), _)) => Some(edge),
            _ => None,
        };
        (moving, lit_edge)
    });
    Shown {
        taken_over,
        lit,
        messages,
    }
}

/// On a phone a diagram is wider than the screen: start with its middle in view, where
/// top-to-bottom flows usually run. (A left-to-right drawing starts where its flow starts.)
fn center_narrow_drawing(canvas: NodeRef<Div>) {
    request_animation_frame(move || {
        // `try_`: a frame may come after the card is gone (a test unmounts the page).
        let Some(canvas) = canvas.try_get_untracked().flatten() else {
            return;
        };
        let narrow = canvas
            .query_selector("svg.narrow")
            .ok()
            .flatten()
            .is_some_and(|svg| svg.get_bounding_client_rect().width() > 0.0);
        let overflow = canvas.scroll_width() - canvas.client_width();
        if narrow && overflow > 0 {
            canvas.set_scroll_left(overflow / 2);
        }
    });
}

/// Whole SVG user units.
fn px(value: f64) -> String {
    (value.round() as i64).to_string()
}

/// True for edges drawn as failure paths (red, dashed, messages only when lit).
fn is_failing(kind: EdgeKind) -> bool {
    matches!(kind, EdgeKind::Failure | EdgeKind::Retry)
}

/// The class of the page's one `<svg>` of arrowheads.
pub(crate) const ARROW_MARKERS: &str = "arrow-markers";

/// The arrowheads every drawing of the page points its edges with, by id and class. An id
/// begins with `_`, which a project's kebab-case id (an article's id) cannot.
const ARROWS: [(&str, &str); 3] = [
    ("_arrow", "arrow"),
    ("_arrow-fail", "arrow fail"),
    ("_arrow-lit", "arrow lit"),
];

/// The arrowhead of an edge.
fn marker(failing: bool, lit: bool) -> &'static str {
    if lit {
        "url(#_arrow-lit)"
    } else if failing {
        "url(#_arrow-fail)"
    } else {
        "url(#_arrow)"
    }
}

/// The arrowheads of every drawing, once for the page (a drawing refers to them by id): each
/// drawing's own were three elements more per drawing, twice per diagram.
#[component]
pub(crate) fn ArrowMarkers() -> impl IntoView {
    view! {
        <svg class=ARROW_MARKERS width="0" height="0" aria-hidden="true">
            {arrow_defs()}
        </svg>
    }
}

/// The arrowheads' definitions: the page's, and each drawing file's own.
pub(super) fn arrow_defs() -> impl IntoView {
    let markers = ARROWS
        .into_iter()
        .map(|(id, class)| {
            view! {
                <marker
                    id=id
                    class=class
                    viewBox="0 0 10 10"
                    refX="9"
                    refY="5"
                    markerUnits="userSpaceOnUse"
                    markerWidth="9"
                    markerHeight="9"
                    orient="auto-start-reverse"
                >
                    <path d="M0 0 L10 5 L0 10 z"></path>
                </marker>
            }
        })
        .collect_view();
    view! { <defs>{markers}</defs> }
}

/// One drawing of the figure's diagram: its `<svg>` at the scene's size (scaled by the zoom;
/// fitted, the stylesheet sizes it).
#[component]
fn Drawing(
    name: &'static str,
    scene: Arc<Scene>,
    title_id: String,
    shown: Shown,
    zoom: Zoom,
) -> impl IntoView {
    let (natural_width, natural_height) = (scene.width, scene.height);
    let view_box = format!("0 0 {} {}", px(scene.width), px(scene.height));
    view! {
        <svg
            class=format!("diagram-svg {name}")
            viewBox=view_box
            width=move || zoom.size(natural_width)
            height=move || zoom.size(natural_height)
            role="img"
            aria-labelledby=title_id
            preserveAspectRatio="xMidYMin meet"
        >
            <DrawingContent scene shown />
        </svg>
    }
}

/// What a drawing shows: group frames, edges, the travelling message, labels and
/// nodes, in that order from the back.
#[component]
pub(super) fn DrawingContent(scene: Arc<Scene>, shown: Shown) -> impl IntoView {
    let figure = use_figure();
    let diagram = &figure.diagram;
    let groups = group_frames(diagram, &scene);
    let edges = edges(diagram, &scene, shown);
    let labels = edge_labels(&scene);
    let group_labels = scene
        .groups
        .iter()
        .map(|group| {
            let r = group.rect;
            view! {
                <text x=px(r.x + 8.0) y=px(r.y + 12.0) class="group-label">
                    {group.label.clone()}
                </text>
            }
        })
        .collect_view();
    let nodes = nodes(diagram, &scene, &figure.node_tags, shown);
    let messages = messages(diagram, &scene, shown);
    view! {
            {groups}
            {edges}
            <g class="messages">{messages}</g>
            {labels}
            // Group names over the edges, with a halo: an edge into a member from outside
            // crosses the frame's top, where the name stands.
            {group_labels}
            {nodes}
    }
}

fn group_frames(diagram: &Diagram, scene: &Scene) -> impl IntoView {
    scene
        .groups
        .iter()
        .map(|group| {
            let kind = format!("group group-{}", diagram.groups[group.index].kind.word());
            let r = group.rect;
            view! {
                <g class=kind>
                    <rect x=px(r.x) y=px(r.y) width=px(r.width) height=px(r.height) rx="8"></rect>
                </g>
            }
        })
        .collect_view()
}

fn edges(diagram: &Diagram, scene: &Scene, shown: Shown) -> impl IntoView {
    scene
        .edges
        .iter()
        .enumerate()
        .map(|(index, shape)| {
            let edge = &diagram.edges[index];
            // Diagrams with an unknown kind show their validation error instead.
            let kind = edge.kind.known().unwrap_or(EdgeKind::Sync);
            let failing = is_failing(kind);
            let lit = move || matches!(shown.lit.get(), Some((Lit::Edge(e), _)) if e == index);
            let lit_fails =
                move || matches!(shown.lit.get(), Some((Lit::Edge(e), true)) if e == index);
            view! {
                <g
                    class=format!("edge {}", kind.word())
                    class:lit=lit
                    class:lit-fails=lit_fails
                >
                    <path
                        d=shape.path.clone()
                        marker-end=move || marker(failing, lit())
                    ></path>
                </g>
            }
        })
        .collect_view()
}

/// The edges' labels, drawn over the travelling messages so that a message never hides one.
fn edge_labels(scene: &Scene) -> impl IntoView {
    scene
        .edges
        .iter()
        .map(|shape| {
            let in_group = shape
                .label_rect
                .is_some_and(|rect| scene.groups.iter().any(|g| g.rect.contains(rect.center())));
            view! {
                <g class="edge-label-group">{edge_label(shape, in_group)}</g>
            }
        })
        .collect_view()
}

/// An edge's label on a backing the colour of the canvas (the edge passes through the label's
/// box); inside a group's frame the backing takes the frame's tint, or it shows as a chip.
fn edge_label(shape: &EdgeShape, in_group: bool) -> impl IntoView {
    let rect = shape.label_rect?;
    let x = px(rect.x + rect.width / 2.0);
    let lines = text_lines(&shape.label, &x, None, "1em");
    Some(view! {
        <rect
            class="edge-label-back"
            class:in-group=in_group
            x=px(rect.x)
            y=px(rect.y)
            width=px(rect.width)
            height=px(rect.height)
            rx="3"
        ></rect>
        <text class="edge-label" x=x y=px(rect.y + 2.0)>
            {lines}
        </text>
    })
}

/// `<tspan>`s, one per line, the first `first_dy` below the text's top.
fn text_lines(
    lines: &[String],
    x: &str,
    class: Option<&'static str>,
    first_dy: &'static str,
) -> impl IntoView {
    lines
        .iter()
        .enumerate()
        .map(|(line, text)| {
            let dy = if line == 0 { first_dy } else { "1.3em" };
            view! {
                <tspan class=class x=x.to_string() dy=dy>
                    {text.clone()}
                </tspan>
            }
        })
        .collect_view()
}

fn nodes(
    diagram: &Diagram,
    scene: &Scene,
    node_tags: &[Vec<usize>],
    shown: Shown,
) -> impl IntoView {
    // A drawing file is drawn without the page's filter (and lights nothing).
    let filter = use_context::<Filter>();
    scene
        .nodes
        .iter()
        .enumerate()
        .map(|(index, shape)| {
            let node = &diagram.nodes[index];
            let kind = node.kind.known().unwrap_or(NodeKind::Service);
            let lit = move || matches!(shown.lit.get(), Some((Lit::Node(n), _)) if n == index);
            let lit_fails =
                move || matches!(shown.lit.get(), Some((Lit::Node(n), true)) if n == index);
            // Why the card matched: the node is one of the selected tags.
            let tags = node_tags[index].clone();
            let matched = move || {
                shown.taken_over.get()
                    && !tags.is_empty()
                    && filter.is_some_and(|filter| filter.lights_node(&tags))
            };
            view! {
                <g
                    class=format!("node {}", kind.word())
                    class:lit=lit
                    class:lit-fails=lit_fails
                    class:matched=matched
                    data-node=node.id.clone()
                    data-node-index=index
                >
                    {node_shape(kind, shape)}
                </g>
            }
        })
        .collect_view()
}

/// A node's box, the mark of its kind (a table's lid, a queue's bars), label and detail.
fn node_shape(kind: NodeKind, shape: &NodeShape) -> impl IntoView {
    let r = shape.rect;
    let rounding = match kind {
        NodeKind::Topic | NodeKind::Source => r.height.min(22.0) / 2.0,
        NodeKind::Gate | NodeKind::Phase => 2.0,
        _ => 6.0,
    };
    let center = px(r.x + r.width / 2.0);
    let mark = match kind {
        NodeKind::Table | NodeKind::Store => Some(format!(
            "M{} {} q{} 6 {} 0",
            px(r.x),
            px(r.y + 5.0),
            px(r.width / 2.0),
            px(r.width)
        )),
        NodeKind::Queue | NodeKind::Stream => {
            let (top, tall) = (px(r.y + 4.0), px(r.height - 8.0));
            let (outer, inner) = (px(r.x + r.width - 8.0), px(r.x + r.width - 12.0));
            Some(format!("M{outer} {top} v{tall} M{inner} {top} v{tall}"))
        }
        _ => None,
    };
    let label = text_lines(&shape.label, &center, None, "1em");
    let detail = text_lines(&shape.detail, &center, Some("node-detail"), "1.45em");
    view! {
        <rect
            x=px(r.x)
            y=px(r.y)
            width=px(r.width)
            height=px(r.height)
            rx=px(rounding)
        ></rect>
        {mark.map(|d| view! { <path class="kind-mark" d=d></path> })}
        <text class="node-label" x=center y=px(r.y + 8.0)>
            {label}
            {detail}
        </text>
    }
}

/// The travelling message: along the lit edge while the scenario plays. Rewritten only when
/// what it shows changes (a rewrite restarts its animation).
fn messages(diagram: &Diagram, scene: &Scene, shown: Shown) -> impl IntoView {
    let paths: Vec<(String, String, bool)> = scene
        .edges
        .iter()
        .enumerate()
        .map(|(index, shape)| {
            let kind = diagram.edges[index].kind.known().unwrap_or(EdgeKind::Sync);
            // Roughly 90 user units a second, so long edges do not rush.
            let duration = format!("{}ms", px((shape.length / 0.09).clamp(1200.0, 6000.0)));
            (shape.path.clone(), duration, is_failing(kind))
        })
        .collect();
    move || {
        let (moving, lit_edge) = shown.messages.get();
        moving.then(|| {
            paths
                .iter()
                .enumerate()
                .filter(|(index, _)| lit_edge == Some(*index))
                .map(|(_, (path, duration, failing))| {
                    view! {
                        <circle class="message" class:failing=*failing r="3.5">
                            <animateMotion
                                path=path.clone()
                                dur=duration.clone()
                                repeatCount="indefinite"
                                rotate="auto"
                            ></animateMotion>
                        </circle>
                    }
                })
                .collect_view()
        })
    }
}
