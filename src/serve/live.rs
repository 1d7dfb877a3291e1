//! The live side of the preview: the outcome of the latest build, told to every open page. Owns the
//! endpoints below `/__kennis/` (the event stream, the script that listens to it and the overlay's
//! stylesheet) and the one change the preview makes to a page it serves: that stylesheet and
//! script, added before `</body>`. It never touches the output folder, so a built site holds no trace of it, and it
//! never builds: the caller reports each outcome.

use std::convert::Infallible;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::{StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::watch;

const EVENTS_PATH: &str = "/__kennis/events";
const SCRIPT_PATH: &str = "/__kennis/live.js";
const STYLE_PATH: &str = "/__kennis/live.css";
const SCRIPT: &str = include_str!("live.js");
const STYLE: &str = include_str!("live.css");

/// How often an idle event stream carries a comment, so that a page whose server went away finds
/// out and reconnects, and a reader that left frees its connection.
const KEEP_ALIVE: Duration = Duration::from_secs(10);
/// How soon a page tries again after losing the stream (a restarted server is back within it).
const RECONNECT: Duration = Duration::from_millis(500);

/// What the latest build left behind.
#[derive(Debug, Clone, PartialEq)]
struct Outcome {
    /// When this server started: a restarted server's builds never share a name with the old one's.
    run: u128,
    /// How many builds of this server succeeded.
    successes: u64,
    /// The errors of the latest build as the terminal shows them, while it is failing.
    failure: Option<String>,
}

impl Outcome {
    /// Names the latest successful build; a page built before it is stale.
    fn build(&self) -> String {
        format!("{}-{}", self.run, self.successes)
    }
}

/// The outcome of the latest build, for every open page. A page that reads slowly, or not at all,
/// only misses outcomes that were already replaced: nobody waits for it.
#[derive(Debug)]
pub struct Builds(watch::Sender<Outcome>);

impl Builds {
    /// The builds of a server whose first build succeeded.
    pub fn new() -> Builds {
        let run = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_millis());
        let (outcome, _) = watch::channel(Outcome {
            run,
            successes: 1,
            failure: None,
        });
        Builds(outcome)
    }

    pub fn succeeded(&self) {
        self.0.send_modify(|outcome| {
            outcome.successes += 1;
            outcome.failure = None;
        });
    }

    /// `errors` as the terminal showed them, without colours.
    pub fn failed(&self, errors: String) {
        self.0.send_modify(|outcome| outcome.failure = Some(errors));
    }

    fn latest_build(&self) -> String {
        self.0.borrow().build()
    }
}

/// The answer to `path` if it is one of the preview's own endpoints.
pub fn answer(path: &str, builds: &Builds) -> Option<Response> {
    match path {
        EVENTS_PATH => Some(events(builds).into_response()),
        SCRIPT_PATH => Some(asset("text/javascript; charset=utf-8", SCRIPT)),
        STYLE_PATH => Some(asset("text/css; charset=utf-8", STYLE)),
        _ => None,
    }
}

fn asset(content_type: &'static str, text: &'static str) -> Response {
    (StatusCode::OK, [(header::CONTENT_TYPE, content_type)], text).into_response()
}

/// The stream a page listens to: the current outcome at once, then every new one. Each outcome is
/// a `build` event naming the latest successful build and, while the build fails, an `error`
/// event with the errors as a JSON string.
fn events(builds: &Builds) -> Sse<impl Stream<Item = Result<Event, Infallible>> + use<>> {
    let mut receiver = builds.0.subscribe();
    receiver.mark_changed();
    let outcomes = stream::unfold(receiver, |mut receiver| async move {
        receiver.changed().await.ok()?;
        let outcome = receiver.borrow_and_update().clone();
        Some((outcome, receiver))
    });
    let events = outcomes.flat_map(|outcome| stream::iter(outcome_events(outcome).map(Ok)));
    Sse::new(events).keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
}

fn outcome_events(outcome: Outcome) -> impl Iterator<Item = Event> {
    let build = Event::default()
        .event("build")
        .retry(RECONNECT)
        .data(outcome.build());
    let failure = outcome
        .failure
        .map(|errors| Event::default().event("error").data(error_data(errors)));
    std::iter::once(build).chain(failure)
}

/// `errors` as one JSON string: one line, whatever line ends the excerpt had.
fn error_data(errors: String) -> String {
    serde_json::Value::String(errors).to_string()
}

/// `page` with the stylesheet and script of the live preview before its last `</body>` (or at its
/// end), the script told where the events are and which build the page belongs to.
pub fn inject(mut page: Vec<u8>, builds: &Builds) -> Vec<u8> {
    let tags = format!(
        "<link rel=\"stylesheet\" href=\"{STYLE_PATH}\"><script src=\"{SCRIPT_PATH}\" data-events=\"{EVENTS_PATH}\" data-build=\"{}\"></script>",
        crate::html::escape(&builds.latest_build())
    );
    let at = body_end(&page).unwrap_or(page.len());
    page.splice(at..at, tags.into_bytes());
    page
}

fn body_end(page: &[u8]) -> Option<usize> {
    const CLOSING: &[u8] = b"</body";
    page.windows(CLOSING.len())
        .rposition(|window| window.eq_ignore_ascii_case(CLOSING))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn injected(page: &str, builds: &Builds) -> String {
        String::from_utf8(inject(page.as_bytes().to_vec(), builds)).expect("UTF-8")
    }

    #[test]
    fn the_script_goes_before_the_last_closing_body_tag() {
        let builds = Builds::new();
        let page = injected("<body><p>&lt;/body&gt;</p></BODY >\n</html>", &builds);
        let script = format!(
            "<script src=\"/__kennis/live.js\" data-events=\"/__kennis/events\" data-build=\"{}\"></script></BODY >",
            builds.latest_build()
        );
        assert!(page.contains(&script), "{page}");
        assert!(page.starts_with("<body><p>&lt;/body&gt;</p><link rel=\"stylesheet\""));
        assert!(injected("<p>no body</p>", &builds).ends_with("</script>"));
    }

    #[test]
    fn a_success_names_a_new_build_and_clears_the_failure() {
        let builds = Builds::new();
        let first = builds.latest_build();
        builds.failed("content/a.md:2: unknown key".to_owned());
        assert_eq!(builds.latest_build(), first);
        assert!(builds.0.borrow().failure.is_some());
        builds.succeeded();
        assert_ne!(builds.latest_build(), first);
        assert_eq!(builds.0.borrow().failure, None);
    }

    #[test]
    fn errors_travel_on_one_line_and_arrive_unchanged() {
        let errors = "a.md:2\r\n  help: \"x\"\n".to_owned();
        let data = error_data(errors.clone());
        assert!(!data.contains(['\r', '\n']), "{data}");
        assert_eq!(serde_json::from_str::<String>(&data).expect("JSON"), errors);
    }
}
