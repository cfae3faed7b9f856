//! The `?` overlay: every binding of the keymap, grouped by where it works. Generated from
//! `keymap::BINDINGS`, so it cannot drift from what the keys do.

use super::text::{self, put_lines, w16, wrap};
use super::theme::Look;
use crate::app::keymap::{Action, BINDINGS, Context, key_for};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

const GROUPS: [Context; 13] = [
    Context::Anywhere,
    Context::Global,
    Context::Credentials,
    Context::SignIn,
    Context::Token,
    Context::Meetings,
    Context::Panel,
    Context::Participants,
    Context::Schedule,
    Context::Picker,
    Context::Editing,
    Context::Confirm,
    Context::Help,
];
/// A column narrower than this is not worth it.
const COL_MIN: usize = 26;

/// One context's bindings, their key lists named once a frame (naming one allocates, and the
/// layout below measures them many times).
struct Group {
    context: Context,
    keys: Vec<(String, &'static str)>,
    /// The key column: the widest key list, and two spaces.
    label_w: usize,
}

impl Group {
    fn new(context: Context) -> Group {
        let keys: Vec<_> = BINDINGS
            .iter()
            .filter(|b| b.context == context)
            .map(|b| (b.label(), b.help))
            .collect();
        let label_w = keys.iter().map(|(l, _)| text::width(l)).max().unwrap_or(0) + 2;
        Group {
            context,
            keys,
            label_w,
        }
    }

    /// The title and bindings, laid out for a column `width` wide with keys in a column
    /// `label_w` wide.
    fn lines(&self, width: usize, label_w: usize, look: &Look) -> Vec<Line<'static>> {
        let t = &look.theme;
        let mut lines = vec![Line::styled(self.context.title().to_owned(), t.heading)];
        for (label, help) in &self.keys {
            let pad = label_w.saturating_sub(text::width(label));
            let spans = [
                Span::styled(format!("{label}{}", " ".repeat(pad)), t.key),
                Span::raw(*help),
            ];
            lines.extend(wrap(&spans, width, label_w.min(width / 2)));
        }
        lines
    }

    /// The width this group takes with every binding on one line.
    fn natural_width(&self) -> usize {
        let widest = self
            .keys
            .iter()
            .map(|(_, help)| self.label_w + text::width(help));
        widest
            .max()
            .unwrap_or(0)
            .max(text::width(self.context.title()))
    }
}

/// Splits the groups, in order, into `n` columns as evenly as the heights allow.
#[allow(clippy::single_range_in_vec_init)] // one column holding every group
fn pack(heights: &[usize], n: usize) -> (Vec<std::ops::Range<usize>>, usize) {
    let column_h = |r: &std::ops::Range<usize>| {
        let groups = r.len();
        heights[r.clone()].iter().sum::<usize>() + groups.saturating_sub(1)
    };
    let k = heights.len();
    let mut best: Option<(Vec<std::ops::Range<usize>>, usize)> = None;
    // Every way of cutting k groups into n non-empty runs (k and n are tiny).
    let mut cuts = vec![0usize; n.saturating_sub(1)];
    fn next(cuts: &mut [usize], k: usize) -> bool {
        // Strictly increasing cut points in 1..k.
        let n = cuts.len();
        for i in (0..n).rev() {
            if cuts[i] < k - (n - i) {
                cuts[i] += 1;
                for j in i + 1..n {
                    cuts[j] = cuts[j - 1] + 1;
                }
                return true;
            }
        }
        false
    }
    if n == 0 || n > k {
        return (vec![0..k], column_h(&(0..k)));
    }
    for (i, c) in cuts.iter_mut().enumerate() {
        *c = i + 1;
    }
    loop {
        let mut bounds = vec![0];
        bounds.extend(cuts.iter().copied());
        bounds.push(k);
        let ranges: Vec<_> = bounds.windows(2).map(|w| w[0]..w[1]).collect();
        let h = ranges.iter().map(column_h).max().unwrap_or(0);
        if best.as_ref().is_none_or(|(_, b)| h < *b) {
            best = Some((ranges, h));
        }
        if cuts.is_empty() || !next(&mut cuts, k) {
            break;
        }
    }
    best.unwrap_or((vec![0..k], column_h(&(0..k))))
}

/// A way to lay the groups out: padding, columns, which groups go in which column.
struct Layout {
    pad: u16,
    gap: usize,
    col_w: usize,
    inner_w: usize,
    groups: Vec<Vec<Line<'static>>>,
    ranges: Vec<std::ops::Range<usize>>,
    h: usize,
}

