//! The preview's HTTP side: accepts connections, answers GET and HEAD with what `resolve` finds in
//! the output folder (405 for every other method) and puts the security headers on every response.
//! It owns the connection time-outs, so that a client that stalls (headers never finished, a body
//! never sent, a response never read) holds only its own connection. It never writes files and
//! never decides which file a path names; what the preview adds to pages is [`super::live`]'s.

use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio_io_timeout::TimeoutStream;
use tower_http::set_header::SetResponseHeaderLayer;

use super::live::{self, Builds};
use super::resolve::{Resolved, content_type, resolve};
use crate::error::{Error, Result};

/// How long a client may take to send a request's headers, and how long a kept-alive connection
/// may sit idle.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a response may wait for a client that reads none of it before the connection is
/// dropped. A browser on the same machine reads at once.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
const ALLOWED_METHODS: &str = "GET, HEAD";
/// How long to pause accepting when the process is out of file descriptors, rather than spin.
const ACCEPT_PAUSE: Duration = Duration::from_millis(50);

/// The Content-Security-Policy sent with every response; a rebuild after `site.toml` changed
/// replaces it.
#[derive(Debug)]
pub struct Policy(RwLock<HeaderValue>);

impl Policy {
    pub fn new(policy: &str) -> Result<Policy> {
        Ok(Policy(RwLock::new(header_value(policy)?)))
    }

    pub fn replace(&self, policy: &str) -> Result<()> {
        let value = header_value(policy)?;
        *self.0.write().unwrap_or_else(PoisonError::into_inner) = value;
        Ok(())
    }

    fn current(&self) -> HeaderValue {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

fn header_value(policy: &str) -> Result<HeaderValue> {
    HeaderValue::from_str(policy).map_err(|_| {
        Error::usage(
            "the Content-Security-Policy cannot be sent as an HTTP header",
            Some("use printable ASCII only in content_security_policy".to_owned()),
        )
    })
}

/// What the preview serves: the files below `root`, and the outcome of the latest build.
#[derive(Debug)]
pub struct Preview {
    pub root: PathBuf,
    pub builds: Arc<Builds>,
}

/// Serves `preview` on `listener` for as long as the runtime runs.
pub async fn run(listener: TcpListener, preview: Preview, policy: Arc<Policy>) {
    let service = TowerToHyperService::new(router(preview, policy));
    loop {
        match listener.accept().await {
            Ok((stream, _peer)) => {
                tokio::spawn(serve_connection(stream, service.clone()));
            }
            Err(_) => tokio::time::sleep(ACCEPT_PAUSE).await,
        }
    }
}

async fn serve_connection(stream: TcpStream, service: TowerToHyperService<Router>) {
    let mut stream = TimeoutStream::new(stream);
    stream.set_write_timeout(Some(WRITE_TIMEOUT));
    // A connection that fails or times out concerns only its own client.
    let _closed = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .serve_connection(TokioIo::new(Box::pin(stream)), service)
        .await;
}

fn router(preview: Preview, policy: Arc<Policy>) -> Router {
    Router::new()
        .fallback(answer)
        .with_state(Arc::new(preview))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            move |_: &Response| Some(policy.current()),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
}

/// The request body is never read: dropping it makes the connection close after the answer, so
/// a client that announces a body and never sends it waits for nothing.
async fn answer(State(preview): State<Arc<Preview>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, ALLOWED_METHODS)],
            "method not allowed\n",
        )
            .into_response();
    }
    if let Some(response) = live::answer(uri.path(), &preview.builds) {
        return response;
    }
    match resolve(uri.path(), &preview.root) {
        Resolved::File(path) => file(&path, StatusCode::OK, &preview.builds).await,
        Resolved::Redirect(path) => {
            let location = match uri.query() {
                Some(query) => format!("{path}?{query}"),
                None => path,
            };
            (
                StatusCode::MOVED_PERMANENTLY,
                [(header::LOCATION, location)],
            )
                .into_response()
        }
        Resolved::NotFound => {
            let not_found = preview.root.join("404.html");
            file(&not_found, StatusCode::NOT_FOUND, &preview.builds).await
        }
        Resolved::Forbidden => (StatusCode::FORBIDDEN, "forbidden\n").into_response(),
    }
}

/// The file at `path`; a page gets the live-preview script of the latest build.
/// Files under a content hash never change (an edit gives a new name), so a reload need not ask
/// for them again; everything else is asked for again on every use.
fn cache_control(path: &Path) -> &'static str {
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("");
    if crate::site::has_content_hash(name) {
        "max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

async fn file(path: &Path, status: StatusCode, builds: &Builds) -> Response {
    match tokio::fs::read(path).await {
        Ok(bytes) => {
            let content_type = content_type(path);
            let bytes = if content_type.starts_with("text/html") {
                live::inject(bytes, builds)
            } else {
                bytes
            };
            let caching = cache_control(path);
            (
                status,
                [
                    (header::CONTENT_TYPE, content_type),
                    (header::CACHE_CONTROL, caching),
                ],
                bytes,
            )
                .into_response()
        }
        // Removed between resolving and reading: a rebuild is replacing the output.
        Err(_) => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}
