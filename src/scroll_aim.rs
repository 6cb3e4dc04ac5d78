//! Where a scrolling box should move to show one part of its content: the arithmetic behind a
//! diagram's canvas following its lit step, kept apart from the browser so it is tested
//! natively.

/// One axis of a scrolling box and the part of its content to show. Spans are in the
/// viewport's coordinates, as `getBoundingClientRect` gives them, `(start, end)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    /// The box's visible span.
    pub view: (f64, f64),
    /// The part to show.
    pub part: (f64, f64),
    /// The box's scroll offset now.
    pub offset: i32,
    /// The largest offset it can take (its scroll size less its client size).
    pub furthest: i32,
}

impl Axis {
    /// Whether the part lies wholly inside the view.
    pub fn shows_part(self) -> bool {
        self.part.0 >= self.view.0 && self.part.1 <= self.view.1
    }

    /// The offset that centres the part in the view, as far as the box can scroll.
    pub fn centring_offset(self) -> i32 {
        let view_middle = (self.view.0 + self.view.1) / 2.0;
        let part_middle = (self.part.0 + self.part.1) / 2.0;
        let wanted = f64::from(self.offset) + (part_middle - view_middle);
        // `as` saturates: a wild rectangle cannot wrap the offset around.
        (wanted.round() as i32).clamp(0, self.furthest.max(0))
    }
}

/// Where to scroll `axis` to show its part: `None` when the part is in view already (or has no
/// size: the hidden drawing's parts measure nothing).
pub fn aim(axis: Axis) -> Option<i32> {
    if axis.part.1 <= axis.part.0 || axis.shows_part() {
        return None;
    }
    Some(axis.centring_offset())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn axis(view: (f64, f64), part: (f64, f64), offset: i32, furthest: i32) -> Axis {
        Axis {
            view,
            part,
            offset,
            furthest,
        }
    }

    #[test]
    fn a_part_in_view_of_a_box_at_rest_needs_nothing() {
        assert_eq!(aim(axis((0.0, 300.0), (40.0, 90.0), 120, 900)), None);
    }

    #[test]
    fn a_part_past_the_end_is_centred() {
        // The part's middle is 260 px past the view's middle: the box scrolls on by 260.
        let far = axis((100.0, 400.0), (480.0, 540.0), 60, 900);
        assert_eq!(aim(far), Some(320));
    }

    #[test]
    fn a_part_before_the_start_is_centred_as_far_as_the_box_goes() {
        let before = axis((0.0, 300.0), (-200.0, -150.0), 100, 900);
        assert_eq!(aim(before), Some(0));
    }

    #[test]
    fn a_part_that_is_not_drawn_is_left_alone() {
        // The hidden drawing (phone or laptop) measures nothing.
        assert_eq!(aim(axis((0.0, 300.0), (0.0, 0.0), 0, 900)), None);
    }

    proptest! {
        /// Whatever the geometry, the aim is an offset the box can take, and once there a
        /// part no larger than the view shows whole, unless the box ran out of room.
        #[test]
        fn the_aim_is_reachable_and_shows_the_part(
            view_start in -500.0f64..500.0,
            view_len in 50.0f64..900.0,
            part_start in -3000.0f64..3000.0,
            part_len in 1.0f64..400.0,
            offset in 0i32..2000,
            furthest in 0i32..2000,
        ) {
            let offset = offset.min(furthest);
            let a = axis(
                (view_start, view_start + view_len),
                (part_start, part_start + part_len),
                offset,
                furthest,
            );
            match aim(a) {
                None => prop_assert!(a.shows_part()),
                Some(to) => {
                    prop_assert!((0..=furthest).contains(&to));
                    let moved = f64::from(to - offset);
                    let shown = axis(a.view, (a.part.0 - moved, a.part.1 - moved), to, furthest);
                    let clamped = to == 0 || to == furthest;
                    if part_len <= view_len - 1.0 && !clamped {
                        prop_assert!(shown.shows_part(), "{shown:?}");
                    }
                }
            }
        }
    }
}
