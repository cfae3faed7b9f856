//! `zoomctl api PATH`: any request to the Zoom API with the stored sign-in, as `gh api` does
//! for GitHub. The token is fresh (refreshed when due, once more on a 401, 429s waited out, as
//! for every other command) and goes only to the API URL recorded with its grant: a path is
//! taken under that API's `/v2`, and a URL anywhere else is refused before anything is sent.
//!
//! Fields (`-f key=value` strings, `-F key=value` typed) make a JSON body for POST, PATCH and
//! PUT, or the query for GET and DELETE (and whenever `--input` gives the body). Output is the
//! body as the server sent it; on a terminal, JSON is pretty-printed and every string made
//! inert. With `--paginate`, the pages' lists are joined into one object.

use crate::cli::ApiArgs;
use crate::outcome::{Failure, Kind};
use crate::sanitize;
use crate::session::Session;
use crate::zoom::api::PageTrail;
use crate::zoom::http::Answer;
use color_eyre::eyre::{Result, WrapErr};
use reqwest::Method;
use serde_json::{Map, Value};
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

fn usage(message: impl Into<String>) -> color_eyre::eyre::Report {
    Failure::new(Kind::Usage, message).into()
}

/// One step of a field's key: `name`, `[sub]` or `[]` (append to a list).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Name(String),
    Append,
}

/// `settings[join_before_host]` as steps, as gh reads them.
fn steps(key: &str) -> Result<Vec<Step>, String> {
    let bad = || {
        format!(
            "'{}' is not a field name: say NAME, NAME[SUB] or NAME[] (to add to a list)",
            sanitize::line(key)
        )
    };
    let (first, mut rest) = match key.find('[') {
        Some(at) => key.split_at(at),
        None => (key, ""),
    };
    if first.is_empty() || first.contains(']') {
        return Err(bad());
    }
    let mut out = vec![Step::Name(first.to_owned())];
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[').ok_or_else(bad)?;
        let end = inner.find(']').ok_or_else(bad)?;
        let name = &inner[..end];
        if name.contains('[') {
            return Err(bad());
        }
        out.push(if name.is_empty() {
            Step::Append
        } else {
            Step::Name(name.to_owned())
        });
        rest = &inner[end + 1..];
    }
    Ok(out)
}

/// Puts `value` at `steps` inside `container` (an object, a list, or `Null` for a new one).
/// `a[][b]=1 a[][c]=2` fills one object; a field it already has starts the next.
fn put(container: &mut Value, steps: &[Step], value: Value, key: &str) -> Result<(), String> {
    let Some((first, rest)) = steps.split_first() else {
        return Err(format!("'{}' names nothing", sanitize::line(key)));
    };
    let clash = || {
        format!(
            "field {} puts a value, an object and a list in the same place",
            sanitize::line(key)
        )
    };
    match first {
        Step::Name(name) => {
            if container.is_null() {
                *container = Value::Object(Map::new());
            }
            let Value::Object(map) = container else {
                return Err(clash());
            };
            if rest.is_empty() {
                if map.contains_key(name) {
                    return Err(format!("field {} is given twice", sanitize::line(key)));
                }
                map.insert(name.clone(), value);
                return Ok(());
            }
            put(
                map.entry(name.clone()).or_insert(Value::Null),
                rest,
                value,
                key,
            )
        }
        Step::Append => {
            if container.is_null() {
                *container = Value::Array(vec![]);
            }
            let Value::Array(items) = container else {
                return Err(clash());
            };
            if rest.is_empty() {
                items.push(value);
                return Ok(());
            }
            let fits = match (items.last(), &rest[0]) {
                (Some(Value::Object(m)), Step::Name(n)) => {
                    !m.contains_key(n) || (rest.len() > 1 && m[n].is_object())
                }
                _ => false,
            };
            if !fits {
                items.push(Value::Null);
            }
            let last = items.last_mut().ok_or_else(clash)?;
            put(last, rest, value, key)
        }
    }
}

/// JSON's number grammar exactly: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`. A passcode
/// such as `012345` is not one, so it stays text even with `-F`.
fn is_json_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

