//! A scenario's timing to scale: a step that comes after a wait (a timeout, a retry's backoff)
//! is held longer by the player and drawn with a bar as long as its wait, relative to the
//! scenario's longest. Pure, so it is tested natively.

use crate::model::Step;

/// The longest wait holds the step before it this many times as long as a step without one.
const LONGEST_HOLD: f64 = 3.0;

/// Each step's wait as a share of the scenario's longest (0 for a step without one, 1 for the
/// longest).
pub fn shares(steps: &[Step]) -> Vec<f64> {
    let seconds: Vec<f64> = steps
        .iter()
        .map(|step| {
            step.after
                .map_or(0.0, |wait| wait.amount * wait.unit.seconds())
                .max(0.0)
        })
        .map(|s| if s.is_finite() { s } else { 0.0 })
        .collect();
    let longest = seconds.iter().copied().fold(0.0, f64::max);
    seconds
        .iter()
        .map(|s| if longest > 0.0 { s / longest } else { 0.0 })
        .collect()
}

/// How many times the base step time the player stays on a step whose successor has `share`.
pub fn hold_factor(share: f64) -> f64 {
    1.0 + (LONGEST_HOLD - 1.0) * share.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TimeUnit, Wait};
    use proptest::prelude::*;

    fn after(amount: f64, unit: TimeUnit) -> Step {
        Step {
            after: Some(Wait { amount, unit }),
            ..Step::default()
        }
    }

    #[test]
    fn retries_after_2_4_and_8_seconds_are_a_quarter_a_half_and_all_of_the_longest() {
        let steps = [
            Step::default(),
            after(2.0, TimeUnit::S),
            after(4000.0, TimeUnit::Ms),
            after(8.0, TimeUnit::S),
        ];
        assert_eq!(shares(&steps), [0.0, 0.25, 0.5, 1.0]);
        assert_eq!(hold_factor(0.0), 1.0);
        assert_eq!(hold_factor(1.0), LONGEST_HOLD);
    }

    #[test]
    fn no_waits_and_bad_waits_share_nothing() {
        assert_eq!(shares(&[Step::default(), Step::default()]), [0.0, 0.0]);
        let bad = [after(-1.0, TimeUnit::S), after(f64::INFINITY, TimeUnit::H)];
        assert_eq!(shares(&bad), [0.0, 0.0]);
    }

    proptest! {
        #[test]
        fn a_longer_wait_never_holds_shorter(a in 0.0f64..1e6, b in 0.0f64..1e6) {
            let steps = [after(a, TimeUnit::S), after(b, TimeUnit::S)];
            let s = shares(&steps);
            prop_assert!(s.iter().all(|x| (0.0..=1.0).contains(x)));
            if a < b {
                prop_assert!(hold_factor(s[0]) <= hold_factor(s[1]));
            }
        }
    }
}
