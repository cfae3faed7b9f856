//! Talking to Zoom (or any RFC 8628 server mounted at Zoom's paths). Knows nothing of terminals.

pub mod api;
pub mod http;
pub mod jwt;
pub mod oauth;
pub mod tls;
