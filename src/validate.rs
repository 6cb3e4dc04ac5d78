//! Every rule a parsed profile must satisfy, each problem reported with its place.
//!
//! serde already rejects what is the wrong shape (see `parse.rs`); this module checks what a
//! type cannot say: ids are unique and kebab-case, edges and steps point at nodes that exist,
//! required text is not blank, links use a safe scheme. It returns all problems rather than the
//! first, so an owner fixes a file in one pass, and the app can still render everything valid
//! (a diagram with problems is replaced by its error, the rest of the page stays).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::filter::TagIndex;
use crate::model::{
    AiSection, Builder, Certificate, ContactLink, Diagram, Edge, Education, Figure, Group, Job,
    Kind, Node, Person, Profile, Project, Quantity, Sections, Site, Step, EDGE_KINDS, NODE_KINDS,
};

/// One problem: where it is (`projects[3].diagram.edges[2].to`) and what is wrong.
///
/// Text of the profile is quoted as Rust writes a string literal (`{:?}`), so a problem stays
/// one line whatever an id or link holds: a line break or a terminal escape is shown escaped
/// (`"api\nlive"`), not printed, and an invisible character (a right-to-left override) shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Collects problems while walking the profile.
#[derive(Default)]
struct Report {
    problems: Vec<Problem>,
}

impl Report {
    fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    fn text(&mut self, path: impl Into<String>, value: &str) {
        if value.trim().is_empty() {
            self.add(path, "must not be empty");
        }
    }

    fn texts(&mut self, path: &str, values: &[String]) {
        if values.is_empty() {
            self.add(path, "must list at least one entry");
        }
        for (index, value) in values.iter().enumerate() {
            self.text(format!("{path}[{index}]"), value);
        }
    }

    /// A list that may be empty, each of its entries not.
    fn each_text(&mut self, path: &str, values: &[String]) {
        for (index, value) in values.iter().enumerate() {
            self.text(format!("{path}[{index}]"), value);
        }
    }

    fn id(&mut self, path: impl Into<String>, id: &str, seen: &mut BTreeSet<String>) {
        let path = path.into();
        if !is_kebab_case(id) {
            self.add(
                path.clone(),
                format!(
                    "{id:?} is not a kebab-case id (lowercase letters, digits, single hyphens)"
                ),
            );
        }
        if !seen.insert(id.to_string()) {
            self.add(path, format!("duplicate id {id:?}"));
        }
    }

    fn optional_text(&mut self, path: impl Into<String>, value: Option<&String>) {
        if let Some(value) = value {
            self.text(path, value);
        }
    }

    fn optional_link(&mut self, path: impl Into<String>, href: Option<&String>) {
        if let Some(href) = href {
            self.link(path, href);
        }
    }

    fn date(&mut self, path: impl Into<String>, date: Option<&String>) {
        if let Some(date) = date {
            if !is_date(date) {
                self.add(
                    path,
                    format!("{date:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
                );
            }
        }
    }

    fn link(&mut self, path: impl Into<String>, href: &str) {
        if !is_safe_link(href) {
            self.add(
                path,
                format!("{href:?} must start with https:, http: or mailto:"),
            );
        }
    }
}

/// `gdpr-deletion`, `sqs`, `phase-5`: what deep links and SVG ids can carry unescaped.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Only links a visitor can safely follow: never `javascript:` or `data:`.
pub fn is_safe_link(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    let rest = ["https://", "http://", "mailto:"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme));
    matches!(rest, Some(rest) if !rest.is_empty() && !rest.contains(char::is_whitespace))
}

/// `2019`, `2019-06`, `2019-06-30`: the dates JSON Resume writes (ISO 8601, as precise as
/// known, years 1000 to 2999 as its schema says, so every date exports). The day is checked
/// against 31 only: a calendar is not worth its weight here.
pub fn is_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |part: &str, len: usize, range: std::ops::RangeInclusive<u32>| {
        part.len() == len
            && part.bytes().all(|b| b.is_ascii_digit())
            && part.parse().is_ok_and(|n| range.contains(&n))
    };
    let year = |part: &str| number(part, 4, 1000..=2999);
    match parts.as_slice() {
        [y] => year(y),
        [y, month] => year(y) && number(month, 2, 1..=12),
        [y, month, day] => year(y) && number(month, 2, 1..=12) && number(day, 2, 1..=31),
        _ => false,
    }
}

/// Whether `end` comes before `start`, compared as far as both are precise (`2019` is not
/// before `2019-06`).
fn ends_before_start(start: &str, end: &str) -> bool {
    let len = start.len().min(end.len());
    end[..len] < start[..len]
}

