//! Project filtering: tags (case- and alias-insensitive), counts, text search, and the URL query
//! that holds the state. Pure, so it is tested natively and fast at a thousand projects.

use std::collections::BTreeMap;

use crate::model::{Node, Profile, Project};

/// One technology, however the profile spells it: how it is shown, the first spelling that is
/// not an alias. (Written into the page as that name alone: its slug follows from it.)
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Tag {
    pub name: String,
}

impl Tag {
    /// How it is written in a URL: the lowercase name.
    pub fn slug(&self) -> String {
        normalise(&self.name)
    }
}

/// Tags of every project resolved to canonical indices, built once per profile.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TagIndex {
    pub tags: Vec<Tag>,
    /// Normalised spelling → canonical tags, for the spellings that are not a tag's own slug
    /// (aliases, and names the profile spells two ways): the page carries this index, and
    /// a slug is found among the tags.
    lookup: BTreeMap<String, Vec<usize>>,
    /// For each project, its canonical tags (sorted, no duplicates).
    pub project_tags: Vec<Vec<usize>>,
    /// For each project, its searchable text as written, searched without regard to case.
    /// Not in the islands' props: the prerendered cards show these very words, and the browser
    /// reads them there (`set_search_text`); the props file carried them again (3.3 KB of the
    /// first load, issue 24).
    #[serde(skip)]
    haystacks: Vec<String>,
    /// For each tag, how many projects carry it (computed once).
    pub totals: Vec<usize>,
}

/// The visitor's selection: tags that must all be present, and words to search for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterState {
    /// Canonical tag indices, in the order they were selected.
    pub tags: Vec<usize>,
    pub query: String,
}

/// What a URL asked for that the profile does not have.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub state: FilterState,
    pub unknown_tags: Vec<String>,
}

/// Case folding for tag names and search: ASCII only. Full Unicode lowercasing would add its
/// tables (~15 KB) to the wasm; tag names and her text are English, and a non-ASCII letter
/// still matches itself.
fn fold(text: &str) -> String {
    text.to_ascii_lowercase()
}

fn normalise(text: &str) -> String {
    fold(text.trim())
}

impl TagIndex {
    pub fn new(profile: &Profile) -> Self {
        let mut resolver = TagResolver::new(profile);
        let project_tags: Vec<Vec<usize>> = profile
            .projects
            .iter()
            .map(|project| {
                let mut indices: Vec<usize> = project
                    .tags
                    .iter()
                    .flat_map(|t| resolver.resolve(t))
                    .collect();
                indices.sort_unstable();
                indices.dedup();
                indices
            })
            .collect();
        // Aliases whose targets no project uses still resolve (a skill may name them).
        for alias in profile.tags.aliases.keys() {
            resolver.resolve(alias);
        }
        let TagResolver {
            tags, mut lookup, ..
        } = resolver;
        lookup.retain(|spelling, found| !matches!(found[..], [t] if tags[t].slug() == *spelling));
        let mut totals = vec![0; tags.len()];
        for indices in &project_tags {
            for &tag in indices {
                totals[tag] += 1;
            }
        }
        Self {
            tags,
            lookup,
            project_tags,
            haystacks: profile.projects.iter().map(haystack).collect(),
            totals,
        }
    }

    /// Whether the projects' searchable text is missing: an index read from the page's props.
    pub fn lacks_search_text(&self) -> bool {
        self.haystacks.len() != self.project_tags.len()
    }

    /// Gives each project its searchable text (in profile order): what its prerendered card
    /// shows of `haystack`'s parts.
    pub fn set_search_text(&mut self, texts: Vec<String>) {
        self.haystacks = texts;
    }

    /// The canonical tags a spelling stands for ("DDB" → DynamoDB), if any project or alias
    /// knows it.
    pub fn resolve(&self, spelling: &str) -> Option<Vec<usize>> {
        let key = normalise(spelling);
        match self.lookup.get(&key) {
            Some(found) => (!found.is_empty()).then(|| found.clone()),
            None => self.by_slug(&key).map(|t| vec![t]),
        }
    }

    /// The canonical tags a diagram node's `tags` stand for (spellings no project uses are
    /// left out: validation names them).
    pub fn node_tags(&self, node: &Node) -> Vec<usize> {
        let mut tags: Vec<usize> = node
            .tags
            .iter()
            .filter_map(|spelling| self.resolve(spelling))
            .flatten()
            .collect();
        tags.sort_unstable();
        tags.dedup();
        tags
    }

