//! The page's fragment addresses: `#project` opens a project's card, and
//! `#project/scenario/step` (steps count from 1) opens it on one step of one scenario. The
//! older `#/projects/project` form still reads. Pure, so the format is tested natively.

/// What a fragment points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The project's id.
    pub project: String,
    /// A scenario's id and a step in it, counted from 0.
    pub step: Option<(String, usize)>,
}

/// Reads a fragment (with or without its `#`). A missing or unreadable step number means the
/// first step; an empty fragment points nowhere.
pub fn parse_fragment(fragment: &str) -> Option<Target> {
    let fragment = fragment.trim_start_matches('#');
    let fragment = fragment.strip_prefix("/projects/").unwrap_or(fragment);
    let mut parts = fragment.split('/');
    let project = parts.next().filter(|p| !p.is_empty())?.to_string();
    let step = parts.next().filter(|s| !s.is_empty()).map(|scenario| {
        let number = parts.next().and_then(|n| n.parse::<usize>().ok());
        (scenario.to_string(), number.unwrap_or(1).saturating_sub(1))
    });
    Some(Target { project, step })
}

/// The fragment of step `step` (from 0) of a project's scenario, with its `#`.
pub fn step_fragment(project: &str, scenario: &str, step: usize) -> String {
    format!("#{project}/{scenario}/{}", step + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn target(project: &str, step: Option<(&str, usize)>) -> Option<Target> {
        Some(Target {
            project: project.into(),
            step: step.map(|(s, n)| (s.into(), n)),
        })
    }

    #[test]
    fn reads_every_form() {
        assert_eq!(parse_fragment(""), None);
        assert_eq!(parse_fragment("#"), None);
        assert_eq!(
            parse_fragment("#gdpr-deletion"),
            target("gdpr-deletion", None)
        );
        assert_eq!(
            parse_fragment("#/projects/gdpr-deletion"),
            target("gdpr-deletion", None)
        );
        assert_eq!(
            parse_fragment("#gdpr-deletion/poison-message/3"),
            target("gdpr-deletion", Some(("poison-message", 2)))
        );
        // A scenario without a number, or with a bad one, starts at its first step.
        for first in ["#p/s", "#p/s/", "#p/s/0", "#p/s/x", "#p/s/-2"] {
            assert_eq!(
                parse_fragment(first),
                target("p", Some(("s", 0))),
                "{first}"
            );
        }
        assert_eq!(parse_fragment("#p//3"), target("p", None));
    }

    proptest! {
        #[test]
        fn a_step_address_reads_back(
            project in "[a-z][a-z0-9-]{0,20}",
            scenario in "[a-z][a-z0-9-]{0,20}",
            step in 0usize..10_000,
        ) {
            let fragment = step_fragment(&project, &scenario, step);
            prop_assert_eq!(parse_fragment(&fragment), target(&project, Some((&scenario, step))));
        }
    }
}