/// Every problem of the profile, in document order. Empty means valid.
pub fn validate(profile: &Profile) -> Vec<Problem> {
    let mut report = Report::default();
    let r = &mut report;
    site_problems(r, &profile.site);
    person_problems(r, &profile.person);
    for (index, job) in profile.work.iter().enumerate() {
        job_problems(r, &format!("work[{index}]"), job);
    }
    for (index, school) in profile.education.iter().enumerate() {
        education_problems(r, &format!("education[{index}]"), school);
    }
    for (index, certificate) in profile.certificates.iter().enumerate() {
        certificate_problems(r, &format!("certificates[{index}]"), certificate);
    }
    builder_problems(r, &profile.builder);
    section_problems(r, &profile.sections);
    alias_problems(r, &profile.tags.aliases);
    let mut project_ids = BTreeSet::new();
    for (index, project) in profile.projects.iter().enumerate() {
        project_problems(r, &format!("projects[{index}]"), project, &mut project_ids);
    }
    node_tag_problems(r, profile);
    if let Some(ai) = &profile.ai {
        ai_problems(r, ai, &profile.projects);
    }
    for (index, row) in profile.skills.iter().enumerate() {
        r.text(format!("skills[{index}].category"), &row.category);
        r.texts(&format!("skills[{index}].items"), &row.items);
    }
    r.each_text("principles", &profile.principles);
    for (index, link) in profile.contact.iter().enumerate() {
        contact_problems(r, &format!("contact[{index}]"), link);
    }
    report.problems
}

/// The page's title and language, and every label of its controls and of the filter (each a
/// default's word or the profile's own; `entries` lists every field of the blocks).
fn site_problems(r: &mut Report, site: &Site) {
    r.text("site.title", &site.title);
    r.text("site.description", &site.description);
    r.text("site.lang", &site.lang);
    if let Some(words) = &site.make_your_own {
        r.text("site.makeYourOwn", words);
    }
    for (name, word) in site.labels.entries() {
        r.text(format!("site.labels.{name}"), word);
    }
    for (name, word) in site.filter.entries() {
        r.text(format!("site.filter.{name}"), word);
    }
}

fn person_problems(r: &mut Report, person: &Person) {
    r.text("person.name", &person.name);
    r.text("person.role", &person.role);
    r.each_text("person.focus", &person.focus);
    r.each_text("person.summary", &person.summary);
}

/// The builder snippet of the hero: its calls are shown as code, so methods are identifiers.
fn builder_problems(r: &mut Report, builder: &Builder) {
    r.text("builder.typeName", &builder.type_name);
    r.text("builder.variable", &builder.variable);
    for (index, call) in builder.calls.iter().enumerate() {
        let valid = call
            .method
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && call.method.chars().all(|c| c.is_ascii_alphanumeric());
        if !valid {
            r.add(
                format!("builder.calls[{index}].method"),
                format!(
                    "{:?} is not a method name (letters and digits)",
                    call.method
                ),
            );
        }
    }
}

fn section_problems(r: &mut Report, sections: &Sections) {
    for (name, section) in [
        ("projects", &sections.projects),
        ("ai", &sections.ai),
        ("skills", &sections.skills),
        ("principles", &sections.principles),
        ("contact", &sections.contact),
    ] {
        r.text(format!("sections.{name}.title"), &section.title);
    }
    for (name, section) in [
        ("work", &sections.work),
        ("education", &sections.education),
        ("certificates", &sections.certificates),
    ] {
        if let Some(section) = section {
            r.text(format!("sections.{name}.title"), &section.title);
            r.optional_text(format!("sections.{name}.intro"), section.intro.as_ref());
        }
    }
}

/// A job: its texts, its link, and dates that read as dates and as a range.
fn job_problems(r: &mut Report, path: &str, job: &Job) {
    r.text(format!("{path}.company"), &job.company);
    r.optional_text(format!("{path}.position"), job.position.as_ref());
    r.optional_link(format!("{path}.url"), job.url.as_ref());
    r.optional_text(format!("{path}.location"), job.location.as_ref());
    dates_problems(r, path, job.start_date.as_ref(), job.end_date.as_ref());
    if job.current && job.end_date.is_some() {
        r.add(
            format!("{path}.current"),
            "give endDate or current, not both",
        );
    }
    r.optional_text(format!("{path}.summary"), job.summary.as_ref());
    for (index, highlight) in job.highlights.iter().enumerate() {
        r.text(format!("{path}.highlights[{index}]"), highlight);
    }
}

