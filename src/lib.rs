//! zoomctl: sign a terminal into Zoom with the OAuth 2.0 device flow, then use the token.
//!
//! Layers point one way: `ui` reads `app` state; `app` talks to `flow` and `zoom` only through
//! messages and effects; `zoom` knows nothing of the terminal; `sim` knows nothing of the client.

pub mod qr;
pub mod sim;
pub mod config;
pub mod fsutil;
pub mod sanitize;
pub mod secret;
pub mod zoom;
pub mod store;
pub mod flow;
pub mod auth;
pub mod logging;
