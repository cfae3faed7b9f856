//! The client library over real HTTP: the device-flow driver against the simulator, the fault
//! matrix, and property tests of every parser of outside data.

#[path = "../common/mod.rs"]
mod common;

mod faults;
mod flow;
mod props;
