//! zoomctl: sign a terminal into Zoom with the OAuth 2.0 device flow, then use the token.
//!
//! Layers point one way: `ui` reads `app` state; `app` talks to `flow` and `zoom` only through
//! messages and effects; `zoom` knows nothing of the terminal; `sim` knows nothing of the client.

pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod demo;
pub mod flow;
pub mod fsutil;
pub mod headless;
pub mod logging;
pub mod meetings;
pub mod qr;
pub mod sanitize;
pub mod secret;
pub mod shutdown;
pub mod sim;
pub mod store;
pub mod term;
pub mod ui;
pub mod zoom;
