//! The page's components: one module per section and per shared control. Each holds its
//! markup, its state and its handlers.

mod ai;
mod card;
mod certificates;
mod contact;
mod copy;
mod diagram;
mod download;
#[cfg(feature = "ssr")]
pub mod drawing_file;
mod education;
mod filter_bar;
mod follow;
mod hero;
mod island;
mod player;
mod principles;
mod print;
mod problems;
mod projects;
mod section;
mod skills;
#[cfg(feature = "hydrate")]
mod status;
mod theme;
mod work;
mod zoom;

pub(crate) use ai::Ai;
#[cfg(feature = "hydrate")]
pub(crate) use card::search_text_in_page;
pub(crate) use certificates::Certificates;
pub(crate) use contact::Contact;
#[cfg(feature = "ssr")]
pub(crate) use diagram::DrawingFiles;
pub(crate) use education::Education;
pub(crate) use filter_bar::FILTER_ID;
pub(crate) use hero::Hero;
pub(crate) use island::component_and_island;
pub(crate) use principles::Principles;
pub(crate) use print::PrintButton;
pub(crate) use problems::Problems;
pub(crate) use projects::{Projects, SearchBox, PROJECT_LIST_ID};
pub(crate) use skills::Skills;
#[cfg(feature = "hydrate")]
pub(crate) use status::{LiveNotice, LoadError, Loading};
pub(crate) use theme::ThemeToggle;
pub(crate) use work::Work;
