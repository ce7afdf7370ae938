//! A progress bar on the terminal for builds that take more than about a second.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Shown only on a terminal, and only once the build has run for a second.
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: AtomicBool,
}

impl Progress {
    pub fn new(enabled: bool) -> Self {
        let bar = (enabled && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
            if let Ok(style) =
                ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} 条记录 {elapsed}")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_prefix("生成中");
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            shown: AtomicBool::new(false),
        }
    }

    pub fn hidden() -> Self {
        Progress::new(false)
    }

    pub fn set_total(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(n);
        }
    }

    pub fn inc(&self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() > Duration::from_secs(1)
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