    /// The tag whose URL spelling (`Tag::slug`) is `slug`.
    pub fn by_slug(&self, slug: &str) -> Option<usize> {
        self.tags.iter().position(|tag| tag.slug() == slug)
    }

    /// True when project `index` passes the filter.
    pub fn matches(&self, index: usize, state: &FilterState) -> bool {
        let tags = &self.project_tags[index];
        state.tags.iter().all(|t| tags.binary_search(t).is_ok())
            && words(&state.query).all(|word| {
                self.haystacks
                    .get(index)
                    .is_some_and(|text| contains_folded(text, &word))
            })
    }

    /// Indices of the projects that pass, in profile order.
    pub fn matching(&self, state: &FilterState) -> Vec<usize> {
        (0..self.project_tags.len())
            .filter(|&i| self.matches(i, state))
            .collect()
    }

    /// For every tag, how many projects would match with it selected too (for a selected tag:
    /// how many match now). One pass over the matching projects.
    pub fn counts(&self, matching: &[usize]) -> Vec<usize> {
        let mut counts = vec![0; self.tags.len()];
        for &project in matching {
            for &tag in &self.project_tags[project] {
                counts[tag] += 1;
            }
        }
        counts
    }

    /// Tags in the order the filter bar shows them: most projects first, then by name.
    pub fn display_order(&self) -> Vec<usize> {
        let totals = &self.totals;
        let mut order: Vec<usize> = (0..self.tags.len()).filter(|&t| totals[t] > 0).collect();
        order.sort_by(|&a, &b| {
            totals[b]
                .cmp(&totals[a])
                .then_with(|| self.tags[a].slug().cmp(&self.tags[b].slug()))
        });
        order
    }

    /// Selects or unselects a tag.
    pub fn toggle(&self, state: &FilterState, tag: usize) -> FilterState {
        let mut next = state.clone();
        if let Some(at) = next.tags.iter().position(|&t| t == tag) {
            next.tags.remove(at);
        } else {
            next.tags.push(tag);
        }
        next
    }

    /// The query string for a state, without the `?`: `tag=kafka&tag=dynamodb&q=retry`.
    pub fn to_query(&self, state: &FilterState) -> String {
        let mut parts: Vec<String> = state
            .tags
            .iter()
            .map(|&t| format!("tag={}", encode(&self.tags[t].slug())))
            .collect();
        if !state.query.trim().is_empty() {
            parts.push(format!("q={}", encode(state.query.trim())));
        }
        parts.join("&")
    }

    /// Reads a query string (with or without `?`). Unknown tags are collected, not errors;
    /// other parameters are left to others.
    pub fn from_query(&self, query: &str) -> Parsed {
        let mut parsed = Parsed::default();
        for pair in query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
        {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            match key {
                "tag" => match self.resolve(&value) {
                    Some(indices) => {
                        for index in indices {
                            if !parsed.state.tags.contains(&index) {
                                parsed.state.tags.push(index);
                            }
                        }
                    }
                    None if !value.trim().is_empty() => parsed.unknown_tags.push(value),
                    None => {}
                },
                "q" => parsed.state.query = value,
                _ => {}
            }
        }
        parsed
    }
}

/// Builds the canonical tags while resolving spellings: a tag is created the first time a
/// spelling that is not an alias names it.
struct TagResolver {
    /// Normalised alias → the names it stands for.
    aliases: BTreeMap<String, Vec<String>>,
    tags: Vec<Tag>,
    /// Normalised spelling (name or alias) → canonical tags, as in [`TagIndex`].
    lookup: BTreeMap<String, Vec<usize>>,
}

impl TagResolver {
    fn new(profile: &Profile) -> Self {
        // Inserted one by one: `collect()` into a BTreeMap sorts with a stable sort, which
        // would be compiled into the wasm for this alone.
        let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (alias, targets) in &profile.tags.aliases {
            aliases.insert(normalise(alias), targets.clone());
        }
        Self {
            aliases,
            tags: Vec::new(),
            lookup: BTreeMap::new(),
        }
    }

    /// The canonical tags a spelling stands for (sorted, no duplicates), creating them as they
    /// appear.
    fn resolve(&mut self, spelling: &str) -> Vec<usize> {
        let key = normalise(spelling);
        if let Some(found) = self.lookup.get(&key) {
            return found.clone();
        }
        let names: Vec<String> = self
            .aliases
            .get(&key)
            .cloned()
            .unwrap_or_else(|| vec![spelling.trim().to_string()]);
        let mut indices: Vec<usize> = names.iter().map(|name| self.canonical(name)).collect();
        indices.sort_unstable();
        indices.dedup();
        self.lookup.insert(key, indices.clone());
        indices
    }

