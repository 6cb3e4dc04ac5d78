//! The types of `public/profile.json`: the site's public, hand-edited format.
//!
//! Nothing here renders or validates; it only says what the JSON looks like. Every struct denies
//! unknown fields so that a typo (`"titel"`) is an error with its path instead of silently
//! vanishing from the page. Semantic rules (ids, references, links) live in `validate.rs`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The schema version this build understands. Bump it when the format changes incompatibly.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Profile {
    /// Editors use this to find `profile.schema.json`; the app ignores it.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub schema_version: u32,
    pub site: Site,
    pub person: Person,
    pub builder: Builder,
    pub sections: Sections,
    #[serde(default)]
    pub tags: TagConfig,
    pub projects: Vec<Project>,
    /// The AI section; absent, the page has none (a résumé imported from JSON Resume).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai: Option<AiSection>,
    pub skills: Vec<SkillRow>,
    /// Shown as a numbered list; the section is left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principles: Vec<String>,
    pub contact: Vec<ContactLink>,
    // Last, and optional: a profile written as a positional array (which serde accepts) keeps
    // its meaning.
    /// Jobs, in the order the page shows them (newest first, as résumés write them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub work: Vec<Job>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub education: Vec<Education>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<Certificate>,
}

/// Words of the page chrome that are not the person's own text (a fork may translate them).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Site {
    /// The document title.
    pub title: String,
    /// Meta description and link-preview text.
    pub description: String,
    /// `lang` of the page.
    pub lang: String,
    /// Labels of the controls, so no visible word is written in Rust. Any left out (or the
    /// whole block) are the English words of `src/default_labels.json`.
    #[serde(default, deserialize_with = "Labels::over_defaults")]
    pub labels: Labels,
    /// Words of the project filter. `{count}`, `{total}` and `{tags}` are filled in. Any left
    /// out (or the whole block) are the English words of `src/default_labels.json`.
    #[serde(default, deserialize_with = "FilterLabels::over_defaults")]
    pub filter: FilterLabels,
    /// The words of a discreet link in the page's footer to the workbench (`edit/`), where a
    /// visitor who likes the page can start their own, e.g. "Make your own". Left out, there
    /// is no link (and no footer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub make_your_own: Option<String>,
}