/// The fewest columns that show these groups whole, roomy spacing first; failing that, the
/// layout that hides the least.
fn layout(all: &[Group], area: Rect, look: &Look) -> Option<Layout> {
    let natural = all.iter().map(Group::natural_width).max().unwrap_or(0);
    let max_inner_h = usize::from(area.height.saturating_sub(2));
    let mut best: Option<Layout> = None;
    // The least any group can take: its title and a line a binding.
    let least: Vec<usize> = all.iter().map(|g| 1 + g.keys.len()).collect();
    let most = 3usize.min(all.len());
    // Whether `n` columns cannot fit even at their least, and whether they are wide enough.
    let hopeless = |n: usize| {
        let (lowest, _) = pack(&least, n);
        lowest
            .iter()
            .any(|r| least[r.clone()].iter().sum::<usize>() + r.len() - 1 > max_inner_h)
    };
    let wide_enough = |n: usize| {
        let gaps = 3 * (n - 1);
        let inner_w = (natural * n + gaps).min(usize::from(area.width.saturating_sub(4)));
        n == 1 || inner_w.saturating_sub(gaps) / n >= COL_MIN
    };
    // Fewer columns than the first that may fit would be taller still: start there (drawing
    // every layout of them would only make the help slow to open).
    let first = (1..=most)
        .find(|&n| !hopeless(n) && wide_enough(n))
        .unwrap_or(1);
    for n in first..=most {
        // Columns that cannot fit even at their least are only a fallback (the one that hides
        // least): two spacings are enough to choose it.
        let spacings: &[(u16, usize)] = if hopeless(n) {
            &[(1, 2), (0, 2)]
        } else {
            &[(1, 3), (1, 2), (0, 2)]
        };
        for &(pad, gap) in spacings {
            let max_inner_w = usize::from(area.width.saturating_sub(2 + 2 * pad));
            let gaps = gap * (n - 1);
            let inner_w = (natural * n + gaps).min(max_inner_w);
            let col_w = inner_w.saturating_sub(gaps) / n;
            if n > 1 && col_w < COL_MIN {
                return best;
            }
            // Each group in its own key width, drawn once; aligned below only where it differs.
            let owned: Vec<Vec<Line<'static>>> = all
                .iter()
                .map(|g| g.lines(col_w, g.label_w, look))
                .collect();
            let heights: Vec<_> = owned.iter().map(Vec::len).collect();
            let (ranges, _) = pack(&heights, n);
            // One key column per screen column, as wide as its widest key list, unless that
            // would squeeze a group with short keys into wrapping: then the group's own.
            let mut groups = vec![];
            for range in &ranges {
                let label_w = all[range.clone()]
                    .iter()
                    .map(|g| g.label_w)
                    .max()
                    .unwrap_or(0);
                groups.extend(range.clone().map(|i| {
                    let g = &all[i];
                    let alone = &owned[i];
                    if g.label_w == label_w {
                        return alone.clone();
                    }
                    let aligned = g.lines(col_w, label_w, look);
                    if aligned.len() > alone.len() {
                        alone.clone()
                    } else {
                        aligned
                    }
                }));
            }
            let h = ranges
                .iter()
                .map(|r| groups[r.clone()].iter().map(Vec::len).sum::<usize>() + r.len() - 1)
                .max()
                .unwrap_or(0);
            if best.as_ref().is_none_or(|b| h < b.h) {
                best = Some(Layout {
                    pad,
                    gap,
                    col_w,
                    inner_w,
                    groups,
                    ranges,
                    h,
                });
            }
            if h <= max_inner_h {
                return best;
            }
        }
    }
    best
}

/// Draws the overlay over `area`, every key of every screen. When they do not all fit, the
/// columns scroll together by `scroll` rows (the Help context's keys) and the border says so.
pub fn draw(buf: &mut Buffer, area: Rect, look: &Look, scroll: u16) {
    let t = &look.theme;
    let max_inner_h = usize::from(area.height.saturating_sub(2));
    let groups: Vec<Group> = GROUPS.into_iter().map(Group::new).collect();
    let Some(c) = layout(&groups, area, look) else {
        return;
    };
    let hidden = c.h.saturating_sub(max_inner_h);
    let scroll = usize::from(scroll).min(hidden);
    let rect = text::centered(
        area,
        w16(c.inner_w + 2 + 2 * usize::from(c.pad)),
        w16(c.h.min(max_inner_h) + 2),
    );
    Clear.render(rect, buf);
    let footer = if hidden == 0 {
        " any key closes ".to_owned()
    } else {
        let keys = format!(
            "{}/{}",
            key_for(Action::Down, Context::Help),
            key_for(Action::Up, Context::Help)
        );
        let more = match (scroll > 0, scroll < hidden) {
            (true, true) => "more above and below",
            (false, _) => "more below",
            (true, false) => "more above",
        };
        format!(
            " {keys} scroll ({more}) {} any other key closes ",
            look.glyphs.dot
        )
    };
    let block = Block::bordered()
        .border_set(look.glyphs.border)
        .border_style(t.border)
        .title(Line::styled(" Keys ", t.heading))
        .title_bottom(Line::styled(footer, t.dim));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let inner = Rect {
        x: inner.x + c.pad,
        width: inner.width.saturating_sub(2 * c.pad),
        ..inner
    };

    for (i, range) in c.ranges.into_iter().enumerate() {
        let x = inner.x.saturating_add(w16(i * (c.col_w + c.gap)));
        let col = text::clamp(Rect::new(x, inner.y, w16(c.col_w), inner.height), inner);
        let mut lines: Vec<Line> = vec![];
        for (j, g) in c.groups[range].iter().enumerate() {
            if j > 0 {
                lines.push(Line::raw(""));
            }
            lines.extend(g.iter().cloned());
        }
        put_lines(buf, col, lines.get(scroll..).unwrap_or_default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_balances_columns_in_order() {
        let (ranges, h) = pack(&[10, 9, 7, 8, 3], 2);
        assert_eq!(ranges, vec![0..2, 2..5]);
        assert_eq!(h, 20);
        let (ranges, _) = pack(&[1, 1], 3);
        assert_eq!(ranges, vec![0..2]);
    }
}
