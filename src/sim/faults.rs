//! Fault injection: latency, 5xx answers, and "network down".
//!
//! Latency and 5xx apply to the API endpoints (`/oauth/devicecode|token|revoke`, `/v2/*`)
//! through [`api_faults`], a middleware; the HTML approval page stays healthy so that a person
//! (or a test) can always approve.
//!
//! "Down" is done below HTTP, in the listener: axum cannot drop a connection from a handler,
//! so [`SimListener`] wraps every accepted socket in a [`SimStream`] that checks the switch on
//! each read and write. While down, a new connection is closed the moment it is accepted, and
//! an existing keep-alive connection fails its next read or write; either way the socket is
//! closed with `SO_LINGER` 0, so the client sees a connection reset and never an HTTP answer.

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

use super::Shared;
use super::params::Params;
use super::ratelimit::RetryAfterStyle;
use super::state::Clock;

/// The shared "network down" switch and a count of the connections it cut.
#[derive(Clone, Default)]
pub struct DownSwitch {
    down: Arc<AtomicBool>,
    dropped: Arc<AtomicU32>,
}

impl DownSwitch {
    pub fn set(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
    }

    pub fn is_down(&self) -> bool {
        self.down.load(Ordering::SeqCst)
    }

    pub fn dropped(&self) -> u32 {
        self.dropped.load(Ordering::SeqCst)
    }

    fn cut(&self, stream: &TcpStream) {
        // RST rather than FIN: what a client sees when the network or the far end dies.
        let _ = stream.set_zero_linger();
        self.dropped.fetch_add(1, Ordering::SeqCst);
    }
}

/// A TCP listener that honours the [`DownSwitch`].
pub struct SimListener {
    inner: TcpListener,
    switch: DownSwitch,
}

impl SimListener {
    pub fn new(inner: TcpListener, switch: DownSwitch) -> SimListener {
        SimListener { inner, switch }
    }
}

