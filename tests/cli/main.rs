//! The real `zoomctl` binary as scripts and people at a shell run it, against the simulator and
//! against servers that misbehave on purpose: the commands, meetings, secrets, crash safety and
//! hostile answers.

#[path = "../common/mod.rs"]
mod common;

mod api;
mod certificates;
mod commands;
mod conventions;
mod crash_safety;
mod hostile_servers;
mod json_output;
mod login_json;
mod logs;
mod meetings;
mod profiles;
mod secrets;
mod sign_in_survives;
mod where_secrets_go;
