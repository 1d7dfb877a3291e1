//! The `[check]` table of `site.toml`: how `kennis check` treats external links (hosts it leaves
//! alone, time-outs, retries, how many requests it makes at once). It only reads and validates the
//! settings; the checking itself belongs to `crate::check`.
//!
//! ```toml
//! [check]
//! skip_hosts = ["example.org", "*.intranet"]
//! connect_timeout = 5   # seconds
//! timeout = 20          # seconds, for one request
//! retries = 2
//! concurrency = 8
//! per_host = 2
//! ```

use std::ops::Range;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

/// The validated `[check]` settings.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckSettings {
    /// Hosts whose links are not requested.
    pub skip_hosts: Vec<HostPattern>,
    /// How long to wait for a connection.
    pub connect_timeout: Duration,
    /// How long one request may take from start to answer.
    pub timeout: Duration,
    /// How often a request that timed out, or got 429 or 5xx, is tried again.
    pub retries: u32,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Requests in flight at once to one host, so that no server sees a burst.
    pub per_host: usize,
}

impl Default for CheckSettings {
    fn default() -> Self {
        CheckSettings {
            skip_hosts: Vec::new(),
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(20),
            retries: 2,
            concurrency: 8,
            per_host: 2,
        }
    }
}

/// A host name (`example.org`) or every host below a domain (`*.intranet`), without case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPattern {
    Exactly(String),
    Below(String),
}

impl HostPattern {
    fn parse(pattern: &str) -> Result<HostPattern, String> {
        let lower = pattern.to_ascii_lowercase();
        let name = lower.strip_prefix("*.").unwrap_or(&lower);
        let plain = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
        if !plain {
            Err(format!(
                "skip_hosts: {lower:?} is not a host name; write `example.org` or `*.example.org`, without a scheme, port or path"
            ))
        } else if lower.starts_with("*.") {
            Ok(HostPattern::Below(format!(".{name}")))
        } else {
            Ok(HostPattern::Exactly(lower))
        }
    }

    pub fn matches(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        match self {
            HostPattern::Exactly(name) => host == *name,
            HostPattern::Below(suffix) => host.ends_with(suffix.as_str()),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCheck {
    #[serde(default)]
    skip_hosts: Vec<Spanned<String>>,
    connect_timeout: Option<Spanned<f64>>,
    timeout: Option<Spanned<f64>>,
    retries: Option<Spanned<u32>>,
    concurrency: Option<Spanned<usize>>,
    per_host: Option<Spanned<usize>>,
}

/// The longest time-out accepted, so that a typo cannot make a check hang for hours.
const MAX_TIMEOUT_SECONDS: f64 = 600.0;
const MAX_RETRIES: u32 = 10;
const MAX_CONCURRENCY: usize = 64;

impl RawCheck {
    /// The settings, or a message and the byte range of the value it is about.
    pub(super) fn validate(self) -> Result<CheckSettings, (String, Range<usize>)> {
        let defaults = CheckSettings::default();
        let skip_hosts = self
            .skip_hosts
            .iter()
            .map(|pattern| HostPattern::parse(pattern.get_ref()).map_err(|m| (m, pattern.span())))
            .collect::<Result<_, _>>()?;
        let seconds = |value: Option<Spanned<f64>>, name: &str, default: Duration| match value {
            None => Ok(default),
            Some(value)
                if value.get_ref().is_finite()
                    && *value.get_ref() > 0.0
                    && *value.get_ref() <= MAX_TIMEOUT_SECONDS =>
            {
                Ok(Duration::from_secs_f64(*value.get_ref()))
            }
            Some(value) => Err((
                format!("{name} is in seconds, more than 0 and at most {MAX_TIMEOUT_SECONDS}"),
                value.span(),
            )),
        };
        let connect_timeout = seconds(
            self.connect_timeout,
            "connect_timeout",
            defaults.connect_timeout,
        )?;
        let timeout = seconds(self.timeout, "timeout", defaults.timeout)?;
        let count = |value: Option<Spanned<usize>>, name: &str, default: usize| match value {
            None => Ok(default),
            Some(value) if (1..=MAX_CONCURRENCY).contains(value.get_ref()) => Ok(*value.get_ref()),
            Some(value) => Err((
                format!("{name} must be between 1 and {MAX_CONCURRENCY}"),
                value.span(),
            )),
        };
        let concurrency = count(self.concurrency, "concurrency", defaults.concurrency)?;
        let per_host = count(self.per_host, "per_host", defaults.per_host)?;
        let retries = match self.retries {
            None => defaults.retries,
            Some(value) if *value.get_ref() <= MAX_RETRIES => *value.get_ref(),
            Some(value) => {
                let message = format!("retries must be at most {MAX_RETRIES}");
                return Err((message, value.span()));
            }
        };
        Ok(CheckSettings {
            skip_hosts,
            connect_timeout,
            timeout,
            retries,
            concurrency,
            per_host,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(table: &str) -> Result<CheckSettings, String> {
        let raw: RawCheck = toml::from_str(table).map_err(|error| error.to_string())?;
        raw.validate().map_err(|(message, _)| message)
    }

    #[test]
    fn host_patterns_match_a_host_or_the_hosts_below_a_domain() {
        let check = settings("skip_hosts = [\"Example.org\", \"*.intranet\"]").unwrap();
        let skipped = |host: &str| check.skip_hosts.iter().any(|p| p.matches(host));
        assert!(skipped("example.org"));
        assert!(skipped("EXAMPLE.ORG"));
        assert!(!skipped("www.example.org"));
        assert!(skipped("wiki.intranet"));
        assert!(skipped("a.b.intranet"));
        assert!(!skipped("intranet"));
        assert!(!skipped("myintranet"));
    }

    #[test]
    fn numbers_out_of_range_and_urls_as_hosts_are_refused() {
        assert_eq!(settings("").unwrap(), CheckSettings::default());
        let short = settings("timeout = 0.5\nconnect_timeout = 1").unwrap();
        assert_eq!(short.timeout, Duration::from_millis(500));
        assert_eq!(short.connect_timeout, Duration::from_secs(1));
        assert!(settings("timeout = 0").unwrap_err().contains("more than 0"));
        assert!(settings("per_host = 0").unwrap_err().contains("between 1"));
        assert!(settings("retries = 50").unwrap_err().contains("at most 10"));
        let url = settings("skip_hosts = [\"https://example.org/\"]").unwrap_err();
        assert!(url.contains("is not a host name"), "{url}");
        assert!(settings("skip = []").unwrap_err().contains("unknown field"));
    }
}
