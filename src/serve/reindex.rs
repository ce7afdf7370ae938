//! The preview's search index, remade in the background after a saved record
//! (a build makes it in line). Pagefind cannot change one page of an index,
//! so the record pages are read back from the output and indexed again; a
//! save that arrives meanwhile is indexed as soon as the run ends, once for
//! all of them.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::fsutil::write_creating;
use crate::render::search::{self, Indexer};

/// What to index: the output folder, the site's language and the record
/// pages, by site-relative path.
pub struct Job {
    pub out: PathBuf,
    pub lang: String,
    pub pages: Vec<String>,
}

#[derive(Default)]
struct State {
    running: bool,
    next: Option<Job>,
}

/// Remakes the index on a thread of its own, the latest request winning.
#[derive(Clone, Default)]
pub struct Reindexer {
    state: Arc<Mutex<State>>,
}

impl Reindexer {
    /// Asks for the index to be remade from `job`'s pages.
    pub fn request(&self, job: Job) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        state.next = Some(job);
        if state.running {
            return;
        }
        state.running = true;
        let me = self.clone();
        std::thread::spawn(move || me.run());
    }

    fn run(&self) {
        lowest_priority();
        loop {
            let job = match self.state.lock() {
                Ok(mut state) => match state.next.take() {
                    Some(job) => job,
                    None => {
                        state.running = false;
                        return;
                    }
                },
                Err(_) => return,
            };
            if let Err(why) = remake(&job) {
                eprintln!("搜索索引没有更新：{why}");
            }
        }
    }
}

/// Indexes the pages of `job` and puts the index in place of the old one.
fn remake(job: &Job) -> Result<(), String> {
    let index = Indexer::new(&job.lang);
    for rel in &job.pages {
        // A page the guard stopped was not written, and is not searchable.
        if let Ok(html) = std::fs::read_to_string(job.out.join(rel)) {
            index.add(rel, &html);
        }
    }
    let key = index.key();
    let dir = job.out.join(search::DIR);
    if search::unchanged_index(&dir, &key).is_some() {
        return Ok(());
    }
    let files = index.finish().map_err(|d| d.message)?;
    for (name, bytes) in &files {
        write_creating(&dir.join(name), bytes).map_err(|e| e.to_string())?;
    }
    // The key file names the new files; then the old ones go.
    write_creating(
        &dir.join(search::KEY_FILE),
        search::key_file(&key, &files).as_bytes(),
    )
    .map_err(|e| e.to_string())?;
    let keep: std::collections::HashSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for sub in ["fragment", "index", "filter"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = format!("{sub}/{}", entry.file_name().to_string_lossy());
            if !keep.contains(name.as_str()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    for entry in std::fs::read_dir(&dir)
        .map_err(|e| e.to_string())?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".pf_meta") && !keep.contains(name.as_str()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    Ok(())
}

/// Indexing takes seconds on a large site; the pages of the next save must
/// not wait for it. On Linux the nice value is per thread, and the threads
/// Pagefind starts from this one inherit it.
fn lowest_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its integer arguments; 0 names the
    // calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 19);
    }
}
