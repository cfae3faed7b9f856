//! QR codes for the terminal: the device-flow link, drawn so that a phone scans it.
//!
//! A terminal is a hostile medium for a QR code, and every choice here answers one way it fails:
//!
//! - **Inverted codes.** Many phone scanners only read dark modules on a light ground. Glyph-only
//!   output draws "ink" in the terminal's text colour, which is light on most dark themes, and
//!   that inverts the code. So the colour style paints both colours explicitly (black on white)
//!   on every cell, which is right on dark and light themes alike.
//! - **Line gaps.** Some fonts and line heights leave thin gaps between text rows. A cell's
//!   *background* fills the whole cell height, so painting backgrounds keeps the light modules
//!   solid where glyph-only drawing would leave stripes.
//! - **`NO_COLOR`.** Under `NO_COLOR` crossterm turns colour commands into `ESC[m`, a full reset,
//!   so the mono style sets no colours at all and leans on the "light text on a dark terminal"
//!   guess, with an `invert` switch for light themes.
//! - **Console fonts.** The Linux console's fonts hold 256 or 512 glyphs and often lack ▀ and ▄,
//!   which then show as diamonds or `?`. The ASCII style needs only `#` and space, two columns per
//!   module so the modules stay roughly square.
//! - **Quiet zone.** Scanners find the code by its empty margin (ISO/IEC 18004 asks for four
//!   modules), so it is always drawn, as light modules, whatever the style.
//!
//! The countdown redraws the screen every second, so all the work happens once, in
//! [`QrArt::new`]: it turns the modules into finished buffer cells, and drawing only copies them.

use qrcode::types::QrError;
use qrcode::{Color as Module, EcLevel, QrCode};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Rect, Size};
use ratatui::style::Color;
use ratatui::widgets::Widget;

/// Light modules around the code on each side (ISO/IEC 18004): without them scanners struggle to
/// find the finder patterns, especially next to other text.
const QUIET_ZONE: usize = 4;

/// How modules become terminal cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QrStyle {
    /// Unicode half blocks (▀ ▄ █ space), two module rows per text row, with explicit
    /// black-on-white colours on every cell, so it scans on dark and light themes and the painted
    /// backgrounds bridge any gaps between text rows.
    HalfBlock,
    /// Half-block glyphs with no colours at all, for `NO_COLOR` (where any colour command resets
    /// the cell's attributes). The glyphs are the only ink, and ink is the terminal's text colour:
    /// by default the *light* modules are inked, because most terminals show light text on a dark
    /// ground and an inverted code fails on many scanners. `invert` inks the dark modules, for
    /// light-background terminals.
    Mono { invert: bool },
    /// Plain ASCII for the Linux console and `--ascii`, whose fonts often lack half blocks: `##`
    /// and two spaces per module, one text row per module row (console cells are about twice as
    /// tall as wide, so this keeps modules square). Inking follows [`QrStyle::Mono`]: the light
    /// modules by default, the dark ones with `invert`.
    Ascii { invert: bool },
}

impl QrStyle {
    /// The same style inking the other modules (for the glyph-only styles; the colour style
    /// paints both colours and never needs it).
    pub fn with_invert(self, invert: bool) -> QrStyle {
        match self {
            QrStyle::HalfBlock => QrStyle::HalfBlock,
            QrStyle::Mono { .. } => QrStyle::Mono { invert },
            QrStyle::Ascii { .. } => QrStyle::Ascii { invert },
        }
    }

    /// Whether the polarity depends on the terminal's colours (no colour is painted).
    pub fn depends_on_theme(self) -> bool {
        !matches!(self, QrStyle::HalfBlock)
    }

    /// Whether a module of this colour is drawn as ink (a glyph in the foreground colour).
    fn inks(self, dark: bool) -> bool {
        match self {
            // Black foreground on white: the dark modules are the ink.
            QrStyle::HalfBlock => dark,
            // Foreground is the terminal's text colour: light by default, dark when inverted.
            QrStyle::Mono { invert } | QrStyle::Ascii { invert } => dark == invert,
        }
    }
}

