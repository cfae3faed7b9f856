#!/usr/bin/env bash
# zoomctl's device-flow client against an RFC 8628 server none of us wrote: panva's
# oidc-provider (node-oidc-provider), with its routes mounted at Zoom's paths.
#
#   interop/oidc-provider/run.sh
#
# Needs node >= 18 and npm (it runs `npm ci` here when node_modules is missing or stale) and
# target/debug/zoomctl (it runs `cargo build` when the binary is missing; ZOOMCTL=path overrides).
# Prints PASS/FAIL/SKIP per step and exits non-zero if any step failed. Logs (the provider's with
# DEBUG=oidc-provider:*, zoomctl's with ZOOMCTL_LOG=debug, the scripted browser's) are kept in a
# temp folder when something failed, or always with KEEP_TMP=1.
#
# Two passes, each against a fresh provider and fresh zoomctl folders:
#   as-is          the provider as configured; zoomctl sends what it sends. zoomctl is also given
#                  ZOOM_OAUTH_SCOPE="openid offline_access", the setting proposed for it (today's
#                  zoomctl ignores it).
#   default-scope  the provider adds scope "openid offline_access" to device authorization
#                  requests that carry none (what a server with per-client default scopes does),
#                  so the rest of the flow is exercised even while zoomctl cannot send a scope.
# INTEROP_PASSES="as-is" (or "default-scope") runs only that pass.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ZOOMCTL=${ZOOMCTL:-$ROOT/target/debug/zoomctl}
PASSES=${INTEROP_PASSES:-as-is default-scope}
CLIENT_ID=zoomctl-interop
# Needs form-encoding inside HTTP Basic (RFC 6749 §2.3.1): space, colon, plus, slash, percent.
CLIENT_SECRET='interop secret:+/%'
SCOPE='openid offline_access'
AT_TTL=70 # over zoomctl's 60 s refresh margin: `token` first reuses the token, ~10 s later refreshes it

