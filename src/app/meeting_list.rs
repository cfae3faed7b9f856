//! The Meetings screen's state: a list that loads page by page as you scroll (and never more
//! than it shows), a filter, the meeting just created, and the ZAK with its countdown.

use super::line::Cursor;
use crate::outcome::Failure;
use crate::qr::Qr;
use crate::secret::Secret;
use crate::zoom::api::{Meeting, MeetingKind, PageTrail};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// Ask for the next page when the selection is this close to the end of what is loaded.
pub const PREFETCH_ROWS: usize = 10;
/// A ZAK lives five minutes from receipt.
pub const ZAK_LIFETIME: Duration = Duration::from_secs(300);

/// Where the list's loading stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Paging {
    /// Nothing asked for yet.
    NotLoaded,
    /// A page is on its way.
    Loading,
    /// More pages exist; this token fetches the next.
    More(String),
    /// Everything is loaded.
    Complete,
    Failed(Failure),
}

/// Something asked of the server for this screen: not asked, on its way, or here.
#[derive(Debug, Clone, Default)]
pub enum Fetch<T> {
    #[default]
    Idle,
    Loading,
    Ready(T),
}

impl<T> Fetch<T> {
    pub fn ready(&self) -> Option<&T> {
        match self {
            Fetch::Ready(t) => Some(t),
            Fetch::Idle | Fetch::Loading => None,
        }
    }

    pub fn is_loading(&self) -> bool {
        matches!(self, Fetch::Loading)
    }
}

/// Whether keys move the list or type into its filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ListInput {
    #[default]
    Browsing,
    /// Typing into the filter (the cursor is here, the text in `filter`); Esc puts back what
    /// it was before.
    Filtering { before: String, cursor: Cursor },
}

/// A meeting just started with `n`: its join link and a QR so a phone can join.
#[derive(Debug, Clone)]
pub struct Created {
    pub meeting: Meeting,
    pub qr: Option<Arc<Qr>>,
}

#[derive(Debug, Clone)]
pub struct Zak {
    pub token: Secret,
    pub expires_at: Instant,
}

#[derive(Debug, Clone)]
pub struct MeetingList {
    pub kind: MeetingKind,
    pub rows: Vec<Meeting>,
    pub paging: Paging,
    /// Bumped on reload or tab change so a late page of the old list is dropped.
    pub generation: u64,
    /// Indices into `rows` that pass the filter (all rows when the filter is empty).
    pub visible: Vec<usize>,
    /// Position in `visible`.
    pub selected: usize,
    /// First position of `visible` on screen.
    pub offset: usize,
    /// The page tokens followed so far (a server that repeats one is stopped).
    pub trail: PageTrail,
    pub filter: String,
    pub input: ListInput,
    /// The instant meeting started with `n`.
    pub created: Fetch<Created>,
    pub zak: Fetch<Zak>,
}

impl Default for MeetingList {
    fn default() -> Self {
        MeetingList {
            kind: MeetingKind::Scheduled,
            rows: vec![],
            paging: Paging::NotLoaded,
            generation: 0,
            visible: vec![],
            selected: 0,
            offset: 0,
            trail: PageTrail::default(),
            filter: String::new(),
            input: ListInput::Browsing,
            created: Fetch::Idle,
            zak: Fetch::Idle,
        }
    }
}

impl MeetingList {
    pub fn selected_meeting(&self) -> Option<&Meeting> {
        self.visible
            .get(self.selected)
            .and_then(|i| self.rows.get(*i))
    }

    /// Starts over for `kind`: the caller then loads the first page.
    pub fn reset(&mut self, kind: MeetingKind) {
        self.kind = kind;
        self.rows.clear();
        self.visible.clear();
        self.selected = 0;
        self.offset = 0;
        self.generation += 1;
        self.trail = PageTrail::default();
        self.paging = Paging::Loading;
    }

    /// Adds a page; returns false for a page of an older generation (ignored).
    pub fn append(
        &mut self,
        generation: u64,
        meetings: Vec<Meeting>,
        next: Option<String>,
    ) -> bool {
        if generation != self.generation {
            return false;
        }
        let start = self.rows.len();
        self.rows.extend(meetings);
        let needle = self.filter.to_lowercase();
        self.visible
            .extend((start..self.rows.len()).filter(|i| matches(&self.rows[*i], &needle)));
        self.paging = match self.trail.follow(next.as_deref()) {
            Ok(Some(token)) => Paging::More(token),
            Ok(None) => Paging::Complete,
            Err(endless) => Paging::Failed(Failure::of_error(endless)),
        };
        true
    }

    /// Re-applies the filter after it changed.
    /// The filter being typed and where the cursor is in it.
    pub fn typing(&self) -> Option<(&str, Cursor)> {
        match &self.input {
            ListInput::Filtering { cursor, .. } => Some((&self.filter, *cursor)),
            ListInput::Browsing => None,
        }
    }

    /// What typing made of the filter.
    pub fn typed(&mut self, text: String, at: Cursor) {
        if let ListInput::Filtering { cursor, .. } = &mut self.input {
            *cursor = at;
        }
        if text != self.filter {
            self.filter = text;
            self.refilter();
        }
    }

    pub fn refilter(&mut self) {
        let needle = self.filter.to_lowercase();
        self.visible = (0..self.rows.len())
            .filter(|i| matches(&self.rows[*i], &needle))
            .collect();
        self.selected = 0;
        self.offset = 0;
    }

