#!/usr/bin/env bash
# Cross-build zoomctl for the Raspberry Pi (64-bit and 32-bit Raspberry Pi OS) and prove each
# build works by running the headless sign-in under qemu-user against the x86_64 simulator:
#
#   for each of aarch64-unknown-linux-gnu and armv7-unknown-linux-gnueabihf:
#     1. nice -n 10 cargo build --release --target <triple>   (into target/cross, linker by env var)
#     2. target/release/zoomctl sim --listen 127.0.0.1:0 --approve-after 2 --interval 1
#     3. under qemu-user, with a throw-away HOME:  login --no-tui, token, logout,
#        and token once more (must now fail with exit 3, "not signed in")
#
# It installs what is missing: the two rustup targets, and (Debian/Ubuntu, as root or with sudo)
# gcc-aarch64-linux-gnu, gcc-arm-linux-gnueabihf, libc6-dev-arm64-cross, libc6-dev-armhf-cross
# and qemu-user-static. Nothing is written outside target/ and a temporary folder; no
# .cargo/config is created, so other builds are unaffected.
#
# Usage: scripts/cross-pi.sh [--no-install] [--no-build] [aarch64] [armv7]
#   (no target names: both)
# Exit status: 0 when every step passed for every target; 1 otherwise (a summary says which).
# Takes a while: two release builds with LTO, then the sign-ins run emulated (a few seconds each).
set -euo pipefail

cd "$(dirname "$0")/.."
root="$(pwd)"

install=1
build=1
wanted=()
while [ $# -gt 0 ]; do
    case "$1" in
        --no-install) install=0 ;;
        --no-build) build=0 ;;
        aarch64|armv7) wanted+=("$1") ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "cross-pi.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
[ ${#wanted[@]} -gt 0 ] || wanted=(aarch64 armv7)

# Per target: triple, C compiler / linker, qemu, sysroot.
triple_of()  { case "$1" in aarch64) echo aarch64-unknown-linux-gnu ;; armv7) echo armv7-unknown-linux-gnueabihf ;; esac; }
gcc_of()     { case "$1" in aarch64) echo aarch64-linux-gnu-gcc ;;     armv7) echo arm-linux-gnueabihf-gcc ;; esac; }
qemu_of()    { case "$1" in aarch64) echo qemu-aarch64-static ;;       armv7) echo qemu-arm-static ;; esac; }
sysroot_of() { case "$1" in aarch64) echo /usr/aarch64-linux-gnu ;;    armv7) echo /usr/arm-linux-gnueabihf ;; esac; }

say() { printf '\n== %s\n' "$*" >&2; }

