//! The simulator itself, over real HTTP on loopback: the OAuth device flow and token lifecycle,
//! the REST API, the approval pages' cross-site check, its memory bounds, `--demo`'s own
//! credentials, its flags through the real binary, and `zoomctl sim`'s entry point.

#[path = "../common/mod.rs"]
mod common;

mod api;
mod approval;
mod demo;
mod flags;
mod limits;
mod meetings;
mod protocol;
mod run;
