//! A profile as the import writes it: pretty JSON (one member per line, two spaces) without the
//! labels and filter words that are their defaults (the page has those anyway), so the file
//! holds only the words chosen for it.

use portfolio::model::{FilterLabels, Labels, Profile, Site};
use serde::Serialize;

/// `profile` as JSON, as `cargo xtask import` writes it and the workbench shows it.
pub fn profile_json(profile: &Profile) -> String {
    let text = serde_json::to_string_pretty(profile).expect("a profile serialises");
    // The site as the profile holds it, one level in: two more spaces on every line (a string
    // holds no line break, JSON escapes it).
    let nested = |site: String| site.replace('\n', "\n  ");
    let full = nested(serde_json::to_string_pretty(&profile.site).expect("a site serialises"));
    let written = serde_json::to_string_pretty(&WrittenSite::of(&profile.site));
    assert_eq!(
        text.matches(&full).count(),
        1,
        "the site is in the profile once"
    );
    text.replacen(&full, &nested(written.expect("a site serialises")), 1) + "\n"
}

/// [`Site`] as the import writes it: its own words, and of its labels and filter words only
/// those that differ from the defaults (a block with none is left out).
#[derive(Serialize)]
struct WrittenSite<'a> {
    title: &'a str,
    description: &'a str,
    lang: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "as_object")]
    labels: Vec<(String, &'a str)>,
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "as_object")]
    filter: Vec<(String, &'a str)>,
    #[serde(rename = "makeYourOwn", skip_serializing_if = "Option::is_none")]
    make_your_own: Option<&'a str>,
}

impl<'a> WrittenSite<'a> {
    fn of(site: &'a Site) -> Self {
        let (labels, filter) = (Labels::default(), FilterLabels::default());
        let chosen = |words: Vec<(String, &'a str)>, defaults: Vec<(String, &str)>| {
            let defaults: Vec<&str> = defaults.into_iter().map(|(_, word)| word).collect();
            (words.into_iter().zip(defaults))
                .filter(|((_, word), default)| word != default)
                .map(|(word, _)| word)
                .collect()
        };
        WrittenSite {
            title: &site.title,
            description: &site.description,
            lang: &site.lang,
            labels: chosen(site.labels.entries().collect(), labels.entries().collect()),
            filter: chosen(site.filter.entries().collect(), filter.entries().collect()),
            make_your_own: site.make_your_own.as_deref(),
        }
    }
}

/// Words as a JSON object, in their order.
fn as_object<S: serde::Serializer>(
    words: &[(String, &str)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(words.iter().map(|(name, word)| (name, word)))
}
