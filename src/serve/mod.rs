//! `gongkai serve`: build the site into a private folder, serve it on
//! 127.0.0.1, watch the sources, and update the open pages as the clerk saves.

mod http;
mod preview;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Args;
use serde::Serialize;
use tokio::sync::broadcast;

use crate::build::{BuildError, BuildOptions};
use crate::cli::{print_diagnostics, usage_error};
use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, RunKind};
pub use http::resolve;
use http::{LiveEvent, SCRIPT_PATH, Shared};
use preview::{Outcome, Preview};
use watch::SiteWatcher;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 网站文件夹
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// 端口
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// 监听的地址（默认只有本机能访问；写 0.0.0.0 可让同一网络的手机访问）
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// 启动后用浏览器打开
    #[arg(long)]
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

pub fn run(args: ServeArgs) -> ExitCode {
    if !args.root.join(CONFIG_FILE).is_file() {
        return usage_error(&format!(
            "{} 里没有 site.yaml，这不是一个 gongkai 网站文件夹。用 --root 指向网站文件夹，或先运行 gongkai init 新建一个",
            args.root.display()
        ));
    }
    let addr = SocketAddr::new(args.bind, args.port);
    let listener = match TcpListener::bind(addr) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            return usage_error(&format!(
                "端口 {} 已被占用（可能另一个 gongkai serve 正在运行）。换一个端口：gongkai serve --port {}",
                args.port,
                args.port.wrapping_add(1).max(1024)
            ));
        }
        Err(e) => return usage_error(&format!("无法在 {addr} 上启动预览：{e}")),
    };
    let Ok(workdir) = tempfile::Builder::new().prefix("gongkai-serve-").tempdir() else {
        return usage_error("无法创建预览用的临时文件夹");
    };
    let out = workdir.path().join("site");
    let opts = BuildOptions {
        root: args.root.clone(),
        out: Some(out.clone()),
        today: None,
        drafts: true,
        base_url: None,
        progress: true,
    };
    let inject = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let mut preview = Preview::new(opts, inject);

    // Watch before the first build, so a save during it is not missed.
    let mut watcher = match SiteWatcher::start(&args.root) {
        Ok(w) => w,
        Err(msg) => return usage_error(&msg),
    };
    let (events, _) = broadcast::channel(16);
    let _ = std::fs::create_dir_all(&out);
    let shared = Arc::new(Shared {
        out: out.canonicalize().unwrap_or(out.clone()),
        events,
        errors: Mutex::new("[]".into()),
    });
    match preview.rebuild_all() {
        Ok(outcome) => report(&outcome, &shared, 0),
        Err(e) => return crate::cli::report_error(e, RunKind::Preview),
    }

    let stop = Arc::new(AtomicBool::new(false));
    let server = spawn_server(listener, shared.clone(), stop.clone());
    let url = format!("http://{}/", listener_display(addr));
    println!("预览地址：{url}（包括草稿；按 Ctrl-C 停止）");
    if args.open {
        let _ = opener::open(&url);
    }
    while !stop.load(Ordering::Relaxed) {
        let Some(batch) = watcher.next_batch(Duration::from_millis(200)) else {
            continue;
        };
        match preview.apply(&batch) {
            Ok(Some(outcome)) => report(&outcome, &shared, batch.len()),
            Ok(None) => {}
            Err(BuildError::Content(diags)) => {
                report(&Outcome::Errors(diags), &shared, batch.len())
            }
            Err(BuildError::Usage(msg)) => {
                eprintln!("错误：{msg}");
                let d = Diagnostic::error(&args.root, msg);
                report(&Outcome::Errors(vec![d]), &shared, batch.len());
            }
        }
    }
    drop(server);
    drop(workdir);
    println!("预览已停止。");
    ExitCode::SUCCESS
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
                format!("改动 {files} 个文件")
            };
            println!("已更新（{what}，用时 {} 毫秒）", took.as_millis());
        }
        Outcome::Errors(diags) => {
            print_diagnostics(diags, RunKind::Preview);
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
