//! Folding a long left-to-right layout into rows, like lines of text: a chain of twelve phases
//! that would be 2,000 px wide becomes two or three rows that fit a card. The layout is cut
//! where no node or label stands (between ranks), each band moves under the one before, and an
//! edge that crossed a cut is led out to the right of its row, down through the gap and in
//! from the left of the next row. Pure, so it is tested natively.

use super::layout::{EdgeRoute, Layout, Point, Rect};

/// Room left and right of each row for the edges that wrap to the next one.
const LANE: f64 = 28.0;
/// Space between rows, where wrapping edges run.
const ROW_GAP: f64 = 36.0;
/// How far apart wrapping edges that share a cut run, so that they stay distinguishable.
const APART: f64 = 6.0;

/// A folded layout, and where its rows start (for frames that must not span rows).
pub struct Folded {
    pub layout: Layout,
    /// Where each row starts (its top); empty when nothing was folded.
    pub row_tops: Vec<f64>,
    /// The most lines that wrap through one gap between rows (a fan-out's edges wrap as one).
    /// Two or more run side by side around the drawing and cross where they turn into rows
    /// whose order differs, which a drawing that is not folded avoids.
    pub most_wraps: usize,
}

/// How an edge wraps: its lane, and whether it is part of a fan-out.
#[derive(Clone, Copy)]
struct Wrap {
    lane: f64,
    fanned: bool,
}

/// Folds `layout` (left to right) into rows at most about `max_width` wide. A layout that fits
/// is returned unchanged, and so is one with no place to cut. `looks` holds how each edge is
/// drawn: edges drawn alike that wrap straight from the same point share their wrap.
pub fn fold<K: PartialEq>(layout: Layout, max_width: f64, looks: &[K]) -> Folded {
    let cuts = cuts(&layout, max_width);
    if cuts.is_empty() {
        return Folded {
            layout,
            row_tops: Vec::new(),
            most_wraps: 0,
        };
    }
    let bands = Bands::new(cuts, &layout);
    let nodes = layout.nodes.iter().map(|&r| bands.move_rect(r)).collect();
    let bundles = fan_outs(&bands, &layout.edges, looks);
    let most_wraps = bands.most_wraps(&layout.edges, &bundles);
    // Wrapping edges take lanes in turn, so wraps that share a gap run apart; a fan-out's edges
    // share the lane of its first.
    let mut wrapped = 0;
    let mut lanes = vec![None; layout.edges.len()];
    let edges = (0..layout.edges.len())
        .map(|i| {
            let route = &layout.edges[i];
            let lane = match bundles[i].and_then(|first| lanes[first]) {
                Some(shared) => shared,
                None => {
                    let lane = (wrapped % 4) as f64 * APART;
                    if bands.crosses(route) {
                        wrapped += 1;
                    }
                    lane
                }
            };
            lanes[i] = Some(lane);
            let fanned = bundles[i].is_some();
            bands.route(route, Wrap { lane, fanned })
        })
        .collect();
    Folded {
        layout: Layout {
            width: bands.width(),
            height: bands.height(),
            nodes,
            edges,
        },
        row_tops: bands.row_tops.clone(),
        most_wraps,
    }
}

/// For each edge of a fan-out (two or more edges drawn alike whose first stretch, from the
/// same point, crosses a cut) the index of its first edge. They wrap as one line that
/// branches in the row it reaches, where parallel lanes would run side by side across the
/// drawing and back.
fn fan_outs<K: PartialEq>(bands: &Bands, edges: &[EdgeRoute], looks: &[K]) -> Vec<Option<usize>> {
    let leaves_by_a_cut = |route: &EdgeRoute| match route.points.as_slice() {
        [a, b, ..] => bands.band_of(a.x) != bands.band_of(b.x),
        _ => false,
    };
    let alike = |i: usize, j: usize| {
        let (a, b) = (edges[i].points[0], edges[j].points[0]);
        looks.get(i) == looks.get(j) && (a.x - b.x).abs() < 0.5 && (a.y - b.y).abs() < 0.5
    };
    let wrapping: Vec<usize> = (0..edges.len())
        .filter(|&i| leaves_by_a_cut(&edges[i]))
        .collect();
    let mut first = vec![None; edges.len()];
    for &i in &wrapping {
        let mut fan = wrapping.iter().copied().filter(|&j| alike(i, j));
        let leader = fan.next();
        if fan.next().is_some() {
            first[i] = leader;
        }
    }
    first
}