/// Standard input, which can be read once: by `--input -` or by one `-F key=@-`.
#[derive(Default)]
struct Stdin {
    taken_by: Option<String>,
}

impl Stdin {
    fn read(&mut self, by: &str) -> Result<Vec<u8>> {
        if let Some(earlier) = &self.taken_by {
            return Err(usage(format!(
                "standard input can be read only once, and {earlier} reads it already ({by} too)"
            )));
        }
        self.taken_by = Some(by.to_owned());
        let mut bytes = vec![];
        std::io::stdin()
            .read_to_end(&mut bytes)
            .wrap_err("could not read standard input")?;
        Ok(bytes)
    }
}

fn read_file(path: &Path, stdin: &mut Stdin, by: &str) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        return stdin.read(by);
    }
    std::fs::read(path).wrap_err_with(|| format!("could not read {} ({by})", path.display()))
}

/// A `-F` value as JSON: true, false, null and numbers as such, `@FILE` the file's text,
/// anything else a string.
fn typed(key: &str, text: &str, stdin: &mut Stdin) -> Result<Value> {
    Ok(match text {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        "null" => Value::Null,
        n if is_json_number(n) => {
            serde_json::from_str(n).wrap_err_with(|| format!("the number in -F {key}"))?
        }
        file if file.starts_with('@') => {
            let by = format!("-F {}", sanitize::line(key));
            let bytes = read_file(Path::new(&file[1..]), stdin, &by)?;
            Value::String(String::from_utf8(bytes).map_err(|_| {
                usage(format!(
                    "{} is not UTF-8 text, so it cannot be a JSON string ({by})",
                    &file[1..]
                ))
            })?)
        }
        other => Value::String(other.to_owned()),
    })
}

/// A value as it goes in a query: text as it is, null as nothing, the rest as JSON writes it.
fn query_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// What the command line asks for, worked out before anything is sent.
#[derive(Debug)]
struct Plan {
    method: Method,
    query: Vec<(String, String)>,
    body: Option<Vec<u8>>,
}

fn plan(args: &ApiArgs) -> Result<Plan> {
    let mut stdin = Stdin::default();
    let has_fields = !args.fields.is_empty() || !args.typed_fields.is_empty();
    let method = match (&args.method, args.paginate) {
        (Some(m), true) if *m != Method::GET => {
            return Err(usage(format!(
                "--paginate follows a list, and Zoom serves lists to GET, not {m}"
            )));
        }
        (Some(m), _) => m.clone(),
        (None, true) => Method::GET,
        (None, false) if has_fields || args.input.is_some() => Method::POST,
        (None, false) => Method::GET,
    };
    let mut fields: Vec<(String, Value)> = args
        .fields
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    for (k, v) in &args.typed_fields {
        fields.push((k.clone(), typed(k, v, &mut stdin)?));
    }
    let raw_body = match &args.input {
        Some(path) => Some(read_file(path, &mut stdin, "--input")?),
        None => None,
    };
    let in_query =
        raw_body.is_some() || matches!(method, Method::GET | Method::DELETE | Method::HEAD);
    if in_query {
        for (key, _) in &fields {
            steps(key).map_err(usage)?;
        }
        let query = fields
            .iter()
            .map(|(k, v)| (k.clone(), query_text(v)))
            .collect();
        return Ok(Plan {
            method,
            query,
            body: raw_body,
        });
    }
    let body = if fields.is_empty() {
        None
    } else {
        let mut root = Value::Object(Map::new());
        for (key, value) in fields {
            let path = steps(&key).map_err(usage)?;
            put(&mut root, &path, value, &key).map_err(usage)?;
        }
        Some(serde_json::to_vec(&root)?)
    };
    Ok(Plan {
        method,
        query: vec![],
        body,
    })
}

