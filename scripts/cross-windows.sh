#!/usr/bin/env bash
# Cross-build zoomctl for Windows (x86_64-pc-windows-gnu, with Debian's mingw-w64) and prove the
# build works by running the headless sign-in under wine against the native simulator:
#
#   1. nice -n 10 cargo build --release --target x86_64-pc-windows-gnu   (linker by env var)
#   2. the host's zoomctl sim --listen 127.0.0.1:0 --approve-after 2 --interval 1
#   3. under wine, in a throw-away WINEPREFIX (so a throw-away %APPDATA%):
#      zoomctl.exe login --no-tui, token, status, logout,
#      and token once more (must now fail with exit 3, "not signed in")
#   4. with --unit-tests: the library's unit tests, cross-built and run under wine too
#
# It installs what is missing: the rustup target, and (Debian/Ubuntu, as root or with sudo)
# gcc-mingw-w64-x86-64 and wine. Builds go to $CARGO_TARGET_DIR (default target/); no
# .cargo/config is created, so other builds are unaffected. Nothing else is written outside a
# temporary folder, which is removed at the end.
#
# Usage: scripts/cross-windows.sh [--no-install] [--no-build] [--unit-tests]
# Exit status: 0 when every step passed; 1 otherwise (the table says which).
# Takes a while: a release build with LTO for Windows (and one for the host, if it is not
# there), then wine's first start in a new prefix (some seconds), then the sign-in.
set -euo pipefail

cd "$(dirname "$0")/.."

install=1
build=1
unit_tests=0
while [ $# -gt 0 ]; do
    case "$1" in
        --no-install) install=0 ;;
        --no-build) build=0 ;;
        --unit-tests) unit_tests=1 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "cross-windows.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

triple=x86_64-pc-windows-gnu
gcc=x86_64-w64-mingw32-gcc
say() { printf '\n== %s\n' "$*" >&2; }

# ---- tools -------------------------------------------------------------------------------------
if [ "$install" = 1 ]; then
    if ! rustup target list --installed | grep -qx "$triple"; then
        say "rustup target add $triple"
        rustup target add "$triple"
    fi
    missing=()
    command -v "$gcc" >/dev/null || missing+=(gcc-mingw-w64-x86-64)
    command -v wine >/dev/null || missing+=(wine)
    if [ ${#missing[@]} -gt 0 ]; then
        sudo=""
        [ "$(id -u)" = 0 ] || sudo="sudo"
        if ! command -v apt-get >/dev/null; then
            echo "cross-windows.sh: please install: ${missing[*]} (or their equivalents)" >&2
            exit 1
        fi
        say "apt-get install ${missing[*]}"
        $sudo apt-get update
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
    fi
fi
for tool in "$gcc" wine; do
    command -v "$tool" >/dev/null || { echo "cross-windows.sh: $tool not found" >&2; exit 1; }
done

# ---- builds ------------------------------------------------------------------------------------
target_dir="${CARGO_TARGET_DIR:-target}"
host_bin="$target_dir/release/zoomctl"
exe="$target_dir/$triple/release/zoomctl.exe"
if [ "$build" = 1 ]; then
    if [ ! -x "$host_bin" ]; then
        say "host simulator: nice -n 10 cargo build --release --locked --bin zoomctl"
        nice -n 10 cargo build --release --locked --bin zoomctl
    fi
    say "cross build: $triple (linker and C compiler $gcc)"
    # ring's build script compiles C and assembly for the target: point cc-rs at mingw's gcc.
    env "CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=$gcc" \
        "CC_x86_64_pc_windows_gnu=$gcc" \
        "AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar" \
        nice -n 10 cargo build --release --locked --bin zoomctl --target "$triple"
fi
[ -x "$host_bin" ] || { echo "cross-windows.sh: no host binary at $host_bin" >&2; exit 1; }
[ -f "$exe" ] || { echo "cross-windows.sh: no Windows binary at $exe" >&2; exit 1; }
size="$(stat -c %s "$exe")"
say "$triple: $(file -b "$exe" 2>/dev/null || echo "$size bytes")"

# ---- the sign-in under wine --------------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/zoomctl-windows.XXXXXX")"
sim_pid=""
stop_sim() {
    if [ -n "$sim_pid" ]; then
        kill "$sim_pid" 2>/dev/null || true
        wait "$sim_pid" 2>/dev/null || true
        sim_pid=""
    fi
}
# The prefix's wineserver lingers a few seconds after the last program; end it (ours only,
# by its prefix) before the folder goes.
stop_wine() { WINEPREFIX="$work/prefix" wineserver -k 2>/dev/null || true; }
trap 'stop_sim; stop_wine; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

"$host_bin" sim --listen 127.0.0.1:0 --approve-after 2 --interval 1 >"$work/sim.log" 2>&1 &
sim_pid=$!
sim_url=""
for _ in $(seq 100); do
    sim_url="$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$work/sim.log" | head -n1)"
    [ -n "$sim_url" ] && break
    kill -0 "$sim_pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$sim_url" ]; then
    echo "cross-windows.sh: the simulator did not start:" >&2
    cat "$work/sim.log" >&2
    exit 1
fi
say "simulator (native) at $sim_url"