/// Where to cut: in the middle of gaps that no node or label covers, each as far along as the
/// width allows.
fn cuts(layout: &Layout, max_width: f64) -> Vec<f64> {
    if layout.width <= max_width {
        return Vec::new();
    }
    let mut spans: Vec<(f64, f64)> = layout
        .nodes
        .iter()
        .chain(layout.edges.iter().filter_map(|e| e.label.as_ref()))
        .map(|r| (r.x, r.x + r.width))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut gaps = Vec::new();
    let mut reach = f64::NEG_INFINITY;
    for (start, end) in spans {
        if reach.is_finite() && start > reach {
            gaps.push((reach + start) / 2.0);
        }
        reach = reach.max(end);
    }
    let mut cuts = Vec::new();
    let mut start = 0.0;
    while layout.width - start > max_width {
        let limit = start + max_width - 2.0 * LANE;
        let Some(&cut) = gaps.iter().rev().find(|&&g| g > start && g <= limit) else {
            break;
        };
        cuts.push(cut);
        start = cut;
    }
    cuts
}

/// The rows: band `k` runs from `starts[k]` to `starts[k + 1]` along the original layout, and
/// takes only the height its content needs (`tops`, `bottoms`: its extent in the original).
struct Bands {
    starts: Vec<f64>,
    total: f64,
    tops: Vec<f64>,
    bottoms: Vec<f64>,
    /// Where each row's top goes in the folded drawing.
    row_tops: Vec<f64>,
    /// Above and below each row's content: the layout's own margin.
    margin: f64,
}

impl Bands {
    fn new(cuts: Vec<f64>, layout: &Layout) -> Self {
        let mut starts = vec![0.0];
        starts.extend(cuts);
        let mut bands = Bands {
            tops: vec![f64::INFINITY; starts.len()],
            bottoms: vec![f64::NEG_INFINITY; starts.len()],
            starts,
            total: layout.width,
            row_tops: Vec::new(),
            margin: 0.0,
        };
        let rects = layout
            .nodes
            .iter()
            .chain(layout.edges.iter().filter_map(|e| e.label.as_ref()));
        for r in rects {
            let band = bands.band_of(r.x + r.width / 2.0);
            bands.tops[band] = bands.tops[band].min(r.y);
            bands.bottoms[band] = bands.bottoms[band].max(r.y + r.height);
        }
        // Lines count too: an edge leaving a row upwards must stay inside it.
        for p in layout.edges.iter().flat_map(|e| &e.points) {
            let band = bands.band_of(p.x);
            bands.tops[band] = bands.tops[band].min(p.y);
            bands.bottoms[band] = bands.bottoms[band].max(p.y);
        }
        for band in 0..bands.starts.len() {
            if !bands.tops[band].is_finite() {
                (bands.tops[band], bands.bottoms[band]) = (0.0, 0.0);
            }
        }
        // Every row keeps the layout's own margin (where its highest content starts), not the
        // first row's top: a first row lower than a fan-out in the next would open a wide band
        // of nothing between them.
        let margin = bands
            .tops
            .iter()
            .copied()
            .fold(layout.height, f64::min)
            .max(0.0);
        bands.margin = margin;
        let mut top = 0.0;
        for band in 0..bands.starts.len() {
            bands.row_tops.push(top);
            top += bands.bottoms[band] - bands.tops[band] + 2.0 * margin + ROW_GAP;
        }
        bands
    }

    fn band_of(&self, x: f64) -> usize {
        self.starts.iter().rposition(|&s| x >= s).unwrap_or(0)
    }

    fn end_of(&self, band: usize) -> f64 {
        self.starts.get(band + 1).copied().unwrap_or(self.total)
    }

    /// Band `band`'s offset: its start goes to `LANE` (the first keeps its own margin), its
    /// content's top to its row's top plus the layout's margin.
    fn offset(&self, band: usize) -> (f64, f64) {
        let dx = if band == 0 {
            0.0
        } else {
            LANE - self.starts[band]
        };
        (dx, self.row_tops[band] + self.margin - self.tops[band])
    }

    /// The middle of the gap below row `band`.
    fn gap_below(&self, band: usize) -> f64 {
        match self.row_tops.get(band + 1) {
            Some(next) => next - ROW_GAP / 2.0,
            None => self.height() + ROW_GAP / 2.0,
        }
    }