    /// Moves the selection by `delta` rows (negative is up), keeping it on screen in a list
    /// `height` rows tall.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        if self.visible.is_empty() {
            return;
        }
        let last = self.visible.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.keep_in_view(height);
    }

    /// Moves a whole page of `height` rows: the window and the selection move together, so the
    /// row under the selection stays where it was on screen (until an end of the list).
    pub fn page_by(&mut self, pages: isize, height: usize) {
        if self.visible.is_empty() {
            return;
        }
        let height = height.max(1);
        let last = self.visible.len() - 1;
        let max_offset = self.visible.len().saturating_sub(height);
        let step = pages.saturating_mul(height as isize);
        self.offset = self.offset.saturating_add_signed(step).min(max_offset);
        self.selected = self.selected.saturating_add_signed(step).min(last);
        self.keep_in_view(height);
    }

    /// Re-clamps the window after the screen changed size.
    pub fn keep_in_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.visible.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }

    /// The token for the next page, when the selection is near the end of what is loaded and
    /// more exists. While a filter is on, the whole list is loaded so the filter sees it all.
    pub fn wants_more(&self) -> Option<String> {
        let Paging::More(token) = &self.paging else {
            return None;
        };
        let near_end = self.selected + PREFETCH_ROWS >= self.visible.len();
        (near_end || !self.filter.is_empty()).then(|| token.clone())
    }
}

fn matches(meeting: &Meeting, needle_lower: &str) -> bool {
    needle_lower.is_empty() || meeting.topic.to_lowercase().contains(needle_lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(id: i64, topic: &str) -> Meeting {
        serde_json::from_value(serde_json::json!({"id": id, "topic": topic})).unwrap()
    }

    fn page(from: i64, n: i64) -> Vec<Meeting> {
        (from..from + n)
            .map(|i| meeting(i, &format!("Meeting {i}")))
            .collect()
    }

    #[test]
    fn pages_load_only_as_the_selection_nears_the_end() {
        let mut v = MeetingList::default();
        v.reset(MeetingKind::Scheduled);
        assert!(v.append(v.generation, page(0, 30), Some("t2".into())));
        assert_eq!(
            v.wants_more(),
            None,
            "30 loaded, selection at the top: no more yet"
        );
        v.move_by(25, 15);
        assert_eq!(v.wants_more().as_deref(), Some("t2"));
        assert_eq!(v.offset, 11, "the selection stays on screen");
        assert!(v.append(v.generation, page(30, 5), None));
        assert_eq!(v.paging, Paging::Complete);
        assert_eq!(v.wants_more(), None);
    }

    #[test]
    fn a_server_that_repeats_a_page_token_is_stopped() {
        let mut v = MeetingList::default();
        v.reset(MeetingKind::Scheduled);
        v.append(v.generation, page(0, 30), Some("t".into()));
        v.append(v.generation, page(30, 30), Some("t".into()));
        assert!(matches!(&v.paging, Paging::Failed(f) if f.message.contains("does not end")));
        assert_eq!(v.wants_more(), None, "no more asking");
    }

    #[test]
    fn a_page_of_an_older_list_is_dropped() {
        let mut v = MeetingList::default();
        v.reset(MeetingKind::Scheduled);
        let old = v.generation;
        v.reset(MeetingKind::Live);
        assert!(!v.append(old, page(0, 3), None));
        assert!(v.rows.is_empty());
    }

    #[test]
    fn the_filter_narrows_and_keeps_loading_so_it_sees_everything() {
        let mut v = MeetingList::default();
        v.reset(MeetingKind::Scheduled);
        v.append(
            v.generation,
            vec![
                meeting(1, "Weekly SYNC"),
                meeting(2, "Retro"),
                meeting(3, "sync-up"),
            ],
            Some("t".into()),
        );
        v.filter = "sync".into();
        v.refilter();
        assert_eq!(v.visible, [0, 2]);
        assert_eq!(v.selected_meeting().unwrap().id, 1);
        assert_eq!(v.wants_more().as_deref(), Some("t"));
        v.append(
            v.generation,
            vec![meeting(4, "Async"), meeting(5, "Other")],
            None,
        );
        assert_eq!(v.visible, [0, 2, 3]);
    }

    #[test]
    fn moving_is_clamped_and_scrolls_both_ways() {
        let mut v = MeetingList::default();
        v.reset(MeetingKind::Scheduled);
        v.append(v.generation, page(0, 100), None);
        v.move_by(1000, 10);
        assert_eq!((v.selected, v.offset), (99, 90));
        v.move_by(-95, 10);
        assert_eq!((v.selected, v.offset), (4, 4));
        v.move_by(-10, 10);
        assert_eq!((v.selected, v.offset), (0, 0));
    }

    #[test]
    fn a_page_moves_the_window_and_the_selection_by_one_screen() {
        let mut v = MeetingList::default();
        v.reset(MeetingKind::Scheduled);
        v.append(v.generation, page(0, 50), None);
        v.page_by(1, 11);
        assert_eq!((v.selected, v.offset), (11, 11));
        v.move_by(3, 11);
        v.page_by(1, 11);
        assert_eq!(
            (v.selected, v.offset),
            (25, 22),
            "the row stays where it was on screen"
        );
        v.page_by(5, 11);
        assert_eq!(
            (v.selected, v.offset),
            (49, 39),
            "the last page ends at the last row"
        );
        v.page_by(-1, 11);
        assert_eq!((v.selected, v.offset), (38, 28));
        v.page_by(-10, 11);
        assert_eq!((v.selected, v.offset), (0, 0));
    }
}
