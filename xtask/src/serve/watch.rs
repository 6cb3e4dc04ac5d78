//! Which of the sources a build reads have been saved, and when a burst of saves is over.
//!
//! By polling every file's modification time and length a few times a second, not by a watcher
//! crate (`notify`): the sources are a few dozen files, one look at them all takes well under a
//! millisecond, it needs no dependency, and it behaves the same on every file system (inotify
//! misses changes made through some network and container mounts, and an editor that saves by
//! renaming a new file over the old one). A quarter second of delay is nothing beside a build.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// What a build reads, relative to the workspace root.
/// (`workbench/src`: the edit/ page's crate, built by the same hook.)
pub(crate) const SOURCES: [&str; 5] = ["src", "style", "index.html", "public", "workbench/src"];

/// The one source no part of Trunk's output depends on (the page is prerendered from it after
/// Trunk).
const PROFILE: &str = "public/profile.json";

/// How often the sources are looked at.
pub(crate) const POLL: Duration = Duration::from_millis(250);

/// How long the sources must stay unchanged before a build starts: a formatter or an editor's
/// "save all" writes many files within this, and they make one build.
const QUIET: Duration = Duration::from_millis(400);

/// What a change needs built again; a wider one covers a narrower.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Rebuild {
    /// Only the profile changed: the page is prerendered again from Trunk's last output.
    Profile,
    /// Anything else: Trunk and the wasm, then the page.
    Full,
}

/// What `changed` (paths relative to the root) needs built again, if anything.
fn rebuild_for(changed: &[PathBuf]) -> Option<Rebuild> {
    if changed.is_empty() {
        None
    } else if changed.iter().all(|path| path == Path::new(PROFILE)) {
        Some(Rebuild::Profile)
    } else {
        Some(Rebuild::Full)
    }
}

/// Every source file's modification time and length, by path relative to the root.
#[derive(Debug, Default, PartialEq)]
struct Snapshot(BTreeMap<PathBuf, (Option<SystemTime>, u64)>);

impl Snapshot {
    fn take(root: &Path) -> Snapshot {
        let mut files = BTreeMap::new();
        let mut pending: Vec<PathBuf> = SOURCES.iter().map(|source| root.join(source)).collect();
        while let Some(path) = pending.pop() {
            // Gone between listing and looking: it is simply not there any more.
            let Ok(meta) = fs::metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                let entries = fs::read_dir(&path).into_iter().flatten().flatten();
                pending.extend(entries.map(|e| e.path()).filter(|p| !is_scratch(p)));
            } else {
                let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                files.insert(relative, (meta.modified().ok(), meta.len()));
            }
        }
        Snapshot(files)
    }

    /// The paths added, changed or removed since `before`.
    fn changed_since(&self, before: &Snapshot) -> Vec<PathBuf> {
        let changed = self
            .0
            .iter()
            .filter(|(path, seen)| before.0.get(*path) != Some(seen));
        let removed = before.0.keys().filter(|path| !self.0.contains_key(*path));
        changed
            .map(|(path, _)| path)
            .chain(removed)
            .cloned()
            .collect()
    }
}

/// An editor's scratch file (`.main.css.swp`, `.#app.rs`, `#app.rs#`, `app.rs~`): saving
/// writes and removes these, and they are no source of the site.
fn is_scratch(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.') || name.starts_with('#') || name.ends_with('~')
}

/// Turns saves into builds: one build once a burst of saves has been quiet for `quiet`,
/// covering every change of the burst.
pub(crate) struct Debounce {
    quiet: Duration,
    /// When the last change was seen, and what the changes so far need.
    pending: Option<(Instant, Rebuild)>,
}

impl Debounce {
    fn new(quiet: Duration) -> Debounce {
        Debounce {
            quiet,
            pending: None,
        }
    }

    /// Notes the paths seen `changed` at `now`.
    fn saw(&mut self, changed: &[PathBuf], now: Instant) {
        if let Some(rebuild) = rebuild_for(changed) {
            let wider = self
                .pending
                .map_or(rebuild, |(_, before)| before.max(rebuild));
            self.pending = Some((now, wider));
        }
    }