// Cells are built at compile time: the symbols are tiny, so they live inline in the cell and
// cloning one into the frame buffer never allocates.
const BLANK: Cell = Cell::new(" ");
const UPPER: Cell = Cell::new("▀");
const LOWER: Cell = Cell::new("▄");
const FULL: Cell = Cell::new("█");
const HASH: Cell = Cell::new("#");

/// One payload rendered at one error-correction level in one style, ready to draw.
#[derive(Clone)]
pub struct QrArt {
    /// Modules per side, quiet zone included.
    modules: usize,
    /// `modules * modules` entries, row-major, `true` for dark; the quiet zone is light.
    dark: Vec<bool>,
    style: QrStyle,
    ec: EcLevel,
    /// Finished cells, `size.width * size.height`, row-major: drawing is a copy.
    cells: Vec<Cell>,
    size: Size,
}

impl std::fmt::Debug for QrArt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The cells would print thousands of lines; what matters when debugging is the shape.
        f.debug_struct("QrArt")
            .field("style", &self.style)
            .field("ec", &self.ec)
            .field("modules", &self.modules)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

impl QrArt {
    /// Build at error-correction level `ec` (M or L). Errors only when the payload cannot be
    /// encoded (too long for a version 40 code), never panics: the payload comes from a server.
    pub fn new(payload: &str, ec: EcLevel, style: QrStyle) -> Result<QrArt, QrError> {
        let code = QrCode::with_error_correction_level(payload.as_bytes(), ec)?;
        let inner = code.width();
        let colors = code.to_colors();
        let modules = inner + 2 * QUIET_ZONE;
        let mut dark = vec![false; modules * modules];
        for (i, color) in colors.iter().enumerate() {
            let (y, x) = (i / inner, i % inner);
            if let Some(cell) = dark.get_mut((y + QUIET_ZONE) * modules + x + QUIET_ZONE) {
                *cell = *color == Module::Dark;
            }
        }

        // A version 40 code is 185 modules with its quiet zone, so this cannot fail today; if a
        // future encoder allowed more, refusing beats drawing a wrapped, unscannable code. The
        // widest style (ASCII, two columns a module) is checked so every restyle fits too.
        if u16::try_from(modules.saturating_mul(2)).is_err() {
            return Err(QrError::DataTooLong);
        }
        Ok(QrArt::from_modules(modules, dark, ec, style))
    }

    /// The same modules in another style, without encoding again; infallible, so flipping
    /// `invert` from a key press cannot lose the code.
    pub fn with_style(&self, style: QrStyle) -> QrArt {
        QrArt::from_modules(self.modules, self.dark.clone(), self.ec, style)
    }

    /// `modules * 2` must fit a `u16` (checked in [`QrArt::new`]).
    fn from_modules(modules: usize, dark: Vec<bool>, ec: EcLevel, style: QrStyle) -> QrArt {
        let (width, height) = match style {
            QrStyle::HalfBlock | QrStyle::Mono { .. } => (modules, modules.div_ceil(2)),
            QrStyle::Ascii { .. } => (modules * 2, modules),
        };
        let size = Size::new(
            u16::try_from(width).unwrap_or(u16::MAX),
            u16::try_from(height).unwrap_or(u16::MAX),
        );

        // Outside the matrix (the lower half of the last half-block row when the module count is
        // odd, which it always is) counts as light: it extends the quiet zone, and a dark strip
        // there would read as part of the code.
        let is_dark = |x: usize, y: usize| x < modules && dark.get(y * modules + x) == Some(&true);
        let mut cells = Vec::with_capacity(width * height);
        match style {
            QrStyle::HalfBlock | QrStyle::Mono { .. } => {
                for row in 0..height {
                    for x in 0..modules {
                        let upper = style.inks(is_dark(x, 2 * row));
                        let lower = style.inks(is_dark(x, 2 * row + 1));
                        let mut cell = match (upper, lower) {
                            (false, false) => BLANK,
                            (true, false) => UPPER,
                            (false, true) => LOWER,
                            (true, true) => FULL,
                        };
                        if style == QrStyle::HalfBlock {
                            cell.fg = Color::Black;
                            cell.bg = Color::White;
                        }
                        cells.push(cell);
                    }
                }
            }
            QrStyle::Ascii { .. } => {
                for y in 0..modules {
                    for x in 0..modules {
                        let cell = if style.inks(is_dark(x, y)) {
                            HASH
                        } else {
                            BLANK
                        };
                        cells.push(cell.clone());
                        cells.push(cell);
                    }
                }
            }
        }

        QrArt {
            modules,
            dark,
            style,
            ec,
            cells,
            size,
        }
    }