/// Defines a block of the page's words, every field a `String`, that a profile may leave out in
/// whole or in part: a word left out is the one `src/default_labels.json` gives under `$block`,
/// and the whole file's block is the struct's `Default`. A word given is checked like any text
/// (`validate.rs` reads them through `entries`, so adding a field adds its check).
///
/// A macro, because serde's `#[serde(default)]` on a struct builds `Default::default()` before
/// it reads a field: the defaults file cannot be read through the struct's own `Deserialize`,
/// which would need the defaults to exist already. It is read as plain maps instead, and the
/// struct built from them by the one list of fields written here.
///
/// The defaults are applied only where a profile is read ([`Site`]'s fields, through
/// `over_defaults`), never by the struct's own `Deserialize`, which wants every word: the
/// islands' props (the filter bar's words, a figure's labels) are read with it in the browser,
/// always complete, and a container `#[serde(default)]` there would put the defaults file and
/// its reading into the app's first load (5.8 KB brotli, and a parse at every takeover).
/// Reading a profile is code of the lazily loaded chunks. The schema still shows every word
/// optional, with its default (`schemars(default)` changes the schema alone).
macro_rules! words_with_defaults {
    (
        $(#[$meta:meta])*
        pub struct $name:ident in $block:ident {
            $($(#[$field_meta:meta])* pub $field:ident: String,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(default))]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: String,)*
        }

        impl Default for $name {
            /// The English words of `src/default_labels.json`.
            fn default() -> Self {
                default_words().$block.clone()
            }
        }

        impl $name {
            /// Each word with its name as profile.json writes it (`themeToggle`), in the order
            /// of the fields.
            pub fn entries(&self) -> impl Iterator<Item = (String, &str)> {
                [$((stringify!($field), self.$field.as_str()),)*]
                    .into_iter()
                    .map(|(field, word)| (json_name(field), word))
            }

            /// The block as a profile writes it: each word left out is its default, an unknown
            /// one an error, as the struct's own reading would say it.
            fn over_defaults<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                // Named as the struct, with its fields in its order, so that serde's messages
                // read alike: `expected struct Labels`, `expected one of `themeToggle`, …`.
                #[derive(Deserialize)]
                #[serde(rename_all = "camelCase", deny_unknown_fields)]
                struct $name {
                    $(#[serde(default, deserialize_with = "given_word")] $field: Option<String>,)*
                }
                let given = $name::deserialize(deserializer)?;
                let defaults = &default_words().$block;
                Ok(Self {
                    $($field: given.$field.unwrap_or_else(|| defaults.$field.clone()),)*
                })
            }

            /// The block from the defaults file's `words`, each word taken out of it.
            fn from_defaults(words: &mut BTreeMap<String, String>) -> Self {
                let mut take = |field: &str| {
                    let name = json_name(field);
                    words.remove(&name).unwrap_or_else(|| {
                        panic!("src/default_labels.json has no {}.{name}", stringify!($block))
                    })
                };
                $name { $($field: take(stringify!($field)),)* }
            }
        }
    };
}

words_with_defaults! {
    /// Words of the project filter.
    pub struct FilterLabels in filter {
        /// Name of the tag group, e.g. "Filter by technology".
        pub title: String,
        /// Label of the search box.
        pub search: String,
        pub clear: String,
        /// e.g. "{count} of {total} projects".
        pub results: String,
        /// e.g. "No project uses {tags}".
        pub empty: String,
        /// Joins tags in the empty state: "Kafka and Redis".
        pub and: String,
        pub show_all: String,
        /// e.g. "This link asked for tags this profile does not have, ignored: {tags}".
        pub unknown_tags: String,
        /// On phones the tag list shows the most used tags first: e.g. "All {count} tags".
        pub more_tags: String,
        pub fewer_tags: String,
    }
}

words_with_defaults! {
    /// Labels of the page's controls.
    ///
    /// Every label has a default, `present` and `downloadSvg` too, so leaving a label out never
    /// removes its control: no profile needs the SVG button gone (one that did would need a
    /// setting of its own).
    pub struct Labels in labels {
        pub theme_toggle: String,
        pub show_details: String,
        pub hide_details: String,
        pub copy: String,
        pub copied: String,
        pub skip_to_content: String,
        /// The skip links to the projects' filter and to the project cards.
        pub skip_to_filter: String,
        pub skip_to_projects: String,
        pub problems: String,
        /// Name of the group of scenario buttons under a diagram.
        pub scenarios: String,
        /// The play button's name, with `{scenario}` for the scenario's title
        /// ("Play: {scenario}").
        pub play: String,
        /// The same button's name while the scenario plays ("Pause: {scenario}").
        pub pause: String,
        pub previous_step: String,
        pub next_step: String,
        /// Name of the group of speed buttons (0.5×, 1×, 2×).
        pub speed: String,
        /// Name of the list of a scenario's steps.
        pub steps: String,
        /// The button that copies the address of the step on screen.
        pub link_to_step: String,
        /// Name of the group of zoom buttons, and the buttons' names (zoomFit is also its text).
        pub zoom: String,
        pub zoom_in: String,
        pub zoom_out: String,
        pub zoom_fit: String,
        /// The control that prints the page as a résumé (or saves it as a PDF).
        pub save_pdf: String,
        /// The line over the skills table that says what an underlined skill does (shown only
        /// when a skill shows projects, and only with JavaScript).
        pub skills_hint: String,
        /// What the 404 page says above the link home.
        pub not_found: String,
        /// What a current job shows where an end date would be ("present").
        pub present: String,
        /// The button that saves the drawing on screen as a standalone SVG file, in the theme's
        /// colours.
        pub download_svg: String,
        /// The notice shown when the profile.json on the host cannot be read (a typo saved
        /// after the build): the page stays as it was built, and this says why, before the
        /// problem and its place.
        pub live_problem: String,
        /// The button that reads profile.json again (the notice's, and the error panel's).
        pub retry: String,
        /// The button that closes that notice.
        pub dismiss: String,
        /// The heading of the error panel of a page built without its content, when there is
        /// no profile to show: its words are always these defaults.
        pub load_failed: String,
    }
}

/// Every block of `src/default_labels.json`, each complete.
struct DefaultWords {
    labels: Labels,
    filter: FilterLabels,
}

/// The defaults file, read on first use. A word missing from it, or one no field takes, is a
/// panic naming it (a unit test reads the file, so it cannot reach a build).
fn default_words() -> &'static DefaultWords {
    static WORDS: OnceLock<DefaultWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut file: BTreeMap<String, BTreeMap<String, String>> =
            serde_json::from_str(include_str!("default_labels.json"))
                .expect("src/default_labels.json is an object of blocks of words");
        let mut block = |name: &str| file.remove(name).unwrap_or_default();
        let (mut labels, mut filter) = (block("labels"), block("filter"));
        let words = DefaultWords {
            labels: Labels::from_defaults(&mut labels),
            filter: FilterLabels::from_defaults(&mut filter),
        };
        let unused: Vec<String> = (file.keys().cloned())
            .chain(labels.keys().map(|name| format!("labels.{name}")))
            .chain(filter.keys().map(|name| format!("filter.{name}")))
            .collect();
        assert!(
            unused.is_empty(),
            "src/default_labels.json: no such words: {unused:?}"
        );
        words
    })
}

