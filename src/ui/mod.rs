//! The full-screen app's views: pure functions of [`App`] state and the [`Clock`].
//!
//! A frame is a header line (name, screens, `DEMO`), the current screen, and a status bar (the
//! profile and the keys that work here, or a toast). `?` lays the help over it. Below
//! [`MIN_WIDTH`]×[`MIN_HEIGHT`] only a "terminal too small" message is drawn.
//!
//! Every string that came from a server (codes, URLs, names, scopes, claims, errors) passes
//! through [`crate::sanitize`] before it reaches a cell.

mod confirm;
mod credentials;
mod help;
mod meetings;
mod messages;
mod picker;
mod sign_in;
mod status;
pub mod text;
pub mod theme;
mod token;
mod too_small;

use crate::app::{App, Clock, Overlay, View, layout};
use ratatui::Frame;
use ratatui::layout::Rect;
pub use theme::{Glyphs, Look, Theme};

pub use layout::{MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole screen for `app` as it is at `now`.
pub fn draw(frame: &mut Frame, app: &App, now: Clock) {
    let area = frame.area();
    let look = Look::new(app.caps);
    let Some(layout) = layout::frame(area) else {
        too_small::draw(frame.buffer_mut(), area, &look);
        return;
    };
    status::header(frame.buffer_mut(), layout.header, app, &look);
    let body = layout.body;
    let cursor = match app.view {
        View::Credentials => credentials::draw(frame.buffer_mut(), body, &app.form, &look),
        View::SignIn => {
            sign_in::draw(frame.buffer_mut(), body, app, &look, now);
            None
        }
        View::Token => {
            token::draw(frame.buffer_mut(), body, app, &look, now);
            None
        }
        View::Meetings => meetings::draw(frame.buffer_mut(), body, app, &look, now),
    };
    status::status_bar(frame.buffer_mut(), layout.status, app, &look);
    let cursor = match &app.picker {
        Some(p) => picker::draw(frame.buffer_mut(), body, p, app.profile(), &look),
        None => cursor,
    };
    if let Some(question) = app.confirm {
        confirm::draw(frame.buffer_mut(), body, question, &look);
    } else if let Some(overlay) = app.overlay {
        match overlay {
            Overlay::Help { scroll } => help::draw(frame.buffer_mut(), area, &look, scroll),
            Overlay::Messages { scroll } => {
                messages::draw(frame.buffer_mut(), area, &app.log, &look, scroll)
            }
        }
    } else if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
    text::overlaps_win(frame.buffer_mut());
}

/// The "terminal too small" message for a terminal of this size (as drawn).
pub fn too_small_message(width: u16, height: u16) -> String {
    too_small::message(Rect::new(0, 0, width, height))
}
