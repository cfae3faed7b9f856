//! Where things go on the screen, computed in one place: the views draw into these rectangles
//! and `update` pages the meetings list by the same row count, so PageDown moves exactly the
//! page the person sees.

use ratatui::layout::{Rect, Size};

/// Below this many columns only the "terminal too small" message is drawn.
pub const MIN_WIDTH: u16 = 48;
/// Below this many rows only the "terminal too small" message is drawn.
pub const MIN_HEIGHT: u16 = 14;

/// The frame around every screen: a header row, the body, and the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
}

impl Frame {
    /// Rows of the screen that are not the body.
    pub const CHROME_ROWS: u16 = 2;
    /// Columns of the screen that are not the body (one of air on each side).
    pub const CHROME_COLUMNS: u16 = 2;
}

/// The frame for a screen of `area`, or `None` when it is too small for anything but the
/// "terminal too small" message.
pub fn frame(area: Rect) -> Option<Frame> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    Some(Frame {
        header: Rect::new(area.x, area.y, area.width, 1),
        body: Rect::new(
            area.x + 1,
            area.y + 1,
            area.width - Frame::CHROME_COLUMNS,
            area.height - Frame::CHROME_ROWS,
        ),
        status: Rect::new(area.x, area.bottom() - 1, area.width, 1),
    })
}

/// The Meetings screen: list tabs, an info line, the list (its column headings, then rows) and
/// the selected meeting's details beside it (wide screens) or below it (tall ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meetings {
    pub tabs: Rect,
    pub info: Rect,
    pub headings: Rect,
    /// One row per meeting.
    pub rows: Rect,
    pub details: Option<Rect>,
    /// The column of the rule between list and details, when they are side by side.
    pub rule_x: Option<u16>,
}

impl Meetings {
    /// The details go beside the list from this body width, below it otherwise.
    pub const WIDE: u16 = 96;
    pub const DETAIL_WIDTH: u16 = 42;
    /// Rows the details take when stacked under the list.
    pub const DETAIL_ROWS: u16 = 7;
}

/// The Meetings screen in `body`.
pub fn meetings(body: Rect) -> Meetings {
    let tabs = Rect::new(body.x, body.y, body.width, body.height.min(1));
    let info = Rect::new(
        body.x,
        body.y + 1,
        body.width,
        body.height.saturating_sub(1).min(1),
    );
    let rest = Rect::new(
        body.x,
        body.y + 2,
        body.width,
        body.height.saturating_sub(2),
    );
    let (list, details, rule_x) = if rest.width >= Meetings::WIDE {
        // List | details, with a rule between them.
        let list_w = rest.width - Meetings::DETAIL_WIDTH - 3;
        (
            Rect::new(rest.x, rest.y, list_w, rest.height),
            Some(Rect::new(
                rest.x + list_w + 3,
                rest.y,
                Meetings::DETAIL_WIDTH,
                rest.height,
            )),
            Some(rest.x + list_w + 1),
        )
    } else if rest.height >= Meetings::DETAIL_ROWS + 6 {
        let list_h = rest.height - Meetings::DETAIL_ROWS - 1;
        (
            Rect::new(rest.x, rest.y, rest.width, list_h),
            Some(Rect::new(
                rest.x,
                rest.y + list_h + 1,
                rest.width,
                Meetings::DETAIL_ROWS,
            )),
            None,
        )
    } else {
        (rest, None, None)
    };
    Meetings {
        tabs,
        info,
        headings: Rect::new(list.x, list.y, list.width, list.height.min(1)),
        rows: Rect::new(
            list.x,
            list.y + list.height.min(1),
            list.width,
            list.height.saturating_sub(1),
        ),
        details,
        rule_x,
    }
}

/// How many meetings the list shows on a screen of `size` (at least one, so paging moves).
pub fn meeting_rows(size: Size) -> usize {
    let rows =
        frame(Rect::new(0, 0, size.width, size.height)).map_or(0, |f| meetings(f.body).rows.height);
    usize::from(rows).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_as_tall_as_what_is_drawn() {
        // 80x24: body 22 rows; tabs, info; the list 12 rows with its headings; details 7.
        assert_eq!(meeting_rows(Size::new(80, 24)), 11);
        // Wide screens put the details beside the list: all the rest is rows.
        assert_eq!(meeting_rows(Size::new(200, 60)), 60 - 2 - 2 - 1);
        assert_eq!(meeting_rows(Size::new(100, 32)), 32 - 2 - 2 - 1);
        assert_eq!(
            meeting_rows(Size::new(10, 5)),
            1,
            "too small still pages by one"
        );
    }

    #[test]
    fn nothing_lies_outside_the_body() {
        for (w, h) in [(48, 14), (80, 24), (95, 40), (96, 20), (200, 60)] {
            let f = frame(Rect::new(0, 0, w, h)).unwrap();
            let m = meetings(f.body);
            for r in [m.tabs, m.info, m.headings, m.rows]
                .into_iter()
                .chain(m.details)
            {
                assert_eq!(r.intersection(f.body), r, "{w}x{h}: {r:?}");
            }
        }
        assert_eq!(frame(Rect::new(0, 0, 47, 30)), None);
    }
}
