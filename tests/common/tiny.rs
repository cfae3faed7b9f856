//! Tiny servers on 127.0.0.1:0 that send exactly the bytes a test wants (a captive portal, half
//! a JSON document, 50 MB, headers that never finish, a redirect), and a TCP proxy that sits
//! between zoomctl and the simulator to watch, delay or cut the traffic.
//!
//! Shared by `hostile_servers.rs`, `faults.rs`, `secrets.rs` and `crash_safety.rs`.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The request target: path and query, exactly as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The form body, decoded.
    pub fn form(&self, key: &str) -> Option<String> {
        url::form_urlencoded::parse(&self.body)
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    }

    /// Everything that was sent, as text, for searching.
    pub fn raw_text(&self) -> String {
        let mut s = format!("{} {}\r\n", self.method, self.target);
        for (k, v) in &self.headers {
            s.push_str(&format!("{k}: {v}\r\n"));
        }
        s.push_str("\r\n");
        s.push_str(&String::from_utf8_lossy(&self.body));
        s
    }
}

/// What to send back.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Exactly these bytes, then close.
    Raw(Vec<u8>),
    /// A status line, these headers, `Content-Length` and `Connection: close`, the body.
    Http {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// A 200 whose body is `total` bytes of JSON-looking filler, streamed in 64 KiB chunks and
    /// never held in memory; with `Content-Length` when `declared`, else delimited by close.
    Flood { declared: bool, total: usize },
    /// These bytes, then nothing more: the connection stays open until the test ends.
    Hang(Vec<u8>),
    /// These bytes, then one more byte every `every` for as long as the client listens.
    Trickle { head: Vec<u8>, every: Duration },
}

pub fn json(status: u16, value: serde_json::Value) -> Reply {
    Reply::Http {
        status,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: value.to_string().into_bytes(),
    }
}

pub fn body(status: u16, content_type: &str, body: &[u8]) -> Reply {
    Reply::Http {
        status,
        headers: vec![("Content-Type".into(), content_type.into())],
        body: body.to_vec(),
    }
}

pub fn redirect(status: u16, location: &str) -> Reply {
    Reply::Http {
        status,
        headers: vec![("Location".into(), location.into())],
        body: vec![],
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Whatever",
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// A server that answers every request with whatever its handler says.
pub struct TinyServer {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
    flooded: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl TinyServer {
    pub async fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> TinyServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let requests = Arc::new(Mutex::new(vec![]));
        let flooded = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let (r, f) = (requests.clone(), flooded.clone());
        let task = tokio::spawn(async move {
            let mut connections = tokio::task::JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                let (handler, r, f) = (handler.clone(), r.clone(), f.clone());
                connections.spawn(async move { serve(stream, handler, r, f).await });
            }
        });
        TinyServer {
            addr,
            requests,
            flooded,
            task,
        }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    pub fn hits(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path() == path).count()
    }

    /// How many body bytes [`Reply::Flood`] managed to write before the client hung up.
    pub fn flood_bytes_written(&self) -> usize {
        self.flooded.load(Ordering::SeqCst)
    }
}

impl Drop for TinyServer {
    fn drop(&mut self) {
        // Aborting the accept loop drops its JoinSet, which aborts every connection too.
        self.task.abort();
    }
}

async fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        if buf.len() > 1 << 20 {
            return None;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Request {
        method,
        target,
        headers,
        body,
    })
}

async fn serve(
    mut stream: TcpStream,
    handler: Arc<Handler>,
    requests: Arc<Mutex<Vec<Request>>>,
    flooded: Arc<AtomicUsize>,
) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let reply = handler(&request);
    requests.lock().unwrap().push(request);
    match reply {
        Reply::Raw(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        Reply::Http {
            status,
            headers,
            body,
        } => {
            let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
            for (k, v) in headers {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
            out.push_str(&format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            ));
            let mut bytes = out.into_bytes();
            bytes.extend_from_slice(&body);
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        Reply::Flood { declared, total } => {
            let mut head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n".to_owned();
            if declared {
                head.push_str(&format!("Content-Length: {total}\r\n"));
            }
            head.push_str("Connection: close\r\n\r\n");
            if stream.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let mut chunk = vec![b' '; 64 * 1024];
            chunk[0] = b'[';
            let mut sent = 0;
            while sent < total {
                let n = chunk.len().min(total - sent);
                if stream.write_all(&chunk[..n]).await.is_err() {
                    break;
                }
                chunk[0] = b' ';
                sent += n;
                flooded.store(sent, Ordering::SeqCst);
            }
            let _ = stream.shutdown().await;
        }
        Reply::Hang(bytes) => {
            let _ = stream.write_all(&bytes).await;
            // Keep the socket open; the test (or the server's drop) ends this.
            tokio::time::sleep(Duration::from_secs(600)).await;
        }
        Reply::Trickle { head, every } => {
            if stream.write_all(&head).await.is_err() {
                return;
            }
            for _ in 0..600 {
                tokio::time::sleep(every).await;
                if stream.write_all(b" ").await.is_err() {
                    return;
                }
            }
        }
    }
}

/// A device authorization a real server could send, pointing at `base`.
pub fn device_authorization(base: &str, interval: u64, expires_in: u64) -> serde_json::Value {
    serde_json::json!({
        "device_code": "DEVICE-CODE-0123456789",
        "user_code": "ABCD1234",
        "verification_uri": format!("{base}/oauth_device"),
        "verification_uri_complete": format!("{base}/oauth/device/complete/ABCD1234"),
        "expires_in": expires_in,
        "interval": interval,
    })
}

// ---- a proxy in front of the simulator ------------------------------------------------------

/// What the proxy does to one chunk of a server's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Forward it.
    Pass,
    /// Forward the first half, then reset both connections: a connection dropped mid-response.
    Cut,
}