    /// The index of the canonical tag `name`, created when it is new.
    fn canonical(&mut self, name: &str) -> usize {
        let canonical = normalise(name);
        if let Some(index) = self
            .lookup
            .get(&canonical)
            .and_then(|v| (v.len() == 1).then(|| v[0]))
        {
            return index;
        }
        self.tags.push(Tag {
            name: name.trim().to_string(),
        });
        let index = self.tags.len() - 1;
        self.lookup.insert(canonical, vec![index]);
        index
    }
}

/// A project's searchable text: title, summary, context, company, bullets and tags, a line
/// each.
fn haystack(project: &Project) -> String {
    let mut text = String::new();
    for part in [&project.title, &project.summary]
        .into_iter()
        .chain(project.context.as_ref())
        .chain(project.company.as_ref())
        .chain(&project.bullets)
        .chain(&project.tags)
    {
        text.push_str(part);
        text.push('\n');
    }
    text
}

/// Whether `text` contains `word` (already folded) when both are folded, without folding a
/// copy of `text` for every search.
fn contains_folded(text: &str, word: &str) -> bool {
    let word = word.as_bytes();
    word.is_empty()
        || text
            .as_bytes()
            .windows(word.len())
            .any(|window| window.eq_ignore_ascii_case(word))
}

/// The search words of a query, lowercase.
fn words(query: &str) -> impl Iterator<Item = String> + '_ {
    query.split_whitespace().map(fold)
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Decodes `+` and `%XX`; invalid escapes are kept as they are.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            // Two hex digits exactly (`from_str_radix` alone would take "+9").
            b'%' if i + 2 < bytes.len()
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit() =>
            {
                match u8::from_str_radix(
                    std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                    16,
                ) {
                    Ok(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_profile;
    use proptest::prelude::*;

    fn profile() -> Profile {
        parse_profile(include_str!("../tests/fixtures/rich.json")).unwrap()
    }

    fn tag(index: &TagIndex, name: &str) -> usize {
        index
            .resolve(name)
            .unwrap_or_else(|| panic!("no tag {name}"))[0]
    }

    #[test]
    fn a_node_lights_up_when_one_of_its_tags_is_selected_aliases_apply() {
        let index = TagIndex::new(&profile());
        let node = Node {
            id: "n".into(),
            label: "N".into(),
            kind: crate::model::NodeKind::Queue.into(),
            detail: None,
            group: None,
            tags: vec!["SNS/SQS".into(), "ddb".into(), "never-used".into()],
        };
        let tags = index.node_tags(&node);
        let (sqs, dynamo) = (tag(&index, "SQS"), tag(&index, "DynamoDB"));
        assert_eq!(
            tags.len(),
            3,
            "the alias stands for two, unknown spellings for none"
        );
        // Selecting any of them lights the node (`Filter::lights_node`); Kafka does not.
        assert!(tags.contains(&sqs) && tags.contains(&dynamo));
        assert!(!tags.contains(&tag(&index, "Kafka")));
    }

    #[test]
    fn aliases_and_case_are_one_tag() {
        let index = TagIndex::new(&profile());
        assert_eq!(index.resolve("ddb"), index.resolve("DynamoDB"));
        assert_eq!(index.resolve("DYNAMODB"), index.resolve("dynamodb"));
        let both = index.resolve("SNS/SQS").unwrap();
        assert_eq!(both.len(), 2);
        assert!(both.contains(&tag(&index, "SNS")) && both.contains(&tag(&index, "SQS")));
        let names: Vec<String> = index.tags.iter().map(Tag::slug).collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(names.len(), unique.len(), "one technology is one tag");
    }

    #[test]
    fn selecting_tags_narrows_to_projects_with_all_of_them() {
        let profile = profile();
        let index = TagIndex::new(&profile);
        let kafka = FilterState {
            tags: vec![tag(&index, "Kafka")],
            query: String::new(),
        };
        let ids: Vec<&str> = index
            .matching(&kafka)
            .iter()
            .map(|&i| profile.projects[i].id.as_str())
            .collect();
        assert_eq!(ids, ["kafka-notifications"]);
        let impossible = index.toggle(&kafka, tag(&index, "OpenSearch"));
        assert!(index.matching(&impossible).is_empty());
    }

    #[test]
    fn search_looks_in_titles_bullets_and_tags() {
        let profile = profile();
        let index = TagIndex::new(&profile);
        let state = FilterState {
            tags: vec![],
            query: "OFFSET".into(),
        };
        let ids: Vec<&str> = index
            .matching(&state)
            .iter()
            .map(|&i| profile.projects[i].id.as_str())
            .collect();
        assert_eq!(ids, ["kafka-notifications"]);
    }

    #[test]
    fn the_url_keeps_tags_and_search() {
        let index = TagIndex::new(&profile());
        let state = FilterState {
            tags: vec![tag(&index, "Kafka"), tag(&index, "DynamoDB")],
            query: "retry from offset".into(),
        };
        let query = index.to_query(&state);
        assert_eq!(query, "tag=kafka&tag=dynamodb&q=retry+from+offset");
        assert_eq!(index.from_query(&format!("?{query}")).state, state);
    }

    #[test]
    fn totals_count_the_projects_of_each_tag() {
        let index = TagIndex::new(&profile());
        let all: Vec<usize> = (0..index.project_tags.len()).collect();
        assert_eq!(index.totals, index.counts(&all));
        assert_eq!(index.totals[tag(&index, "DynamoDB")], 3);
    }

    #[test]
    fn unknown_tags_in_a_url_are_reported_not_fatal() {
        let index = TagIndex::new(&profile());
        let parsed = index.from_query("tag=kafka&tag=cobol&utm_source=x");
        assert_eq!(parsed.state.tags, [tag(&index, "Kafka")]);
        assert_eq!(parsed.unknown_tags, ["cobol"]);
    }

    #[test]
    fn decoding_survives_bad_escapes() {
        assert_eq!(decode("a%2Bb"), "a+b");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("a%+9b"), "a% 9b", "two hex digits or no escape");
        assert_eq!(decode("%e2%86%92"), "→");
    }

    proptest! {
        #[test]
        fn narrowing_never_adds_a_project(
            picks in proptest::collection::vec(0usize..64, 0..5),
            extra in 0usize..64,
            query in "[a-z ]{0,6}",
        ) {
            let index = TagIndex::new(&profile());
            let n = index.tags.len();
            let state = FilterState { tags: picks.iter().map(|p| p % n).collect(), query };
            let narrower = index.toggle(&state, extra % n);
            let before = index.matching(&state);
            let after = index.matching(&narrower);
            if !state.tags.contains(&(extra % n)) {
                prop_assert!(after.iter().all(|p| before.contains(p)));
            }
        }

        #[test]
        fn counts_equal_a_brute_force_recount(
            picks in proptest::collection::vec(0usize..64, 0..3),
        ) {
            let index = TagIndex::new(&profile());
            let n = index.tags.len();
            let mut state = FilterState::default();
            for p in picks {
                if !state.tags.contains(&(p % n)) {
                    state.tags.push(p % n);
                }
            }
            let counts = index.counts(&index.matching(&state));
            prop_assert_eq!(counts.len(), n);
            for (t, &count) in counts.iter().enumerate() {
                let with = if state.tags.contains(&t) {
                    state.clone()
                } else {
                    index.toggle(&state, t)
                };
                prop_assert_eq!(count, index.matching(&with).len());
            }
        }

        #[test]
        fn url_state_round_trips(
            picks in proptest::collection::vec(0usize..64, 0..5),
            query in "\\PC{0,12}",
        ) {
            let index = TagIndex::new(&profile());
            let n = index.tags.len();
            let mut state = FilterState { tags: Vec::new(), query: query.trim().to_string() };
            for p in picks {
                if !state.tags.contains(&(p % n)) {
                    state.tags.push(p % n);
                }
            }
            let parsed = index.from_query(&index.to_query(&state));
            prop_assert_eq!(parsed.state, state);
            prop_assert!(parsed.unknown_tags.is_empty());
        }
    }

    #[test]
    fn every_tag_is_found_by_its_slug() {
        let profile =
            crate::parse::parse_profile(include_str!("../tests/fixtures/rich.json")).unwrap();
        let index = TagIndex::new(&profile);
        for (t, tag) in index.tags.iter().enumerate() {
            assert_eq!(index.by_slug(&tag.slug()), Some(t), "{}", tag.name);
        }
        assert_eq!(index.by_slug("no-such-tag"), None);
    }
}