# ---- tools -------------------------------------------------------------------------------------
if [ "$install" = 1 ]; then
    for t in "${wanted[@]}"; do
        triple="$(triple_of "$t")"
        if ! rustup target list --installed | grep -qx "$triple"; then
            say "rustup target add $triple"
            rustup target add "$triple"
        fi
    done
    missing=()
    for t in "${wanted[@]}"; do
        # The compiler, and the target's C headers and libraries (ring's build compiles C; the
        # headers are only a "recommends" of the compiler package, so name them).
        case "$t" in
            aarch64) pkgs=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross) ;;
            armv7) pkgs=(gcc-arm-linux-gnueabihf libc6-dev-armhf-cross) ;;
        esac
        if ! command -v "$(gcc_of "$t")" >/dev/null || [ ! -e "$(sysroot_of "$t")/include/stdio.h" ]; then
            missing+=("${pkgs[@]}")
        fi
        command -v "$(qemu_of "$t")" >/dev/null || missing+=(qemu-user-static)
    done
    if [ ${#missing[@]} -gt 0 ]; then
        # shellcheck disable=SC2207
        missing=($(printf '%s\n' "${missing[@]}" | sort -u))
        sudo=""
        [ "$(id -u)" = 0 ] || sudo="sudo"
        if ! command -v apt-get >/dev/null; then
            echo "cross-pi.sh: please install: ${missing[*]} (or their equivalents)" >&2
            exit 1
        fi
        say "apt-get install ${missing[*]}"
        $sudo apt-get update
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
    fi
fi
for t in "${wanted[@]}"; do
    for tool in "$(gcc_of "$t")" "$(qemu_of "$t")"; do
        command -v "$tool" >/dev/null || { echo "cross-pi.sh: $tool not found" >&2; exit 1; }
    done
done

# ---- builds ------------------------------------------------------------------------------------
host_bin="${CARGO_TARGET_DIR:-target}/release/zoomctl"
cross_dir="$root/target/cross"
if [ "$build" = 1 ]; then
    say "host simulator: nice -n 10 cargo build --release --bin zoomctl"
    nice -n 10 cargo build --release --locked --bin zoomctl
    for t in "${wanted[@]}"; do
        triple="$(triple_of "$t")"
        upper="$(echo "$triple" | tr 'a-z-' 'A-Z_')"
        lower="$(echo "$triple" | tr '-' '_')"
        say "cross build: $triple (linker and C compiler $(gcc_of "$t"))"
        # ring's build script compiles C and assembly for the target: point cc-rs at the cross gcc.
        env "CARGO_TARGET_${upper}_LINKER=$(gcc_of "$t")" \
            "CC_${lower}=$(gcc_of "$t")" \
            "AR_${lower}=$(gcc_of "$t" | sed 's/gcc$/ar/')" \
            CARGO_TARGET_DIR="$cross_dir" \
            nice -n 10 cargo build --release --locked --bin zoomctl --target "$triple"
    done
fi
[ -x "$host_bin" ] || { echo "cross-pi.sh: no host binary at $host_bin" >&2; exit 1; }

# ---- sign-ins under qemu -----------------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/zoomctl-cross.XXXXXX")"
sim_pid=""
stop_sim() {
    if [ -n "$sim_pid" ]; then
        kill "$sim_pid" 2>/dev/null || true
        wait "$sim_pid" 2>/dev/null || true
        sim_pid=""
    fi
}
trap 'stop_sim; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# Starts the simulator and sets $sim_url from the first line it prints.
start_sim() {
    local log="$1"
    "$host_bin" sim --listen 127.0.0.1:0 --approve-after 2 --interval 1 >"$log" 2>&1 &
    sim_pid=$!
    sim_url=""
    for _ in $(seq 100); do
        sim_url="$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$log" | head -n1)"
        [ -n "$sim_url" ] && return 0
        kill -0 "$sim_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "cross-pi.sh: the simulator did not start:" >&2
    cat "$log" >&2
    return 1
}

results=()
failed=0
for t in "${wanted[@]}"; do
    triple="$(triple_of "$t")"
    bin="$cross_dir/$triple/release/zoomctl"
    if [ ! -x "$bin" ]; then
        results+=("| $triple | (not built) | - | - | - | - |")
        failed=1
        continue
    fi
    size="$(stat -c %s "$bin")"
    say "$triple: $(file -b "$bin" 2>/dev/null || echo "$size bytes")"

    home="$work/$t"
    mkdir -p "$home"/{config,data,state,cache}
    start_sim "$work/sim-$t.log"
    say "$triple: simulator at $sim_url"

    run_arm() {
        # A fresh, isolated environment: only what the client needs to find the simulator.
        env -i PATH="$PATH" HOME="$home" LANG=C.UTF-8 \
            XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
            XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache" \
            ZOOM_OAUTH_URL="$sim_url" ZOOM_CLIENT_ID=demo-client ZOOM_CLIENT_SECRET=demo-secret \
            timeout 180 "$(qemu_of "$t")" -L "$(sysroot_of "$t")" "$bin" "$@" </dev/null
    }
    step() { # step NAME EXPECTED-EXIT ARGS...
        local name="$1" expected="$2" code=0 start end
        shift 2
        start=$(date +%s%N)
        run_arm "$@" >"$work/$t-$name.out" 2>"$work/$t-$name.err" || code=$?
        end=$(date +%s%N)
        printf '   %-22s exit %s (want %s) in %d ms\n' "$name" "$code" "$expected" \
            "$(((end - start) / 1000000))" >&2
        if [ "$code" != "$expected" ]; then
            echo "   --- stdout:" >&2; tail -n 20 "$work/$t-$name.out" >&2
            echo "   --- stderr:" >&2; tail -n 20 "$work/$t-$name.err" >&2
            echo "$code"
            return 1
        fi
        echo "$code"
    }
    login="$(step login 0 login --no-tui)" || failed=1
    token="$(step token 0 token)" || failed=1
    if [ "$token" = 0 ] && ! grep -q '[A-Za-z0-9]' "$work/$t-token.out"; then
        echo "   token printed nothing" >&2
        token="empty"
        failed=1
    fi
    logout="$(step logout 0 logout)" || failed=1
    after="$(step token-after-logout 3 token)" || failed=1
    stop_sim
    results+=("| $triple | $size B ($(awk "BEGIN{printf \"%.2f\", $size/1048576}") MiB) | $login | $token | $logout | $after |")
done

echo
echo "| target | binary (stripped) | login --no-tui | token | logout | token after logout (want 3) |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${results[@]}"
echo
if [ "$failed" = 0 ]; then
    echo "cross-pi.sh: all sign-ins passed under qemu-user"
else
    echo "cross-pi.sh: FAILED (see above)" >&2
fi
exit "$failed"
