//! `gongkai serve`: build the site into a private folder, serve it on
//! 127.0.0.1, watch the sources, and update the open pages as the clerk saves.

mod http;
mod plan;
mod preview;
mod reindex;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use tokio::sync::broadcast;

use crate::build::{BuildError, BuildOptions};
use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, RunKind, print_report};
pub use http::resolve;
use http::{LiveEvent, SCRIPT_PATH, Shared};
use preview::{Outcome, Preview};
use watch::SiteWatcher;

/// What `gongkai serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    /// Open the preview in the browser once it is up.
    pub open: bool,
}

/// One problem as the page overlay shows it.
#[derive(Serialize)]
struct ProblemView<'a> {
    location: String,
    field: Option<&'a str>,
    message: &'a str,
    help: Option<&'a str>,
}

fn problems_json(diags: &[Diagnostic]) -> String {
    let errors: Vec<ProblemView> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| ProblemView {
            location: d.location(),
            field: d.field.as_deref(),
            message: &d.message,
            help: d.help.as_deref(),
        })
        .collect();
    serde_json::to_string(&errors).unwrap_or_else(|_| "[]".into())
}

/// Runs the preview until Ctrl-C. Fails (before serving anything) when the
/// folder is not a site, the port is taken or the watcher cannot start.
pub fn run(args: ServeOptions) -> Result<(), BuildError> {
    if !args.root.join(CONFIG_FILE).is_file() {
        return Err(BuildError::Usage(crate::build::not_a_site(&args.root)));
    }
    let addr = SocketAddr::new(args.bind, args.port);
    let listener = bind(addr)?;
    let workdir = tempfile::Builder::new()
        .prefix("gongkai-serve-")
        .tempdir()
        .map_err(|_| BuildError::Usage("无法创建预览用的临时文件夹".into()))?;
    let out = workdir.path().join("site");
    let opts = BuildOptions {
        root: args.root.clone(),
        out: Some(out.clone()),
        today: None,
        drafts: true,
        base_url: None,
        progress: true,
        strict: false,
    };
    let mut preview = Preview::new(opts, format!("<script src=\"{SCRIPT_PATH}\"></script>"));
    // Watch before the first build, so a save during it is not missed.
    let mut watcher = SiteWatcher::start(&args.root).map_err(BuildError::Usage)?;
    let (events, _) = broadcast::channel(16);
    let _ = std::fs::create_dir_all(&out);
    let shared = Arc::new(Shared {
        out: out.canonicalize().unwrap_or(out.clone()),
        events,
        errors: Mutex::new("[]".into()),
    });
    report(&preview.rebuild_all()?, &shared, 0);

    let stop = Arc::new(AtomicBool::new(false));
    let server = spawn_server(listener, shared.clone(), stop.clone());
    let url = format!("http://{}/", listener_display(addr));
    println!("预览地址：{url}（包括草稿；按 Ctrl-C 停止）");
    if args.open {
        let _ = opener::open(&url);
    }
    while !stop.load(Ordering::Relaxed) {
        if let Some(batch) = watcher.next_batch(Duration::from_millis(200)) {
            apply_batch(&mut preview, &batch, &shared, &args.root);
        }
    }
    drop(server);
    drop(workdir);
    println!("预览已停止。");
    Ok(())
}

/// Binds the preview's port, explaining a busy one.
fn bind(addr: SocketAddr) -> Result<TcpListener, BuildError> {
    TcpListener::bind(addr).map_err(|e| {
        BuildError::Usage(if e.kind() == std::io::ErrorKind::AddrInUse {
            format!(
                "端口 {} 已被占用（可能另一个 gongkai serve 正在运行）。换一个端口：gongkai serve --port {}",
                addr.port(),
                addr.port().wrapping_add(1).max(1024)
            )
        } else {
            format!("无法在 {addr} 上启动预览：{e}")
        })
    })
}

/// Rebuilds for one batch of saved files and tells the terminal and the pages.
fn apply_batch(preview: &mut Preview, batch: &[PathBuf], shared: &Shared, root: &Path) {
    match preview.apply(batch) {
        Ok(Some(outcome)) => report(&outcome, shared, batch.len()),
        Ok(None) => {}
        Err(BuildError::Content(diags)) => report(&Outcome::Errors(diags), shared, batch.len()),
        Err(BuildError::Usage(msg)) => {
            eprintln!("错误：{msg}");
            let d = Diagnostic::error(root, msg);
            report(&Outcome::Errors(vec![d]), shared, batch.len());
        }
    }
}

/// Tells the terminal and the open pages what a rebuild did.
fn report(outcome: &Outcome, shared: &Shared, files: usize) {
    match outcome {
        Outcome::Rendered { full, took } => {
            if let Ok(mut e) = shared.errors.lock() {
                *e = "[]".into();
            }
            let _ = shared.events.send(LiveEvent::Reload);
            let what = if *full {
                "重新生成了整个网站".to_string()
            } else {
                format!("改动了{files}个文件")
            };
            println!("已更新（{what}，用时{}毫秒）", took.as_millis());
        }
        Outcome::Errors(diags) => {
            print_report(diags, RunKind::Preview);
            let json = problems_json(diags);
            if let Ok(mut e) = shared.errors.lock() {
                e.clone_from(&json);
            }
            let _ = shared.events.send(LiveEvent::Errors(json));
        }
    }
}

/// The HTTP server on its own thread; Ctrl-C there asks the watch loop to stop.
fn spawn_server(
    listener: TcpListener,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let runtime = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(r) => r,
            Err(e) => {
                eprintln!("错误：无法启动预览服务器：{e}");
                stop.store(true, Ordering::Relaxed);
                return;
            }
        };
        runtime.block_on(async move {
            let _ = listener.set_nonblocking(true);
            let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                stop.store(true, Ordering::Relaxed);
                return;
            };
            tokio::select! {
                _ = http::serve(listener, shared) => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            stop.store(true, Ordering::Relaxed);
        });
    })
}

/// `127.0.0.1:1111`, or the machine's loopback name for an unspecified bind.
fn listener_display(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() {
        format!("127.0.0.1:{}", addr.port())
    } else {
        addr.to_string()
    }
}
