//! The Meetings screen's state: a list that loads page by page as you scroll (and never more
//! than it shows, unless asked to go to the end), a filter, the selected meeting's details as
//! Zoom gives them on Enter, and the one panel laid over the list (a meeting just made, a QR to
//! start one as host, the ZAK, a past meeting's participants, or the schedule form).

use super::line::Cursor;
use super::schedule::ScheduleForm;
use crate::outcome::Failure;
use crate::qr::Qr;
use crate::secret::Secret;
use crate::zoom::api::{
    Meeting, MeetingId, MeetingKind, MeetingRef, PageTrail, Participant, PastMeeting,
};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// Ask for the next page when the selection is this close to the end of what is loaded.
pub const PREFETCH_ROWS: usize = 10;
/// A ZAK lives five minutes from receipt.
pub const ZAK_LIFETIME: Duration = Duration::from_secs(300);
/// Zoom: a start URL works for two hours (it holds a ZAK); "get a meeting" gives a fresh one.
pub const START_URL_LIFETIME: Duration = Duration::from_secs(2 * 60 * 60);

/// Where a paged list's loading stands.
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
    /// A page failed. With rows loaded the list is cut short here; `resume` asks for the page
    /// that failed again (`None` when retrying cannot help, as for a list that never ends).
    Failed {
        failure: Failure,
        resume: Option<String>,
    },
}

impl Paging {
    /// After a page whose next token is `next`: more, the end, or a list that never ends.
    fn after(trail: &mut PageTrail, next: Option<&str>) -> Paging {
        match trail.follow(next) {
            Ok(Some(token)) => Paging::More(token),
            Ok(None) => Paging::Complete,
            Err(endless) => Paging::Failed {
                failure: Failure::of_error(endless),
                resume: None,
            },
        }
    }

    pub fn failure(&self) -> Option<&Failure> {
        match self {
            Paging::Failed { failure, .. } => Some(failure),
            _ => None,
        }
    }
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

/// A selection in a list of `len` rows shown `height` at a time, and the first row on screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    pub selected: usize,
    pub offset: usize,
}

impl Scroll {
    /// Moves the selection by `delta` rows (negative is up), keeping it on screen.
    pub fn move_by(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(len - 1);
        self.keep_in_view(len, height);
    }

    /// Moves a whole page: the window and the selection move together, so the row under the
    /// selection stays where it was on screen (until an end of the list).
    pub fn page_by(&mut self, pages: isize, len: usize, height: usize) {
        if len == 0 {
            return;
        }
        let height = height.max(1);
        let max_offset = len.saturating_sub(height);
        let step = pages.saturating_mul(height as isize);
        self.offset = self.offset.saturating_add_signed(step).min(max_offset);
        self.selected = self.selected.saturating_add_signed(step).min(len - 1);
        self.keep_in_view(len, height);
    }

    /// Re-clamps the window (after the screen or the list changed size).
    pub fn keep_in_view(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }

