//! The Zoom simulator (being written).
