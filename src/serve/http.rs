//! The preview's HTTP server: the built site's files (nothing outside it),
//! server-sent events that tell open pages to reload or show errors, and the
//! small script that listens for them.

use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Empty, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::header::{CACHE_CONTROL, CONTENT_TYPE, HOST, LOCATION};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, broadcast};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

/// Where the preview's pages listen for news.
pub const EVENTS_PATH: &str = "/__gongkai/events";
pub const SCRIPT_PATH: &str = "/__gongkai/live.js";
const LIVE_JS: &str = include_str!("live.js");

/// What open pages are told.
#[derive(Debug, Clone)]
pub enum LiveEvent {
    /// The site changed: reload.
    Reload,
    /// Saving broke something: show these problems (JSON) over the page.
    Errors(String),
}

impl LiveEvent {
    fn sse(&self) -> String {
        match self {
            LiveEvent::Reload => "event: reload\ndata: {}\n\n".to_string(),
            LiveEvent::Errors(json) => format!("event: errors\ndata: {json}\n\n"),
        }
    }
}

/// What the server and the rebuild loop share.
pub struct Shared {
    /// The output folder, canonical: no file outside it is ever served.
    pub out: PathBuf,
    pub events: broadcast::Sender<LiveEvent>,
    /// The current problems as JSON (`[]` when there are none), sent to each new page.
    pub errors: Mutex<String>,
}

type Body = UnsyncBoxBody<Bytes, Infallible>;

/// How long a client may take to send its request head; a slow or silent
/// client (slowloris) is dropped after this, and others are served meanwhile.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections served at once; more wait until one closes. Each open page
/// holds one for its reload events.
const MAX_CONNECTIONS: usize = 128;

/// Accepts connections until the task is dropped. A client that goes away
/// mid-response ends only its own connection; when `accept` fails (out of
/// file descriptors) the loop waits a moment instead of spinning.
pub async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(permit) = slots.clone().acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| {
                let shared = shared.clone();
                async move { Ok::<_, Infallible>(respond(&req, &shared)) }
            });
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
}

/// Whether the request is addressed to this machine by address or as
/// `localhost`. A page on another site that points its own domain name at
/// 127.0.0.1 (DNS rebinding) sends that name as its Host, and is refused.
fn host_allowed(req: &Request<Incoming>) -> bool {
    let Some(host) = req.headers().get(HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    let name = name.to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost") || name.parse::<std::net::IpAddr>().is_ok()
}

fn respond(req: &Request<Incoming>, shared: &Shared) -> Response<Body> {
    if !host_allowed(req) {
        return plain(
            StatusCode::MISDIRECTED_REQUEST,
            "预览只回答本机的请求：请用 http://127.0.0.1 或 http://localhost 打开",
        );
    }
    let head = req.method() == Method::HEAD;
    if req.method() != Method::GET && !head {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "只能用 GET 读取");
    }
    let response = match req.uri().path() {
        EVENTS_PATH => return events(shared),
        SCRIPT_PATH => bytes(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            LIVE_JS.as_bytes().to_vec(),
        ),
        path => match resolve(&shared.out, path) {
            Resolved::File(file) => match std::fs::read(&file) {
                Ok(body) => bytes(StatusCode::OK, content_type(&file), body),
                Err(_) => not_found(shared),
            },
            Resolved::Redirect(to) => Response::builder()
                .status(StatusCode::MOVED_PERMANENTLY)
                .header(LOCATION, to)
                .body(Empty::new().boxed_unsync())
                .unwrap_or_default(),
            Resolved::NotFound => not_found(shared),
        },
    };
    if head {
        let (parts, _) = response.into_parts();
        return Response::from_parts(parts, Empty::new().boxed_unsync());
    }
    response
}

/// The event stream: the current problems first (so a page opened while a
/// record is broken shows them), then every change as it happens.
fn events(shared: &Shared) -> Response<Body> {
    let current = shared.errors.lock().map(|e| e.clone()).unwrap_or_default();
    let first = if current.is_empty() || current == "[]" {
        ": 已连接\n\n".to_string()
    } else {
        LiveEvent::Errors(current).sse()
    };
    let news = BroadcastStream::new(shared.events.subscribe())
        .filter_map(|e| e.ok())
        .map(|e| Ok::<_, Infallible>(Frame::data(Bytes::from(e.sse()))));
    let stream = tokio_stream::once(Ok(Frame::data(Bytes::from(first)))).chain(news);
    Response::builder()
        .header(CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .header(CACHE_CONTROL, "no-store")
        .body(StreamBody::new(stream).boxed_unsync())
        .unwrap_or_default()
}

fn bytes(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, content_type)
        .header(CACHE_CONTROL, "no-store")
        .body(Full::new(Bytes::from(body)).boxed_unsync())
        .unwrap_or_default()
}

