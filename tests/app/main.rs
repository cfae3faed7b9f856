//! The full-screen app as a person sees it: every screen drawn on a `TestBackend` (insta
//! snapshots), and the whole app driven by keys against the simulator over loopback.

#[path = "../common/mod.rs"]
mod common;

mod screens;
mod whole_app;