    fn move_point_in(&self, p: Point, band: usize) -> Point {
        let (dx, dy) = self.offset(band);
        Point {
            x: p.x + dx,
            y: p.y + dy,
        }
    }

    fn move_rect(&self, r: Rect) -> Rect {
        let band = self.band_of(r.x + r.width / 2.0);
        let p = self.move_point_in(Point { x: r.x, y: r.y }, band);
        Rect {
            x: p.x,
            y: p.y,
            ..r
        }
    }

    fn width(&self) -> f64 {
        (0..self.starts.len())
            .map(|b| {
                let (dx, _) = self.offset(b);
                self.end_of(b) + dx + LANE
            })
            .fold(0.0, f64::max)
    }

    fn height(&self) -> f64 {
        let last = self.starts.len() - 1;
        self.row_tops[last] + self.bottoms[last] - self.tops[last] + 2.0 * self.margin
    }

    /// An edge's route, each stretch moved with its band and each cut it crosses turned into a
    /// wrap: out to the right, down the gap, in from the left (or back up, for an edge that runs
    /// backwards), `wrap.lane` apart from the wraps before it. A fan-out's edge
    /// (`wrap.fanned`) leaves at its start's height and reaches its own only in the row of its
    /// head, so the edges of one fan-out wrap along the same line.
    fn route(&self, route: &EdgeRoute, wrap: Wrap) -> EdgeRoute {
        let mut points: Vec<Point> = Vec::new();
        for (i, &p) in route.points.iter().enumerate() {
            if let Some(&previous) = i.checked_sub(1).and_then(|i| route.points.get(i)) {
                self.wrap(previous, p, wrap, &mut points);
            }
            points.push(self.move_point_in(p, self.band_of(p.x)));
        }
        EdgeRoute {
            points,
            label: route.label.map(|r| self.move_rect(r)),
        }
    }

