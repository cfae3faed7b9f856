//! The approval pages a person sees on their phone or laptop (RFC 8628 §3.3).
//!
//! Plain HTML forms: no script, no external assets, so they work in any browser and in
//! `reqwest`-driven tests alike. The simulated person is always signed in as the one user.
//!
//! - `GET /oauth_device` asks for the user code (`?user_code=` pre-fills it); `POST` checks
//!   it and sends the person on to the consent page, or shows an error.
//! - `GET /oauth/device/complete/{code}` is the consent page: which app, the code to compare
//!   with the device, the §5.4 phishing warning, and Allow / Deny buttons that `POST`
//!   `action=allow|deny` back to the same path, which answers with a result page.
//!
//! Both POSTs are refused (403, nothing decided) when they come from another site: see
//! `origin.rs`. Every value placed in HTML goes through [`esc`].

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::Shared;
use super::origin::{self, Source};
use super::params::Params;
use super::state::{Clock, CodeView, DecideResult, Decision};

/// Escape text for HTML element content and quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;\
max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1f2937;line-height:1.5}\
h1{font-size:1.4rem}.code{font:700 2rem ui-monospace,monospace;letter-spacing:.15em;\
text-align:center;padding:.5rem;border:2px dashed #6b7280;border-radius:.5rem}\
.warn{background:#fef3c7;border-left:4px solid #d97706;padding:.75rem 1rem;margin:1rem 0}\
.error{background:#fee2e2;border-left:4px solid #dc2626;padding:.75rem 1rem;margin:1rem 0}\
.ok{background:#dcfce7;border-left:4px solid #16a34a;padding:.75rem 1rem;margin:1rem 0}\
input{font:1.4rem ui-monospace,monospace;letter-spacing:.1em;padding:.4rem;width:12rem;\
text-transform:uppercase}button{font-size:1.1rem;padding:.5rem 1.5rem;margin:.25rem;\
border-radius:.4rem;border:1px solid #6b7280;cursor:pointer}\
button.allow{background:#2563eb;color:#fff;border-color:#2563eb}\
.who{color:#6b7280;font-size:.9rem}";

/// A whole page, with headers that keep it out of caches and frames (a consent page inside
/// someone else's frame is a clickjacking risk).
fn page(status: StatusCode, title: &str, body: &str, shared: &Shared) -> Response {
    let user = {
        let state = shared.lock();
        format!("{} ({})", state.user.display_name, state.user.email)
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} - Zoom (simulator)</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <p class=\"who\">Zoom simulator &middot; signed in as {user}</p>\n<h1>{title}</h1>\n\
         {body}\n</body>\n</html>\n",
        title = esc(title),
        user = esc(&user),
    );
    let mut resp = (status, Html(html)).into_response();
    let h = resp.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    // Never tell another site which code page someone came from, but do let a browser name
    // this page as the origin of its own forms: under `no-referrer` browsers send
    // `Origin: null` on a POST, which the cross-site check (origin.rs) must refuse.
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    resp
}

fn entry_page(status: StatusCode, error: Option<&str>, prefill: &str, shared: &Shared) -> Response {
    let error = error
        .map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>\n", esc(e)))
        .unwrap_or_default();
    let body = format!(
        "{error}<p>Enter the code shown on your device.</p>\n\
         <form method=\"post\" action=\"/oauth_device\">\n\
         <label for=\"user_code\">Code</label><br>\n\
         <input id=\"user_code\" name=\"user_code\" value=\"{prefill}\" autocomplete=\"off\" \
         autocapitalize=\"characters\" spellcheck=\"false\" maxlength=\"32\" required autofocus>\n\
         <button type=\"submit\" class=\"allow\">Continue</button>\n</form>\n\
         <p class=\"warn\">Only enter a code from a device you own and are signing in on \
         right now.</p>",
        prefill = esc(prefill),
    );
    page(status, "Connect a device", &body, shared)
}

/// `GET /oauth_device`
pub async fn entry_form(State(shared): State<Arc<Shared>>, RawQuery(query): RawQuery) -> Response {
    let params = Params::from_query(query.as_deref());
    let prefill = params.query("user_code").unwrap_or("");
    entry_page(StatusCode::OK, None, prefill, &shared)
}

/// Where a code that is no longer pending sends the person, as (status, title, message).
fn settled(view: &CodeView) -> (StatusCode, &'static str, &'static str) {
    match view.status {
        "expired" => (
            StatusCode::BAD_REQUEST,
            "Code expired",
            "This code has expired. Start the sign-in again on your device to get a new one.",
        ),
        "denied" => (
            StatusCode::CONFLICT,
            "Already denied",
            "This sign-in request was already denied.",
        ),
        _ => (
            StatusCode::CONFLICT,
            "Already approved",
            "This sign-in request was already approved. You can return to your device.",
        ),
    }
}

/// The answer to a form POSTed from another site (`named` is what its `Origin` or `Referer`
/// said): nothing was done, and the person is told why and what to do instead.
fn cross_site(shared: &Shared, named: &str) -> Response {
    shared.lock().counters.cross_site_refused += 1;
    tracing::debug!(named, "refused a form sent from another site");
    page(
        StatusCode::FORBIDDEN,
        "Request refused",
        &format!(
            "<p class=\"error\" role=\"alert\">This form was sent from another site \
             (<code>{}</code>), not from this page. Nothing was approved or denied.</p>\n\
             <p>If you are signing in a device, open the link shown on it again, or \
             <a href=\"/oauth_device\">enter its code by hand</a>.</p>",
            esc(named)
        ),
        shared,
    )
}

/// `POST /oauth_device` with `user_code=`
pub async fn entry_submit(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Source::Foreign(named) = origin::judge(&headers, &shared.base_url) {
        return cross_site(&shared, &named);
    }
    let params = Params::new(None, &headers, &body);
    let typed = params.body("user_code").unwrap_or("");
    let view = shared.lock().view_code(typed, Clock::now());
    match view {
        Some(view) if view.status == "pending" => {
            Redirect::to(&format!("/oauth/device/complete/{}", view.user_code)).into_response()
        }
        Some(view) => {
            let (status, _, message) = settled(&view);
            entry_page(status, Some(message), "", &shared)
        }
        None => {
            shared.lock().note_wrong_user_code();
            entry_page(
                StatusCode::BAD_REQUEST,
                Some("That code is not valid. Check the code on your device and try again."),
                typed,
                &shared,
            )
        }
    }
}

fn unknown_code(shared: &Shared) -> Response {
    page(
        StatusCode::NOT_FOUND,
        "Code not found",
        "<p class=\"error\">This sign-in link or code is not valid. Check the code on your \
         device, or <a href=\"/oauth_device\">enter it by hand</a>.</p>",
        shared,
    )
}

/// `GET /oauth/device/complete/{code}`: the consent page.
pub async fn consent(State(shared): State<Arc<Shared>>, Path(code): Path<String>) -> Response {
    let view = shared.lock().view_code(&code, Clock::now());
    let Some(view) = view else {
        shared.lock().note_wrong_user_code();
        return unknown_code(&shared);
    };
    if view.status != "pending" {
        let (status, title, message) = settled(&view);
        return page(status, title, &format!("<p>{}</p>", esc(message)), &shared);
    }
    let minutes = view.expires_in.as_secs().div_ceil(60);
    let body = format!(
        "<p>The application <strong>{client}</strong> wants to sign in to your Zoom account \
         on a device.</p>\n\
         <p>Check that this code matches the one on your device:</p>\n\
         <p class=\"code\">{code}</p>\n\
         <p class=\"warn\" role=\"alert\"><strong>Only approve a sign-in you started on your \
         own device.</strong> If someone sent you this link or code, or you did not just start \
         a sign-in yourself, press Deny: approving would give them access to your Zoom \
         account.</p>\n\
         <form method=\"post\" action=\"/oauth/device/complete/{code_raw}\">\n\
         <button type=\"submit\" name=\"action\" value=\"allow\" class=\"allow\">Allow</button>\n\
         <button type=\"submit\" name=\"action\" value=\"deny\">Deny</button>\n</form>\n\
         <p class=\"who\">This code expires in {minutes} minute{s}.</p>",
        client = esc(&view.client_id),
        // Exactly as issued, as the device shows it: the person compares the two.
        code = esc(&view.user_code),
        code_raw = esc(&view.user_code),
        s = if minutes == 1 { "" } else { "s" },
    );
    page(StatusCode::OK, "Sign in on a device?", &body, &shared)
}

/// `POST /oauth/device/complete/{code}` with `action=allow|deny`.
pub async fn decide(
    State(shared): State<Arc<Shared>>,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Source::Foreign(named) = origin::judge(&headers, &shared.base_url) {
        return cross_site(&shared, &named);
    }
    let params = Params::new(None, &headers, &body);
    let decision = match params.body("action") {
        Some("allow") => Decision::Allow,
        Some("deny") => Decision::Deny,
        _ => {
            return page(
                StatusCode::BAD_REQUEST,
                "Choose Allow or Deny",
                &format!(
                    "<p class=\"error\">Please choose Allow or Deny. \
                     <a href=\"/oauth/device/complete/{}\">Back</a></p>",
                    esc(&code)
                ),
                &shared,
            );
        }
    };
    let (result, view) = {
        let mut state = shared.lock();
        let now = Clock::now();
        (
            state.decide(&code, decision, now),
            state.view_code(&code, now),
        )
    };
    match (result, view) {
        (DecideResult::Done, _) if decision == Decision::Allow => page(
            StatusCode::OK,
            "Device connected",
            "<p class=\"ok\">You approved the sign-in. You can return to your device now.</p>",
            &shared,
        ),
        (DecideResult::Done, _) => page(
            StatusCode::OK,
            "Request denied",
            "<p class=\"ok\">You denied the sign-in. The device was not given access.</p>",
            &shared,
        ),
        (DecideResult::NotFound, _) | (_, None) => unknown_code(&shared),
        (_, Some(view)) => {
            let (status, title, message) = settled(&view);
            page(status, title, &format!("<p>{}</p>", esc(message)), &shared)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            esc("<script>\"x\" & 'y'</script>"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }
}
