//! `kennis serve`: builds the site into a preview folder, serves it over HTTP (on 127.0.0.1 unless
//! asked otherwise) and rebuilds when content, theme, templates, static files or `site.toml` change.
//! A failed rebuild is reported and the last good site stays online. This module ties the parts
//! together; [`http`] answers requests, [`resolve`] maps paths to files inside the output folder,
//! [`watch`] notices changes, [`crate::rebuild`] runs again only what they need, and [`live`] tells
//! open pages how each build went. Nothing here writes files but the rebuilds it runs.

mod http;
mod live;
mod resolve;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::Arc;

use crate::build::{BuildOptions, BuildReport};
use crate::config::SiteConfig;
use crate::error::{Error, Result};
use crate::rebuild::{Rebuilt, Session};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    pub port: u16,
}

/// Threads answering requests: a preview has one reader, and the build needs the cores.
const WORKER_THREADS: usize = 2;
/// Threads reading files for the workers.
const FILE_THREADS: usize = 4;

/// Serves until the process is stopped. `report` receives every line meant for the person previewing.
pub fn serve(options: ServeOptions, report: &(dyn Fn(&str) + Sync)) -> Result<()> {
    let listener = listen(options.bind, options.port)?;
    let port = listener
        .local_addr()
        .map_err(|error| Error::usage(format!("the server has no address: {error}"), None))?
        .port();
    let host = if options.bind.is_unspecified() {
        "127.0.0.1".to_owned()
    } else {
        options.bind.to_string()
    };
    let mut build_options = options.build.clone();
    build_options.base_url = Some(format!("http://{host}:{port}/"));

    let (mut session, first) = Session::start(build_options.clone(), &|_| {})?;
    let policy = Arc::new(http::Policy::new(&site_policy(&build_options)?)?);
    report_build(Ok(first), report);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKER_THREADS)
        .max_blocking_threads(FILE_THREADS)
        .enable_all()
        .build()
        .map_err(|error| Error::usage(format!("cannot start the server: {error}"), None))?;
    let listener = {
        let _inside = runtime.enter();
        tokio::net::TcpListener::from_std(listener)
            .map_err(|error| Error::usage(format!("cannot start the server: {error}"), None))?
    };
    let builds = Arc::new(live::Builds::new());
    let preview = http::Preview {
        root: build_options.output.clone(),
        builds: Arc::clone(&builds),
    };
    runtime.spawn(http::run(listener, preview, Arc::clone(&policy)));
    report(&format!(
        "serving {} at http://{host}:{port}/ (Ctrl+C to stop)",
        build_options.output.display()
    ));

    watch::watch(&build_options.root, &mut |changed, more_waiting| {
        report("change detected, rebuilding");
        let rebuilt = session.rebuild(changed);
        let built = rebuilt.is_ok();
        announce(
            rebuilt.as_ref().map(|_| ()),
            &build_options,
            &policy,
            &builds,
            report,
        );
        report_rebuilt(rebuilt, report);
        // The open page reloads first; the search indexes follow unless more changes are waiting,
        // whose rebuild will bring them.
        if built && session.search_outdated() && !more_waiting() {
            let started = std::time::Instant::now();
            let updated = session.update_search();
            if updated.is_ok() {
                let seconds = started.elapsed().as_secs_f64();
                report(&format!("updated the search indexes in {seconds:.2} s"));
            }
            match updated {
                Ok(true) => announce(Ok(()), &build_options, &policy, &builds, report),
                Ok(false) => {}
                Err(error) => {
                    announce(Err(&error), &build_options, &policy, &builds, report);
                    report_build(Err(error), report);
                }
            }
        }
    })
}

/// Tells open pages how a build went: reload after a good one, show the errors of a failed one.
fn announce(
    outcome: std::result::Result<(), &Error>,
    options: &BuildOptions,
    policy: &http::Policy,
    builds: &live::Builds,
    report: &(dyn Fn(&str) + Sync),
) {
    match outcome {
        Ok(()) => match site_policy(options).and_then(|p| policy.replace(&p)) {
            Ok(()) => builds.succeeded(),
            Err(error) => {
                report(&crate::error::render(&error));
                builds.failed(crate::error::render_plain(&error));
            }
        },
        Err(error) => builds.failed(crate::error::render_plain(error)),
    }
}

fn listen(bind: IpAddr, port: u16) -> Result<TcpListener> {
    let cannot = |error: std::io::Error| {
        Error::usage(
            format!("cannot listen on {bind}:{port}: {error}"),
            Some("choose another port with --port".to_owned()),
        )
    };
    let listener = TcpListener::bind(SocketAddr::new(bind, port)).map_err(cannot)?;
    listener.set_nonblocking(true).map_err(cannot)?;
    Ok(listener)
}

/// The Content-Security-Policy of the site as it was just built, read as the build reads it.
fn site_policy(options: &BuildOptions) -> Result<String> {
    let config = SiteConfig::load(&options.root, options.base_url.as_deref())?;
    Ok(config.content_security_policy().to_owned())
}

fn report_rebuilt(result: Result<Rebuilt>, report: &(dyn Fn(&str) + Sync)) {
    match result {
        Ok(Rebuilt {
            full: Some(built), ..
        }) => report_build(Ok(built), report),
        Ok(rebuilt) => {
            for warning in &rebuilt.warnings {
                report(&format!("warning: {warning}"));
            }
            report(&rebuilt.summary());
        }
        Err(error) => report_build(Err(error), report),
    }
}

fn report_build(result: Result<BuildReport>, report: &(dyn Fn(&str) + Sync)) {
    match result {
        Ok(built) => {
            for warning in &built.warnings {
                report(&format!("warning: {warning}"));
            }
            report(&built.summary());
        }
        Err(error) => report(&format!(
            "{}\nthe previous build is still being served",
            crate::error::render(&error)
        )),
    }
}