type Judge = dyn Fn(&[u8]) -> Verdict + Send + Sync;

/// A TCP proxy to `upstream` that records both directions, can hold every answer back for a
/// while (so that the server has acted but the client has not heard yet), and can cut answers.
pub struct Proxy {
    addr: SocketAddr,
    traffic: Arc<Mutex<Vec<u8>>>,
    cuts: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl Proxy {
    pub async fn start(
        upstream: SocketAddr,
        answer_delay: Duration,
        judge: impl Fn(&[u8]) -> Verdict + Send + Sync + 'static,
    ) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let traffic = Arc::new(Mutex::new(vec![]));
        let cuts = Arc::new(AtomicUsize::new(0));
        let judge: Arc<Judge> = Arc::new(judge);
        let (t, c) = (traffic.clone(), cuts.clone());
        let task = tokio::spawn(async move {
            let mut connections = tokio::task::JoinSet::new();
            while let Ok((client, _)) = listener.accept().await {
                let (t, c, judge) = (t.clone(), c.clone(), judge.clone());
                connections.spawn(async move {
                    let Ok(server) = TcpStream::connect(upstream).await else {
                        return;
                    };
                    pipe(client, server, answer_delay, judge, t, c).await;
                });
            }
        });
        Proxy {
            addr,
            traffic,
            cuts,
            task,
        }
    }

    /// A proxy that only watches.
    pub async fn recording(upstream: SocketAddr) -> Proxy {
        Proxy::start(upstream, Duration::ZERO, |_| Verdict::Pass).await
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Everything that went through, both directions, in arrival order.
    pub fn traffic(&self) -> Vec<u8> {
        self.traffic.lock().unwrap().clone()
    }

    pub fn cuts(&self) -> usize {
        self.cuts.load(Ordering::SeqCst)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn pipe(
    client: TcpStream,
    server: TcpStream,
    answer_delay: Duration,
    judge: Arc<Judge>,
    traffic: Arc<Mutex<Vec<u8>>>,
    cuts: Arc<AtomicUsize>,
) {
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let t = traffic.clone();
    let upstream = async move {
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            match client_read.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    t.lock().unwrap().extend_from_slice(&buf[..n]);
                    if server_write.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
            }
        }
        let _ = server_write.shutdown().await;
    };
    let downstream = async move {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match server_read.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    traffic.lock().unwrap().extend_from_slice(&buf[..n]);
                    if !answer_delay.is_zero() {
                        tokio::time::sleep(answer_delay).await;
                    }
                    if judge(&buf[..n]) == Verdict::Cut {
                        cuts.fetch_add(1, Ordering::SeqCst);
                        let _ = client_write.write_all(&buf[..n / 2]).await;
                        // Dropping both halves of both sockets closes them mid-answer.
                        return true;
                    }
                    if client_write.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
            }
        }
        let _ = client_write.shutdown().await;
        false
    };
    // The answers decide when the connection ends: when the server closes, or at a cut.
    // Dropping the request half then closes the client's socket completely.
    tokio::select! {
        _ = async { upstream.await; std::future::pending::<()>().await } => {}
        _ = downstream => {}
    }
}

/// Every value of `"key":"..."` in `text` (JSON as our servers write it: no spaces).
pub fn json_values(text: &str, key: &str) -> Vec<String> {
    let needle = format!("\"{key}\":\"");
    let mut out = vec![];
    let mut rest = text;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(rest[..end].to_owned());
            rest = &rest[end..];
        }
    }
    out
}
