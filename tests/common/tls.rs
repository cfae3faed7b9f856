//! An HTTPS server on 127.0.0.1:0 with a certificate made when the test runs (rcgen): a test
//! CA, and a certificate it issued for `localhost` and 127.0.0.1. Nothing is committed: every
//! run makes new keys. Each connection gets one fixed JSON answer; what arrived is kept.

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};

/// A CA made for one test, and a server certificate it issued.
pub struct TestCa {
    /// The CA's certificate, PEM: what `ZOOMCTL_CA_FILE` would name.
    pub ca_pem: String,
    chain: Vec<CertificateDer<'static>>,
    key: Vec<u8>,
}

impl TestCa {
    pub fn new() -> TestCa {
        use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
        let ca_key = KeyPair::generate().expect("a CA key");
        let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(DnType::CommonName, "zoomctl test CA (made by the test)");
        let ca_cert = ca.self_signed(&ca_key).expect("the CA certificate");
        let issuer = Issuer::new(ca, ca_key);
        let key = KeyPair::generate().expect("a server key");
        let mut leaf = CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
            .expect("server params");
        leaf.distinguished_name
            .push(DnType::CommonName, "localhost");
        let cert = leaf
            .signed_by(&key, &issuer)
            .expect("the server certificate");
        TestCa {
            ca_pem: ca_cert.pem(),
            chain: vec![cert.der().clone()],
            key: key.serialize_der(),
        }
    }

    fn server_config(&self) -> Arc<rustls::ServerConfig> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(
                self.chain.clone(),
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key.clone())),
            )
            .expect("a server config");
        Arc::new(config)
    }
}

/// What one connection did.
#[derive(Debug, Clone)]
pub enum Seen {
    /// The handshake did not finish (the client refused the certificate): nothing was sent.
    Refused,
    /// A request arrived: its head, as text.
    Request(String),
}

pub struct TlsServer {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl TlsServer {
    /// Answers every request with `body` (JSON), over TLS with `ca`'s server certificate.
    pub fn start(ca: &TestCa, body: &'static str) -> TlsServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let seen = Arc::new(Mutex::new(vec![]));
        let config = ca.server_config();
        let log = seen.clone();
        // Blocking threads, gone with the test process.
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (config, log) = (config.clone(), log.clone());
                std::thread::spawn(move || serve(stream, config, body, &log));
            }
        });
        TlsServer { addr, seen }
    }

    /// `https://HOST:PORT` (`localhost` or `127.0.0.1`: the certificate names both).
    pub fn url(&self, host: &str) -> String {
        format!("https://{host}:{}", self.addr.port())
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    pub fn requests(&self) -> Vec<String> {
        self.seen()
            .into_iter()
            .filter_map(|s| match s {
                Seen::Request(head) => Some(head),
                Seen::Refused => None,
            })
            .collect()
    }
}

fn serve(
    stream: std::net::TcpStream,
    config: Arc<rustls::ServerConfig>,
    body: &str,
    log: &Mutex<Vec<Seen>>,
) {
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(10)));
    let conn = rustls::ServerConnection::new(config).expect("a TLS connection");
    let mut tls = rustls::StreamOwned::new(conn, stream);
    let mut head = vec![];
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match tls.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => {
                log.lock().unwrap().push(Seen::Refused);
                return;
            }
        }
    }
    log.lock()
        .unwrap()
        .push(Seen::Request(String::from_utf8_lossy(&head).into_owned()));
    let answer = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tls.write_all(answer.as_bytes());
    tls.conn.send_close_notify();
    let _ = tls.flush();
}
