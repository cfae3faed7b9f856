//! What keys and the server's answers do on the Meetings screen. Its state is
//! [`MeetingList`](super::meeting_list::MeetingList); like `update`, this does no I/O: a call to
//! Zoom goes out as an [`Effect::Zoom`] and comes back as a [`MeetingsMsg`].

use super::keymap::{Action, Context, key_for};
use super::meeting_list::{
    Created, Detail, Details, Fetch, HostStart, ListInput, Paging, Panel, Participants,
    START_URL_LIFETIME, Scroll, Waiting, ZAK_LIFETIME, Zak,
};
use super::schedule::ScheduleForm;
use super::update::{Effect, api_failed, copy_link, toast};
use super::{App, Clock, Question, ToastKind};
use crate::outcome::Failure;
use crate::qr::Qr;
use crate::secret::Secret;
use crate::zoom::api::{
    MAX_PAGE_SIZE, Meeting, MeetingId, MeetingKind, MeetingRef, MeetingType, NewMeeting,
    Participant, PastMeeting,
};
use std::sync::Arc;

/// Why a meeting is fetched ("get a meeting").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Enter: what the list does not say.
    Details,
    /// `S`: a fresh start URL for the start QR.
    StartAsHost,
}

/// A call to Zoom's API for this screen, with the stored sign-in.
#[derive(Debug, Clone)]
pub enum ZoomCall {
    Meetings {
        kind: MeetingKind,
        generation: u64,
        page_token: Option<String>,
        page_size: u32,
    },
    Create(Box<NewMeeting>),
    Meeting {
        id: u64,
        purpose: Purpose,
    },
    PastMeeting {
        which: MeetingRef,
        id: MeetingId,
    },
    Participants {
        which: MeetingRef,
        generation: u64,
        page_token: Option<String>,
        page_size: u32,
    },
    Delete {
        id: u64,
    },
    Zak,
}

/// Zoom's answers to [`ZoomCall`]s, failures already sorted.
#[derive(Debug)]
pub enum MeetingsMsg {
    /// A page of the list of `generation`, asked for with `page_token`.
    Page {
        generation: u64,
        page_token: Option<String>,
        result: Result<(Vec<Meeting>, Option<String>), Failure>,
    },
    Created(Result<Meeting, Failure>),
    Fetched {
        id: MeetingId,
        purpose: Purpose,
        result: Result<Meeting, Failure>,
    },
    PastFetched {
        id: MeetingId,
        result: Result<PastMeeting, Failure>,
    },
    ParticipantsPage {
        generation: u64,
        result: Result<(Vec<Participant>, Option<String>), Failure>,
    },
    Deleted {
        id: MeetingId,
        result: Result<(), Failure>,
    },
    Zak(Result<Secret, Failure>),
}

/// The call as an effect, with the form's settings (the keymap let the key through only when
/// they are valid).
fn zoom(app: &App, call: ZoomCall) -> Vec<Effect> {
    match app.form.settings() {
        Ok(settings) => vec![Effect::Zoom {
            settings: Box::new(settings),
            call,
        }],
        Err(_) => vec![],
    }
}