/// A word a profile gives: a string, as a `String` field reads it (`null` is an error, not a
/// word left out, as an `Option`'s own reading would take it).
fn given_word<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    String::deserialize(deserializer).map(Some)
}

/// A field's name as profile.json writes it, as serde's `rename_all = "camelCase"` does:
/// `theme_toggle` → `themeToggle`.
fn json_name(field: &str) -> String {
    let mut parts = field.split('_');
    let first = parts.next().unwrap_or_default().to_string();
    parts.fold(first, |mut name, part| {
        let mut chars = part.chars();
        name.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        name.push_str(chars.as_str());
        name
    })
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Person {
    pub name: String,
    pub role: String,
    /// Short areas of focus, shown as one line separated by dots.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<String>,
    /// Paragraphs of the introduction.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub summary: Vec<String>,
}

/// The `Engineer.builder()` code block: a Java-style builder generated from these calls.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Builder {
    /// The class, e.g. `Engineer`.
    pub type_name: String,
    /// The variable, e.g. `engineer`.
    pub variable: String,
    pub calls: Vec<BuilderCall>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BuilderCall {
    pub method: String,
    pub value: BuilderValue,
}

/// A builder argument: a list renders as `List.of("a", "b")`, text as a string literal, a number
/// as a number literal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum BuilderValue {
    List(Vec<String>),
    Text(String),
    Number(u64),
}

// Defaults so that every type has one, like the structs (a profile built by hand in a test
// starts from `Profile::default()`); profile.json itself always names the value.
impl Default for BuilderValue {
    fn default() -> Self {
        BuilderValue::Text(String::new())
    }
}

/// Headings and intros of the page's sections.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Sections {
    pub projects: SectionText,
    pub ai: SectionText,
    pub skills: SectionText,
    pub principles: SectionText,
    pub contact: SectionText,
    /// The work history's heading; the section shows only with a title and at least one job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work: Option<SectionText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<SectionText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificates: Option<SectionText>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SectionText {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
}

/// A job of the work history. Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, all optional: a
/// profile states only what its owner's own text says.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Job {
    pub company: String,
    /// The role held, e.g. "Software Development Engineer".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// The company's site: `https:`, `http:` or `mailto:` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Still there: shown as `site.labels.present` in place of an end date.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub current: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<String>,
}

/// A school, college or course of study.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Education {
    pub institution: String,
    /// The subject, e.g. "Computer Science".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// The degree, e.g. "Bachelor".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub study_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
}

/// A certificate, e.g. "AWS Certified".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Certificate {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where it can be verified: `https:`, `http:` or `mailto:` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Tag aliases, declared once: each key is another spelling of one or more canonical tags
/// (`"DDB": ["DynamoDB"]`, `"SNS/SQS": ["SNS", "SQS"]`). Matching is case-insensitive.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TagConfig {
    #[serde(default)]
    pub aliases: std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Project {
    /// Stable kebab-case id, used in deep links (`#gdpr-deletion`).
    pub id: String,
    /// Where the work was done; absent where the source does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// A short qualifier such as "Side project · working prototype".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub title: String,
    /// The one-line summary shown on the closed card.
    pub summary: String,
    /// More of the introduction, shown when the card is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// Stack line, for projects that name one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stack: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bullets: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<Figure>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Absent (a project imported from a résumé), the card shows no diagram.
    #[serde(default, skip_serializing_if = "Diagram::is_absent")]
    pub diagram: Diagram,
}

/// An outcome badge. Exactly one shape: `label` alone ("Zero downtime"), `label` + `value`
/// ("1M+ customers"), or `label` + `before` + `after` ("Execution time 50 → 25 min").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Figure {
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Quantity>,
}

