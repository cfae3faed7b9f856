//! Scheduled meetings of the simulated user (filled in by phase 2).

/// The user's meetings.
#[derive(Debug, Default)]
pub struct MeetingStore {}