PASSED=0 FAILED=0 SKIPPED=0
pass() { echo "PASS  $PASS_NAME: $*"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL  $PASS_NAME: $*"; FAILED=$((FAILED + 1)); }
skip() { echo "SKIP  $PASS_NAME: $*"; SKIPPED=$((SKIPPED + 1)); }
note() { sed 's/^/        /'; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/zoomctl-interop.XXXXXX")
SERVER_PID='' ZOOMCTL_PID='' PASS_NAME=setup
cleanup() {
  if [ -n "$ZOOMCTL_PID" ]; then kill "$ZOOMCTL_PID" 2>/dev/null; wait "$ZOOMCTL_PID" 2>/dev/null; fi
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
  if [ "${KEEP_TMP:-0}" = 1 ] || [ "$FAILED" -gt 0 ]; then
    echo "logs kept in $TMP"
  else
    rm -rf "$TMP"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- setup ---------------------------------------------------------------------------------------
started=$SECONDS
command -v node >/dev/null || { fail "node is not installed"; exit 1; }
if [ ! -d "$HERE/node_modules/oidc-provider" ] \
  || [ "$HERE/package-lock.json" -nt "$HERE/node_modules/.package-lock.json" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) || { fail "npm ci"; exit 1; }
  echo "      npm ci took $((SECONDS - started)) s"
fi
if [ ! -x "$ZOOMCTL" ]; then
  (cd "$ROOT" && cargo build --bin zoomctl) || { fail "cargo build"; exit 1; }
fi
echo "      zoomctl: $ZOOMCTL; oidc-provider $(node -p "require('$HERE/node_modules/oidc-provider/package.json').version") on node $(node --version)"

# A JSON file's value at a path like .tokens.access_token (empty when absent).
jget() {
  node -e '
    const v = process.argv[2].split(".").filter(Boolean)
      .reduce((o, k) => (o == null ? undefined : o[k]), JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")));
    process.stdout.write(v == null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));
  ' "$1" "$2" 2>/dev/null
}

# One refresh-token grant straight at the provider, as zoomctl's client would send it: prints
# the HTTP status and the body.
raw_refresh() {
  node --input-type=module -e '
    const [base, id, secret, rt] = process.argv.slice(1);
    const enc = (s) => new URLSearchParams({ s }).toString().slice(2);
    const res = await fetch(`${base}/oauth/token`, {
      method: "POST",
      headers: { authorization: "Basic " + Buffer.from(`${enc(id)}:${enc(secret)}`).toString("base64"),
                 "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: rt }),
    });
    console.log(res.status, await res.text());
  ' "$BASE" "$CLIENT_ID" "$CLIENT_SECRET" "$1" 2>&1
}

start_server() { # $1: the scope the provider adds when a device authorization request has none
  INTEROP_CLIENT_ID=$CLIENT_ID INTEROP_CLIENT_SECRET=$CLIENT_SECRET INTEROP_AT_TTL=$AT_TTL \
    INTEROP_DEFAULT_SCOPE=$1 DEBUG='oidc-provider:*' \
    node "$HERE/server.mjs" >"$DIR/server.out" 2>"$DIR/provider.log" &
  SERVER_PID=$!
  BASE=''
  for _ in $(seq 100); do
    BASE=$(awk '/^LISTENING /{print $2}' "$DIR/server.out")
    [ -n "$BASE" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  return 1
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=''
}

# zoomctl in this pass's own folders, configured only by what is set here. A plain command
# (no function, no subshell), so that `$!` of `"${Z[@]}" … &` is zoomctl itself (env execs it).
set_z() {
  Z=(env -u ZOOM_API_URL -u ZOOMCTL_PROFILE -u ZOOMCTL_CONFIG -u ZOOMCTL_DATA_DIR -u ZOOMCTL_HTTP_TIMEOUT_SECS
    HOME="$DIR/home" XDG_CONFIG_HOME="$DIR/config" XDG_DATA_HOME="$DIR/data" XDG_STATE_HOME="$DIR/state"
    ZOOM_OAUTH_URL="$BASE" ZOOM_CLIENT_ID="$CLIENT_ID" ZOOM_CLIENT_SECRET="$CLIENT_SECRET"
    ZOOM_OAUTH_SCOPE="$SCOPE" ZOOMCTL_LOG=debug NO_COLOR=1
    "$ZOOMCTL")
}
z() { "${Z[@]}" "$@"; }

token_file() { echo "$DIR/data/zoomctl/tokens/default.json"; }

# What each side said, for a failed step.
evidence() {
  {
    echo "--- zoomctl said:"
    [ -n "${1:-}" ] && grep -v '^[[:space:]]*[█▀▄ #]*$' "$1" | tail -n 8
    echo "--- provider log (last exchanges):"
    grep -E '\] (POST|GET) |\] event |\] raised ' "$DIR/provider.log" | cut -c 1-400 | tail -n 8
    echo "--- zoomctl log:"
    tail -n 5 "$DIR/state/zoomctl/zoomctl.log" 2>/dev/null | cut -c 1-400
  } | note
}

# login NAME approve|deny: runs `zoomctl login --no-tui`, reads the code it prints, has the
# scripted browser approve or deny it. Sets LOGIN_RC, LOGIN_OUT, BROWSER_RC, USER_CODE.
login() {
  LOGIN_OUT=$DIR/login-$1.out
  local browser_log=$DIR/browser-$1.log uri=''
  USER_CODE='' BROWSER_RC=''
  "${Z[@]}" login --no-tui >"$LOGIN_OUT" 2>&1 </dev/null &
  ZOOMCTL_PID=$!
  for _ in $(seq 150); do
    USER_CODE=$(awk 'f { gsub(/^[ \t]+|[ \t\r]+$/, ""); print; exit } /and check that it shows this code:/ { f = 1 }' "$LOGIN_OUT")
    uri=$(awk 'f { gsub(/^[ \t]+|[ \t\r]+$/, ""); print; exit } /go to:[ \t\r]*$/ { f = 1 }' "$LOGIN_OUT")
    [ -n "$USER_CODE" ] && [ -n "$uri" ] && break
    kill -0 "$ZOOMCTL_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [ -n "$USER_CODE" ]; then
    node "$HERE/approve.mjs" "$uri" "$USER_CODE" "$2" 2>"$browser_log"
    BROWSER_RC=$?
  fi
  for _ in $(seq 400); do # 40 s: zoomctl polls every 5 s
    kill -0 "$ZOOMCTL_PID" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$ZOOMCTL_PID" 2>/dev/null; then
    kill "$ZOOMCTL_PID"
    echo "(the harness stopped zoomctl after 40 s)" >>"$LOGIN_OUT"
  fi
  wait "$ZOOMCTL_PID"
  LOGIN_RC=$?
  ZOOMCTL_PID=''
  if [ -z "$USER_CODE" ]; then
    echo "(the harness found no user code in zoomctl's output)" >>"$LOGIN_OUT"
  elif [ "$BROWSER_RC" != 0 ]; then
    {
      echo "--- the scripted browser did not get through the provider's pages:"
      tail -n 4 "$browser_log"
    } | note
  fi
}

run_pass() { # $1: name, $2: default scope the provider adds ('' for none)
  PASS_NAME=$1
  DIR=$TMP/$1
  mkdir -p "$DIR/home" "$DIR/config" "$DIR/data" "$DIR/state"
  if ! start_server "$2"; then
    fail "the provider did not start"
    tail -n 20 "$DIR/provider.log" | note
    return
  fi
  set_z
  echo "      $PASS_NAME: provider at $BASE${2:+, adding scope '$2' when none is asked for}"

  # 1. Sign in, approved in the browser.
  login approve approve
  if [ "$LOGIN_RC" = 0 ] && grep -q '^Signed in' "$LOGIN_OUT" && [ -s "$(token_file)" ] \
    && [ -n "$(jget "$(token_file)" .tokens.access_token)" ]; then
    pass "login --no-tui, approved: exit 0, tokens saved (code $USER_CODE)"
  else
    fail "login --no-tui, approved: exit $LOGIN_RC, token file $([ -s "$(token_file)" ] && echo present || echo missing)"
    evidence "$LOGIN_OUT"
    if grep -q 'no scope was granted' "$DIR/provider.log"; then
      {
        echo "=> the provider refused the approved grant because it has no scope: zoomctl sends no"
        echo "   'scope' in its device authorization request, and oidc-provider denies (access_denied)"
        echo "   any authorization that ends with nothing granted. zoomctl needs a scope setting."
      } | note
    fi
  fi
  local signed_in=0
  [ -s "$(token_file)" ] && signed_in=1

  # 2. status --json, offline.
  if [ $signed_in = 1 ]; then
    z status --json >"$DIR/status.json" 2>"$DIR/status.err"
    local rc=$? s=$DIR/status.json
    if [ $rc = 0 ] && [ "$(jget "$s" .signed_in)" = true ] && [ "$(jget "$s" .refreshable)" = true ] \
      && [ "$(jget "$s" .oauth_url)" = "$BASE" ] && [ "$(jget "$s" .expires_in_seconds)" -gt 0 ] 2>/dev/null; then
      pass "status --json: signed in, refreshable, $(jget "$s" .expires_in_seconds) s left, scopes $(jget "$s" .scopes)"
    else
      fail "status --json: exit $rc"
      { cat "$s" "$DIR/status.err"; } | note
    fi
  else
    skip "status --json (not signed in)"
  fi

  # 3. token with more than 60 s left: the stored token, no refresh.
  # 4. token with less than 60 s left: a refresh, saved before it is printed.
  if [ $signed_in = 1 ] && [ -n "$(jget "$(token_file)" .tokens.refresh_token)" ]; then
    local at0 rt0 out
    at0=$(jget "$(token_file)" .tokens.access_token)
    rt0=$(jget "$(token_file)" .tokens.refresh_token)
    out=$(z token 2>"$DIR/token1.err")
    rc=$?
    if [ $rc = 0 ] && [ "$out" = "$at0" ] && [ -z "$(jget "$(token_file)" .tokens.refreshed_at)" ]; then
      pass "token (> 60 s left): the stored token, no refresh"
    else
      fail "token (> 60 s left): exit $rc, $([ "$out" = "$at0" ] && echo same || echo another) token"
      note <"$DIR/token1.err"
    fi
    # Wait until the stored token has less than the 60 s margin left.
    local expires left
    expires=$(node -p "Date.parse('$(jget "$(token_file)" .tokens.expires_at)')")
    left=$(node -p "Math.ceil(($expires - Date.now()) / 1000)")
    [ "$left" -ge 59 ] && sleep $((left - 58))
    out=$(z token 2>"$DIR/token2.err")
    rc=$?
    local at1 rt1
    at1=$(jget "$(token_file)" .tokens.access_token)
    rt1=$(jget "$(token_file)" .tokens.refresh_token)
    if [ $rc = 0 ] && [ -n "$out" ] && [ "$out" != "$at0" ] && [ "$out" = "$at1" ] \
      && [ -n "$(jget "$(token_file)" .tokens.refreshed_at)" ] && [ "$rt1" != "$rt0" ] \
      && grep -q 'POST /oauth/token .*"grant_type":"refresh_token".* -> 200' "$DIR/provider.log"; then
      pass "token (< 60 s left): refreshed at the provider; new access and (rotated) refresh token saved"
    else
      fail "token (< 60 s left): exit $rc, $([ "$out" = "$at0" ] && echo 'the old' || echo 'a') token printed"
      evidence "$DIR/token2.err"
    fi
  elif [ $signed_in = 1 ]; then
    fail "token: the provider issued no refresh token"
  else
    skip "token (not signed in)"
  fi

  # 5. A second sign-in, denied in the browser: exit 4, a clear message, the old tokens kept.
  local before=''
  [ $signed_in = 1 ] && before=$(jget "$(token_file)" .tokens.access_token)
  login deny deny
  if [ "$LOGIN_RC" = 4 ] && grep -qi 'denied' "$LOGIN_OUT" && [ "$BROWSER_RC" = 0 ] \
    && [ "$(jget "$(token_file)" .tokens.access_token)" = "$before" ]; then
    pass "login --no-tui, denied: exit 4, '$(grep -i denied "$LOGIN_OUT" | tail -n 1 | cut -c 1-140)'"
  else
    fail "login --no-tui, denied: exit $LOGIN_RC (expected 4)"
    evidence "$LOGIN_OUT"
  fi

  # 6. logout: revoked at the provider, deleted here.
  if [ $signed_in = 1 ]; then
    local rt
    rt=$(jget "$(token_file)" .tokens.refresh_token)
    z logout >"$DIR/logout.out" 2>"$DIR/logout.err"
    rc=$?
    local after
    after=$(raw_refresh "$rt")
    if [ $rc = 0 ] && ! grep -q 'could not revoke' "$DIR/logout.err" && [ ! -e "$(token_file)" ] \
      && grep -q 'POST /oauth/revoke .* -> 200' "$DIR/provider.log" && grep -q 'event grant.revoked' "$DIR/provider.log" \
      && [[ $after == 400*invalid_grant* ]]; then
      pass "logout: exit 0, revoked (the provider now refuses the refresh token), tokens deleted"
    else
      fail "logout: exit $rc; token file $([ -e "$(token_file)" ] && echo kept || echo deleted); refresh afterwards: ${after:0:120}"
      { cat "$DIR/logout.out" "$DIR/logout.err"; } | note
      evidence
    fi
    z status --json >"$DIR/status-after.json" 2>/dev/null
    rc=$?
    if [ $rc = 3 ] && [ "$(jget "$DIR/status-after.json" .signed_in)" = false ]; then
      pass "status --json after logout: not signed in (exit 3)"
    else
      fail "status --json after logout: exit $rc"
    fi
  else
    skip "logout (not signed in)"
  fi

  stop_server
}

for p in $PASSES; do
  case $p in
    as-is) run_pass as-is '' ;;
    default-scope) run_pass default-scope "$SCOPE" ;;
    *) PASS_NAME=setup; fail "unknown pass '$p'" ;;
  esac
done

PASS_NAME=total
echo "      took $((SECONDS - started)) s"
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" = 0 ]