    /// Whether the selection is near enough the end of `len` loaded rows to load more.
    fn near_end(&self, len: usize) -> bool {
        self.selected + PREFETCH_ROWS >= len
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

/// A meeting just made with `n`: its join link and a QR so a phone can join.
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

/// A meeting's start URL as a QR, so its host can start it from a phone. The URL holds a ZAK:
/// whoever scans it starts the meeting as the host.
#[derive(Debug, Clone)]
pub struct HostStart {
    pub meeting: Meeting,
    /// The start URL, parsed (see `sanitize::web_link`).
    pub url: Secret,
    pub qr: Option<Arc<Qr>>,
    pub expires_at: Instant,
    pub reveal: bool,
}

/// A past meeting's participants, paged as the list scrolls.
#[derive(Debug, Clone)]
pub struct Participants {
    pub which: MeetingRef,
    pub topic: String,
    pub rows: Vec<Participant>,
    pub paging: Paging,
    pub trail: PageTrail,
    /// Which panel this is (see `MeetingList::panel_generation`): a late page for one closed
    /// before is dropped.
    pub generation: u64,
    pub scroll: Scroll,
}

impl Participants {
    /// The token for the next page, when the selection nears the end and more exists.
    pub fn wants_more(&self) -> Option<String> {
        match &self.paging {
            Paging::More(token) if self.scroll.near_end(self.rows.len()) => Some(token.clone()),
            _ => None,
        }
    }

    /// Adds a page (of this generation).
    pub fn append(&mut self, rows: Vec<Participant>, next: Option<String>) {
        self.rows.extend(rows);
        self.paging = Paging::after(&mut self.trail, next.as_deref());
    }
}

/// What Zoom says about one meeting beyond what the list gave.
#[derive(Debug, Clone)]
pub enum Detail {
    /// `GET /meetings/{id}`: occurrences, recurrence, settings.
    Meeting(Box<Meeting>),
    /// `GET /past_meetings/{id}`: when it really started and ended, and who came.
    Past(Box<PastMeeting>),
}

/// The selected meeting's details, as fetched on Enter.
#[derive(Debug, Clone)]
pub struct Details {
    pub id: MeetingId,
    pub fetch: Fetch<Result<Detail, Failure>>,
}

/// Which answer a panel waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// A meeting being made (instant or scheduled).
    Creating,
    /// A fresh start URL ("get a meeting").
    StartUrl,
    Zak,
}

/// What is laid over the list. One at a time: a panel takes the keys until Esc closes it.
#[derive(Debug, Clone, Default)]
pub enum Panel {
    #[default]
    None,
    Waiting(Waiting),
    Created(Box<Created>),
    HostStart(Box<HostStart>),
    /// The ZAK in `MeetingList::zak`, masked unless revealed.
    Zak {
        reveal: bool,
    },
    Participants(Box<Participants>),
    Schedule(Box<ScheduleForm>),
}

impl Panel {
    pub fn is_open(&self) -> bool {
        !matches!(self, Panel::None)
    }
}

#[derive(Debug, Clone)]
pub struct MeetingList {
    pub kind: MeetingKind,
    pub rows: Vec<Meeting>,
    pub paging: Paging,
    /// Bumped on reload or tab change so a late page of the old list is dropped.
    pub generation: u64,
    /// The same for the participants panels.
    pub panel_generation: u64,
    /// Indices into `rows` that pass the filter (all rows when the filter is empty).
    pub visible: Vec<usize>,
    /// The selection, as a position in `visible`.
    pub scroll: Scroll,
    /// The page tokens followed so far (a server that repeats one is stopped).
    pub trail: PageTrail,
    pub filter: String,
    pub input: ListInput,
    /// `G`/End while pages remain: load them all and land on the last.
    pub seeking_end: bool,
    /// The selected meeting's details, when fetched.
    pub details: Option<Details>,
    pub panel: Panel,
    /// The last ZAK fetched (its countdown shows under the tabs).
    pub zak: Option<Zak>,
}

impl Default for MeetingList {
    fn default() -> Self {
        MeetingList {
            kind: MeetingKind::Scheduled,
            rows: vec![],
            paging: Paging::NotLoaded,
            generation: 0,
            panel_generation: 0,
            visible: vec![],
            scroll: Scroll::default(),
            trail: PageTrail::default(),
            filter: String::new(),
            input: ListInput::Browsing,
            seeking_end: false,
            details: None,
            panel: Panel::None,
            zak: None,
        }
    }
}

impl MeetingList {
    pub fn selected_meeting(&self) -> Option<&Meeting> {
        self.visible
            .get(self.scroll.selected)
            .and_then(|i| self.rows.get(*i))
    }

    /// The details fetched for the selected meeting, if they are for it.
    pub fn selected_details(&self) -> Option<&Fetch<Result<Detail, Failure>>> {
        let id = self.selected_meeting()?.id;
        self.details
            .as_ref()
            .filter(|d| d.id == id)
            .map(|d| &d.fetch)
    }

    /// The link the panel shows, to open in a browser: a new meeting's join URL, or the start
    /// URL of the start QR.
    pub fn panel_link(&self) -> Option<String> {
        match &self.panel {
            Panel::Created(c) => c.meeting.join_url.clone(),
            Panel::HostStart(h) => Some(h.url.expose().to_owned()),
            _ => None,
        }
    }

    /// What `y` copies in the panel: its link, or the ZAK.
    pub fn panel_secret_or_link(&self) -> Option<String> {
        match &self.panel {
            Panel::Zak { .. } => self.zak.as_ref().map(|z| z.token.expose().to_owned()),
            _ => self.panel_link(),
        }
    }