    /// Cells needed: (width, height), quiet zone (4 modules a side) included. Check it before
    /// drawing: a clipped code does not scan.
    pub fn size(&self) -> Size {
        self.size
    }

    /// The style the cells were built in.
    pub fn style(&self) -> QrStyle {
        self.style
    }

    /// The error-correction level the code was encoded at.
    pub fn ec_level(&self) -> EcLevel {
        self.ec
    }

    /// The same cells as plain text lines, for a non-TUI printout (`login --no-tui`).
    ///
    /// For [`QrStyle::HalfBlock`] these carry no colour, and the ink is the dark modules: printed
    /// as-is on a dark terminal the code comes out inverted. Use [`QrArt::to_ansi_lines`] on a
    /// colour terminal; these plain lines suit logs and files.
    pub fn to_lines(&self) -> Vec<String> {
        let width = usize::from(self.size.width);
        self.cells
            .chunks(width.max(1))
            .map(|row| row.iter().map(Cell::symbol).collect())
            .collect()
    }

    /// For [`QrStyle::HalfBlock`]: each line wrapped in SGR black-on-white (`ESC[30;47m` …
    /// `ESC[0m`), so a printed code is correct on dark and light themes, like the drawn one.
    /// Other styles exist because colour must not be used, so they get [`QrArt::to_lines`]
    /// unchanged.
    pub fn to_ansi_lines(&self) -> Vec<String> {
        let lines = self.to_lines();
        match self.style {
            QrStyle::HalfBlock => lines
                .into_iter()
                .map(|l| format!("\x1b[30;47m{l}\x1b[0m"))
                .collect(),
            QrStyle::Mono { .. } | QrStyle::Ascii { .. } => lines,
        }
    }
}

impl Widget for &QrArt {
    /// Draws at the area's top-left corner. A smaller area (or one running off the buffer) clips
    /// the art instead of panicking; callers should check [`QrArt::size`] first, because a
    /// clipped code will not scan.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let width = area.width.min(self.size.width);
        let height = area.height.min(self.size.height);
        let stride = usize::from(self.size.width);
        for dy in 0..height {
            let start = usize::from(dy) * stride;
            let Some(row) = self.cells.get(start..start + usize::from(width)) else {
                return;
            };
            for (dx, cell) in (0..width).zip(row) {
                let position = (area.x.saturating_add(dx), area.y.saturating_add(dy));
                if let Some(target) = buf.cell_mut(position) {
                    target.clone_from(cell);
                }
            }
        }
    }
}

/// Both error-correction levels of one payload: M when it fits (it survives rendering damage such
/// as line gaps and odd fonts better), L when space is tight (a version or two smaller, which is
/// what lets the code fit 80x24 beside the text).
#[derive(Debug, Clone)]
pub struct Qr {
    /// `None` when the payload only fits at level L (a very long, probably hostile, URL).
    m: Option<QrArt>,
    l: QrArt,
}

impl Qr {
    /// Encode `payload` at levels M and L. Errors only when not even level L can hold it.
    pub fn new(payload: &str, style: QrStyle) -> Result<Qr, QrError> {
        let l = QrArt::new(payload, EcLevel::L, style)?;
        let m = QrArt::new(payload, EcLevel::M, style).ok();
        Ok(Qr { m, l })
    }

    /// The art with the most error correction that fits in `available` (M preferred, else L), or
    /// `None` when neither fits: then the caller shows the URL and code as text, because a
    /// clipped code does not scan.
    pub fn fitting(&self, available: Size) -> Option<&QrArt> {
        let fits =
            |art: &&QrArt| art.size.width <= available.width && art.size.height <= available.height;
        self.m
            .as_ref()
            .filter(fits)
            .or_else(|| Some(&self.l).filter(fits))
    }

