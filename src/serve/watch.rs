//! Watching the site's sources with notify, and turning an editor's burst of
//! events (write a temp file, rename it over the old one, touch it) into one
//! batch of changed paths.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// Quiet time that ends a burst: an editor's save takes a few milliseconds.
const QUIET: Duration = Duration::from_millis(20);
/// A burst is cut here even if events keep coming (a script writing many files).
const MAX_BURST: Duration = Duration::from_millis(400);

/// The folders and files of a site that feed its pages.
const WATCHED: &[&str] = &["site.yaml", "content", "static", "templates", "themes"];

pub struct SiteWatcher {
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
}

impl SiteWatcher {
    pub fn start(root: &Path) -> Result<SiteWatcher, String> {
        let root = root
            .canonicalize()
            .map_err(|e| format!("无法打开网站文件夹 {}：{e}", root.display()))?;
        let (tx, rx) = channel();
        let mut watcher =
            notify::recommended_watcher(tx).map_err(|e| format!("无法监视文件变化：{e}"))?;
        // The root itself, shallowly, so a templates/ or static/ made later is noticed.
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("无法监视 {}：{e}", root.display()))?;
        for name in WATCHED {
            let path = root.join(name);
            if path.is_dir() {
                watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| format!("无法监视 {}：{e}", path.display()))?;
            }
        }
        Ok(SiteWatcher {
            _watcher: watcher,
            events: rx,
            root,
        })
    }

    /// Waits up to `wait` for a change; returns the site-relative paths of one
    /// burst, or `None` if nothing happened.
    pub fn next_batch(&mut self, wait: Duration) -> Option<Vec<PathBuf>> {
        let first = match self.events.recv_timeout(wait) {
            Ok(e) => e,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        };
        let mut paths = BTreeSet::new();
        self.collect(first, &mut paths);
        let started = Instant::now();
        while started.elapsed() < MAX_BURST {
            match self.events.recv_timeout(QUIET) {
                Ok(e) => self.collect(e, &mut paths),
                Err(_) => break,
            }
        }
        let batch: Vec<PathBuf> = paths.into_iter().collect();
        (!batch.is_empty()).then_some(batch)
    }

    fn collect(&mut self, event: notify::Result<notify::Event>, into: &mut BTreeSet<PathBuf>) {
        let Ok(event) = event else { return };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            let Ok(rel) = path.strip_prefix(&self.root) else {
                continue;
            };
            let first = rel
                .components()
                .next()
                .and_then(|c| c.as_os_str().to_str())
                .unwrap_or("");
            if !WATCHED.contains(&first) {
                continue;
            }
            // A folder made after the start (templates/, a new kind's folder) is watched too.
            if path.is_dir() {
                let _ = self._watcher.watch(&path, RecursiveMode::Recursive);
            }
            into.insert(rel.to_path_buf());
        }
    }
}
