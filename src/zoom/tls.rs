//! TLS for every HTTPS request: rustls with ring, certificates checked by the platform's
//! verifier (the OS store on macOS and Windows; on Linux and the BSDs the system's CA files,
//! which `SSL_CERT_FILE` and `SSL_CERT_DIR` can replace), plus the CA certificates of a PEM
//! bundle named by `ZOOMCTL_CA_FILE` or `ca_file` in config.toml, which are *added* to those
//! (a company proxy that re-signs HTTPS, a private Zoom-compatible server).
//!
//! The verifier is built at the first HTTPS handshake, not when the client is: a machine with no
//! CA store at all (a scratch container running the static musl build) still talks plain http
//! to the simulator on loopback, and hears what is missing only when it uses HTTPS.

use crate::config::ConfigError;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The variable that names a CA bundle to add to the platform's roots.
pub const CA_FILE_ENV: &str = "ZOOMCTL_CA_FILE";

/// Where the message about a missing CA store begins: [`super::http`] recognises it.
pub(crate) const NO_ROOTS: &str = "no CA certificates to check it with";

/// The certificates of the PEM bundle at `path` (`from` says who named it, for messages).
pub fn read_bundle(path: &Path, from: &str) -> Result<Vec<CertificateDer<'static>>, ConfigError> {
    let fail =
        |why: String| ConfigError::new(format!("the CA bundle {} ({from}) {why}", path.display()));
    let bytes = std::fs::read(path).map_err(|e| fail(format!("could not be read: {e}")))?;
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<_, _>>()
        .map_err(|e| fail(format!("is not a PEM file of certificates ({e})")))?;
    if certs.is_empty() {
        return Err(fail(
            "holds no certificate (a PEM file has -----BEGIN CERTIFICATE----- blocks)".to_owned(),
        ));
    }
    // Each must be a CA certificate rustls can use: said now, not at the first handshake.
    let mut store = rustls::RootCertStore::empty();
    let (_, ignored) = store.add_parsable_certificates(certs.iter().cloned());
    if ignored > 0 {
        return Err(fail(format!(
            "holds {ignored} certificate(s) that cannot be parsed"
        )));
    }
    Ok(certs)
}

/// The rustls configuration every HTTPS connection uses: HTTP/1.1, TLS 1.2 and 1.3, the
/// platform's roots plus `extra`.
pub fn client_config(
    extra: Vec<CertificateDer<'static>>,
) -> Result<rustls::ClientConfig, ConfigError> {
    let provider = CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()));
    let verifier = LazyVerifier {
        provider: provider.clone(),
        extra,
        built: OnceLock::new(),
    };
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ConfigError::new(format!("could not set up TLS: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// The platform's verifier, made when first needed (see the module's documentation).
#[derive(Debug)]
struct LazyVerifier {
    provider: Arc<CryptoProvider>,
    extra: Vec<CertificateDer<'static>>,
    built: OnceLock<Result<Arc<rustls_platform_verifier::Verifier>, String>>,
}

impl LazyVerifier {
    fn verifier(&self) -> Result<&rustls_platform_verifier::Verifier, rustls::Error> {
        let built = self.built.get_or_init(|| {
            let made = if self.extra.is_empty() {
                rustls_platform_verifier::Verifier::new(self.provider.clone())
            } else {
                rustls_platform_verifier::Verifier::new_with_extra_roots(
                    self.extra.iter().cloned(),
                    self.provider.clone(),
                )
            };
            made.map(Arc::new).map_err(|e| {
                tracing::warn!(error = %e, "no CA certificates could be loaded");
                format!(
                    "{NO_ROOTS}: this machine's CA store could not be loaded ({e}). Install the system's CA certificates (the ca-certificates package), point SSL_CERT_FILE at a bundle (Linux), or add one with {CA_FILE_ENV} or ca_file in config.toml"
                )
            })
        });
        match built {
            Ok(v) => Ok(v),
            Err(message) => Err(rustls::Error::General(message.clone())),
        }
    }
}

impl ServerCertVerifier for LazyVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.verifier()?.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        )
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.verifier()?.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.verifier()?.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        // Asked before any certificate arrives: the provider's list, which is what the
        // platform's verifier answers too, without loading the CA store.
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_must_hold_certificates() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "not a certificate\n").unwrap();
        let e = read_bundle(&empty, "from $ZOOMCTL_CA_FILE")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("empty.pem")
                && e.contains("$ZOOMCTL_CA_FILE")
                && e.contains("no certificate"),
            "{e}"
        );
        let missing = read_bundle(&dir.path().join("nope.pem"), "from config.toml")
            .unwrap_err()
            .to_string();
        assert!(missing.contains("could not be read"), "{missing}");
        let junk = dir.path().join("junk.pem");
        std::fs::write(
            &junk,
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        let e = read_bundle(&junk, "x").unwrap_err().to_string();
        assert!(e.contains("cannot be parsed"), "{e}");
    }
}
