//! Asking one web address whether it answers: HEAD, or GET where a server refuses HEAD; redirects
//! followed one by one so that a permanent move can be reported with its new address; time-outs;
//! retries with a growing pause (or the server's `Retry-After`) on time-outs, 429 and 5xx. It knows
//! nothing of pages or findings.

use std::time::Duration;

use ureq::http::{HeaderMap, Uri};

use crate::config::check::CheckSettings;

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 10;
/// The longest pause before a retry, also one a server asks for with `Retry-After`, so that one
/// server cannot hold a check up for long.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(10);
/// The first pause before a retry; it doubles with every retry.
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const USER_AGENT: &str = concat!("kennis-check/", env!("CARGO_PKG_VERSION"));

/// How a web address answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx, perhaps after temporary redirects.
    Fine,
    /// 2xx after at least one permanent redirect (301, 308), at this address.
    Moved { to: String },
    /// 401 or 403: the page may be behind a login, or the server turns robots away.
    Forbidden { status: u16 },
    /// Still 429 after every retry.
    RateLimited,
    /// Readers following the link get no page.
    Broken { reason: String },
}

pub struct Client {
    agent: ureq::Agent,
    settings: CheckSettings,
}

/// One answer: its status and the headers that matter here.
struct Answer {
    status: u16,
    headers: HeaderMap,
}

impl Client {
    pub fn new(settings: &CheckSettings) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // Redirects are followed here, one at a time, to see which of them are permanent.
            .max_redirects(0)
            .timeout_connect(Some(settings.connect_timeout))
            .timeout_global(Some(settings.timeout))
            .user_agent(USER_AGENT)
            .build();
        Client {
            agent: config.into(),
            settings: settings.clone(),
        }
    }

    /// Follows `url` (without its anchor) to the page it ends at.
    pub fn check(&self, url: &str) -> Outcome {
        let mut current = url.to_owned();
        let mut moved = false;
        for _ in 0..=MAX_REDIRECTS {
            let answer = match self.ask(&current) {
                Ok(answer) => answer,
                Err(reason) => return Outcome::Broken { reason },
            };
            let after = if current == url {
                String::new()
            } else {
                format!(" (redirected to {current})")
            };
            match answer.status {
                200..=299 if moved => return Outcome::Moved { to: current },
                200..=299 => return Outcome::Fine,
                301 | 302 | 303 | 307 | 308 => {
                    let Some(location) = header(&answer.headers, "location") else {
                        let reason =
                            format!("redirect {} without a Location{after}", answer.status);
                        return Outcome::Broken { reason };
                    };
                    moved |= matches!(answer.status, 301 | 308);
                    current = resolve(&current, location);
                }
                status @ (401 | 403) => return Outcome::Forbidden { status },
                429 => return Outcome::RateLimited,
                status => {
                    let reason = format!("the server answers {}{after}", status_text(status));
                    return Outcome::Broken { reason };
                }
            }
        }
        Outcome::Broken {
            reason: format!("more than {MAX_REDIRECTS} redirects (last to {current})"),
        }
    }

    /// One answer for `url`, retried while it may be passing trouble.
    fn ask(&self, url: &str) -> Result<Answer, String> {
        let mut attempt = 0;
        loop {
            let answer = self.head_or_get(url);
            let retry_after = match &answer {
                Ok(answer) if answer.status == 429 || answer.status >= 500 => {
                    Some(retry_after(&answer.headers))
                }
                Err(ureq::Error::Timeout(_)) => Some(None),
                _ => None,
            };
            match retry_after {
                Some(wait) if attempt < self.settings.retries => {
                    let backoff = FIRST_BACKOFF.saturating_mul(2u32.saturating_pow(attempt));
                    std::thread::sleep(wait.unwrap_or(backoff.min(MAX_RETRY_WAIT)));
                    attempt += 1;
                }
                _ => return answer.map_err(|error| self.reason(&error)),
            }
        }
    }

    /// HEAD saves the page's body; some servers refuse it, and then GET asks again.
    fn head_or_get(&self, url: &str) -> Result<Answer, ureq::Error> {
        let answer = |response: ureq::http::Response<ureq::Body>| Answer {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
        };
        let head = self.agent.head(url).call().map(answer)?;
        if matches!(head.status, 403 | 405 | 501) {
            return self.agent.get(url).call().map(answer);
        }
        Ok(head)
    }

    fn reason(&self, error: &ureq::Error) -> String {
        match error {
            ureq::Error::Timeout(ureq::Timeout::Connect) => format!(
                "no connection within {} s",
                self.settings.connect_timeout.as_secs_f64()
            ),
            ureq::Error::Timeout(_) => {
                format!("no answer within {} s", self.settings.timeout.as_secs_f64())
            }
            ureq::Error::HostNotFound => "the host name is not known".to_owned(),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                "the server refused the connection".to_owned()
            }
            ureq::Error::Io(io) => io.to_string(),
            ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
                "this is not a valid web address".to_owned()
            }
            other => other.to_string(),
        }
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// The pause a server asks for in seconds, at most [`MAX_RETRY_WAIT`]; `None` where it names
/// none (or a date, which the growing pause stands in for).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds: u64 = header(headers, "retry-after")?.trim().parse().ok()?;
    Some(Duration::from_secs(seconds).min(MAX_RETRY_WAIT))
}

/// A redirect's `Location` read against the address that gave it.
fn resolve(base: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_owned();
    }
    let Ok(uri) = base.parse::<Uri>() else {
        return location.to_owned();
    };
    let scheme = uri.scheme_str().unwrap_or("https");
    let authority = uri.authority().map_or("", |authority| authority.as_str());
    if let Some(rest) = location.strip_prefix("//") {
        return format!("{scheme}://{rest}");
    }
    if location.starts_with('/') {
        return format!("{scheme}://{authority}{location}");
    }
    let folder = uri.path().rsplit_once('/').map_or("", |(folder, _)| folder);
    format!("{scheme}://{authority}{folder}/{location}")
}

fn status_text(status: u16) -> String {
    match ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|code| code.canonical_reason())
    {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_read_against_the_address_that_gave_them() {
        let base = "https://example.org/a/b?x=1";
        assert_eq!(resolve(base, "https://other.org/"), "https://other.org/");
        assert_eq!(resolve(base, "//cdn.org/c"), "https://cdn.org/c");
        assert_eq!(resolve(base, "/c"), "https://example.org/c");
        assert_eq!(resolve(base, "c"), "https://example.org/a/c");
        assert_eq!(
            resolve("http://127.0.0.1:8080/x", "/y"),
            "http://127.0.0.1:8080/y"
        );
    }

    #[test]
    fn retry_after_is_capped_and_dates_are_left_to_the_backoff() {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", "3".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
        headers.insert("retry-after", "3600".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(MAX_RETRY_WAIT));
        headers.insert(
            "retry-after",
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn statuses_are_named() {
        assert_eq!(status_text(404), "404 Not Found");
        assert_eq!(status_text(599), "599");
    }
}