run_win() {
    # A fresh prefix: its own C:\users\...\AppData, so nothing of this machine's is read or
    # written. wine hands the Unix environment to the program; only what the client needs to
    # find the simulator is in it. No Mono or Gecko install prompts, no wine chatter.
    env -i PATH="$PATH" HOME="$work/home" LANG=C.UTF-8 \
        WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" \
        ZOOM_OAUTH_URL="$sim_url" ZOOM_CLIENT_ID=demo-client ZOOM_CLIENT_SECRET=demo-secret \
        timeout 600 wine "${program:-$exe}" "$@" </dev/null
}
mkdir -p "$work/home"
say "wineboot (a new prefix)"
env -i PATH="$PATH" HOME="$work/home" WINEPREFIX="$work/prefix" WINEDEBUG=-all \
    WINEDLLOVERRIDES="mscoree,mshtml=" timeout 300 wineboot --init >/dev/null 2>&1 || true

# Rust's standard library takes its random numbers from ProcessPrng in bcryptprimitives.dll,
# which every Windows since 10 has and wine gained only in 9.0. On an older wine (Debian 12
# ships 8.0) the program would not even load, so a stand-in DLL that answers ProcessPrng from
# RtlGenRandom goes beside the .exe. It exists only here, for wine: nothing ships with it.
mkdir -p "$work/bin"
cp "$exe" "$work/bin/zoomctl.exe"
exe="$work/bin/zoomctl.exe"
if [ ! -e "$work/prefix/drive_c/windows/system32/bcryptprimitives.dll" ]; then
    say "$(wine --version 2>/dev/null) has no bcryptprimitives.dll: a stand-in for ProcessPrng (RtlGenRandom)"
    cat >"$work/prng.c" <<'C'
#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, n)) return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
C
    "$gcc" -shared -O2 -o "$work/bin/bcryptprimitives.dll" "$work/prng.c" -ladvapi32
fi

failed=0
step() { # step NAME EXPECTED-EXIT ARGS...
    local name="$1" expected="$2" code=0 start end
    shift 2
    start=$(date +%s%N)
    run_win "$@" >"$work/$name.out" 2>"$work/$name.err" || code=$?
    end=$(date +%s%N)
    printf '   %-22s exit %s (want %s) in %d ms\n' "$name" "$code" "$expected" \
        "$(((end - start) / 1000000))" >&2
    if [ "$code" != "$expected" ]; then
        echo "   --- stdout:" >&2; tail -n 20 "$work/$name.out" >&2
        echo "   --- stderr:" >&2; unwine "$work/$name.err" | tail -n 20 >&2
        failed=1
    fi
    results+=("| \`zoomctl.exe $*\` | $code | $expected |")
}
# wine's notice that its 32-bit half is not installed (not needed: zoomctl.exe is 64-bit).
unwine() { grep -v -e 'wine32 is missing' -e 'multiarch needs' -e 'dpkg --add-architecture' -e 'apt-get install wine32' "$@" || true; }
results=()
step login 0 login --no-tui
# What a person would read, less the QR code's block characters.
cat "$work/login.out" "$work/login.err" | unwine | grep -v '[█▀▄]' | sed 's/^/   | /' | tail -n 12 >&2 || true
# Where the files went: %APPDATA% (C:\users\NAME\AppData\Roaming) inside the prefix.
(cd "$work/prefix/drive_c/users" && find . -path '*zoomctl*' -type f | sed 's|^\./|   C:\\users\\|; s|/|\\|g') >&2 || true
step token 0 token
if ! grep -q '^[A-Za-z0-9._-]\{20,\}$' "$work/token.out"; then
    echo "   token printed no token" >&2
    failed=1
else
    echo "   token: $(head -c 12 "$work/token.out")… ($(tr -d '\r\n' <"$work/token.out" | wc -c) characters)" >&2
fi
step status 0 status
sed 's/^/   | /' "$work/status.out" >&2
step logout 0 logout
step token-after-logout 3 token
unwine "$work/token-after-logout.err" | sed 's/^/   | /' >&2
stop_sim

if [ "$unit_tests" = 1 ]; then
    say "unit tests: cargo test --lib for $triple, run under wine"
    env "CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=$gcc" \
        "CC_x86_64_pc_windows_gnu=$gcc" \
        "AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar" \
        nice -n 10 cargo test --locked --lib --no-run --target "$triple" 2>"$work/unit-build.err" || true
    unit_exe="$(sed -n 's/^ *Executable unittests src\/lib.rs (\(.*\.exe\))$/\1/p' "$work/unit-build.err" | tail -n1)"
    code=0
    if [ -z "$unit_exe" ]; then
        tail -n 20 "$work/unit-build.err" >&2
        code=build
    else
        cp "$unit_exe" "$work/bin/unit-tests.exe"
        program="$work/bin/unit-tests.exe" run_win --test-threads 2 >"$work/unit.out" 2>&1 || code=$?
        grep -E '^test result|FAILED|panicked' "$work/unit.out" | unwine | sed 's/^/   | /' >&2
    fi
    [ "$code" = 0 ] || failed=1
    results+=("| \`cargo test --lib\` (unit-tests.exe) | $code | 0 |")
fi

echo
echo "Windows build: $target_dir/$triple/release/zoomctl.exe ($size B, $(awk "BEGIN{printf \"%.2f\", $size/1048576}") MiB), under $(wine --version 2>/dev/null)"
echo
echo "| command (under wine, simulator native) | exit | want |"
echo "|---|---|---|"
printf '%s\n' "${results[@]}"
echo
if [ "$failed" = 0 ]; then
    echo "cross-windows.sh: the sign-in passed under wine"
else
    echo "cross-windows.sh: FAILED (see above)" >&2
fi
exit "$failed"
