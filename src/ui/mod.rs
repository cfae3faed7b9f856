//! The full-screen app's views: pure functions of [`App`] state and the [`Clock`].
//!
//! A frame is a header line (name, screens, `DEMO`), the current screen, and a status bar (the
//! profile and the keys that work here, or a toast). `?` lays the help over it. Below
//! [`MIN_WIDTH`]×[`MIN_HEIGHT`] only a "terminal too small" message is drawn.
//!
//! Every string that came from a server (codes, URLs, names, scopes, claims, errors) passes
//! through [`crate::sanitize`] before it reaches a cell.

mod credentials;
mod help;
mod meetings;
mod sign_in;
mod status;
pub mod text;
pub mod theme;
mod token;
mod too_small;

use crate::app::{App, Clock, View};
use ratatui::Frame;
use ratatui::layout::Rect;
pub use theme::{Glyphs, Look, Theme};

/// Below this many columns only the "terminal too small" message is drawn.
pub const MIN_WIDTH: u16 = 48;
/// Below this many rows only the "terminal too small" message is drawn.
pub const MIN_HEIGHT: u16 = 14;

/// Draws the whole screen for `app` as it is at `now`.
pub fn draw(frame: &mut Frame, app: &App, now: Clock) {
    let area = frame.area();
    let look = Look::new(app.caps);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small::draw(frame.buffer_mut(), area, &look);
        return;
    }
    let header = Rect::new(area.x, area.y, area.width, 1);
    let status_row = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    // One column of air on each side; the rows between header and status bar.
    let body = Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2);

    status::header(frame.buffer_mut(), header, app, &look);
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
    status::status_bar(frame.buffer_mut(), status_row, app, &look);
    if app.help {
        help::draw(frame.buffer_mut(), area, &look, app.help_scroll);
    } else if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
}

/// The "terminal too small" message for a terminal of this size (as drawn).
pub fn too_small_message(width: u16, height: u16) -> String {
    too_small::message(Rect::new(0, 0, width, height))
}