    /// The same payload in another style (say, after the user pressed the invert key), without
    /// encoding it again.
    pub fn with_style(&self, style: QrStyle) -> Qr {
        Qr {
            m: self.m.as_ref().map(|m| m.with_style(style)),
            l: self.l.with_style(style),
        }
    }

    /// Smallest size any art of this payload needs (the level L one), for "need WxH" messages.
    pub fn min_size(&self) -> Size {
        self.l.size
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::{Modifier, Style};

    const URL: &str = "https://zoom.us/oauth/device/complete/ABCD1234";
    const LOOPBACK: &str = "http://127.0.0.1:43817/oauth/device/complete/BCDFGHJK";

    const STYLES: [QrStyle; 5] = [
        QrStyle::HalfBlock,
        QrStyle::Mono { invert: false },
        QrStyle::Mono { invert: true },
        QrStyle::Ascii { invert: false },
        QrStyle::Ascii { invert: true },
    ];

    /// What a camera sees of `art` on a terminal whose text is `fg` on `bg` (grey levels): each
    /// cell as pixels, half blocks top and bottom, the colour style's own black on white.
    fn photo(art: &QrArt, fg: u8, bg: u8) -> (usize, usize, Vec<u8>) {
        const PX: usize = 4;
        let (w, h) = (usize::from(art.size.width), usize::from(art.size.height));
        let (cell_w, cell_h) = match art.style {
            QrStyle::Ascii { .. } => (PX / 2, PX),
            _ => (PX, 2 * PX),
        };
        let (img_w, img_h) = (w * cell_w, h * cell_h);
        let mut img = vec![0u8; img_w * img_h];
        for cy in 0..h {
            for cx in 0..w {
                let cell = &art.cells[cy * w + cx];
                let (ink, paper) = match art.style {
                    QrStyle::HalfBlock => (0, 255),
                    _ => (fg, bg),
                };
                let (top, bottom) = match cell.symbol() {
                    "▀" => (ink, paper),
                    "▄" => (paper, ink),
                    "█" | "#" => (ink, ink),
                    _ => (paper, paper),
                };
                for py in 0..cell_h {
                    let v = if py < cell_h / 2 { top } else { bottom };
                    for px in 0..cell_w {
                        img[(cy * cell_h + py) * img_w + cx * cell_w + px] = v;
                    }
                }
            }
        }
        (img_w, img_h, img)
    }

    /// The payload a common decoder reads from the photo, if any.
    fn scan(art: &QrArt, fg: u8, bg: u8) -> Option<String> {
        let (w, h, img) = photo(art, fg, bg);
        let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| img[y * w + x]);
        prepared
            .detect_grids()
            .into_iter()
            .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
    }

    #[test]
    fn the_code_scans_on_dark_and_light_terminals_when_its_polarity_follows_the_theme() {
        const DARK_THEME: (u8, u8) = (230, 20);
        const LIGHT_THEME: (u8, u8) = (20, 240);
        for payload in [URL, LOOPBACK] {
            for ec in [EcLevel::M, EcLevel::L] {
                let colour = QrArt::new(payload, ec, QrStyle::HalfBlock).unwrap();
                for (fg, bg) in [DARK_THEME, LIGHT_THEME] {
                    assert_eq!(
                        scan(&colour, fg, bg).as_deref(),
                        Some(payload),
                        "black on white reads anywhere"
                    );
                }
                for base in [
                    QrStyle::Mono { invert: false },
                    QrStyle::Ascii { invert: false },
                ] {
                    let on_dark = QrArt::new(payload, ec, base.with_invert(false)).unwrap();
                    let on_light = QrArt::new(payload, ec, base.with_invert(true)).unwrap();
                    let (fg, bg) = DARK_THEME;
                    assert_eq!(
                        scan(&on_dark, fg, bg).as_deref(),
                        Some(payload),
                        "{base:?} on a dark theme"
                    );
                    let (fg, bg) = LIGHT_THEME;
                    assert_eq!(
                        scan(&on_light, fg, bg).as_deref(),
                        Some(payload),
                        "inverted on a light theme"
                    );
                    // What the app guards against: the dark-theme drawing on a light theme is
                    // an inverted code, which this decoder (like many scanners) cannot read.
                    assert_eq!(scan(&on_dark, fg, bg), None, "{base:?} unflipped on light");
                }
            }
        }
    }

