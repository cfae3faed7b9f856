//! Editing one line of text as a readline prompt does: a cursor, moving by character or word,
//! deleting back, forward, a word, to either end, and pasting. The text stays with its owner
//! (a form field, the meetings filter); the owner keeps the cursor beside it and hands both
//! here. The steps themselves (grapheme by grapheme, so an emoji or an accented letter is one
//! step) are tui-input's.

use tui_input::{Input, InputRequest};

/// What a key does to the line being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineOp {
    Left,
    Right,
    WordLeft,
    WordRight,
    Start,
    End,
    DeleteBack,
    DeleteForward,
    /// Back to the previous space, as readline's Ctrl-W (unix-word-rubout) does.
    DeleteWord,
    DeleteToStart,
    DeleteToEnd,
}

impl LineOp {
    fn request(self) -> Option<InputRequest> {
        Some(match self {
            LineOp::Left => InputRequest::GoToPrevChar,
            LineOp::Right => InputRequest::GoToNextChar,
            LineOp::WordLeft => InputRequest::GoToPrevWord,
            LineOp::WordRight => InputRequest::GoToNextWord,
            LineOp::Start => InputRequest::GoToStart,
            LineOp::End => InputRequest::GoToEnd,
            LineOp::DeleteBack => InputRequest::DeletePrevChar,
            LineOp::DeleteForward => InputRequest::DeleteNextChar,
            LineOp::DeleteToStart => InputRequest::DeleteFromStart,
            LineOp::DeleteToEnd => InputRequest::DeleteTillEnd,
            LineOp::DeleteWord => return None,
        })
    }
}

/// Where the cursor is in the text: the number of characters (code points) before it.
pub type Cursor = usize;

/// Applies `op` to `text` with the cursor at `cursor`; both are updated.
pub fn apply(text: &mut String, cursor: &mut Cursor, op: LineOp) {
    match op.request() {
        Some(request) => run(text, cursor, |input| {
            input.handle(request);
        }),
        None => rub_out(text, cursor),
    }
}

/// Deletes back over spaces, then over everything that is not a space (tui-input stops at
/// punctuation, readline's Ctrl-W does not).
fn rub_out(text: &mut String, cursor: &mut Cursor) {
    let chars: Vec<char> = text.chars().collect();
    let end = (*cursor).min(chars.len());
    let mut start = end;
    while start > 0 && chars[start - 1].is_whitespace() {
        start -= 1;
    }
    while start > 0 && !chars[start - 1].is_whitespace() {
        start -= 1;
    }
    *text = chars[..start].iter().chain(&chars[end..]).collect();
    *cursor = start;
}

/// Inserts `typed` at the cursor, as far as `max` characters allow in all; control characters
/// (a pasted line's newline, a tab, an escape sequence's ESC) are left out: they have no place
/// in one line and could end the edit or reach a terminal. Returns whether all of it fit.
pub fn insert(text: &mut String, cursor: &mut Cursor, typed: &str, max: usize) -> bool {
    let mut room = max.saturating_sub(text.chars().count());
    let mut all = true;
    run(text, cursor, |input| {
        for c in typed.chars().filter(|c| !c.is_control()) {
            if room == 0 {
                all = false;
                break;
            }
            input.handle(InputRequest::InsertChar(c));
            room -= 1;
        }
    });
    all
}

fn run(text: &mut String, cursor: &mut Cursor, edit: impl FnOnce(&mut Input)) {
    let mut input = Input::new(std::mem::take(text)).with_cursor(*cursor);
    edit(&mut input);
    *cursor = input.cursor();
    *text = input.value().to_owned();
}

/// The cursor at the end of `text`, where an edit starts.
pub fn end_of(text: &str) -> Cursor {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: &str, cursor: Cursor, ops: &[LineOp]) -> (String, Cursor) {
        let (mut text, mut at) = (start.to_owned(), cursor);
        for op in ops {
            apply(&mut text, &mut at, *op);
        }
        (text, at)
    }

    #[test]
    fn readline_keys_do_what_readline_does() {
        use LineOp::*;
        let s = "zoom client id";
        assert_eq!(edit(s, 14, &[DeleteWord]), ("zoom client ".into(), 12));
        assert_eq!(edit("a http://x.y/z", 14, &[DeleteWord]), ("a ".into(), 2));
        assert_eq!(edit("a b  ", 5, &[DeleteWord]), ("a ".into(), 2));
        assert_eq!(edit("ab cd", 4, &[DeleteWord]), ("ab d".into(), 3));
        assert_eq!(edit(s, 14, &[Start, DeleteToEnd]), ("".into(), 0));
        assert_eq!(edit(s, 14, &[WordLeft, DeleteToStart]), ("id".into(), 0));
        assert_eq!(
            edit(s, 14, &[Start, Right, DeleteForward]),
            ("zom client id".into(), 1)
        );
        assert_eq!(
            edit(s, 14, &[Left, Left, DeleteBack]),
            ("zoom clientid".into(), 11)
        );
        assert_eq!(edit(s, 0, &[End, WordLeft, WordLeft]).1, 5);
        assert_eq!(
            edit(s, 0, &[Left, DeleteBack]),
            (s.into(), 0),
            "nothing before the start"
        );
        assert_eq!(
            edit(s, 14, &[Right, DeleteForward]),
            (s.into(), 14),
            "nor after the end"
        );
    }

    #[test]
    fn an_emoji_or_an_accent_is_one_step() {
        // Family (ZWJ sequence), then e + combining acute.
        let s = "a👨\u{200d}👩\u{200d}👧e\u{301}";
        let end = end_of(s);
        let (text, at) = edit(s, end, &[LineOp::DeleteBack]);
        assert_eq!(text, "a👨\u{200d}👩\u{200d}👧");
        let (text, _) = edit(&text, at, &[LineOp::DeleteBack]);
        assert_eq!(text, "a");
    }

    #[test]
    fn pasting_inserts_at_the_cursor_without_control_characters_and_within_the_limit() {
        let mut text = "ab".to_owned();
        let mut at = 1;
        assert!(insert(&mut text, &mut at, "XY\r\n\t\u{1b}[31m", 100));
        assert_eq!((text.as_str(), at), ("aXY[31mb", 7));
        assert!(!insert(&mut text, &mut at, "0123456789", 10));
        assert_eq!(text.chars().count(), 10, "cut at the limit, and said so");
    }
}
