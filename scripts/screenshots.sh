#!/usr/bin/env bash
# Real screenshots of zoomctl for the README, made from the running app: no mock-ups.
#
#   scripts/screenshots.sh            # writes assets/*.png
#
# How: `cargo build`, then zoomctl runs in its offline demo (--demo, an embedded Zoom
# simulator) inside a private tmux server; tmux send-keys drives it; `tmux capture-pane -e`
# reads the screen with its colours; a small Python converter (below) turns that into an HTML
# page of fixed 10x20 px cells; headless Chromium screenshots the page.
#
# The converter draws block elements (the QR code's half blocks, the countdown bar) and box
# lines as exact cell geometry instead of font glyphs, so the QR code has no gaps between rows
# and its modules are square, whatever the font. Everything else is text in the first
# monospace font found (DejaVu Sans Mono here). (This is why it is not `aha`: font glyphs
# for the half blocks leave gaps between rows and make the modules oblong.)
#
# KEEP=1 keeps the captured screens (.ans) and pages (.html) in a temporary folder.
#
# Needs: tmux, python3, chromium (or chromium-browser / google-chrome); optional: optipng.
# On Debian: apt-get install -y tmux chromium optipng fonts-dejavu-core fonts-noto-cjk \
#            fonts-noto-color-emoji      (the last two for the Meetings screen's topics)
#
# Nothing else is left behind: the tmux server (a private socket), the demo's tokens (in a
# temporary folder) and the HTML pages go on exit, even on failure or Ctrl-C.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${OUT:-$ROOT/assets}
BIN=$ROOT/target/debug/zoomctl

need() { command -v "$1" >/dev/null 2>&1 || { echo "screenshots.sh: $1 is not installed" >&2; exit 1; }; }
need tmux
need python3
need timeout
CHROME=
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then CHROME=$c; break; fi
done
[ -n "$CHROME" ] || { echo "screenshots.sh: no chromium found" >&2; exit 1; }

cargo build --quiet
mkdir -p "$OUT"

