//! zoomctl: sign a terminal into Zoom with the OAuth 2.0 device flow, then use the token.
//!
//! This library is the program's own internals, public so that the integration tests in
//! `tests/` and the benches in `benches/` can drive them; it is not a stable API for anyone
//! else. `docs/ARCHITECTURE.md` is the map.
//!
//! Layers point one way: `ui` reads `app` state; `app` talks to `flow` and `zoom` only through
//! messages and effects; `zoom` knows nothing of the terminal; `sim` knows nothing of the client.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod demo;
#[doc(hidden)]
pub mod fixtures;
pub mod flow;
pub mod format;
mod fsutil;
pub mod logging;
pub mod outcome;
pub mod qr;
pub mod sanitize;
pub mod secret;
pub mod session;
pub mod shutdown;
pub mod sim;
pub mod store;
pub mod term;
pub mod ui;
pub mod zoom;