    /// The build to start at `now`, once nothing has changed for `quiet`.
    fn due(&mut self, now: Instant) -> Option<Rebuild> {
        let (last, rebuild) = self.pending?;
        (now.duration_since(last) >= self.quiet).then(|| {
            self.pending = None;
            rebuild
        })
    }
}

/// The sources under a root, looked at on every `poll`.
pub(crate) struct Watch {
    root: PathBuf,
    before: Snapshot,
    debounce: Debounce,
}

impl Watch {
    /// Watches from now: what is there now has been built (or is about to be).
    pub(crate) fn new(root: &Path) -> Watch {
        Watch {
            root: root.to_path_buf(),
            before: Snapshot::take(root),
            debounce: Debounce::new(QUIET),
        }
    }

    /// Looks at the sources: the build to start now, if a burst of saves is over. A save made
    /// during that build is seen by the first poll after it.
    pub(crate) fn poll(&mut self) -> Option<Rebuild> {
        let seen = Snapshot::take(&self.root);
        let now = Instant::now();
        self.debounce.saw(&seen.changed_since(&self.before), now);
        self.before = seen;
        self.debounce.due(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> Vec<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn only_a_profile_save_skips_trunk() {
        assert_eq!(rebuild_for(&[]), None);
        assert_eq!(
            rebuild_for(&paths(&["public/profile.json"])),
            Some(Rebuild::Profile)
        );
        for other in [
            "style/main.css",
            "src/app.rs",
            "public/favicon.svg",
            "index.html",
        ] {
            assert_eq!(
                rebuild_for(&paths(&["public/profile.json", other])),
                Some(Rebuild::Full),
                "{other}"
            );
        }
    }

    #[test]
    fn a_burst_of_saves_is_one_build_once_quiet() {
        let start = Instant::now();
        let at = |ms| start + Duration::from_millis(ms);
        let mut debounce = Debounce::new(Duration::from_millis(400));
        assert_eq!(debounce.due(at(0)), None, "nothing saved, nothing to do");
        debounce.saw(&paths(&["public/profile.json"]), at(0));
        debounce.saw(&[], at(250));
        assert_eq!(debounce.due(at(250)), None, "too soon after the save");
        // Another save in the burst restarts the wait and widens what is built.
        debounce.saw(&paths(&["src/app.rs"]), at(300));
        assert_eq!(debounce.due(at(650)), None);
        assert_eq!(debounce.due(at(700)), Some(Rebuild::Full));
        assert_eq!(debounce.due(at(2000)), None, "one build per burst");
        debounce.saw(&paths(&["public/profile.json"]), at(3000));
        assert_eq!(debounce.due(at(3400)), Some(Rebuild::Profile));
    }

    #[test]
    fn a_save_an_addition_and_a_removal_are_seen_and_scratch_files_are_not() {
        let root = std::env::temp_dir().join(format!("xtask-watch-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("src/components")).unwrap();
        fs::create_dir_all(root.join("target")).unwrap();
        fs::write(root.join("src/components/card.rs"), "a").unwrap();
        fs::write(root.join("index.html"), "a").unwrap();
        let before = Snapshot::take(&root);
        assert_eq!(before.0.len(), 2, "{before:?}");
        fs::write(root.join("src/components/card.rs"), "ab").unwrap();
        fs::write(root.join("src/new.rs"), "").unwrap();
        fs::remove_file(root.join("index.html")).unwrap();
        fs::write(root.join("src/.card.rs.swp"), "x").unwrap();
        fs::write(root.join("src/card.rs~"), "x").unwrap();
        fs::write(root.join("target/built.wasm"), "x").unwrap();
        let mut changed = Snapshot::take(&root).changed_since(&before);
        changed.sort();
        assert_eq!(
            changed,
            paths(&["index.html", "src/components/card.rs", "src/new.rs"])
        );
        fs::remove_dir_all(&root).unwrap();
    }
}