impl axum::serve::Listener for SimListener {
    type Io = SimStream;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (SimStream, std::net::SocketAddr) {
        loop {
            match self.inner.accept().await {
                Ok((stream, addr)) => {
                    if self.switch.is_down() {
                        self.switch.cut(&stream);
                        drop(stream);
                        continue;
                    }
                    let _ = stream.set_nodelay(true);
                    return (
                        SimStream {
                            inner: stream,
                            switch: self.switch.clone(),
                            cut: false,
                        },
                        addr,
                    );
                }
                Err(err) => {
                    // Per-connection errors (reset before accept) are normal; anything else
                    // (e.g. out of file descriptors) gets a pause so we do not spin.
                    if !matches!(
                        err.kind(),
                        io::ErrorKind::ConnectionAborted
                            | io::ErrorKind::ConnectionReset
                            | io::ErrorKind::ConnectionRefused
                    ) {
                        tracing::debug!(%err, "accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<std::net::SocketAddr> {
        self.inner.local_addr()
    }
}

/// An accepted connection that fails every read and write while the simulator is down.
pub struct SimStream {
    inner: TcpStream,
    switch: DownSwitch,
    cut: bool,
}

impl SimStream {
    fn check(&mut self) -> io::Result<()> {
        if self.cut || self.switch.is_down() {
            if !self.cut {
                self.cut = true;
                self.switch.cut(&self.inner);
            }
            return Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "simulated network down",
            ));
        }
        Ok(())
    }
}

impl AsyncRead for SimStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if let Err(err) = self.check() {
            return Poll::Ready(Err(err));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for SimStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if let Err(err) = self.check() {
            return Poll::Ready(Err(err));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if let Err(err) = self.check() {
            return Poll::Ready(Err(err));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if let Err(err) = self.check() {
            return Poll::Ready(Err(err));
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// One kind of injected server failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failure {
    pub status: u16,
    /// An HTML page from the "load balancer" instead of a JSON body.
    pub html: bool,
}

/// Latency and the seeded fault dice.
pub struct Faults {
    /// `f64` bits, so the rate can change at run time without a lock.
    fail_rate: AtomicU64,
    rng: Mutex<fastrand::Rng>,
    pub latency: Duration,
}

impl Faults {
    pub fn new(fail_rate: f64, latency: Duration, seed: Option<u64>) -> Faults {
        let rng = match seed {
            Some(seed) => fastrand::Rng::with_seed(seed),
            None => fastrand::Rng::new(),
        };
        let faults = Faults {
            fail_rate: AtomicU64::new(0),
            rng: Mutex::new(rng),
            latency,
        };
        faults.set_fail_rate(fail_rate);
        faults
    }

    /// Clamp to 0..=1; NaN means no faults.
    pub fn set_fail_rate(&self, p: f64) {
        let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
        self.fail_rate.store(p.to_bits(), Ordering::SeqCst);
    }

    pub fn fail_rate(&self) -> f64 {
        f64::from_bits(self.fail_rate.load(Ordering::SeqCst))
    }

    /// Roll the dice for one request.
    pub fn roll(&self) -> Option<Failure> {
        let p = self.fail_rate();
        if p <= 0.0 {
            return None;
        }
        let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
        if rng.f64() >= p {
            return None;
        }
        let status = [500, 502, 503][rng.usize(..3)];
        Some(Failure {
            status,
            html: rng.bool(),
        })
    }
}

/// The middleware in front of every API route: sleep, then maybe fail.
pub async fn api_faults(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    if !shared.faults.latency.is_zero() {
        tokio::time::sleep(shared.faults.latency).await;
    }
    let Some(failure) = shared.faults.roll() else {
        return next.run(req).await;
    };
    tracing::debug!(
        status = failure.status,
        path = req.uri().path(),
        "injecting a server error"
    );
    let is_token = req.uri().path() == "/oauth/token";
    let (parts, body) = req.into_parts();
    // A device-code poll answered by the "load balancer" still shows in the poll log. It never
    // reaches the token logic, so it neither counts against the interval nor moves the code.
    let device_code = if is_token {
        let bytes = to_bytes(body, 64 * 1024).await.unwrap_or_default();
        let params = Params::new(parts.uri.query(), &parts.headers, &bytes);
        (params.any("grant_type") == Some(super::oauth::DEVICE_GRANT))
            .then(|| params.any("device_code").map(str::to_string))
            .flatten()
    } else {
        None
    };
    let style = shared.retry_after_style();
    {
        let mut state = shared.lock();
        state.counters.faults_5xx += 1;
        if let Some(code) = device_code {
            state.record_unprocessed_poll(&code, "5xx", Clock::now());
        }
    }
    failure_response(failure, style)
}

/// A 5xx as an API server or a load balancer in front of it would send it.
pub fn failure_response(failure: Failure, style: Option<RetryAfterStyle>) -> Response {
    let status = StatusCode::from_u16(failure.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let reason = status.canonical_reason().unwrap_or("Error");
    let mut resp = if failure.html {
        let page = format!(
            "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n\
             <center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n\
             </body>\r\n</html>\r\n",
            code = failure.status
        );
        (
            status,
            [(header::CONTENT_TYPE, "text/html")],
            Body::from(page),
        )
            .into_response()
    } else {
        let message = match failure.status {
            502 => "Bad gateway.",
            503 => "Service temporarily unavailable, please try again later.",
            _ => "Internal server error.",
        };
        (
            status,
            axum::Json(serde_json::json!({ "code": failure.status, "message": message })),
        )
            .into_response()
    };
    // An overloaded service says when to come back; the client must honour it (DESIGN.md).
    if failure.status == 503 {
        let at = jiff::Timestamp::now().as_second() + 1;
        let value =
            super::ratelimit::retry_after_value(style.unwrap_or(RetryAfterStyle::Seconds), 1, at);
        if let Ok(v) = HeaderValue::from_str(&value) {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dice_follow_the_rate_and_the_seed() {
        let never = Faults::new(0.0, Duration::ZERO, Some(1));
        assert!((0..100).all(|_| never.roll().is_none()));
        let always = Faults::new(1.0, Duration::ZERO, Some(1));
        assert!((0..100).all(|_| always.roll().is_some()));
        let a = Faults::new(0.5, Duration::ZERO, Some(7));
        let b = Faults::new(0.5, Duration::ZERO, Some(7));
        let ra: Vec<_> = (0..50).map(|_| a.roll()).collect();
        let rb: Vec<_> = (0..50).map(|_| b.roll()).collect();
        assert_eq!(ra, rb);
        assert!(ra.iter().any(Option::is_some) && ra.iter().any(Option::is_none));
        a.set_fail_rate(f64::NAN);
        assert_eq!(a.fail_rate(), 0.0);
        a.set_fail_rate(3.0);
        assert_eq!(a.fail_rate(), 1.0);
    }
}