fn education_problems(r: &mut Report, path: &str, school: &Education) {
    r.text(format!("{path}.institution"), &school.institution);
    r.optional_text(format!("{path}.area"), school.area.as_ref());
    r.optional_text(format!("{path}.studyType"), school.study_type.as_ref());
    r.optional_link(format!("{path}.url"), school.url.as_ref());
    dates_problems(
        r,
        path,
        school.start_date.as_ref(),
        school.end_date.as_ref(),
    );
}

fn certificate_problems(r: &mut Report, path: &str, certificate: &Certificate) {
    r.text(format!("{path}.name"), &certificate.name);
    r.optional_text(format!("{path}.issuer"), certificate.issuer.as_ref());
    r.date(format!("{path}.date"), certificate.date.as_ref());
    r.optional_link(format!("{path}.url"), certificate.url.as_ref());
}

/// `startDate` and `endDate` at `path`: each a date, and the end not before the start.
fn dates_problems(r: &mut Report, path: &str, start: Option<&String>, end: Option<&String>) {
    r.date(format!("{path}.startDate"), start);
    r.date(format!("{path}.endDate"), end);
    if let (Some(start), Some(end)) = (start, end) {
        if is_date(start) && is_date(end) && ends_before_start(start, end) {
            r.add(
                format!("{path}.endDate"),
                format!("{end:?} is before startDate {start:?}"),
            );
        }
    }
}

/// Aliases are one step from a spelling to tags: one that names itself would make a link to
/// that tag come back with the others added, and one that names another alias is not followed.
fn alias_problems(r: &mut Report, aliases: &BTreeMap<String, Vec<String>>) {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    for (alias, targets) in aliases {
        let path = format!("tags.aliases[{alias:?}]");
        r.text(path.clone(), alias);
        r.texts(&path, targets);
        for (i, target) in targets.iter().enumerate() {
            if same(target, alias) {
                r.add(
                    format!("{path}[{i}]"),
                    "an alias cannot name itself: list only the tags it stands for",
                );
            } else if aliases.keys().any(|other| same(other, target)) {
                r.add(
                    format!("{path}[{i}]"),
                    format!("{target:?} is itself an alias: name the tags it stands for"),
                );
            }
        }
    }
}

/// One project at `path`: its id (unique among `project_ids`), texts, figures and diagram.
fn project_problems(
    r: &mut Report,
    path: &str,
    project: &Project,
    project_ids: &mut BTreeSet<String>,
) {
    r.id(format!("{path}.id"), &project.id, project_ids);
    r.text(format!("{path}.title"), &project.title);
    r.text(format!("{path}.summary"), &project.summary);
    r.each_text(&format!("{path}.bullets"), &project.bullets);
    r.each_text(&format!("{path}.tags"), &project.tags);
    for (figure_index, figure) in project.outcomes.iter().enumerate() {
        figure_problems(r, &format!("{path}.outcomes[{figure_index}]"), figure);
    }
    if !project.diagram.is_absent() {
        diagram_problems(r, &format!("{path}.diagram"), &project.diagram);
    }
}

/// A node's tags must be tags of its project: a node tag the project lacks could never light
/// up, since selecting it hides the card. Spellings resolve as the filter resolves them.
fn node_tag_problems(r: &mut Report, profile: &Profile) {
    let tagged = |p: &Project| p.diagram.nodes.iter().any(|n| !n.tags.is_empty());
    if !profile.projects.iter().any(tagged) {
        return;
    }
    let index = TagIndex::new(profile);
    for (p, project) in profile.projects.iter().enumerate() {
        for (n, node) in project.diagram.nodes.iter().enumerate() {
            for (t, tag) in node.tags.iter().enumerate() {
                let path = format!("projects[{p}].diagram.nodes[{n}].tags[{t}]");
                r.text(path.clone(), tag);
                let ours = index.resolve(tag).is_some_and(|tags| {
                    tags.iter()
                        .all(|t| index.project_tags[p].binary_search(t).is_ok())
                });
                if !tag.trim().is_empty() && !ours {
                    r.add(path, format!("{tag:?} is not one of the project's tags"));
                }
            }
        }
    }
}