fn plain(status: StatusCode, text: &str) -> Response<Body> {
    bytes(
        status,
        "text/plain; charset=utf-8",
        text.as_bytes().to_vec(),
    )
}

/// The site's own 404 page; before the first good build, a page that waits
/// for one (its script shows what is wrong).
fn not_found(shared: &Shared) -> Response<Body> {
    match std::fs::read(shared.out.join("404.html")) {
        Ok(page) => bytes(StatusCode::NOT_FOUND, "text/html; charset=utf-8", page),
        Err(_) => bytes(
            StatusCode::NOT_FOUND,
            "text/html; charset=utf-8",
            waiting_page().into_bytes(),
        ),
    }
}

fn waiting_page() -> String {
    format!(
        "<!doctype html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>gongkai 预览</title></head>\
         <body style=\"font-size:20px;line-height:1.6;padding:1rem\"><h1>网站还没有生成</h1><p>记录里有需要改正的地方，详见下方或终端里的提示。改正并保存后，这一页会自动刷新。</p>\
         <script src=\"{SCRIPT_PATH}\"></script></body></html>"
    )
}

/// Characters escaped in a path segment of a redirect.
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'\\');

#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// A folder asked for without its slash: relative links need it.
    Redirect(String),
    NotFound,
}

/// Maps a request path to a file inside `out`, or refuses it: no `..`, no
/// encoded tricks, no hidden files, nothing a symlink leads out of the site to.
pub fn resolve(out: &Path, path: &str) -> Resolved {
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return Resolved::NotFound;
    };
    if decoded.contains(['\0', '\\']) || !decoded.starts_with('/') {
        return Resolved::NotFound;
    }
    let trimmed = decoded.trim_start_matches('/');
    let rel = Path::new(trimmed);
    let plain = rel
        .components()
        .all(|c| matches!(c, Component::Normal(p) if !p.to_string_lossy().starts_with('.')));
    if !plain {
        return Resolved::NotFound;
    }
    let mut target = out.join(rel);
    if target.is_dir() {
        if !decoded.ends_with('/') {
            // Built from the cleaned path, with one leading slash: `//files`
            // must never become `Location: //files/`, a link to another host.
            let clean: Vec<&str> = trimmed.split('/').filter(|p| !p.is_empty()).collect();
            let encoded: Vec<String> = clean
                .iter()
                .map(|p| percent_encoding::utf8_percent_encode(p, PATH_SEGMENT).to_string())
                .collect();
            return Resolved::Redirect(format!("/{}/", encoded.join("/")));
        }
        target.push("index.html");
    }
    match target.canonicalize() {
        Ok(real) if real.starts_with(out) && real.is_file() => Resolved::File(real),
        _ => Resolved::NotFound,
    }
}

fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_inside_the_output_are_served() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(out.join("disclosures/q3")).unwrap();
        std::fs::write(out.join("index.html"), "首页").unwrap();
        std::fs::write(out.join("disclosures/q3/index.html"), "q3").unwrap();
        std::fs::write(out.join(".gongkai-output"), "").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("link.txt")).unwrap();
        let out = out.canonicalize().unwrap();
        assert_eq!(resolve(&out, "/"), Resolved::File(out.join("index.html")));
        assert_eq!(
            resolve(&out, "/disclosures/q3/"),
            Resolved::File(out.join("disclosures/q3/index.html"))
        );
        assert_eq!(
            resolve(&out, "/disclosures/q3"),
            Resolved::Redirect("/disclosures/q3/".into())
        );
        for sneaky in ["//disclosures", "///disclosures", "//disclosures//q3"] {
            match resolve(&out, sneaky) {
                Resolved::Redirect(to) => assert!(
                    to.starts_with('/') && !to.starts_with("//"),
                    "{sneaky} → {to}"
                ),
                other => assert!(
                    matches!(other, Resolved::File(_) | Resolved::NotFound),
                    "{other:?}"
                ),
            }
        }
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/disclosures/../../secret.txt",
            "/link.txt",
            "/.gongkai-output",
            "/a%00b",
            "/..%5csecret.txt",
            "//etc/passwd",
            "///etc/passwd",
            "/%ff",
        ] {
            assert_eq!(resolve(&out, bad), Resolved::NotFound, "{bad}");
        }
    }
}