    /// The expected module matrix (dark = true), quiet zone included, straight from the encoder.
    fn expected(payload: &str, ec: EcLevel) -> Vec<Vec<bool>> {
        let code = QrCode::with_error_correction_level(payload, ec).unwrap();
        let inner = code.width();
        let colors = code.to_colors();
        let n = inner + 2 * QUIET_ZONE;
        (0..n)
            .map(|y| {
                (0..n)
                    .map(|x| {
                        let inside = QUIET_ZONE..QUIET_ZONE + inner;
                        inside.contains(&x)
                            && inside.contains(&y)
                            && colors[(y - QUIET_ZONE) * inner + x - QUIET_ZONE] == Module::Dark
                    })
                    .collect()
            })
            .collect()
    }

    /// Reads rendered text back into a module matrix (dark = true), the way a scanner would:
    /// ink is dark only where the style says the foreground is dark.
    fn decode(lines: &[String], style: QrStyle) -> Vec<Vec<bool>> {
        let ink_is_dark = style.inks(true);
        let dark = |ink: bool| ink == ink_is_dark;
        let mut rows: Vec<Vec<bool>> = Vec::new();
        match style {
            QrStyle::HalfBlock | QrStyle::Mono { .. } => {
                for line in lines {
                    let (mut upper, mut lower) = (Vec::new(), Vec::new());
                    for ch in line.chars() {
                        let (u, l) = match ch {
                            ' ' => (false, false),
                            '▀' => (true, false),
                            '▄' => (false, true),
                            '█' => (true, true),
                            other => panic!("unexpected glyph {other:?}"),
                        };
                        upper.push(dark(u));
                        lower.push(dark(l));
                    }
                    rows.push(upper);
                    rows.push(lower);
                }
                // The padding half row below an odd module count must be light (quiet zone).
                let n = lines[0].chars().count();
                assert_eq!(rows.len(), n + 1, "module count is always odd");
                let pad = rows.pop().unwrap();
                assert!(pad.iter().all(|d| !d), "padding half row must be light");
            }
            QrStyle::Ascii { .. } => {
                for line in lines {
                    let chars: Vec<char> = line.chars().collect();
                    let row = chars
                        .chunks(2)
                        .map(|pair| {
                            assert_eq!(pair[0], pair[1], "a module is two equal characters");
                            match pair[0] {
                                '#' => dark(true),
                                ' ' => dark(false),
                                other => panic!("unexpected character {other:?}"),
                            }
                        })
                        .collect();
                    rows.push(row);
                }
            }
        }
        rows
    }