    /// A new generation of the list.
    fn next_generation(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    /// A new generation of participants panel.
    pub fn next_panel_generation(&mut self) -> u64 {
        self.panel_generation += 1;
        self.panel_generation
    }

    /// Starts over for `kind`: the caller then loads the first page.
    pub fn reset(&mut self, kind: MeetingKind) {
        self.kind = kind;
        self.rows.clear();
        self.visible.clear();
        self.scroll = Scroll::default();
        self.next_generation();
        self.trail = PageTrail::default();
        self.paging = Paging::Loading;
        self.seeking_end = false;
        self.details = None;
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
        self.paging = Paging::after(&mut self.trail, next.as_deref());
        true
    }

    /// A page failed: the list is cut short where it is, and `resume` asks for that page again.
    pub fn page_failed(&mut self, failure: Failure, resume: Option<String>) {
        self.paging = Paging::Failed { failure, resume };
        self.seeking_end = false;
    }

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

    /// Re-applies the filter after it changed.
    pub fn refilter(&mut self) {
        let needle = self.filter.to_lowercase();
        self.visible = (0..self.rows.len())
            .filter(|i| matches(&self.rows[*i], &needle))
            .collect();
        self.scroll = Scroll::default();
    }

    pub fn move_by(&mut self, delta: isize, height: usize) {
        self.seeking_end = false;
        self.scroll.move_by(delta, self.visible.len(), height);
    }

    pub fn page_by(&mut self, pages: isize, height: usize) {
        self.seeking_end = false;
        self.scroll.page_by(pages, self.visible.len(), height);
    }

    /// To the last row; while more pages exist, keeps loading them and follows to the end.
    pub fn to_end(&mut self, height: usize) {
        self.scroll
            .move_by(isize::MAX / 2, self.visible.len(), height);
        self.seeking_end = matches!(self.paging, Paging::More(_) | Paging::Loading);
    }

    pub fn keep_in_view(&mut self, height: usize) {
        if self.seeking_end {
            self.scroll.selected = usize::MAX;
        }
        self.scroll.keep_in_view(self.visible.len(), height);
    }

    /// The token for the next page, when the selection is near the end of what is loaded (or
    /// the end is sought) and more exists. While a filter is on, the whole list is loaded so
    /// the filter sees it all.
    pub fn wants_more(&self) -> Option<String> {
        let Paging::More(token) = &self.paging else {
            return None;
        };
        let wanted =
            self.seeking_end || self.scroll.near_end(self.visible.len()) || !self.filter.is_empty();
        wanted.then(|| token.clone())
    }

    /// The page that failed, to ask for again (`r` on a list cut short).
    pub fn resume(&self) -> Option<String> {
        match &self.paging {
            Paging::Failed { resume, .. } if !self.rows.is_empty() => resume.clone(),
            _ => None,
        }
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

    fn at(v: &MeetingList) -> (usize, usize) {
        (v.scroll.selected, v.scroll.offset)
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
        assert_eq!(v.scroll.offset, 11, "the selection stays on screen");
        assert!(v.append(v.generation, page(30, 5), None));
        assert_eq!(v.paging, Paging::Complete);
        assert_eq!(v.wants_more(), None);
    }

    #[test]
    fn the_end_is_the_real_end_loading_every_page_on_the_way() {
        let mut v = MeetingList::default();
        v.reset(MeetingKind::Scheduled);
        v.append(v.generation, page(0, 30), Some("t2".into()));
        v.to_end(10);
        assert_eq!(at(&v), (29, 20));
        assert!(v.seeking_end);
        assert_eq!(v.wants_more().as_deref(), Some("t2"));
        v.append(v.generation, page(30, 30), Some("t3".into()));
        v.keep_in_view(10);
        assert_eq!(at(&v), (59, 50), "it follows the pages to the end");
        v.append(v.generation, page(60, 5), None);
        v.keep_in_view(10);
        assert_eq!(at(&v), (64, 55));
        // With everything loaded, the end is just the last row.
        v.to_end(10);
        assert!(!v.seeking_end, "nothing more to load");
    }

    #[test]
    fn a_server_that_repeats_a_page_token_is_stopped() {
        let mut v = MeetingList::default();
        v.reset(MeetingKind::Scheduled);
        v.append(v.generation, page(0, 30), Some("t".into()));
        v.append(v.generation, page(30, 30), Some("t".into()));
        assert!(
            matches!(&v.paging, Paging::Failed { failure, resume: None } if failure.message.contains("does not end"))
        );
        assert_eq!(v.wants_more(), None, "no more asking");
        assert_eq!(v.resume(), None, "nor asking again");
    }

    #[test]
    fn a_list_cut_short_can_ask_for_the_failed_page_again() {
        let mut v = MeetingList::default();
        v.reset(MeetingKind::Scheduled);
        v.append(v.generation, page(0, 30), Some("t2".into()));
        v.page_failed(
            Failure::new(crate::outcome::Kind::Unreachable, "down"),
            Some("t2".into()),
        );
        assert_eq!(v.resume().as_deref(), Some("t2"));
        assert_eq!(v.rows.len(), 30, "what loaded stays");
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
        assert_eq!(at(&v), (99, 90));
        v.move_by(-95, 10);
        assert_eq!(at(&v), (4, 4));
        v.move_by(-10, 10);
        assert_eq!(at(&v), (0, 0));
    }

    #[test]
    fn a_page_moves_the_window_and_the_selection_by_one_screen() {
        let mut v = MeetingList::default();
        v.reset(MeetingKind::Scheduled);
        v.append(v.generation, page(0, 50), None);
        v.page_by(1, 11);
        assert_eq!(at(&v), (11, 11));
        v.move_by(3, 11);
        v.page_by(1, 11);
        assert_eq!(at(&v), (25, 22), "the row stays where it was on screen");
        v.page_by(5, 11);
        assert_eq!(at(&v), (49, 39), "the last page ends at the last row");
        v.page_by(-1, 11);
        assert_eq!(at(&v), (38, 28));
        v.page_by(-10, 11);
        assert_eq!(at(&v), (0, 0));
    }
}
