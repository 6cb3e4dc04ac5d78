//! The page's words for an imported profile (`defaults.json`, compiled in): the site's title,
//! description and language, the section titles, the builder's names and how contact links are
//! drawn.

use portfolio::model::{Sections, Site};
use serde::Deserialize;

/// The words of `defaults.json`. `site.title` and `site.description` are templates with
/// `{name}` and `{role}`; labels left out of `site` are the app's defaults.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Defaults {
    pub(crate) site: Site,
    pub(crate) sections: Sections,
    pub(crate) builder: BuilderWords,
    pub(crate) contact: ContactWords,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct BuilderWords {
    pub(crate) type_name: String,
    pub(crate) variable: String,
    /// The method that lists the companies worked at.
    pub(crate) experience: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ContactWords {
    pub(crate) email: LinkWords,
    pub(crate) website: LinkWords,
    pub(crate) web: LinkWords,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct LinkWords {
    #[serde(default)]
    pub(crate) label: String,
    #[serde(default)]
    pub(crate) command: String,
}

impl Defaults {
    /// The committed defaults; a test keeps them valid.
    pub fn committed() -> Self {
        serde_json::from_str(include_str!("defaults.json")).expect("defaults.json reads")
    }

    /// These words for a page in the language `lang` (`--lang de`).
    pub fn with_lang(mut self, lang: String) -> Self {
        self.site.lang = lang;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_defaults_are_a_valid_page_s_words() {
        let defaults = Defaults::committed();
        let text = include_str!("../../tests/fixtures/rich.json");
        let mut profile = portfolio::parse::parse_profile(text).unwrap();
        profile.site = defaults.site.clone();
        profile.sections = defaults.sections.clone();
        assert_eq!(portfolio::validate::validate(&profile), Vec::new());
    }
}