/// A number with an optional unit. `atLeast` renders a `+` ("1M+").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Quantity {
    #[serde(deserialize_with = "crate::parse::exact_f64")]
    pub amount: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub at_least: bool,
}

/// An architecture diagram: nodes, edges between them, optional groups, and scenarios that
/// light up a path step by step.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Diagram {
    /// Accessible name of the figure.
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<Scenario>,
}

impl Diagram {
    /// A project without a diagram holds the empty one: no title, no nodes, nothing to draw.
    pub fn is_absent(&self) -> bool {
        *self == Diagram::default()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub label: String,
    pub kind: GroupKind,
}

/// `word()`: the word profile.json uses for each variant (also its CSS class). Written out
/// rather than serialised so the view code needs no serializer; a test checks every word reads
/// back as its variant.
macro_rules! words {
    ($type:ident { $($variant:ident => $word:literal,)* }) => {
        impl $type {
            /// The word profile.json uses for this kind (also its CSS class; only the
            /// components and the tests read it).
            #[cfg_attr(not(feature = "ui"), allow(dead_code))]
            pub(crate) fn word(self) -> &'static str {
                match self {
                    $($type::$variant => $word,)*
                }
            }

            /// Every variant, in declaration order.
            #[cfg(test)]
            pub(crate) const ALL: &'static [$type] = &[$($type::$variant,)*];
        }
    };
}

impl<T: Serialize> Serialize for Kind<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Kind::Known(kind) => kind.serialize(serializer),
            Kind::Unknown(text) => serializer.serialize_str(text),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum GroupKind {
    #[default]
    Region,
    Account,
    Phase,
    Boundary,
}

words!(GroupKind {
    Region => "region", Account => "account", Phase => "phase", Boundary => "boundary",
});

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Node {
    pub id: String,
    pub label: String,
    #[cfg_attr(feature = "schema", schemars(with = "NodeKind"))]
    pub kind: Kind<NodeKind>,
    /// A second, smaller line under the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Tags of its project that this node is (aliases apply): while the filter selects one of
    /// them, the node is highlighted, so a visitor sees why the card matched.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// A node's or edge's kind as written. A known kind parses to `T`; an unknown one is kept as text
/// rather than failing the whole file, so validation names it and only that diagram is replaced
/// by its error while the rest of the page renders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind<T> {
    Known(T),
    Unknown(String),
}

impl<T> Default for Kind<T> {
    fn default() -> Self {
        Kind::Unknown(String::new())
    }
}

impl<T: Copy> Kind<T> {
    pub fn known(&self) -> Option<T> {
        match self {
            Kind::Known(kind) => Some(*kind),
            Kind::Unknown(_) => None,
        }
    }
}

impl<T> From<T> for Kind<T> {
    fn from(kind: T) -> Self {
        Kind::Known(kind)
    }
}

/// Reads any string: a word `T` does not know is kept as [`Kind::Unknown`] (not a parse error);
/// anything but a string is still a type error at its place.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Kind<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(from_word(&text).map_or(Kind::Unknown(text), Kind::Known))
    }
}

/// The kind `word` names as written in profile.json, if any: serde's own reading of the enum, so
/// it cannot disagree with the parser.
pub(crate) fn from_word<'de, T: Deserialize<'de>>(word: &str) -> Option<T> {
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(word)).ok()
}

/// The node kinds, as written in profile.json (for error messages; a test keeps it in step).
pub const NODE_KINDS: &str = "source, service, function, queue, topic, stream, table, store, \
                               external, alarm, region, phase, gate, model";
/// The edge kinds, as written in profile.json.
pub const EDGE_KINDS: &str = "sync, async, replication, failure, retry, sequence";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum NodeKind {
    /// Where a flow starts: a transaction, a user, a schedule.
    #[default]
    Source,
    Service,
    Function,
    Queue,
    Topic,
    Stream,
    Table,
    Store,
    External,
    Alarm,
    Region,
    Phase,
    Gate,
    Model,
}

words!(NodeKind {
    Source => "source", Service => "service", Function => "function", Queue => "queue",
    Topic => "topic", Stream => "stream", Table => "table", Store => "store",
    External => "external", Alarm => "alarm", Region => "region", Phase => "phase",
    Gate => "gate", Model => "model",
});

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Edge {
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[cfg_attr(feature = "schema", schemars(with = "EdgeKind"))]
    pub kind: Kind<EdgeKind>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum EdgeKind {
    /// A request that waits for its answer.
    #[default]
    Sync,
    /// A message handed off without waiting.
    Async,
    /// Data copied from one place to another.
    Replication,
    /// What happens when something fails (DLQ, alarm).
    Failure,
    /// A message going round again.
    Retry,
    /// One phase following another.
    Sequence,
}

words!(EdgeKind {
    Sync => "sync", Async => "async", Replication => "replication", Failure => "failure",
    Retry => "retry", Sequence => "sequence",
});

/// A named walk through the diagram ("SMS dispatch fails").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub steps: Vec<Step>,
}

