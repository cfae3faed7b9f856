//! The one screen shown below the minimum size, built from the same constants `draw` checks.

use super::text::{self, put_lines, w16};
use super::theme::Look;
use super::{MIN_HEIGHT, MIN_WIDTH};
use ratatui::buffer::Buffer;
use ratatui::layout::{HorizontalAlignment, Rect};

pub fn message(area: Rect) -> String {
    format!(
        "Terminal too small: {}x{}. zoomctl needs at least {MIN_WIDTH}x{MIN_HEIGHT}.",
        area.width, area.height
    )
}

pub fn draw(buf: &mut Buffer, area: Rect, look: &Look) {
    let lines: Vec<_> = text::wrap_str(&message(area), look.theme.warn, usize::from(area.width))
        .into_iter()
        .map(|l| l.alignment(HorizontalAlignment::Center))
        .collect();
    let h = w16(lines.len()).min(area.height);
    let y = area.y + (area.height - h) / 2;
    put_lines(buf, Rect::new(area.x, y, area.width, h), &lines);
}