/// The AI section: its side project must be one of `projects`.
fn ai_problems(r: &mut Report, ai: &AiSection, projects: &[Project]) {
    r.text("ai.buildingTitle", &ai.building_title);
    r.text("ai.practiceTitle", &ai.practice_title);
    if !projects.iter().any(|p| p.id == ai.side_project) {
        r.add(
            "ai.sideProject",
            format!("no project {:?}", ai.side_project),
        );
    }
    for (index, row) in ai.practice.iter().enumerate() {
        r.text(format!("ai.practice[{index}].label"), &row.label);
        r.texts(&format!("ai.practice[{index}].items"), &row.items);
    }
    r.text("ai.studying.label", &ai.studying.label);
    r.texts("ai.studying.items", &ai.studying.items);
}

fn contact_problems(r: &mut Report, path: &str, link: &ContactLink) {
    r.text(format!("{path}.label"), &link.label);
    r.text(format!("{path}.command"), &link.command);
    r.text(format!("{path}.text"), &link.text);
    r.link(format!("{path}.href"), &link.href);
    if let Some(copy) = &link.copy {
        r.text(format!("{path}.copy"), copy);
    }
}

fn figure_problems(r: &mut Report, path: &str, figure: &Figure) {
    r.text(format!("{path}.label"), &figure.label);
    match (&figure.value, &figure.before, &figure.after) {
        (Some(_), None, None) | (None, None, None) | (None, Some(_), Some(_)) => {}
        (Some(_), _, _) => r.add(path, "give either value or before/after, not both"),
        (None, Some(_), None) => r.add(path, "before needs an after"),
        (None, None, Some(_)) => r.add(path, "after needs a before"),
    }
    for (name, quantity) in [
        ("value", &figure.value),
        ("before", &figure.before),
        ("after", &figure.after),
    ] {
        if let Some(Quantity { amount, unit, .. }) = quantity {
            if !amount.is_finite() || *amount < 0.0 {
                r.add(
                    format!("{path}.{name}.amount"),
                    "must be a number of zero or more",
                );
            }
            if let Some(unit) = unit {
                r.text(format!("{path}.{name}.unit"), unit);
            }
        }
    }
}

/// The edges of a diagram, each as its (from, to) node ids.
type EdgeSet<'a> = BTreeSet<(&'a str, &'a str)>;

/// A diagram: groups first, so nodes can name them; nodes before the edges and steps that
/// point at them.
fn diagram_problems(r: &mut Report, path: &str, diagram: &Diagram) {
    r.text(format!("{path}.title"), &diagram.title);
    if diagram.nodes.is_empty() {
        r.add(format!("{path}.nodes"), "must list at least one node");
    }
    let group_ids = group_problems(r, path, &diagram.groups);
    let node_ids = node_problems(r, path, &diagram.nodes, &group_ids);
    let edges = edge_problems(r, path, &diagram.edges, &node_ids);
    let mut scenario_ids = BTreeSet::new();
    for (index, scenario) in diagram.scenarios.iter().enumerate() {
        let scenario_path = format!("{path}.scenarios[{index}]");
        r.id(
            format!("{scenario_path}.id"),
            &scenario.id,
            &mut scenario_ids,
        );
        r.text(format!("{scenario_path}.title"), &scenario.title);
        if scenario.steps.is_empty() {
            r.add(
                format!("{scenario_path}.steps"),
                "must list at least one step",
            );
        }
        for (step_index, step) in scenario.steps.iter().enumerate() {
            let step_path = format!("{scenario_path}.steps[{step_index}]");
            step_problems(r, step_path, step, &edges, &node_ids);
        }
    }
}

/// The groups of the diagram at `path`; returns their ids.
fn group_problems(r: &mut Report, path: &str, groups: &[Group]) -> BTreeSet<String> {
    let mut group_ids = BTreeSet::new();
    for (index, group) in groups.iter().enumerate() {
        r.id(
            format!("{path}.groups[{index}].id"),
            &group.id,
            &mut group_ids,
        );
        r.text(format!("{path}.groups[{index}].label"), &group.label);
    }
    group_ids
}

/// The nodes of the diagram at `path`, each in one of `group_ids` if any; returns their ids.
fn node_problems(
    r: &mut Report,
    path: &str,
    nodes: &[Node],
    group_ids: &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut node_ids = BTreeSet::new();
    for (index, node) in nodes.iter().enumerate() {
        let node_path = format!("{path}.nodes[{index}]");
        r.id(format!("{node_path}.id"), &node.id, &mut node_ids);
        r.text(format!("{node_path}.label"), &node.label);
        if let Kind::Unknown(kind) = &node.kind {
            r.add(
                format!("{node_path}.kind"),
                format!("unknown node kind {kind:?} (one of {NODE_KINDS})"),
            );
        }
        if let Some(group) = &node.group {
            if !group_ids.contains(group) {
                r.add(format!("{node_path}.group"), format!("no group {group:?}"));
            }
        }
    }
    node_ids
}