/// One step: light up an edge (`from` + `to`) or a node (`node`), and say what happens.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Step {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    pub caption: String,
    /// Why it happens this way, shown under the caption while the step is current.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Marks a step where something goes wrong, drawn in the failure colour.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fails: bool,
    /// How long after the step before it this one happens (a timeout, a retry's backoff): the
    /// player waits to scale and the step list draws the wait as a bar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Wait>,
}

/// A span of time, `{"amount": 2, "unit": "s"}`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Wait {
    #[serde(deserialize_with = "crate::parse::exact_f64")]
    pub amount: f64,
    pub unit: TimeUnit,
}

/// Units of a [`Wait`]: `ms`, `s`, `min`, `h`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum TimeUnit {
    Ms,
    S,
    Min,
    H,
}

impl TimeUnit {
    /// Seconds in one of this unit.
    pub fn seconds(self) -> f64 {
        match self {
            TimeUnit::Ms => 0.001,
            TimeUnit::S => 1.0,
            TimeUnit::Min => 60.0,
            TimeUnit::H => 3600.0,
        }
    }

    /// As profile.json writes it (and the page shows it).
    pub fn word(self) -> &'static str {
        match self {
            TimeUnit::Ms => "ms",
            TimeUnit::S => "s",
            TimeUnit::Min => "min",
            TimeUnit::H => "h",
        }
    }
}

/// The AI section: the side project (a project of `projects`, by id) and daily practice.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AiSection {
    /// Heading over the side project, e.g. "Building with AI".
    pub building_title: String,
    /// Id of the side project in `projects`.
    pub side_project: String,
    /// Heading over the daily practice, e.g. "Using AI in daily engineering".
    pub practice_title: String,
    /// Rows such as "Tools", "What for", "What not".
    pub practice: Vec<LabelledList>,
    /// What she is studying now.
    pub studying: LabelledList,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelledList {
    pub label: String,
    pub items: Vec<String>,
}

/// One row of the skills table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SkillRow {
    pub category: String,
    pub items: Vec<String>,
}