    fn buffer_lines(buf: &Buffer) -> Vec<String> {
        (0..buf.area.height)
            .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    /// Bars at both ends keep trailing spaces visible and stable in snapshots.
    fn framed(lines: &[String]) -> String {
        lines.iter().map(|l| format!("|{l}|\n")).collect()
    }

    #[test]
    fn sizes_match_the_probe_figures() {
        for style in [
            QrStyle::HalfBlock,
            QrStyle::Mono { invert: false },
            QrStyle::Mono { invert: true },
        ] {
            assert_eq!(
                QrArt::new(URL, EcLevel::L, style).unwrap().size(),
                Size::new(37, 19)
            );
            assert_eq!(
                QrArt::new(URL, EcLevel::M, style).unwrap().size(),
                Size::new(41, 21)
            );
        }
        for invert in [false, true] {
            let style = QrStyle::Ascii { invert };
            assert_eq!(
                QrArt::new(URL, EcLevel::L, style).unwrap().size(),
                Size::new(74, 37)
            );
            assert_eq!(
                QrArt::new(URL, EcLevel::M, style).unwrap().size(),
                Size::new(82, 41)
            );
        }
        let qr = Qr::new(URL, QrStyle::HalfBlock).unwrap();
        assert_eq!(qr.min_size(), Size::new(37, 19));
    }

    #[test]
    fn fitting_prefers_m_then_l_then_none() {
        let qr = Qr::new(URL, QrStyle::HalfBlock).unwrap();
        let pick = |w, h| qr.fitting(Size::new(w, h)).map(QrArt::ec_level);
        assert_eq!(pick(200, 60), Some(EcLevel::M));
        assert_eq!(pick(41, 21), Some(EcLevel::M));
        assert_eq!(pick(40, 21), Some(EcLevel::L));
        assert_eq!(pick(41, 20), Some(EcLevel::L));
        assert_eq!(pick(37, 19), Some(EcLevel::L));
        assert_eq!(pick(36, 19), None);
        assert_eq!(pick(37, 18), None);
        assert_eq!(pick(0, 0), None);
    }

    #[test]
    fn quiet_zone_is_light_in_every_style() {
        for style in STYLES {
            for ec in [EcLevel::L, EcLevel::M] {
                let art = QrArt::new(LOOPBACK, ec, style).unwrap();
                let lines = art.to_lines();
                let light: &[char] = if style.inks(false) {
                    &['█', '#']
                } else {
                    &[' ']
                };
                let n = art.modules;
                // Text rows and columns wholly inside the quiet zone.
                let (rows, cols_per_module) = match style {
                    QrStyle::Ascii { .. } => (QUIET_ZONE, 2),
                    _ => (QUIET_ZONE / 2, 1),
                };
                let row_count = lines.len();
                for (y, line) in lines.iter().enumerate() {
                    let chars: Vec<char> = line.chars().collect();
                    let edge = QUIET_ZONE * cols_per_module;
                    let quiet_row = y < rows || y >= row_count - rows;
                    for (x, ch) in chars.iter().enumerate() {
                        if quiet_row || x < edge || x >= chars.len() - edge {
                            assert!(light.contains(ch), "{style:?} {ec:?}: ({x},{y}) is {ch:?}");
                        }
                    }
                }
                // And in module terms, straight from the matrix.
                let matrix = decode(&lines, style);
                assert_eq!(matrix.len(), n);
                let quiet = |i: usize| i < QUIET_ZONE || i >= n - QUIET_ZONE;
                for (y, row) in matrix.iter().enumerate() {
                    for (x, &dark) in row.iter().enumerate() {
                        assert!(
                            !(dark && (quiet(x) || quiet(y))),
                            "{style:?}: module ({x},{y}) is dark"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn round_trip_through_text_and_buffer_matches_the_encoder() {
        for payload in [URL, LOOPBACK] {
            for ec in [EcLevel::L, EcLevel::M] {
                let want = expected(payload, ec);
                for style in STYLES {
                    let art = QrArt::new(payload, ec, style).unwrap();
                    assert_eq!(
                        decode(&art.to_lines(), style),
                        want,
                        "{style:?} {ec:?} text"
                    );

                    let mut buf =
                        Buffer::empty(Rect::new(0, 0, art.size().width, art.size().height));
                    (&art).render(buf.area, &mut buf);
                    assert_eq!(
                        decode(&buffer_lines(&buf), style),
                        want,
                        "{style:?} {ec:?} buffer"
                    );
                }
            }
        }
    }

    #[test]
    fn mono_and_ascii_inversion_flip_every_glyph() {
        let normal = QrArt::new(URL, EcLevel::M, QrStyle::Mono { invert: false }).unwrap();
        let inverted = QrArt::new(URL, EcLevel::M, QrStyle::Mono { invert: true }).unwrap();
        let flip = |c: char| match c {
            ' ' => '█',
            '█' => ' ',
            '▀' => '▄',
            '▄' => '▀',
            other => other,
        };
        for (a, b) in normal
            .to_lines()
            .iter()
            .zip(inverted.to_lines())
            .take(normal.modules / 2)
        {
            // Full text rows only: the last one's lower half is padding, light in both.
            assert_eq!(a.chars().map(flip).collect::<String>(), b);
        }
        // HalfBlock inks the dark modules, like an inverted Mono, only with colours.
        let half = QrArt::new(URL, EcLevel::M, QrStyle::HalfBlock).unwrap();
        assert_eq!(half.to_lines(), inverted.to_lines());
        // Restyling reuses the modules and gives exactly what a fresh build gives.
        let qr = Qr::new(URL, QrStyle::Mono { invert: false }).unwrap();
        for style in STYLES {
            let fresh = Qr::new(URL, style).unwrap();
            let restyled = qr.with_style(style);
            for size in [Size::new(200, 100), fresh.min_size()] {
                let (a, b) = (
                    restyled.fitting(size).unwrap(),
                    fresh.fitting(size).unwrap(),
                );
                assert_eq!(
                    (a.style(), a.ec_level(), a.to_lines()),
                    (style, b.ec_level(), b.to_lines())
                );
            }
        }
    }

    #[test]
    fn widget_sets_explicit_colours_for_halfblock_and_none_for_mono() {
        for style in STYLES {
            let art = QrArt::new(URL, EcLevel::L, style).unwrap();
            let area = Rect::new(3, 2, art.size().width, art.size().height);
            // A dirty buffer: the QR must not inherit styles from whatever was there.
            let mut dirty = Cell::new("x");
            dirty.set_style(
                Style::new()
                    .fg(Color::Red)
                    .bg(Color::Blue)
                    .add_modifier(Modifier::REVERSED),
            );
            let mut buf = Buffer::filled(
                Rect::new(0, 0, area.right() + 2, area.bottom() + 2),
                dirty.clone(),
            );
            (&art).render(area, &mut buf);
            let (fg, bg) = match style {
                QrStyle::HalfBlock => (Color::Black, Color::White),
                _ => (Color::Reset, Color::Reset),
            };
            for y in 0..buf.area.height {
                for x in 0..buf.area.width {
                    let cell = &buf[(x, y)];
                    if area.contains((x, y).into()) {
                        assert_eq!((cell.fg, cell.bg), (fg, bg), "{style:?} at ({x},{y})");
                        assert_eq!(cell.modifier, Modifier::empty(), "{style:?} at ({x},{y})");
                    } else {
                        assert_eq!(
                            cell, &dirty,
                            "{style:?}: drew outside its area at ({x},{y})"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn small_areas_clip_without_panicking() {
        let art = QrArt::new(URL, EcLevel::M, QrStyle::HalfBlock).unwrap();
        let full = art.to_lines();
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 8));
        // Smaller than the art, inside the buffer.
        (&art).render(Rect::new(2, 1, 10, 5), &mut buf);
        let lines = buffer_lines(&buf);
        assert_eq!(lines.len(), 8);
        for (y, line) in lines.iter().enumerate() {
            for (x, got) in line.chars().enumerate() {
                let inside = (2..12).contains(&x) && (1..6).contains(&y);
                let want = if inside {
                    full[y - 1].chars().nth(x - 2).unwrap()
                } else {
                    ' '
                };
                assert_eq!(got, want, "({x},{y})");
            }
        }
        // Running off the buffer, empty, and at the far edge of the coordinate space.
        (&art).render(Rect::new(15, 5, 41, 21), &mut buf);
        (&art).render(Rect::new(0, 0, 0, 0), &mut buf);
        (&art).render(Rect::new(u16::MAX - 1, u16::MAX - 1, 1, 1), &mut buf);
        let mut far = Buffer::empty(Rect::new(u16::MAX - 10, u16::MAX - 10, 10, 10));
        (&art).render(Rect::new(u16::MAX - 10, u16::MAX - 10, 41, 21), &mut far);
        assert_eq!(far[(u16::MAX - 10, u16::MAX - 10)].bg, Color::White);
    }

    #[test]
    fn plain_lines_have_no_escapes_and_ansi_lines_are_black_on_white() {
        let art = QrArt::new(URL, EcLevel::L, QrStyle::HalfBlock).unwrap();
        let plain = art.to_lines();
        assert_eq!(plain.len(), 19);
        assert!(
            plain
                .iter()
                .all(|l| !l.contains('\x1b') && l.chars().count() == 37)
        );
        let ansi = art.to_ansi_lines();
        assert_eq!(ansi.len(), plain.len());
        for (a, p) in ansi.iter().zip(&plain) {
            assert_eq!(a, &format!("\x1b[30;47m{p}\x1b[0m"));
        }
        for style in [
            QrStyle::Mono { invert: false },
            QrStyle::Ascii { invert: true },
        ] {
            let art = QrArt::new(URL, EcLevel::L, style).unwrap();
            assert_eq!(
                art.to_ansi_lines(),
                art.to_lines(),
                "{style:?} must stay colourless"
            );
        }
        let ascii = QrArt::new(URL, EcLevel::L, QrStyle::Ascii { invert: false }).unwrap();
        assert!(
            ascii
                .to_lines()
                .iter()
                .all(|l| l.chars().all(|c| c == '#' || c == ' '))
        );
    }

    #[test]
    fn long_and_hostile_payloads() {
        // 2,000 characters still encode (version 40 holds 2,953 bytes at L, 2,331 at M).
        let long = format!("https://zoom.us/oauth/device/complete/{}", "a".repeat(1962));
        let qr = Qr::new(&long, QrStyle::Ascii { invert: false }).unwrap();
        let min = qr.min_size();
        assert!(min.width > 200 && min.width == 2 * min.height, "{min:?}");
        assert!(qr.fitting(Size::new(80, 24)).is_none());
        // Too long for M but not for L: L alone.
        let longer = "a".repeat(2500);
        let qr = Qr::new(&longer, QrStyle::HalfBlock).unwrap();
        assert_eq!(
            qr.fitting(Size::new(u16::MAX, u16::MAX))
                .map(QrArt::ec_level),
            Some(EcLevel::L)
        );
        // Too long for anything: an error, not a panic.
        assert!(matches!(
            Qr::new(&"a".repeat(4000), QrStyle::HalfBlock),
            Err(QrError::DataTooLong)
        ));
        // Control characters, escapes, non-ASCII and the empty string are just bytes.
        for payload in [
            "",
            "\x1b[2J\x07\0\r\n",
            "https://zoom.us/ö/日本/🙂",
            "\u{202e}evil",
        ] {
            for style in STYLES {
                let qr = Qr::new(payload, style).unwrap();
                let art = qr.fitting(Size::new(u16::MAX, u16::MAX)).unwrap();
                assert!(art.to_lines().iter().all(|l| !l.contains('\x1b')));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_payloads_never_panic(
            payload in prop_oneof![
                "(?s).{0,40}",
                "[\\x00-\\x1f\\x7f-\\u{9f}]{0,300}",
                "https://[a-z0-9.]{1,30}/[ -~]{0,2600}",
                "(?s).{2000,3000}",
            ],
            style in proptest::sample::select(STYLES.to_vec()),
        ) {
            if let Ok(qr) = Qr::new(&payload, style) {
                let min = qr.min_size();
                let art = qr.fitting(min).expect("the L art fits its own size");
                prop_assert_eq!(art.size(), min);
                prop_assert_eq!(art.to_lines().len(), usize::from(min.height));
                let mut buf = Buffer::empty(Rect::new(0, 0, 30, 10));
                art.render(buf.area, &mut buf);
            }
        }
    }

    #[test]
    fn snapshots() {
        let payload = "https://zoom.us/oauth/device/complete/BCDFGHJK";
        let lines = |style| QrArt::new(payload, EcLevel::L, style).unwrap().to_lines();
        insta::assert_snapshot!("halfblock", framed(&lines(QrStyle::HalfBlock)));
        insta::assert_snapshot!("mono", framed(&lines(QrStyle::Mono { invert: false })));
        insta::assert_snapshot!(
            "mono_inverted",
            framed(&lines(QrStyle::Mono { invert: true }))
        );
        insta::assert_snapshot!("ascii", framed(&lines(QrStyle::Ascii { invert: false })));
        insta::assert_snapshot!(
            "ascii_inverted",
            framed(&lines(QrStyle::Ascii { invert: true }))
        );
    }
}