pub async fn run(session: &Session, args: ApiArgs) -> Result<()> {
    let plan = plan(&args)?;
    // Refused before anything is sent, a refresh included.
    let url = session.api_with(&session.load()?)?.target(&args.path)?;
    let what = format!(
        "{} {}",
        plan.method,
        sanitize::line(&url[url::Position::BeforePath..])
    );
    let mut out = std::io::stdout().lock();
    let terminal = out.is_terminal();
    if !args.paginate {
        let answer = fetch(session, &plan, url.as_str(), &plan.query)
            .await
            .wrap_err(what)?;
        if args.include {
            write_head(&mut out, &answer)?;
        }
        write_body(&mut out, &answer.body, terminal)?;
        return Ok(out.flush()?);
    }
    // Every page first, then one object: nothing on stdout when a page fails.
    let mut heads = vec![];
    let mut joined: Option<Map<String, Value>> = None;
    let mut trail = PageTrail::default();
    let mut next: Option<String> = None;
    loop {
        let mut query = plan.query.clone();
        let mut page_url = url.clone();
        if let Some(token) = &next {
            let kept: Vec<(String, String)> = url
                .query_pairs()
                .filter(|(k, _)| k != "next_page_token")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            page_url.set_query(None);
            if !kept.is_empty() {
                page_url.query_pairs_mut().extend_pairs(&kept);
            }
            query.retain(|(k, _)| k != "next_page_token");
            query.push(("next_page_token".to_owned(), token.clone()));
        }
        let pages = heads.len();
        let answer = fetch(session, &plan, page_url.as_str(), &query)
            .await
            .wrap_err_with(|| match pages {
                0 => what.clone(),
                n => format!(
                    "{what}: page {} could not be loaded, so nothing is printed",
                    n + 1
                ),
            })?;
        let page = match serde_json::from_slice::<Value>(&answer.body) {
            Ok(Value::Object(page)) => page,
            // Not a list of pages: the answer as it is.
            _ if pages == 0 => {
                if args.include {
                    write_head(&mut out, &answer)?;
                }
                write_body(&mut out, &answer.body, terminal)?;
                return Ok(out.flush()?);
            }
            _ => {
                return Err(color_eyre::eyre::eyre!(
                    "{what}: page {} is not a JSON object, so the pages cannot be joined; nothing is printed",
                    pages + 1
                ));
            }
        };
        let token = page.get("next_page_token").and_then(Value::as_str);
        let after = trail.follow(token).wrap_err_with(|| what.clone())?;
        heads.push(answer);
        match &mut joined {
            None => joined = Some(page),
            Some(all) => join(all, page),
        }
        match after {
            Some(t) => next = Some(t),
            None => break,
        }
    }
    if args.include {
        for head in &heads {
            write_head(&mut out, head)?;
        }
    }
    let joined = Value::Object(joined.unwrap_or_default());
    let text = if terminal {
        serde_json::to_string_pretty(&joined)?
    } else {
        serde_json::to_string(&joined)?
    };
    writeln!(out, "{}", sanitize::json(&text))?;
    Ok(out.flush()?)
}

/// One request with a fresh token, as every command makes them.
async fn fetch(
    session: &Session,
    plan: &Plan,
    target: &str,
    query: &[(String, String)],
) -> Result<Answer> {
    session
        .call(|api| async move {
            api.request(&plan.method, target, query, plan.body.as_deref())
                .await
        })
        .await
}

/// A later page into the pages so far: its lists added to theirs, its other fields (such as
/// an empty `next_page_token` on the last page) in place of theirs.
fn join(all: &mut Map<String, Value>, page: Map<String, Value>) {
    for (key, value) in page {
        match (all.get_mut(&key), value) {
            (Some(Value::Array(so_far)), Value::Array(more)) => so_far.extend(more),
            (_, value) => {
                all.insert(key, value);
            }
        }
    }
}

/// The status line and the headers, made inert (the client speaks HTTP/1.1 only).
fn write_head(out: &mut impl Write, answer: &Answer) -> std::io::Result<()> {
    writeln!(
        out,
        "HTTP/1.1 {} {}",
        answer.status.as_u16(),
        answer.status.canonical_reason().unwrap_or_default()
    )?;
    for (name, value) in &answer.headers {
        let value = String::from_utf8_lossy(value.as_bytes());
        writeln!(out, "{}: {}", name.as_str(), sanitize::line(&value))?;
    }
    writeln!(out)
}

