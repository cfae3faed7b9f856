//! Reading URLs, with host names in ASCII only.
//!
//! zoomctl is built without the Unicode tables for international domain names: `idna_adapter`
//! is pinned to 1.0, its no-tables stub, which refuses a host that is not ASCII (about 100 KB
//! of the binary, for issue 12's size budget). Zoom's hosts are ASCII, and any other host can
//! be written in its `xn--` form. Every URL zoomctl reads goes through [`parse`] (clippy refuses
//! `Url::parse` elsewhere), which also keeps the stub's debug assertion (an upper-case letter
//! after a non-ASCII one in a host) from being reached by what a server or a file sends.

pub use url::{ParseError, Url};

/// [`Url::parse`]; a host that is not ASCII, written as is or percent-encoded, is refused with
/// [`ParseError::IdnaError`].
pub fn parse(text: &str) -> Result<Url, ParseError> {
    if !text.is_ascii() || text.contains('%') {
        // Host names ignore case, so a first look with every ASCII letter in lower case gets
        // the same verdict on the host, and the stub never meets an upper-case letter. When it
        // passes, the host is ASCII, and the real parse below takes the ASCII path.
        #[allow(clippy::disallowed_methods)]
        Url::parse(&text.to_ascii_lowercase())?;
    }
    #[allow(clippy::disallowed_methods)]
    Url::parse(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_hosts_parse_as_usual_and_others_are_refused_without_a_panic() {
        let url = parse("https://Zoom.US/Path/ü?q=Ä#F").unwrap();
        assert_eq!(url.as_str(), "https://zoom.us/Path/%C3%BC?q=%C3%84#F");
        for host in [
            "bücher.example",
            "ÄB.example",
            "a.üB",
            "%C3%84B.example",
            "xÄ%42",
        ] {
            let text = format!("https://{host}/x");
            assert_eq!(parse(&text), Err(ParseError::IdnaError), "{text}");
        }
        assert_eq!(
            parse("https://xn--bcher-kva.example/").unwrap().host_str(),
            Some("xn--bcher-kva.example")
        );
    }
}