    /// The most lines through one gap between rows: each edge that crosses the gap's cut, the
    /// edges of a fan-out (`bundles`, from [`fan_outs`]) counted once.
    fn most_wraps(&self, edges: &[EdgeRoute], bundles: &[Option<usize>]) -> usize {
        let mut lines: Vec<Vec<usize>> = vec![Vec::new(); self.starts.len()];
        for (i, route) in edges.iter().enumerate() {
            let line = bundles[i].unwrap_or(i);
            for w in route.points.windows(2) {
                let (a, b) = (self.band_of(w[0].x), self.band_of(w[1].x));
                for gap in lines.iter_mut().take(a.max(b)).skip(a.min(b)) {
                    if !gap.contains(&line) {
                        gap.push(line);
                    }
                }
            }
        }
        lines.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Whether a route crosses a cut.
    fn crosses(&self, route: &EdgeRoute) -> bool {
        route
            .points
            .windows(2)
            .any(|w| self.band_of(w[0].x) != self.band_of(w[1].x))
    }

    /// The wrap points between `a` and `b` when they are in different bands.
    fn wrap(&self, a: Point, b: Point, wrap: Wrap, points: &mut Vec<Point>) {
        let lane = wrap.lane;
        let (from, to) = (self.band_of(a.x), self.band_of(b.x));
        if from == to {
            return;
        }
        let forward = to > from;
        let mut band = from;
        while band != to {
            let next = if forward { band + 1 } else { band - 1 };
            let cut = if forward {
                self.starts[next]
            } else {
                self.starts[band]
            };
            let t = if (b.x - a.x).abs() > f64::EPSILON {
                (cut - a.x) / (b.x - a.x)
            } else {
                0.5
            };
            let y = a.y + (b.y - a.y) * t;
            let (y_out, y_in) = match (wrap.fanned, next == to) {
                (false, _) => (y, y),
                (true, false) => (a.y, a.y),
                (true, true) => (a.y, b.y),
            };
            let (dx_here, dy_here) = self.offset(band);
            let (dx_next, dy_next) = self.offset(next);
            // Out of this row on the side the flow leaves by, into the next on the other.
            let (out_x, in_x) = if forward {
                (
                    cut + dx_here + LANE / 2.0 - lane,
                    cut + dx_next - LANE / 2.0 + lane,
                )
            } else {
                (
                    cut + dx_here - LANE / 2.0 + lane,
                    cut + dx_next + LANE / 2.0 - lane,
                )
            };
            let gap_y = self.gap_below(if forward { band } else { next }) + lane - APART;
            points.push(Point {
                x: out_x,
                y: y_out + dy_here,
            });
            points.push(Point { x: out_x, y: gap_y });
            points.push(Point { x: in_x, y: gap_y });
            points.push(Point {
                x: in_x,
                y: y_in + dy_next,
            });
            band = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::layout::{layout, Direction, EdgeInput, Size, Spacing};
    use proptest::prelude::*;

    fn chain(n: usize) -> Layout {
        let nodes = vec![
            Size {
                width: 90.0,
                height: 30.0
            };
            n
        ];
        let edges: Vec<EdgeInput> = (1..n)
            .map(|i| EdgeInput {
                from: i - 1,
                to: i,
                label: None,
            })
            .collect();
        layout(&nodes, &edges, Direction::LeftToRight, Spacing::default())
    }

    fn overlaps(a: &Rect, b: &Rect) -> bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    #[test]
    fn a_layout_that_fits_is_unchanged() {
        let short = chain(3);
        let folded = fold(short.clone(), short.width + 1.0, &[(); 0]);
        assert_eq!(folded.layout, short);
        assert!(folded.row_tops.is_empty());
    }

    #[test]
    fn a_long_chain_folds_into_rows_that_fit() {
        let long = chain(14);
        let folded = fold(long.clone(), 600.0, &[(); 0]);
        let layout = folded.layout;
        assert!(layout.width <= 600.0, "{}", layout.width);
        assert!(layout.height > long.height * 2.0, "at least three rows");
        // Every edge still starts at its tail and ends at its head, wherever they moved.
        for (before, after) in long.edges.iter().zip(&layout.edges) {
            assert!(after.points.len() >= before.points.len());
        }
    }

    #[test]
    fn the_lines_through_a_gap_are_counted_a_fan_out_once() {
        // One chain: one line through each gap.
        assert_eq!(fold(chain(14), 600.0, &[(); 0]).most_wraps, 1);
        // Two chains side by side: two lines through the gap, which cross where they turn.
        let nodes = vec![
            Size {
                width: 90.0,
                height: 30.0
            };
            16
        ];
        let edges: Vec<EdgeInput> = (1..16)
            .filter(|&i| i != 8)
            .map(|i| EdgeInput {
                from: i - 1,
                to: i,
                label: None,
            })
            .collect();
        let two = layout(&nodes, &edges, Direction::LeftToRight, Spacing::default());
        assert_eq!(fold(two, 600.0, &[(); 0]).most_wraps, 2);
        // A fan-out across the cut wraps as one line.
        let fan: Vec<EdgeInput> = (1..8)
            .map(|i| EdgeInput {
                from: i - 1,
                to: i,
                label: None,
            })
            .chain((8..11).map(|to| EdgeInput {
                from: 7,
                to,
                label: None,
            }))
            .collect();
        let nodes = &nodes[..11];
        let fanned = layout(nodes, &fan, Direction::LeftToRight, Spacing::default());
        let folded = fold(fanned, 600.0, &vec![(); fan.len()]);
        let row = |u: usize| {
            folded
                .row_tops
                .iter()
                .filter(|&&top| top <= folded.layout.nodes[u].y)
                .count()
        };
        assert!(
            (8..11).all(|to| row(to) > row(7)),
            "the fan-out crosses a cut"
        );
        assert_eq!(folded.most_wraps, 1);
    }

    proptest! {
        #[test]
        fn folded_nodes_stay_apart_inside_the_drawing(n in 2usize..30, max in 300.0f64..1500.0) {
            let folded = fold(chain(n), max, &[(); 0]).layout;
            for (i, a) in folded.nodes.iter().enumerate() {
                prop_assert!(a.x >= 0.0 && a.y >= 0.0);
                prop_assert!(a.x + a.width <= folded.width + 0.5);
                prop_assert!(a.y + a.height <= folded.height + 0.5);
                for b in &folded.nodes[i + 1..] {
                    prop_assert!(!overlaps(a, b), "{a:?} {b:?}");
                }
            }
            for route in &folded.edges {
                for p in &route.points {
                    prop_assert!(p.x >= 0.0 && p.x <= folded.width + 0.5, "{p:?}");
                    prop_assert!(p.y >= 0.0 && p.y <= folded.height + 0.5, "{p:?}");
                }
            }
        }
    }
}
