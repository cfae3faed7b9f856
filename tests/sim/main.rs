//! The simulator itself, over real HTTP on loopback: the OAuth device flow and token lifecycle,
//! the REST API, and `zoomctl sim`'s entry point.

#[path = "../common/mod.rs"]
mod common;

mod api;
mod approval;
mod demo;
mod flags;
mod limits;
mod protocol;
mod run;