/// The body: as it came when stdout is not a terminal; on a terminal, JSON pretty and inert,
/// anything else made inert.
fn write_body(out: &mut impl Write, body: &[u8], terminal: bool) -> std::io::Result<()> {
    if !terminal {
        return out.write_all(body);
    }
    if body.is_empty() {
        return Ok(());
    }
    if let Ok(value) = serde_json::from_slice::<Value>(body) {
        let text = serde_json::to_string_pretty(&value).map_err(std::io::Error::other)?;
        return writeln!(out, "{}", sanitize::json(&text));
    }
    let text = String::from_utf8_lossy(body);
    let safe = sanitize::text(&text);
    if safe.ends_with('\n') {
        write!(out, "{safe}")
    } else {
        writeln!(out, "{safe}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn args(path: &str, f: &[(&str, &str)], typed: &[(&str, &str)]) -> ApiArgs {
        let pairs = |list: &[(&str, &str)]| {
            list.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        ApiArgs {
            path: path.into(),
            method: None,
            fields: pairs(f),
            typed_fields: pairs(typed),
            input: None,
            paginate: false,
            include: false,
        }
    }

    fn body(plan: &Plan) -> Value {
        serde_json::from_slice(plan.body.as_deref().expect("a body")).unwrap()
    }

    #[test]
    fn fields_make_a_json_body_as_gh_does() {
        let plan = plan(&args(
            "users/me/meetings",
            &[
                ("topic", "Standup"),
                ("password", "012345"),
                ("code", "123"),
            ],
            &[
                ("type", "2"),
                ("duration", "32486119.997099206"),
                ("settings[join_before_host]", "true"),
                ("settings[waiting_room]", "false"),
                ("agenda", "null"),
                ("tags[]", "a"),
                ("tags[]", "b"),
                ("people[][name]", "Ana"),
                ("people[][email]", "ana@example.com"),
                ("people[][name]", "Bo"),
                ("passcode", "012345"),
            ],
        ))
        .unwrap();
        assert_eq!(plan.method, Method::POST, "fields make it a POST, as in gh");
        assert!(plan.query.is_empty());
        assert_eq!(
            body(&plan),
            json!({"topic": "Standup", "password": "012345", "code": "123", "type": 2,
                "duration": serde_json::from_str::<Value>("32486119.997099206").unwrap(),
                "settings": {"join_before_host": true, "waiting_room": false},
                "agenda": null, "tags": ["a", "b"],
                "people": [{"name": "Ana", "email": "ana@example.com"}, {"name": "Bo"}],
                "passcode": "012345"})
        );
        // The number goes on the wire as it was typed.
        let wire = String::from_utf8(plan.body.clone().unwrap()).unwrap();
        assert!(wire.contains("\"duration\":32486119.997099206"), "{wire}");
    }

    #[test]
    fn get_and_delete_put_fields_in_the_query() {
        let mut a = args(
            "users/me/meetings",
            &[("type", "live")],
            &[("page_size", "2")],
        );
        a.method = Some(Method::GET);
        let p = plan(&a).unwrap();
        assert_eq!(p.method, Method::GET);
        assert!(p.body.is_none());
        assert_eq!(
            p.query,
            [
                ("type".into(), "live".into()),
                ("page_size".into(), "2".into())
            ]
        );
        a.method = None;
        a.paginate = true;
        assert_eq!(plan(&a).unwrap().method, Method::GET, "--paginate lists");
        a.method = Some(Method::POST);
        let e = plan(&a).unwrap_err();
        assert_eq!(Failure::of(&e).kind, Kind::Usage, "{e:#}");
        let plain = plan(&args("users/me", &[], &[])).unwrap();
        assert_eq!((plain.method, plain.body), (Method::GET, None));
    }

    #[test]
    fn keys_that_cannot_be_built_are_usage_errors() {
        for (f, typed) in [
            (vec![("a", "1"), ("a[b]", "2")], vec![]),
            (vec![("a[b]", "2"), ("a", "1")], vec![]),
            (vec![("a", "1"), ("a", "2")], vec![]),
            (vec![("a[]", "1"), ("a[x]", "2")], vec![]),
            (vec![("[x]", "1")], vec![]),
            (vec![("a[x", "1")], vec![]),
            (vec![("a]x", "1")], vec![]),
            (vec![("a[x]y", "1")], vec![]),
        ] {
            let e = plan(&args("x", &f, &typed)).unwrap_err();
            assert_eq!(Failure::of(&e).kind, Kind::Usage, "{f:?}: {e:#}");
        }
    }

    #[test]
    fn only_json_numbers_become_numbers() {
        for yes in [
            "0",
            "-1",
            "12",
            "1.5",
            "-0.25e-3",
            "1E9",
            "32486119.997099206",
        ] {
            assert!(is_json_number(yes), "{yes}");
        }
        for no in [
            "", "-", "012345", "1.", ".5", "1e", "+1", "1 ", "0x10", "NaN", "1_000",
        ] {
            assert!(!is_json_number(no), "{no}");
        }
    }

    #[test]
    fn a_file_field_is_its_text_and_stdin_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let agenda = dir.path().join("agenda.txt");
        std::fs::write(&agenda, "line 1\nline 2\n").unwrap();
        let at = format!("@{}", agenda.display());
        let p = plan(&args("users/me/meetings", &[], &[("agenda", &at)])).unwrap();
        assert_eq!(body(&p)["agenda"], "line 1\nline 2\n");
        let mut a = args("users/me/meetings", &[], &[("agenda", "@-")]);
        a.input = Some("-".into());
        let e = plan(&a).unwrap_err();
        assert!(format!("{e:#}").contains("only once"), "{e:#}");
        let missing = plan(&args("x", &[], &[("a", "@/no/such/file")])).unwrap_err();
        assert!(
            format!("{missing:#}").contains("/no/such/file"),
            "{missing:#}"
        );
    }

    #[test]
    fn a_terminal_gets_inert_text_and_a_pipe_the_bytes_as_sent() {
        // JSON escapes for ESC and BEL, and a raw right-to-left override.
        let text = format!(
            r#"{{"topic":"a\u001b]52;c;x\u0007 {}b","n":1.50}}"#,
            '\u{202e}'
        );
        let sent = text.as_bytes();
        let mut pipe = vec![];
        write_body(&mut pipe, sent, false).unwrap();
        assert_eq!(pipe, sent);
        let mut term = vec![];
        write_body(&mut term, sent, true).unwrap();
        let shown = String::from_utf8(term).unwrap();
        assert!(
            shown.chars().all(|c| c == '\n' || !c.is_control()) && !shown.contains('\u{202e}'),
            "{shown:?}"
        );
        assert!(
            shown.contains("\\u202e") && shown.contains("1.50"),
            "{shown}"
        );
        let mut text = vec![];
        write_body(&mut text, b"<html>\x1b[2J</html>", true).unwrap();
        assert_eq!(String::from_utf8(text).unwrap(), "<html>^[[2J</html>\n");

        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("x-zm-trackingid", "v=2.0;abc".parse().unwrap());
        let answer = Answer {
            status: reqwest::StatusCode::CREATED,
            headers,
            body: vec![],
        };
        let mut head = vec![];
        write_head(&mut head, &answer).unwrap();
        assert_eq!(
            String::from_utf8(head).unwrap(),
            "HTTP/1.1 201 Created\nx-zm-trackingid: v=2.0;abc\n\n"
        );
    }

    #[test]
    fn pages_join_their_lists_and_keep_the_last_pages_other_fields() {
        let mut all =
            json!({"page_size": 2, "next_page_token": "t1", "meetings": [{"id": 1}, {"id": 2}]})
                .as_object()
                .unwrap()
                .clone();
        let last = json!({"page_size": 2, "next_page_token": "", "meetings": [{"id": 3}]});
        join(&mut all, last.as_object().unwrap().clone());
        assert_eq!(
            Value::Object(all),
            json!({"page_size": 2, "next_page_token": "", "meetings": [{"id": 1}, {"id": 2}, {"id": 3}]})
        );
    }
}