/// The edges of the diagram at `path`, between `node_ids` and each drawn once; returns them.
fn edge_problems<'a>(
    r: &mut Report,
    path: &str,
    edges: &'a [Edge],
    node_ids: &BTreeSet<String>,
) -> EdgeSet<'a> {
    let mut seen = BTreeSet::new();
    for (index, edge) in edges.iter().enumerate() {
        let edge_path = format!("{path}.edges[{index}]");
        for (end, id) in [("from", &edge.from), ("to", &edge.to)] {
            if !node_ids.contains(id) {
                r.add(format!("{edge_path}.{end}"), format!("no node {id:?}"));
            }
        }
        if let Some(label) = &edge.label {
            r.text(format!("{edge_path}.label"), label);
        }
        if let Kind::Unknown(kind) = &edge.kind {
            r.add(
                format!("{edge_path}.kind"),
                format!("unknown edge kind {kind:?} (one of {EDGE_KINDS})"),
            );
        }
        if !seen.insert((edge.from.as_str(), edge.to.as_str())) {
            r.add(
                edge_path,
                format!("duplicate edge {:?} → {:?}", edge.from, edge.to),
            );
        }
    }
    seen
}

/// One step of a scenario: it lights one of `edges` or one of `node_ids`.
fn step_problems(
    r: &mut Report,
    step_path: String,
    step: &Step,
    edges: &EdgeSet<'_>,
    node_ids: &BTreeSet<String>,
) {
    r.text(format!("{step_path}.caption"), &step.caption);
    if let Some(note) = &step.note {
        r.text(format!("{step_path}.note"), note);
    }
    if let Some(wait) = step.after {
        if !(wait.amount.is_finite() && wait.amount > 0.0) {
            r.add(
                format!("{step_path}.after.amount"),
                "must be a number above 0",
            );
        }
    }
    match (&step.from, &step.to, &step.node) {
        (Some(from), Some(to), None) => {
            if !edges.contains(&(from.as_str(), to.as_str())) {
                r.add(step_path, format!("no edge {from:?} → {to:?}"));
            }
        }
        (None, None, Some(node)) => {
            if !node_ids.contains(node) {
                r.add(format!("{step_path}.node"), format!("no node {node:?}"));
            }
        }
        _ => r.add(step_path, "give either from + to (an edge) or node"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, EdgeKind, Node, NodeKind, Scenario, Step};
    use crate::parse::parse_profile;
    use proptest::prelude::*;

    fn profile() -> Profile {
        parse_profile(include_str!("../tests/fixtures/rich.json")).expect("profile parses")
    }

    fn messages(profile: &Profile) -> Vec<String> {
        validate(profile).iter().map(ToString::to_string).collect()
    }

    /// Asserts that exactly the expected problem is reported.
    fn assert_only(profile: &Profile, expected: &str) {
        assert_eq!(messages(profile), [expected]);
    }

    #[test]
    fn the_rich_fixture_is_valid() {
        assert_eq!(messages(&profile()), Vec::<String>::new());
    }

    #[test]
    fn the_rich_fixture_is_complete() {
        let profile = profile();
        assert_eq!(profile.projects.len(), 8, "every project of the source");
        assert_eq!(profile.principles.len(), 10, "the ten principles");
        assert_eq!(profile.skills.len(), 9, "every skills-table row");
        for project in &profile.projects {
            assert!(
                project.diagram.nodes.len() >= 3,
                "{} has a real diagram",
                project.id
            );
        }
    }

    #[test]
    fn a_dangling_edge_names_the_missing_node() {
        let mut p = profile();
        // Without scenarios, whose steps would also lose the edge they name.
        p.projects[3].diagram.scenarios.clear();
        p.projects[3].diagram.edges[2].to = "sqs2".into();
        assert_only(&p, "projects[3].diagram.edges[2].to: no node \"sqs2\"");
    }

    #[test]
    fn duplicate_project_ids() {
        let mut p = profile();
        p.projects[1].id = p.projects[0].id.clone();
        let id = p.projects[0].id.clone();
        assert_only(&p, &format!("projects[1].id: duplicate id \"{id}\""));
    }

    #[test]
    fn duplicate_node_ids() {
        let mut p = profile();
        let first = p.projects[0].diagram.nodes[0].id.clone();
        p.projects[0].diagram.nodes[1].id = first.clone();
        let problems = messages(&p);
        assert!(
            problems.contains(&format!(
                "projects[0].diagram.nodes[1].id: duplicate id \"{first}\""
            )),
            "{problems:?}"
        );
    }

    #[test]
    fn ids_must_be_kebab_case() {
        let mut p = profile();
        p.projects[2].id = "CDC Pipeline".into();
        assert_only(
            &p,
            "projects[2].id: \"CDC Pipeline\" is not a kebab-case id \
             (lowercase letters, digits, single hyphens)",
        );
    }

    #[test]
    fn empty_required_text() {
        let mut p = profile();
        p.projects[4].title = "  ".into();
        p.principles[9] = String::new();
        assert_eq!(
            messages(&p),
            [
                "projects[4].title: must not be empty",
                "principles[9]: must not be empty"
            ]
        );
    }

    #[test]
    fn an_alias_names_tags_not_itself_or_another_alias() {
        let mut p = profile();
        p.tags
            .aliases
            .insert("Kafka".into(), vec!["kafka".into(), "MSK".into()]);
        assert_only(
            &p,
            "tags.aliases[\"Kafka\"][0]: \
             an alias cannot name itself: list only the tags it stands for",
        );
        let mut p = profile();
        p.tags.aliases.insert("Streams".into(), vec!["DDB".into()]);
        assert_only(
            &p,
            "tags.aliases[\"Streams\"][0]: \"DDB\" is itself an alias: name the tags it stands for",
        );
    }

    #[test]
    fn unsafe_links_are_rejected() {
        let mut p = profile();
        p.contact[0].href = "javascript:alert(1)".into();
        assert_only(
            &p,
            "contact[0].href: \"javascript:alert(1)\" must start with https:, http: or mailto:",
        );
        for good in [
            "https://example.com",
            "http://example.com",
            "mailto:a@b.c",
            "HTTPS://X.Y",
        ] {
            assert!(is_safe_link(good), "{good}");
        }
        for bad in [
            "data:text/html,x",
            "//evil",
            "ftp://x",
            "https://",
            "https://a b",
        ] {
            assert!(!is_safe_link(bad), "{bad}");
        }
    }

    #[test]
    fn a_step_must_name_an_existing_edge_or_node() {
        let mut p = profile();
        let diagram = &mut p.projects[1].diagram;
        diagram.scenarios.push(Scenario {
            id: "broken".into(),
            title: "Broken".into(),
            steps: vec![
                Step {
                    from: Some("nowhere".into()),
                    to: Some("nothing".into()),
                    node: None,
                    caption: "x".into(),
                    note: None,
                    after: None,
                    fails: false,
                },
                Step {
                    from: None,
                    to: None,
                    node: Some("ghost".into()),
                    caption: "y".into(),
                    note: None,
                    after: None,
                    fails: false,
                },
                Step {
                    from: None,
                    to: None,
                    node: None,
                    caption: "z".into(),
                    note: None,
                    after: None,
                    fails: false,
                },
            ],
        });
        let n = diagram.scenarios.len() - 1;
        assert_eq!(
            messages(&p),
            [
                format!(
                    "projects[1].diagram.scenarios[{n}].steps[0]: \
                     no edge \"nowhere\" → \"nothing\""
                ),
                format!("projects[1].diagram.scenarios[{n}].steps[1].node: no node \"ghost\""),
                format!(
                    "projects[1].diagram.scenarios[{n}].steps[2]: \
                     give either from + to (an edge) or node"
                ),
            ]
        );
    }

    #[test]
    fn an_unknown_kind_is_named_and_only_its_diagram_fails() {
        let mut value: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/rich.json")).unwrap();
        value["projects"][1]["diagram"]["nodes"][0]["kind"] = serde_json::json!("blob");
        value["projects"][2]["diagram"]["edges"][0]["kind"] = serde_json::json!("telepathy");
        let p = parse_profile(&value.to_string()).expect("an unknown kind is not a parse error");
        assert_eq!(
            messages(&p),
            [
                format!(
                    "projects[1].diagram.nodes[0].kind: \
                     unknown node kind \"blob\" (one of {NODE_KINDS})"
                ),
                format!(
                    "projects[2].diagram.edges[0].kind: \
                     unknown edge kind \"telepathy\" (one of {EDGE_KINDS})"
                ),
            ]
        );
    }

    #[test]
    fn profile_text_in_a_problem_is_escaped_to_one_line() {
        let mut p = profile();
        p.contact[0].href = "javascript:x\n\u{1b}[2J".into();
        p.builder.calls[0].method = "a\u{202e}b".into();
        assert_eq!(
            messages(&p),
            [
                "builder.calls[0].method: \"a\\u{202e}b\" is not a method name \
                 (letters and digits)",
                "contact[0].href: \"javascript:x\\n\\u{1b}[2J\" must start with https:, http: or \
                 mailto:",
            ]
        );
    }

    #[test]
    fn a_node_tag_must_be_a_tag_of_its_project_aliases_apply() {
        let mut p = profile();
        let project_tag = p.projects[0].tags[0].clone();
        p.projects[0].diagram.nodes[0].tags = vec![project_tag.to_uppercase()];
        assert!(messages(&p).is_empty(), "{:?}", messages(&p));
        p.tags
            .aliases
            .insert("Stand-in".into(), vec![project_tag.clone()]);
        p.projects[0].diagram.nodes[0].tags = vec!["stand-in".into()];
        assert!(messages(&p).is_empty(), "{:?}", messages(&p));
        p.projects[0].diagram.nodes[0].tags = vec!["Cobol".into()];
        assert_only(
            &p,
            "projects[0].diagram.nodes[0].tags[0]: \"Cobol\" is not one of the project's tags",
        );
    }

    #[test]
    fn a_node_group_must_exist() {
        let mut p = profile();
        p.projects[0].diagram.nodes[0].group = Some("mars".into());
        assert_only(&p, "projects[0].diagram.nodes[0].group: no group \"mars\"");
    }

    #[test]
    fn duplicate_edges() {
        let mut p = profile();
        let edge = p.projects[5].diagram.edges[0].clone();
        p.projects[5].diagram.edges.push(edge.clone());
        let n = p.projects[5].diagram.edges.len() - 1;
        assert_only(
            &p,
            &format!(
                "projects[5].diagram.edges[{n}]: duplicate edge \"{}\" → \"{}\"",
                edge.from, edge.to
            ),
        );
    }

    #[test]
    fn figure_shapes() {
        let mut p = profile();
        let q = Quantity {
            amount: 1.0,
            unit: None,
            at_least: false,
        };
        p.projects[0].outcomes[0] = Figure {
            label: "x".into(),
            value: None,
            before: Some(q.clone()),
            after: None,
        };
        p.projects[0].outcomes[1] = Figure {
            label: "y".into(),
            value: Some(Quantity { amount: -1.0, ..q }),
            before: None,
            after: None,
        };
        assert_eq!(
            messages(&p),
            [
                "projects[0].outcomes[0]: before needs an after",
                "projects[0].outcomes[1].value.amount: must be a number of zero or more",
            ]
        );
    }

    #[test]
    fn the_side_project_must_exist() {
        let mut p = profile();
        p.ai.as_mut().unwrap().side_project = "flatmates2".into();
        assert_only(&p, "ai.sideProject: no project \"flatmates2\"");
    }

    #[test]
    fn builder_methods_must_be_identifiers() {
        let mut p = profile();
        p.builder.calls[0].method = "do it".into();
        assert_only(
            &p,
            "builder.calls[0].method: \"do it\" is not a method name (letters and digits)",
        );
    }

    #[test]
    fn all_problems_are_reported_not_just_the_first() {
        let mut p = profile();
        p.person.name = String::new();
        p.contact[1].href = "ftp://x".into();
        p.projects[6].diagram.scenarios.clear();
        p.projects[6].diagram.edges[0].from = "nope".into();
        assert_eq!(validate(&p).len(), 3);
    }

    #[test]
    fn dates_are_a_year_a_month_or_a_day() {
        for good in ["2019", "2019-06", "2019-06-30", "1000-01-01", "2999-12-31"] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "",
            "19",
            "2019-6",
            "2019-13",
            "2019-00",
            "2019-06-32",
            "2019/06",
            "June 2019",
            "2019-06-30T10:00",
            "２０１９",
            "-2019",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    fn job(company: &str) -> Job {
        Job {
            company: company.into(),
            ..Job::default()
        }
    }

    #[test]
    fn work_education_and_certificates_are_checked_where_they_are() {
        let mut p = profile();
        p.work = vec![
            Job {
                start_date: Some("2021-03".into()),
                end_date: Some("2020".into()),
                url: Some("javascript:alert(1)".into()),
                ..job("Amazon")
            },
            Job {
                position: Some(" ".into()),
                start_date: Some("March 2020".into()),
                highlights: vec![String::new()],
                ..job("")
            },
        ];
        p.education = vec![Education {
            institution: "IIT".into(),
            end_date: Some("2019-13".into()),
            ..Education::default()
        }];
        p.certificates = vec![Certificate {
            name: "AWS Certified".into(),
            date: Some("2022-02-30".into()),
            url: Some("ftp://x".into()),
            ..Certificate::default()
        }];
        assert_eq!(
            messages(&p),
            [
                "work[0].url: \"javascript:alert(1)\" must start with https:, http: or mailto:",
                "work[0].endDate: \"2020\" is before startDate \"2021-03\"",
                "work[1].company: must not be empty",
                "work[1].position: must not be empty",
                "work[1].startDate: \"March 2020\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                "work[1].highlights[0]: must not be empty",
                "education[0].endDate: \"2019-13\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                "certificates[0].url: \"ftp://x\" must start with https:, http: or mailto:",
            ]
        );
    }

    #[test]
    fn a_current_job_has_no_end_date() {
        let mut p = profile();
        p.work = vec![Job {
            current: true,
            start_date: Some("2022".into()),
            end_date: Some("2023".into()),
            ..job("Amazon")
        }];
        assert_only(&p, "work[0].current: give endDate or current, not both");
        p.work[0].end_date = None;
        assert_eq!(messages(&p), Vec::<String>::new());
    }

    #[test]
    fn every_label_and_filter_word_is_checked_at_its_path() {
        let mut p = profile();
        p.site.labels.play = " ".into();
        p.site.labels.download_svg = String::new();
        p.site.filter.fewer_tags = String::new();
        assert_eq!(
            messages(&p),
            [
                "site.labels.play: must not be empty",
                "site.labels.downloadSvg: must not be empty",
                "site.filter.fewerTags: must not be empty",
            ]
        );
    }

    #[test]
    fn a_profile_without_labels_has_the_default_words_and_is_valid() {
        let mut value: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/rich.json")).unwrap();
        let site = value["site"].as_object_mut().unwrap();
        site.remove("labels");
        site.remove("filter");
        let p = parse_profile(&value.to_string()).unwrap();
        assert_eq!(p.site.labels, crate::model::Labels::default());
        assert_eq!(messages(&p), Vec::<String>::new());
    }

    #[test]
    fn a_year_is_not_before_a_month_of_that_year() {
        let mut p = profile();
        p.education = vec![Education {
            institution: "IIT".into(),
            start_date: Some("2015-07".into()),
            end_date: Some("2015".into()),
            ..Education::default()
        }];
        assert_eq!(messages(&p), Vec::<String>::new());
    }

    #[test]
    fn new_section_titles_are_optional_but_not_blank() {
        let mut p = profile();
        p.sections.education = Some(crate::model::SectionText {
            title: String::new(),
            intro: Some(" ".into()),
        });
        assert_eq!(
            messages(&p),
            [
                "sections.education.title: must not be empty",
                "sections.education.intro: must not be empty"
            ]
        );
    }

    proptest! {
        /// Any edge whose end is not a node is reported at exactly that edge.
        #[test]
        fn every_dangling_edge_is_found(
            node_count in 1usize..12,
            edges in proptest::collection::vec((0usize..16, 0usize..16), 0..20),
        ) {
            let mut p = profile();
            let nodes: Vec<Node> = (0..node_count).map(|i| Node {
                id: format!("n{i}"), label: format!("N{i}"), kind: NodeKind::Service.into(),
                detail: None, group: None, tags: Vec::new(),
            }).collect();
            let mut seen = BTreeSet::new();
            let edges: Vec<Edge> = edges.into_iter()
                .filter(|pair| seen.insert(*pair))
                .map(|(a, b)| Edge {
                    from: format!("n{a}"), to: format!("n{b}"), label: None,
                    kind: EdgeKind::Async.into(),
                })
                .collect();
            let expected = edges.iter()
                .map(|e| {
                    [&e.from, &e.to].iter()
                        .filter(|id| id[1..].parse::<usize>().unwrap() >= node_count)
                        .count()
                })
                .sum::<usize>();
            let diagram = &mut p.projects[0].diagram;
            diagram.groups.clear();
            diagram.scenarios.clear();
            diagram.nodes = nodes;
            diagram.edges = edges;
            let problems = validate(&p);
            prop_assert_eq!(problems.len(), expected);
            prop_assert!(problems.iter().all(|problem| problem.message.starts_with("no node")));
        }

        #[test]
        fn kebab_case_ids_survive_a_url_fragment(id in "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}") {
            prop_assert!(is_kebab_case(&id));
        }
    }
}