/// Does what a Meetings key does (`keymap::available` said it can); `None` for an action
/// that is not this screen's.
pub fn act(app: &mut App, action: Action, context: Context, now: Clock) -> Option<Vec<Effect>> {
    let rows = app.meeting_rows();
    Some(match (action, context) {
        (Action::Up, Context::Participants) => {
            participants_moved(app, |s, n| s.move_by(-1, n, rows))
        }
        (Action::Down, Context::Participants) => {
            participants_moved(app, |s, n| s.move_by(1, n, rows))
        }
        (Action::PageUp, Context::Participants) => {
            participants_moved(app, |s, n| s.page_by(-1, n, rows))
        }
        (Action::PageDown, Context::Participants) => {
            participants_moved(app, |s, n| s.page_by(1, n, rows))
        }
        (Action::Up, _) => scrolled(app, |l| l.move_by(-1, rows)),
        (Action::Down, _) => scrolled(app, |l| l.move_by(1, rows)),
        (Action::PageUp, _) => scrolled(app, |l| l.page_by(-1, rows)),
        (Action::PageDown, _) => scrolled(app, |l| l.page_by(1, rows)),
        (Action::First, _) => scrolled(app, |l| l.move_by(isize::MIN / 2, rows)),
        (Action::Last, _) => scrolled(app, |l| l.to_end(rows)),
        (Action::PrevTab | Action::NextTab, _) => {
            let kinds = MeetingKind::ALL;
            let i = kinds
                .iter()
                .position(|k| *k == app.meetings.kind)
                .unwrap_or(0);
            let n = kinds.len();
            let j = if action == Action::NextTab {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            reload(app, kinds[j])
        }
        (Action::Reload, _) => match app.meetings.resume() {
            // Cut short: ask for the page that failed, keeping what is loaded.
            Some(token) => {
                app.meetings.paging = Paging::Loading;
                load_page(app, Some(token))
            }
            None => {
                let kind = app.meetings.kind;
                reload(app, kind)
            }
        },
        (Action::Filter, _) => {
            let before = app.meetings.filter.clone();
            let cursor = super::line::end_of(&before);
            app.meetings.input = ListInput::Filtering { before, cursor };
            vec![]
        }
        (Action::NewMeeting, _) => {
            app.confirm = Some(Question::StartMeeting);
            vec![]
        }
        (Action::Schedule, _) => {
            let form = ScheduleForm::new(now.wall, &jiff::tz::TimeZone::system());
            app.meetings.panel = Panel::Schedule(Box::new(form));
            vec![]
        }
        (Action::Details, _) => details(app),
        (Action::StartAsHost, _) => match selected_id(app) {
            Some(id) => {
                app.meetings.panel = Panel::Waiting(Waiting::StartUrl);
                zoom(
                    app,
                    ZoomCall::Meeting {
                        id,
                        purpose: Purpose::StartAsHost,
                    },
                )
            }
            None => vec![],
        },
        (Action::DeleteMeeting, _) => {
            if let (Some(id), Some(m)) = (selected_id(app), app.meetings.selected_meeting()) {
                let recurring = m.kind.is_recurring();
                app.confirm = Some(Question::DeleteMeeting { id, recurring });
            }
            vec![]
        }
        (Action::Participants, _) => participants(app),
        (Action::FetchZak, _) => {
            app.meetings.panel = Panel::Waiting(Waiting::Zak);
            zoom(app, ZoomCall::Zak)
        }
        (Action::CopyJoinUrl, _) => match app
            .meetings
            .selected_meeting()
            .and_then(|m| m.join_url.clone())
        {
            Some(url) => copy_link(app, now, &url, "Join URL"),
            None => vec![],
        },
        (Action::OpenBrowser, _) => {
            let link = match context {
                Context::Panel => app.meetings.panel_link(),
                _ => app
                    .meetings
                    .selected_meeting()
                    .and_then(|m| m.join_url.clone()),
            };
            link.as_deref()
                .and_then(crate::sanitize::web_link)
                .map(Effect::OpenBrowser)
                .into_iter()
                .collect()
        }
        (Action::CopyShown, _) => copy_shown(app, now),
        (Action::RevealShown, _) => {
            match &mut app.meetings.panel {
                Panel::Zak { reveal } => *reveal = !*reveal,
                Panel::HostStart(h) => h.reveal = !h.reveal,
                _ => {}
            }
            vec![]
        }
        (Action::ClosePanel, _) => {
            app.meetings.panel = Panel::None;
            vec![]
        }
        (Action::NextField | Action::PrevField, _) => {
            if let Panel::Schedule(form) = &mut app.meetings.panel {
                form.move_focus(if action == Action::NextField { 1 } else { -1 });
            }
            vec![]
        }
        (Action::Submit, _) => submit(app, now),
        _ => return None,
    })
}

/// A yes to "Make an instant meeting?".
pub fn start_instant(app: &mut App) -> Vec<Effect> {
    app.meetings.panel = Panel::Waiting(Waiting::Creating);
    let request = NewMeeting::instant("zoomctl instant meeting");
    zoom(app, ZoomCall::Create(Box::new(request)))
}

/// A yes to "Delete meeting …?".
pub fn delete(app: &mut App, id: u64) -> Vec<Effect> {
    zoom(app, ZoomCall::Delete { id })
}

fn selected_id(app: &App) -> Option<u64> {
    app.meetings.selected_meeting()?.id.get()
}

/// Which past instance a row of the Previous list is: its UUID when the list gave one (that
/// very instance), else its ID (Zoom answers with the latest).
fn past_ref(meeting: &Meeting) -> Option<MeetingRef> {
    match &meeting.uuid {
        Some(uuid) => Some(MeetingRef::Uuid(uuid.clone())),
        None => meeting.id.get().map(MeetingRef::Id),
    }
}

/// Enter: asks Zoom about the selected meeting (a past instance in the Previous list).
fn details(app: &mut App) -> Vec<Effect> {
    let Some(meeting) = app.meetings.selected_meeting() else {
        return vec![];
    };
    let id = meeting.id;
    let call = if app.meetings.kind == MeetingKind::PreviousMeetings {
        past_ref(meeting).map(|which| ZoomCall::PastMeeting { which, id })
    } else {
        id.get().map(|id| ZoomCall::Meeting {
            id,
            purpose: Purpose::Details,
        })
    };
    let Some(call) = call else {
        return vec![];
    };
    app.meetings.details = Some(Details {
        id,
        fetch: Fetch::Loading,
    });
    zoom(app, call)
}

/// `p` in the Previous list: who came, paged as the panel scrolls.
fn participants(app: &mut App) -> Vec<Effect> {
    let Some(meeting) = app.meetings.selected_meeting() else {
        return vec![];
    };
    let (Some(which), topic) = (past_ref(meeting), meeting.topic.clone()) else {
        return vec![];
    };
    let generation = app.meetings.next_panel_generation();
    let list = Participants {
        which: which.clone(),
        topic,
        rows: vec![],
        paging: Paging::Loading,
        trail: Default::default(),
        generation,
        scroll: Scroll::default(),
    };
    app.meetings.panel = Panel::Participants(Box::new(list));
    participants_page(app, which, generation, None)
}

fn participants_page(
    app: &App,
    which: MeetingRef,
    generation: u64,
    page_token: Option<String>,
) -> Vec<Effect> {
    zoom(
        app,
        ZoomCall::Participants {
            which,
            generation,
            page_token,
            page_size: page_size(app),
        },
    )
}

fn participants_moved(app: &mut App, movement: impl FnOnce(&mut Scroll, usize)) -> Vec<Effect> {
    let Panel::Participants(list) = &mut app.meetings.panel else {
        return vec![];
    };
    movement(&mut list.scroll, list.rows.len());
    more_participants(app)
}

fn more_participants(app: &mut App) -> Vec<Effect> {
    let Panel::Participants(list) = &mut app.meetings.panel else {
        return vec![];
    };
    let Some(token) = list.wants_more() else {
        return vec![];
    };
    list.paging = Paging::Loading;
    let (which, generation) = (list.which.clone(), list.generation);
    participants_page(app, which, generation, Some(token))
}

/// `y` in a panel: the join URL of a new meeting, the start URL (said to hold a ZAK), or the
/// ZAK itself.
fn copy_shown(app: &mut App, now: Clock) -> Vec<Effect> {
    let secret = match &app.meetings.panel {
        Panel::Created(c) => {
            return match c.meeting.join_url.clone() {
                Some(url) => copy_link(app, now, &url, "Join URL"),
                None => vec![],
            };
        }
        Panel::HostStart(h) => (
            h.url.expose().to_owned(),
            "The start URL (it holds a ZAK: whoever has it starts the meeting as you)",
        ),
        Panel::Zak { .. } => match &app.meetings.zak {
            Some(z) => (z.token.expose().to_owned(), "The ZAK"),
            None => return vec![],
        },
        _ => return vec![],
    };
    let (text, what) = secret;
    vec![Effect::Copy(super::Clip {
        text,
        what: what.into(),
        on_screen: format!(
            "{} shows it here",
            key_for(Action::RevealShown, Context::Panel)
        ),
    })]
}

/// Enter on the schedule form: the meeting it describes, or the field to fix.
fn submit(app: &mut App, now: Clock) -> Vec<Effect> {
    let Panel::Schedule(form) = &mut app.meetings.panel else {
        return vec![];
    };
    if form.sending {
        return vec![];
    }
    match form.request(now.wall) {
        Ok(request) => {
            form.problem = None;
            form.sending = true;
            zoom(app, ZoomCall::Create(Box::new(request)))
        }
        Err(problem) => {
            form.focus = problem.field;
            form.cursor = super::line::end_of(form.value(problem.field));
            form.problem = Some(problem);
            vec![]
        }
    }
}

/// Moves the list, then asks for more when the selection nears the end.
fn scrolled(
    app: &mut App,
    movement: impl FnOnce(&mut super::meeting_list::MeetingList),
) -> Vec<Effect> {
    movement(&mut app.meetings);
    more_meetings(app)
}

/// Starts the list over for `kind` and asks for its first page.
pub fn reload(app: &mut App, kind: MeetingKind) -> Vec<Effect> {
    app.meetings.reset(kind);
    load_page(app, None)
}

/// Asks for the next page when the selection nears the end of what is loaded.
pub fn more_meetings(app: &mut App) -> Vec<Effect> {
    let Some(token) = app.meetings.wants_more() else {
        return vec![];
    };
    app.meetings.paging = Paging::Loading;
    load_page(app, Some(token))
}

/// Two screens' worth: enough to scroll a while, never the whole list up front.
fn page_size(app: &App) -> u32 {
    (app.meeting_rows() * 2).clamp(30, MAX_PAGE_SIZE as usize) as u32
}

fn load_page(app: &App, page_token: Option<String>) -> Vec<Effect> {
    let call = ZoomCall::Meetings {
        kind: app.meetings.kind,
        generation: app.meetings.generation,
        page_token,
        page_size: page_size(app),
    };
    zoom(app, call)
}

/// Zoom answered.
pub fn on_msg(app: &mut App, msg: MeetingsMsg, now: Clock) -> Vec<Effect> {
    match msg {
        MeetingsMsg::Page {
            generation,
            page_token,
            result,
        } => {
            if generation != app.meetings.generation {
                return vec![];
            }
            match result {
                Ok((meetings, next)) => {
                    app.meetings.append(generation, meetings, next);
                    if app.meetings.seeking_end {
                        let rows = app.meeting_rows();
                        app.meetings.keep_in_view(rows);
                        app.meetings.seeking_end = matches!(app.meetings.paging, Paging::More(_));
                    }
                    more_meetings(app)
                }
                Err(failure) if failure.kind.needs_sign_in() => {
                    api_failed(app, now, failure);
                    vec![]
                }
                Err(failure) => {
                    // The first page has nothing to resume from: `r` reloads.
                    let resume = page_token.filter(|_| !app.meetings.rows.is_empty());
                    app.meetings.page_failed(failure, resume);
                    vec![]
                }
            }
        }
        MeetingsMsg::Created(result) => created(app, now, result),
        MeetingsMsg::Fetched {
            id,
            purpose: Purpose::Details,
            result,
        } => {
            if let Some(d) = app.meetings.details.as_mut().filter(|d| d.id == id) {
                d.fetch = Fetch::Ready(result.map(|m| Detail::Meeting(Box::new(m))));
            }
            vec![]
        }
        MeetingsMsg::Fetched {
            purpose: Purpose::StartAsHost,
            result,
            ..
        } => {
            start_as_host(app, now, result);
            vec![]
        }
        MeetingsMsg::PastFetched { id, result } => {
            if let Some(d) = app.meetings.details.as_mut().filter(|d| d.id == id) {
                d.fetch = Fetch::Ready(result.map(|m| Detail::Past(Box::new(m))));
            }
            vec![]
        }
        MeetingsMsg::ParticipantsPage { generation, result } => {
            let Panel::Participants(list) = &mut app.meetings.panel else {
                return vec![];
            };
            if list.generation != generation {
                return vec![];
            }
            match result {
                Ok((rows, next)) => {
                    list.append(rows, next);
                    more_participants(app)
                }
                Err(failure) if failure.kind.needs_sign_in() => {
                    app.meetings.panel = Panel::None;
                    api_failed(app, now, failure);
                    vec![]
                }
                Err(failure) => {
                    list.paging = Paging::Failed {
                        failure,
                        resume: None,
                    };
                    vec![]
                }
            }
        }
        MeetingsMsg::Deleted { id, result } => {
            match result {
                Ok(()) => {
                    let list = &mut app.meetings;
                    let selected = list.scroll.selected;
                    list.rows.retain(|m| m.id != id);
                    list.refilter();
                    list.scroll.selected = selected;
                    let rows = app.meeting_rows();
                    app.meetings.keep_in_view(rows);
                    toast(
                        app,
                        now,
                        ToastKind::Success,
                        format!("Meeting {} deleted at Zoom.", crate::format::meeting_id(id)),
                    );
                }
                Err(failure) => api_failed(app, now, failure),
            }
            vec![]
        }
        MeetingsMsg::Zak(result) => {
            let waiting = matches!(app.meetings.panel, Panel::Waiting(Waiting::Zak));
            match result {
                Ok(token) => {
                    app.meetings.zak = Some(Zak {
                        token,
                        expires_at: now.mono + ZAK_LIFETIME,
                    });
                    if waiting {
                        app.meetings.panel = Panel::Zak { reveal: false };
                    }
                }
                Err(failure) => {
                    if waiting {
                        app.meetings.panel = Panel::None;
                    }
                    api_failed(app, now, failure);
                }
            }
            vec![]
        }
    }
}

/// A meeting was made: an instant one shows its join QR; a scheduled one closes the form and
/// the list reloads to show it. A failure keeps the form as typed.
fn created(app: &mut App, now: Clock, result: Result<Meeting, Failure>) -> Vec<Effect> {
    let scheduling = match &mut app.meetings.panel {
        Panel::Schedule(form) => {
            form.sending = false;
            true
        }
        _ => false,
    };
    let meeting = match result {
        Ok(meeting) => meeting,
        Err(failure) => {
            if !scheduling {
                app.meetings.panel = Panel::None;
            }
            api_failed(app, now, failure);
            return vec![];
        }
    };
    if meeting.kind == MeetingType::Instant || !scheduling {
        let qr = meeting
            .join_url
            .as_deref()
            .and_then(crate::sanitize::web_link)
            .and_then(|url| Qr::new(&url, app.qr_style()).ok())
            .map(Arc::new);
        app.meetings.panel = Panel::Created(Box::new(Created { meeting, qr }));
        let copy = key_for(Action::CopyShown, Context::Panel);
        toast(
            app,
            now,
            ToastKind::Success,
            format!(
                "Instant meeting made: scan to join, {copy} copies the link. (Zoom does not list instant meetings.)"
            ),
        );
        return vec![];
    }
    app.meetings.panel = Panel::None;
    let zone = jiff::tz::TimeZone::system();
    let when = meeting
        .start_time
        .map(|t| crate::format::local_time(t, &zone))
        .unwrap_or_else(|| "no fixed time".into());
    toast(
        app,
        now,
        ToastKind::Success,
        format!(
            "Scheduled \"{}\" for {when} (meeting {}).",
            crate::sanitize::line(&meeting.topic),
            crate::format::meeting_id(meeting.id)
        ),
    );
    let kind = app.meetings.kind;
    reload(app, kind)
}

/// The start QR, from the fresh start URL "get a meeting" gave (only a host gets one).
fn start_as_host(app: &mut App, now: Clock, result: Result<Meeting, Failure>) {
    if !matches!(app.meetings.panel, Panel::Waiting(Waiting::StartUrl)) {
        return;
    }
    app.meetings.panel = Panel::None;
    let mut meeting = match result {
        Ok(meeting) => meeting,
        Err(failure) => return api_failed(app, now, failure),
    };
    let url = meeting
        .start_url
        .take()
        .and_then(|s| crate::sanitize::web_link(s.expose()));
    let Some(url) = url else {
        toast(
            app,
            now,
            ToastKind::Error,
            "Zoom gave no start URL for this meeting: only its host can start it.".into(),
        );
        return;
    };
    let qr = Qr::new(&url, app.qr_style()).ok().map(Arc::new);
    app.meetings.panel = Panel::HostStart(Box::new(HostStart {
        meeting,
        url: Secret::new(url),
        qr,
        expires_at: now.mono + START_URL_LIFETIME,
        reveal: false,
    }));
}

#[cfg(test)]
mod tests {
    use super::super::update::{Msg, update};
    use super::*;
    use crate::app::Clip;
    use crate::fixtures;
    use crate::outcome::Kind;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn now() -> Clock {
        Clock::now()
    }

    fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
        let mods = match code {
            KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
            _ => KeyModifiers::NONE,
        };
        update(app, Msg::Key(KeyEvent::new(code, mods)), now())
    }

    fn chr(app: &mut App, c: char) -> Vec<Effect> {
        press(app, KeyCode::Char(c))
    }

    fn answer(app: &mut App, msg: MeetingsMsg) -> Vec<Effect> {
        update(app, Msg::Meetings(msg), now())
    }

    fn meeting(id: i64, topic: &str) -> Meeting {
        serde_json::from_value(serde_json::json!({
            "id": id, "uuid": format!("uuid-{id}=="), "topic": topic, "type": 2,
            "join_url": format!("https://zoom.us/j/{id}")
        }))
        .unwrap()
    }

    fn page(from: i64, n: i64) -> Vec<Meeting> {
        (from..from + n)
            .map(|i| meeting(i, &format!("Meeting {i}")))
            .collect()
    }

    fn call(effects: &[Effect]) -> &ZoomCall {
        match effects {
            [Effect::Zoom { call, .. }] => call,
            other => panic!("{other:?}"),
        }
    }

    /// Signed in, on the Meetings screen, with `rows` loaded and `next` to come.
    fn listing(rows: Vec<Meeting>, next: Option<&str>) -> App {
        let mut app = fixtures::signed_in(fixtures::COLOR);
        app.viewport = ratatui::layout::Size::new(80, 24);
        chr(&mut app, '4');
        let generation = app.meetings.generation;
        answer(
            &mut app,
            MeetingsMsg::Page {
                generation,
                page_token: None,
                result: Ok((rows, next.map(str::to_owned))),
            },
        );
        app
    }

    fn down() -> Failure {
        Failure::new(Kind::Unreachable, "could not reach https://api.zoom.us")
    }

    #[test]
    fn a_list_cut_short_says_so_and_r_asks_for_the_page_that_failed() {
        let mut app = listing(page(0, 30), Some("p2"));
        app.meetings.move_by(25, 10);
        let effects = chr(&mut app, 'j');
        assert!(
            matches!(call(&effects), ZoomCall::Meetings { page_token: Some(t), .. } if t == "p2")
        );
        let generation = app.meetings.generation;
        answer(
            &mut app,
            MeetingsMsg::Page {
                generation,
                page_token: Some("p2".into()),
                result: Err(down()),
            },
        );
        assert_eq!(app.meetings.resume().as_deref(), Some("p2"));
        assert_eq!(app.meetings.rows.len(), 30, "what loaded stays");
        let effects = chr(&mut app, 'r');
        assert!(
            matches!(call(&effects), ZoomCall::Meetings { page_token: Some(t), .. } if t == "p2")
        );
        assert_eq!(app.meetings.rows.len(), 30, "a retry, not a reload");
    }

    #[test]
    fn the_end_key_loads_every_page_and_lands_on_the_last_meeting() {
        let mut app = listing(page(0, 30), Some("p2"));
        let effects = chr(&mut app, 'G');
        assert!(
            matches!(call(&effects), ZoomCall::Meetings { page_token: Some(t), .. } if t == "p2")
        );
        let generation = app.meetings.generation;
        let effects = answer(
            &mut app,
            MeetingsMsg::Page {
                generation,
                page_token: Some("p2".into()),
                result: Ok((page(30, 30), Some("p3".into()))),
            },
        );
        assert!(
            matches!(call(&effects), ZoomCall::Meetings { page_token: Some(t), .. } if t == "p3")
        );
        assert_eq!(app.meetings.scroll.selected, 59, "following the pages down");
        let effects = answer(
            &mut app,
            MeetingsMsg::Page {
                generation,
                page_token: Some("p3".into()),
                result: Ok((page(60, 3), None)),
            },
        );
        assert!(effects.is_empty());
        assert_eq!(app.meetings.scroll.selected, 62);
        assert!(!app.meetings.seeking_end);
    }

    #[test]
    fn enter_fetches_details_and_they_belong_to_that_meeting_only() {
        let mut app = listing(page(1, 3), None);
        let effects = press(&mut app, KeyCode::Enter);
        assert!(matches!(
            call(&effects),
            ZoomCall::Meeting {
                id: 1,
                purpose: Purpose::Details
            }
        ));
        let mut full = meeting(1, "Meeting 1");
        full.agenda = Some("from get".into());
        answer(
            &mut app,
            MeetingsMsg::Fetched {
                id: MeetingId::new(1),
                purpose: Purpose::Details,
                result: Ok(full),
            },
        );
        assert!(matches!(
            app.meetings.selected_details(),
            Some(Fetch::Ready(Ok(Detail::Meeting(m)))) if m.agenda.as_deref() == Some("from get")
        ));
        chr(&mut app, 'j');
        assert!(
            app.meetings.selected_details().is_none(),
            "not shown for another meeting"
        );
    }

    #[test]
    fn previous_meetings_show_the_past_instance_and_who_came() {
        let mut app = listing(page(1, 3), None);
        chr(&mut app, 'p');
        assert!(
            app.toast.as_ref().unwrap().text.contains("Previous list"),
            "participants only where meetings have ended"
        );
        app.meetings.reset(MeetingKind::PreviousMeetings);
        let generation = app.meetings.generation;
        answer(
            &mut app,
            MeetingsMsg::Page {
                generation,
                page_token: None,
                result: Ok((page(1, 3), None)),
            },
        );
        let effects = press(&mut app, KeyCode::Enter);
        assert!(
            matches!(call(&effects), ZoomCall::PastMeeting { which: MeetingRef::Uuid(u), .. } if u == "uuid-1=="),
            "that instance, by its UUID"
        );
        assert!(
            chr(&mut app, 'S').is_empty(),
            "an ended meeting is not started"
        );

        let effects = chr(&mut app, 'p');
        let ZoomCall::Participants {
            generation,
            page_token: None,
            ..
        } = call(&effects).clone()
        else {
            panic!()
        };
        assert_eq!(app.context(), Context::Participants);
        let person = |n: usize| -> Participant {
            serde_json::from_value(serde_json::json!({"name": format!("P{n}")})).unwrap()
        };
        answer(
            &mut app,
            MeetingsMsg::ParticipantsPage {
                generation,
                result: Ok(((0..30).map(person).collect(), Some("n2".into()))),
            },
        );
        // A page for a panel opened before is dropped.
        answer(
            &mut app,
            MeetingsMsg::ParticipantsPage {
                generation: generation - 1,
                result: Ok((vec![person(99)], None)),
            },
        );
        let Panel::Participants(list) = &app.meetings.panel else {
            panic!()
        };
        assert_eq!(list.rows.len(), 30);
        let mut effects = vec![];
        for _ in 0..25 {
            effects = chr(&mut app, 'j');
            if !effects.is_empty() {
                break;
            }
        }
        assert!(
            matches!(call(&effects), ZoomCall::Participants { page_token: Some(t), .. } if t == "n2")
        );
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.context(), Context::Meetings);
    }

    #[test]
    fn delete_asks_first_and_the_row_goes_once_zoom_says_so() {
        let mut app = listing(page(1, 3), None);
        assert!(chr(&mut app, 'D').is_empty());
        assert_eq!(
            app.confirm,
            Some(Question::DeleteMeeting {
                id: 1,
                recurring: false
            })
        );
        let effects = chr(&mut app, 'y');
        assert!(matches!(call(&effects), ZoomCall::Delete { id: 1 }));
        assert_eq!(app.meetings.rows.len(), 3, "not gone before Zoom says so");
        answer(
            &mut app,
            MeetingsMsg::Deleted {
                id: MeetingId::new(1),
                result: Ok(()),
            },
        );
        assert_eq!(app.meetings.rows.len(), 2);
        assert!(app.toast.as_ref().unwrap().text.contains("deleted"));
        chr(&mut app, 'D');
        chr(&mut app, 'y');
        let refusal = Failure::new(Kind::Other, "Zoom does not delete a meeting in progress");
        answer(
            &mut app,
            MeetingsMsg::Deleted {
                id: MeetingId::new(2),
                result: Err(refusal),
            },
        );
        assert_eq!(app.meetings.rows.len(), 2, "refused: still there");
        assert!(app.toast.as_ref().unwrap().text.contains("in progress"));
    }

    #[test]
    fn the_schedule_form_keeps_what_was_typed_until_zoom_has_the_meeting() {
        let mut app = listing(page(1, 3), None);
        chr(&mut app, 'a');
        assert_eq!(app.context(), Context::Schedule);
        assert!(press(&mut app, KeyCode::Enter).is_empty(), "no topic yet");
        let Panel::Schedule(form) = &app.meetings.panel else {
            panic!()
        };
        assert_eq!(
            form.problem.as_ref().unwrap().field,
            super::super::schedule::ScheduleField::Topic
        );
        for c in "Planning".chars() {
            chr(&mut app, c);
        }
        let effects = press(&mut app, KeyCode::Enter);
        assert!(matches!(call(&effects), ZoomCall::Create(r) if r.kind == MeetingType::Scheduled));
        assert!(press(&mut app, KeyCode::Enter).is_empty(), "one at a time");
        answer(&mut app, MeetingsMsg::Created(Err(down())));
        let Panel::Schedule(form) = &app.meetings.panel else {
            panic!("a failure keeps the form")
        };
        assert_eq!(form.topic, "Planning");
        let effects = press(&mut app, KeyCode::Enter);
        assert!(!effects.is_empty(), "and it can be sent again");
        let mut made = meeting(77, "Planning");
        made.start_time = Some("2030-01-01T10:00:00Z".parse().unwrap());
        let effects = answer(&mut app, MeetingsMsg::Created(Ok(made)));
        assert!(matches!(app.meetings.panel, Panel::None));
        assert!(
            app.toast
                .as_ref()
                .unwrap()
                .text
                .contains("Scheduled \"Planning\"")
        );
        assert!(
            matches!(
                call(&effects),
                ZoomCall::Meetings {
                    page_token: None,
                    ..
                }
            ),
            "the list reloads to show it"
        );
    }

    #[test]
    fn the_start_qr_holds_a_fresh_start_url_and_says_what_it_is() {
        let mut app = listing(page(1, 3), None);
        let effects = chr(&mut app, 'S');
        assert!(matches!(
            call(&effects),
            ZoomCall::Meeting {
                id: 1,
                purpose: Purpose::StartAsHost
            }
        ));
        let mut got = meeting(1, "Meeting 1");
        got.start_url = Some(Secret::new("https://zoom.us/s/1?zak=SECRETZAK"));
        let t = now();
        update(
            &mut app,
            Msg::Meetings(MeetingsMsg::Fetched {
                id: MeetingId::new(1),
                purpose: Purpose::StartAsHost,
                result: Ok(got),
            }),
            t,
        );
        let Panel::HostStart(start) = &app.meetings.panel else {
            panic!("{:?}", app.meetings.panel)
        };
        assert!(start.qr.is_some());
        assert_eq!(start.expires_at, t.mono + START_URL_LIFETIME);
        let effects = chr(&mut app, 'y');
        let [Effect::Copy(clip)] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        assert!(clip.text.contains("SECRETZAK"));
        assert!(
            clip.what.contains("holds a ZAK"),
            "what it is, said when it is copied"
        );

        // Not the host: no start URL, and said so.
        press(&mut app, KeyCode::Esc);
        chr(&mut app, 'S');
        answer(
            &mut app,
            MeetingsMsg::Fetched {
                id: MeetingId::new(1),
                purpose: Purpose::StartAsHost,
                result: Ok(meeting(1, "Meeting 1")),
            },
        );
        assert!(matches!(app.meetings.panel, Panel::None));
        assert!(app.toast.as_ref().unwrap().text.contains("only its host"));
    }

    #[test]
    fn the_zak_panel_reveals_and_copies_it() {
        let mut app = listing(page(1, 1), None);
        assert!(matches!(call(&chr(&mut app, 'z')), ZoomCall::Zak));
        answer(&mut app, MeetingsMsg::Zak(Ok(Secret::new("ZAKVALUE"))));
        assert!(matches!(app.meetings.panel, Panel::Zak { reveal: false }));
        chr(&mut app, 'v');
        assert!(matches!(app.meetings.panel, Panel::Zak { reveal: true }));
        assert!(
            matches!(chr(&mut app, 'y').as_slice(), [Effect::Copy(Clip { text: z, .. })] if z == "ZAKVALUE")
        );
        press(&mut app, KeyCode::Esc);
        assert!(
            app.meetings.zak.is_some(),
            "closing the panel keeps the ZAK and its countdown"
        );
    }

    #[test]
    fn an_instant_meeting_asks_first_and_shows_its_join_qr() {
        let mut app = listing(page(1, 1), None);
        assert!(chr(&mut app, 'n').is_empty());
        assert_eq!(app.confirm, Some(Question::StartMeeting));
        let effects = chr(&mut app, 'y');
        assert!(matches!(call(&effects), ZoomCall::Create(r) if r.kind == MeetingType::Instant));
        let mut made = meeting(9, "now");
        made.kind = MeetingType::Instant;
        answer(&mut app, MeetingsMsg::Created(Ok(made)));
        let Panel::Created(created) = &app.meetings.panel else {
            panic!()
        };
        assert!(created.qr.is_some(), "a QR so a phone can join");
        assert!(
            matches!(chr(&mut app, 'y').as_slice(), [Effect::Copy(Clip { text: u, .. })] if u == "https://zoom.us/j/9")
        );
        press(&mut app, KeyCode::Esc);
        assert!(matches!(app.meetings.panel, Panel::None));
    }
}