/// A contact line, drawn as a shell command: `$ curl -X GET https://…`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContactLink {
    /// Accessible name, e.g. "LinkedIn".
    pub label: String,
    /// The shell command shown before the link, e.g. `curl -X GET`.
    pub command: String,
    /// What the line shows after the command.
    pub text: String,
    /// Where it goes: `https:`, `http:` or `mailto:` only.
    pub href: String,
    /// Text a copy button puts on the clipboard; no button when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words serde's error lists for an unknown variant: every variant, as profile.json
    /// writes it.
    fn serde_words<'de, T: Deserialize<'de> + std::fmt::Debug>() -> String {
        let none = serde::de::value::StrDeserializer::<serde::de::value::Error>::new("?");
        let message = T::deserialize(none).unwrap_err().to_string();
        let listed = message.split("expected one of ").nth(1).expect(&message);
        listed.replace('`', "")
    }

    #[test]
    fn the_kind_lists_name_every_kind() {
        assert_eq!(NODE_KINDS, serde_words::<NodeKind>());
        assert_eq!(EDGE_KINDS, serde_words::<EdgeKind>());
    }

    #[test]
    fn every_word_reads_back_as_its_variant() {
        for &kind in NodeKind::ALL {
            assert_eq!(from_word::<NodeKind>(kind.word()), Some(kind));
        }
        for &kind in EdgeKind::ALL {
            assert_eq!(from_word::<EdgeKind>(kind.word()), Some(kind));
        }
        for &kind in GroupKind::ALL {
            assert_eq!(from_word::<GroupKind>(kind.word()), Some(kind));
        }
        assert_eq!(
            serde_words::<GroupKind>().split(", ").count(),
            GroupKind::ALL.len()
        );
        assert_eq!(
            from_word::<NodeKind>("Service"),
            None,
            "words are case-sensitive"
        );
    }

    #[test]
    fn the_defaults_file_gives_every_word_and_nothing_else() {
        // Reading the defaults panics on a word missing from the file or one no field takes.
        let (labels, filter) = (Labels::default(), FilterLabels::default());
        for (name, word) in labels.entries().chain(filter.entries()) {
            assert!(!word.trim().is_empty(), "{name} has an empty default");
        }
        assert_eq!(labels.play, "Play: {scenario}");
        assert_eq!(filter.results, "{count} of {total} projects");
        assert_eq!(labels.download_svg, "Download SVG");
    }

    #[test]
    fn entries_name_each_word_as_serde_writes_it() {
        for (value, names) in [
            (
                serde_json::to_value(Labels::default()).unwrap(),
                Labels::default()
                    .entries()
                    .map(|(n, _)| n)
                    .collect::<Vec<_>>(),
            ),
            (
                serde_json::to_value(FilterLabels::default()).unwrap(),
                FilterLabels::default().entries().map(|(n, _)| n).collect(),
            ),
        ] {
            let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
            let mut sorted = names.clone();
            keys.sort();
            sorted.sort();
            assert_eq!(sorted, keys);
        }
        assert_eq!(json_name("theme_toggle"), "themeToggle");
        assert_eq!(json_name("skip_to_content"), "skipToContent");
        assert_eq!(json_name("and"), "and");
    }

    fn site(json: serde_json::Value) -> Result<Site, serde_json::Error> {
        let mut site = serde_json::json!({ "title": "T", "description": "D", "lang": "de" });
        site.as_object_mut()
            .unwrap()
            .extend(json.as_object().unwrap().clone());
        serde_json::from_value(site)
    }

    #[test]
    fn a_label_left_out_is_the_default_and_one_given_overrides_it() {
        let none = site(serde_json::json!({})).unwrap();
        assert_eq!(none.labels, Labels::default());
        assert_eq!(none.filter, FilterLabels::default());
        let some = site(serde_json::json!({
            "labels": { "play": "Abspielen: {scenario}" },
            "filter": { "clear": "Alle entfernen" },
        }))
        .unwrap();
        assert_eq!(some.labels.play, "Abspielen: {scenario}");
        assert_eq!(some.labels.copy, Labels::default().copy);
        assert_eq!(some.filter.clear, "Alle entfernen");
        assert_eq!(some.filter.search, FilterLabels::default().search);
    }

    #[test]
    fn an_unknown_label_is_still_an_error() {
        let error = site(serde_json::json!({ "labels": { "plya": "Play" } })).unwrap_err();
        assert!(
            error.to_string().starts_with("unknown field `plya`"),
            "{error}"
        );
        let error = site(serde_json::json!({ "filter": { "play": "Play" } })).unwrap_err();
        assert!(
            error.to_string().starts_with("unknown field `play`"),
            "{error}"
        );
    }

    #[test]
    fn a_word_is_a_string_and_a_block_an_object() {
        for (json, expected) in [
            (
                serde_json::json!({ "labels": { "play": null } }),
                "invalid type: null, expected a string",
            ),
            (
                serde_json::json!({ "filter": { "clear": 5 } }),
                "invalid type: integer `5`, expected a string",
            ),
            (
                serde_json::json!({ "labels": "Play" }),
                "invalid type: string \"Play\", expected struct Labels",
            ),
            (
                serde_json::json!({ "filter": null }),
                "invalid type: null, expected struct FilterLabels",
            ),
        ] {
            let error = site(json).unwrap_err().to_string();
            assert!(error.starts_with(expected), "{error}");
        }
    }

    #[test]
    fn the_blocks_own_reading_wants_every_word() {
        // The islands' props read them so, always complete: no defaults in the first load.
        let error = serde_json::from_value::<FilterLabels>(serde_json::json!({ "clear": "x" }))
            .unwrap_err();
        assert!(error.to_string().starts_with("missing field"), "{error}");
        let labels = Labels::default();
        let json = serde_json::to_value(&labels).unwrap();
        assert_eq!(serde_json::from_value::<Labels>(json).unwrap(), labels);
    }

    #[test]
    fn an_unknown_kind_is_kept_and_a_non_string_is_an_error() {
        let kind: Kind<NodeKind> = serde_json::from_str("\"blob\"").unwrap();
        assert_eq!(kind, Kind::Unknown("blob".into()));
        let kind: Kind<NodeKind> = serde_json::from_str("\"queue\"").unwrap();
        assert_eq!(kind, Kind::Known(NodeKind::Queue));
        assert!(serde_json::from_str::<Kind<NodeKind>>("42").is_err());
    }
}