WORK=$(mktemp -d -t zoomctl-shots.XXXXXX)
SOCK=zoomctl-shots-$$
cleanup() {
    # Quit every zoomctl still running, so it removes its demo folder (it does on q, not when
    # its terminal goes away), then stop the private tmux server.
    local s
    for s in $(tmux -L "$SOCK" list-sessions -F '#S' 2>/dev/null); do
        tmux -L "$SOCK" send-keys -t "$s" Escape 2>/dev/null || true
        sleep 0.3
        tmux -L "$SOCK" send-keys -t "$s" q 2>/dev/null || true
    done
    sleep 1
    tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
    [ -n "${KEEP:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Cell size in CSS pixels: a cell is twice as tall as wide, so a half-block QR module is square.
CELL_W=10
CELL_H=20
PAD=10

cat >"$WORK/ansi2html.py" <<'PY'
"""Turn `tmux capture-pane -e -N -p` output (text + SGR escapes) into an HTML page of cells."""
import html
import re
import sys
import unicodedata

src, dst, cols, rows, cw, ch, pad, title = sys.argv[1:9]
cols, rows, cw, ch, pad = int(cols), int(rows), int(cw), int(ch), int(pad)

DEFAULT_FG = "#d4d4d4"
DEFAULT_BG = "#1e1e1e"
# 16 ANSI colours of a dark theme; 0 is true black and 15 true white so a QR code is
# black on white.
PALETTE16 = [
    "#000000", "#e05252", "#4fc16b", "#e5c04b", "#4d8fe0", "#c678dd", "#3cbcd6", "#d0d0d0",
    "#767676", "#ff6b6b", "#6be38a", "#f5e06b", "#6fa8ff", "#e08fff", "#5fe0f5", "#ffffff",
]


def xterm256(n):
    if n < 16:
        return PALETTE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + 10 * (n - 232)
    return "#%02x%02x%02x" % (v, v, v)


def blend(a, b, t):
    """a*(1-t) + b*t for #rrggbb colours."""
    pa = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    pb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#%02x%02x%02x" % tuple(round(x * (1 - t) + y * t) for x, y in zip(pa, pb))


class Attr:
    __slots__ = ("fg", "bg", "bold", "dim", "italic", "under", "reverse", "strike", "hidden")

    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = self.bg = None
        self.bold = self.dim = self.italic = self.under = False
        self.reverse = self.strike = self.hidden = False

    def key(self):
        return tuple(getattr(self, s) for s in self.__slots__)


def sgr(attr, params):
    ps = [int(p) if p.isdigit() else 0 for p in params.replace(":", ";").split(";")] or [0]
    i = 0
    while i < len(ps):
        p = ps[i]
        if p == 0:
            attr.reset()
        elif p == 1:
            attr.bold = True
        elif p == 2:
            attr.dim = True
        elif p == 3:
            attr.italic = True
        elif p in (4, 21):
            attr.under = True
        elif p == 7:
            attr.reverse = True
        elif p == 8:
            attr.hidden = True
        elif p == 9:
            attr.strike = True
        elif p == 22:
            attr.bold = attr.dim = False
        elif p == 23:
            attr.italic = False
        elif p == 24:
            attr.under = False
        elif p == 27:
            attr.reverse = False
        elif p == 28:
            attr.hidden = False
        elif p == 29:
            attr.strike = False
        elif 30 <= p <= 37:
            attr.fg = PALETTE16[p - 30]
        elif 40 <= p <= 47:
            attr.bg = PALETTE16[p - 40]
        elif 90 <= p <= 97:
            attr.fg = PALETTE16[p - 90 + 8]
        elif 100 <= p <= 107:
            attr.bg = PALETTE16[p - 100 + 8]
        elif p == 39:
            attr.fg = None
        elif p == 49:
            attr.bg = None
        elif p in (38, 48) and i + 1 < len(ps):
            if ps[i + 1] == 5 and i + 2 < len(ps):
                c = xterm256(ps[i + 2] % 256)
                i += 2
            elif ps[i + 1] == 2 and i + 4 < len(ps):
                c = "#%02x%02x%02x" % tuple(min(v, 255) for v in ps[i + 2:i + 5])
                i += 4
            else:
                c = None
            if p == 38:
                attr.fg = c
            else:
                attr.bg = c
        i += 1


def width(c):
    if c in "\u200d\ufe0f\ufe0e" or unicodedata.combining(c):
        return 0
    cat = unicodedata.category(c)
    if cat in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


# Block elements: (direction, share of the cell filled with the foreground colour).
BLOCKS = {
    "\u2580": ("bottom", 0.5), "\u2594": ("bottom", 0.125),
    "\u2588": ("bottom", 1.0),
    "\u258c": ("right", 0.5), "\u2590": ("left", 0.5), "\u2595": ("left", 0.125),
}
for k in range(1, 8):  # lower one eighth .. seven eighths
    BLOCKS[chr(0x2580 + k)] = ("top", k / 8)
for k in range(1, 8):  # left seven eighths .. one eighth
    BLOCKS[chr(0x2588 + k)] = ("right", (8 - k) / 8)
SHADES = {"\u2591": 0.25, "\u2592": 0.5, "\u2593": 0.75}
# Box drawing: (up, down, left, right) line weights, 1 light, 2 heavy.
BOX = {
    "─": (0, 0, 1, 1), "│": (1, 1, 0, 0), "┌": (0, 1, 0, 1), "┐": (0, 1, 1, 0),
    "└": (1, 0, 0, 1), "┘": (1, 0, 1, 0), "├": (1, 1, 0, 1), "┤": (1, 1, 1, 0),
    "┬": (0, 1, 1, 1), "┴": (1, 0, 1, 1), "┼": (1, 1, 1, 1),
    "╭": (0, 1, 0, 1), "╮": (0, 1, 1, 0), "╰": (1, 0, 0, 1), "╯": (1, 0, 1, 0),
    "━": (0, 0, 2, 2), "┃": (2, 2, 0, 0), "┏": (0, 2, 0, 2), "┓": (0, 2, 2, 0),
    "┗": (2, 0, 0, 2), "┛": (2, 0, 2, 0),
    "╴": (0, 0, 1, 0), "╶": (0, 0, 0, 1), "╵": (1, 0, 0, 0), "╷": (0, 1, 0, 0),
}


def box_layers(c, fg):
    up, down, left, right = BOX[c]
    cx, cy = cw // 2 - 1, ch // 2 - 1  # top-left pixel of the centre
    layers = []
    def line(x, y, w, h):
        layers.append("linear-gradient(%s,%s) %dpx %dpx/%dpx %dpx no-repeat" % (fg, fg, x, y, w, h))
    t = lambda wt: 1 if wt == 1 else 2
    if left:
        line(0, cy, cx + t(left), t(left))
    if right:
        line(cx, cy, cw - cx, t(right))
    if up:
        line(cx, 0, t(up), cy + t(up))
    if down:
        line(cx, cy, t(down), ch - cy)
    return layers


text = open(src, encoding="utf-8", errors="replace").read()
lines = text.split("\n")
if lines and lines[-1] == "":
    lines.pop()
lines = lines[:rows]

attr = Attr()
styles = {}
out_rows = []
token = re.compile(r"\x1b\[([0-9;:?]*)([@-~])|\x1b[^\[]|([^\x1b])", re.S)
warnings = []
for y, line in enumerate(lines):
    cells = []  # [char, width, attr key, attr snapshot]
    for m in token.finditer(line):
        if m.group(2) is not None:
            if m.group(2) == "m":
                sgr(attr, m.group(1))
            continue
        c = m.group(3)
        if c is None:
            continue
        w = width(c)
        if w == 0:
            if cells:
                cells[-1][0] += c
            continue
        snap = Attr()
        for s in Attr.__slots__:
            setattr(snap, s, getattr(attr, s))
        cells.append([c, w, snap])
    used = sum(w for _, w, _ in cells)
    if used > cols:
        warnings.append("row %d: %d columns, expected %d" % (y + 1, used, cols))
    while used < cols:
        cells.append([" ", 1, Attr()])
        used += 1
    out_rows.append(cells)
while len(out_rows) < rows:
    out_rows.append([[" ", 1, Attr()] for _ in range(cols)])


def colours(a):
    fg = a.fg or DEFAULT_FG
    bg = a.bg or DEFAULT_BG
    if a.reverse:
        fg, bg = bg, fg
    if a.dim:
        fg = blend(fg, bg, 0.45)
    if a.hidden:
        fg = bg
    return fg, bg


def cls(a):
    fg, bg = colours(a)
    rule = "color:%s;background-color:%s" % (fg, bg)
    if a.bold:
        rule += ";font-weight:bold"
    if a.italic:
        rule += ";font-style:italic"
    if a.under or a.strike:
        y = ch - 4 if a.under else ch // 2
        rule += ";background-image:linear-gradient(%s,%s);background-size:100%% 1px;" \
                "background-position:0 %dpx;background-repeat:no-repeat" % (fg, fg, y)
    name = styles.get(rule)
    if name is None:
        name = styles[rule] = "s%d" % len(styles)
    return name


body = []
for cells in out_rows:
    parts = []
    for c, w, a in cells:
        fg, bg = colours(a)
        name = cls(a)
        wide = " w" if w == 2 else ""
        base = c[0]
        if base in BLOCKS and len(c) == 1:
            d, share = BLOCKS[base]
            pct = share * 100
            if share >= 1:
                bgstyle = "background:%s" % fg
            else:  # the foreground fills the cell from the side opposite to `d`
                bgstyle = "background:linear-gradient(to %s,%s %.3f%%,%s %.3f%%)" % (
                    d, fg, pct, bg, pct)
            parts.append('<i class="%s%s" style="%s"></i>' % (name, wide, bgstyle))
        elif base in SHADES and len(c) == 1:
            parts.append('<i class="%s%s" style="background:%s"></i>'
                         % (name, wide, blend(bg, fg, SHADES[base])))
        elif base in BOX and len(c) == 1:
            layers = box_layers(base, fg) + [bg]
            parts.append('<i class="%s%s" style="background:%s"></i>' % (name, wide, ",".join(layers)))
        else:
            parts.append('<i class="%s%s">%s</i>' % (name, wide, html.escape(c)))
    body.append('<div class="r">%s</div>' % "".join(parts))

css = """
html,body{margin:0;padding:0;background:%(bg)s}
.t{padding:%(pad)dpx;width:%(w)dpx;height:%(h)dpx;background:%(bg)s}
.r{display:flex;height:%(ch)dpx}
i{flex:none;display:block;width:%(cw)dpx;height:%(ch)dpx;line-height:%(ch)dpx;font-style:normal;
  text-align:center;white-space:pre;overflow:visible;
  font-family:"DejaVu Sans Mono","Cascadia Mono","SF Mono",Menlo,Consolas,"Liberation Mono",
  "Noto Sans Mono CJK JP","Noto Sans Mono CJK SC","Noto Sans CJK JP","Noto Color Emoji",monospace;
  font-size:16px;font-kerning:none;font-variant-ligatures:none}
i.w{width:%(cw2)dpx}
""" % dict(bg=DEFAULT_BG, pad=pad, w=cols * cw, h=rows * ch, ch=ch, cw=cw, cw2=2 * cw)
css += "\n".join(".%s{%s}" % (n, r) for r, n in styles.items())

with open(dst, "w", encoding="utf-8") as f:
    f.write('<!doctype html><html><head><meta charset="utf-8"><title>%s</title><style>%s</style>'
            '</head><body><div class="t">%s</div></body></html>\n'
            % (html.escape(title), css, "".join(body)))
for w in warnings:
    print("ansi2html: %s: %s" % (title, w), file=sys.stderr)
PY

# tmux on a private socket, with no user configuration.
t() { tmux -L "$SOCK" -f /dev/null "$@"; }

# start NAME COLS ROWS ENV... -- ARGS...: run the demo in a new session, with a clean
# environment and a throw-away home, so no user configuration or token is read or written.
start() {
    local name=$1 cols=$2 rows=$3
    shift 3
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    local home="$WORK/home-$name"
    mkdir -p "$home"
    local cmd
    cmd=$(printf '%q ' env -i PATH="$PATH" HOME="$home" XDG_CONFIG_HOME="$home/.config" \
        XDG_DATA_HOME="$home/.local/share" XDG_STATE_HOME="$home/.local/state" \
        XDG_CACHE_HOME="$home/.cache" LANG=C.UTF-8 TZ=UTC "${envs[@]}" "$BIN" "$@")
    LANG=C.UTF-8 t -u new-session -d -s "$name" -x "$cols" -y "$rows" "$cmd; sleep 600"
}

# wait_for SESSION TEXT [SECONDS]: until TEXT is on the screen.
wait_for() {
    local name=$1 want=$2 secs=${3:-20} i
    for ((i = 0; i < secs * 5; i++)); do
        if t capture-pane -p -t "$name" | grep -qF -- "$want"; then
            sleep 0.4 # let the frame finish
            return 0
        fi
        sleep 0.2
    done
    echo "screenshots.sh: '$want' never showed in $name; the screen was:" >&2
    t capture-pane -p -t "$name" >&2
    exit 1
}

keys() { t send-keys -t "$1" "${@:2}"; }

# quit SESSION: press q and wait until zoomctl has exited.
quit() {
    local name=$1 i
    keys "$name" q
    for ((i = 0; i < 50; i++)); do
        [ "$(t display-message -p -t "$name" '#{pane_current_command}')" != zoomctl ] && return 0
        sleep 0.2
    done
    echo "screenshots.sh: zoomctl in $name did not quit" >&2
    exit 1
}

# shot SESSION FILE: capture the screen to $OUT/FILE.png.
shot() {
    local name=$1 file=$2 cols rows
    cols=$(t display-message -p -t "$name" '#{pane_width}')
    rows=$(t display-message -p -t "$name" '#{pane_height}')
    t capture-pane -e -N -p -t "$name" >"$WORK/$file.ans"
    python3 "$WORK/ansi2html.py" "$WORK/$file.ans" "$WORK/$file.html" "$cols" "$rows" \
        "$CELL_W" "$CELL_H" "$PAD" "zoomctl $file"
    local w=$((cols * CELL_W + 2 * PAD)) h=$((rows * CELL_H + 2 * PAD))
    # A time limit: headless Chromium has been seen to hang after a Ctrl-C.
    timeout -k 5 60 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$WORK/chrome" --hide-scrollbars --force-device-scale-factor=1 \
        --window-size="$w,$h" --screenshot="$OUT/$file.png" "file://$WORK/$file.html" \
        >/dev/null 2>&1
    if command -v optipng >/dev/null 2>&1; then optipng -quiet -o2 "$OUT/$file.png"; fi
    echo "$OUT/$file.png ($((cols))x$rows, $(($(wc -c <"$OUT/$file.png") / 1024)) KiB)"
}

TERM256=TERM=xterm-256color

# 1. Waiting for approval: the QR code and the countdown; then help and credentials.
start wait 100 32 "$TERM256" -- --demo --demo-approve-after 600
wait_for wait "Waiting for approval"
shot wait sign-in
keys wait '?'
wait_for wait "key closes"
shot wait help
keys wait Escape
sleep 0.5
keys wait 1
wait_for wait "Client secret"
shot wait credentials
quit wait

# 2. Signed in: the token inspector, the meetings, an instant meeting.
start signed 100 32 "$TERM256" -- --demo --demo-approve-after 1
wait_for signed "Signed in as"
keys signed 3
wait_for signed "Claims"
shot signed token
keys signed 4
wait_for signed "loaded"
# Select a meeting with an ordinary topic, so the details pane reads well.
keys signed j j
sleep 0.5
wait_for signed "Sprint retro"
shot signed meetings
keys signed n
wait_for signed "Make an instant meeting?"
keys signed y
wait_for signed "Scan to join"
shot signed meeting-started
keys signed Escape
sleep 0.5 # Escape then another key at once would read as Alt-key
# A meeting that has happened: Zoom's own record of it, then who came.
keys signed l l l l
wait_for signed "meetings that have ended"
keys signed j
sleep 0.3
keys signed Enter
wait_for signed "Lasted"
shot signed meeting-past
keys signed p
wait_for signed "Who came"
wait_for signed "so far"
shot signed meeting-participants
keys signed Escape
sleep 0.5
quit signed

# 3. The sign-in screen without colour, and on the Linux console (ASCII), at 80x24.
start nocolor 80 24 "$TERM256" NO_COLOR=1 -- --demo --demo-approve-after 600
wait_for nocolor "left"
shot nocolor sign-in-no-color
quit nocolor

start linux 80 24 TERM=linux -- --demo --demo-approve-after 600
wait_for linux "left"
shot linux sign-in-linux-console
quit linux

# 4. A terminal too small for the app.
start small 40 12 "$TERM256" -- --demo --demo-approve-after 600
wait_for small "too small"
shot small too-small
quit small
