//! The `kennis` command line: `build`, `check`, `new`, `serve` and `search`.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use kennis::build::{Archive, BuildOptions, build};
use kennis::check::{CheckOptions, check};
use kennis::error::render;
use kennis::new_command::{self, NewDocument, NewOptions};
use kennis::search_command::{self, SearchOptions};
use kennis::serve::{ServeOptions, serve};
use kennis::translation_status;

// The build allocates many small strings on every thread; glibc's allocator spends a quarter of the
// build in malloc and free under contention, mimalloc a fraction of that (see tests/bench/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// kennis builds the bilingual (Dutch/English) publication site of the Kenniscentrum Vlaamse Steden
/// from site.toml, content/ and a theme.
#[derive(Parser)]
#[command(version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced in one step, only if the build succeeds)
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Base URL of the published site, replacing `base_url` of site.toml (e.g. for preview deployments)
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Print only errors and the summary line
        #[arg(long, short)]
        quiet: bool,
        /// Build a copy to read from disk: every link names a file [default output: <root>/offline]
        #[arg(long)]
        offline: bool,
        /// Also pack the offline copy into a zip file [default: <root>/kennis-offline-<newest date>.zip]
        #[arg(long, value_name = "FILE", num_args = 0..=1)]
        zip: Option<Option<PathBuf>>,
    },
    /// Check the site as a build would, without writing it, and check its external links
    Check(CheckArgs),
    /// Build the site, serve it for preview and rebuild it when sources change
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Port to listen on (0 picks a free one)
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; use 0.0.0.0 to let other machines connect
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
        bind: IpAddr,
    },
    /// Search the built site with the index `build` wrote (the same search as in the browser)
    Search(SearchArgs),
    /// Write a new publication or page with complete front matter, and print its URL
    New(NewArgs),
}

#[derive(Args)]
struct CheckArgs {
    /// The site's root folder, holding site.toml, content/ and themes/
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// How to print what was found
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Do not check external links
    #[arg(long)]
    offline: bool,
    /// Exit with 1 for warnings too, not only for errors
    #[arg(long)]
    warnings_as_errors: bool,
    /// Also check pages marked `draft = true`
    #[arg(long)]
    drafts: bool,
    /// Print the translation status instead (a table per section, from the git history); a missing
    /// translation, or one whose source changed after it, fails the check
    #[arg(long)]
    translations: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Text: findings as `file:line: error: message` grouped by file, or the translation tables
    Text,
    /// The same as one JSON object, for CI
    Json,
}

#[derive(Args)]
struct NewArgs {
    #[command(subcommand)]
    document: NewCommand,
    /// The site's root folder, holding site.toml and content/
    #[arg(long, default_value = ".", value_name = "DIR", global = true)]
    root: PathBuf,
    /// Also write the translation in this language, as a pair with the new file
    #[arg(long, value_name = "CODE", global = true)]
    lang: Option<String>,
}

#[derive(Subcommand)]
enum NewCommand {
    /// A publication: content/publicaties/<SLUG>/_index.md
    Publication {
        /// Its folder name and URL segment, e.g. jaarplan-2026
        slug: String,
    },
    /// A page in a section: content/<SECTION>/<SLUG>.md
    Page {
        /// The section's folder below content/ and the page's slug, e.g. publicaties/jaarplan-2025/bijlage
        #[arg(value_name = "SECTION/SLUG")]
        path: String,
    },
}

impl NewArgs {
    fn options(self) -> NewOptions {
        let document = match self.document {
            NewCommand::Publication { slug } => NewDocument::Publication { slug },
            NewCommand::Page { path } => {
                let path = path.trim_matches('/');
                let (section, slug) = path.rsplit_once('/').unwrap_or(("", path));
                NewDocument::Page {
                    section: section.to_owned(),
                    slug: slug.to_owned(),
                }
            }
        };
        NewOptions {
            root: self.root,
            document,
            translation: self.lang,
        }
    }
}

#[derive(Args)]
struct SearchArgs {
    /// The site's root folder, holding site.toml
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// The built site [default: <root>/public]
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Language to search [default: the site's first language]
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// Only sections with this facet value, e.g. type=jaarplan (repeatable; values of one facet
    /// widen, different facets narrow; the facets are those of search.toml)
    #[arg(long, value_name = "NAME=VALUE", value_parser = search_command::parse_filter)]
    filter: Vec<(String, String)>,
    /// How many results to show
    #[arg(long, default_value_t = 10, value_name = "N")]
    limit: usize,
    /// Print the results as a JSON array
    #[arg(long)]
    json: bool,
    /// What to look for; "quoted words" must follow each other
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    query: Vec<String>,
}

impl SearchArgs {
    fn options(self) -> SearchOptions {
        let output = self.output.unwrap_or_else(|| self.root.join("public"));
        SearchOptions {
            root: self.root,
            output,
            lang: self.lang,
            filters: self.filter,
            limit: self.limit,
            query: self.query.join(" "),
        }
    }
}

#[derive(Args)]
struct SiteArgs {
    /// The site's root folder, holding site.toml, content/ and themes/
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Where to write the site [default: <root>/public, <root>/offline with --offline, or <root>/.kennis-serve for serve]
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Also build pages marked `draft = true`
    #[arg(long)]
    drafts: bool,
}

impl SiteArgs {
    fn options(self, default_output: &str, base_url: Option<String>) -> BuildOptions {
        let output = self
            .output
            .unwrap_or_else(|| self.root.join(default_output));
        BuildOptions {
            root: self.root,
            output,
            base_url,
            drafts: self.drafts,
            offline: false,
            archive: None,
        }
    }
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Build {
            site,
            base_url,
            quiet,
            offline,
            zip,
        } => {
            // A zip is only useful as a copy to read from disk, so it implies --offline.
            let offline = offline || zip.is_some();
            let archive = zip.map(|file| match file {
                Some(file) => Archive::At(file),
                None => Archive::Dated(site.root.clone()),
            });
            let mut options = site.options(if offline { "offline" } else { "public" }, base_url);
            options.offline = offline;
            options.archive = archive;
            let progress = |stage: &str| {
                if !quiet {
                    eprintln!("  {stage}");
                }
            };
            build(&options, &progress).map(|report| {
                for warning in &report.warnings {
                    eprintln!("warning: {warning}");
                }
                eprintln!("{}", report.summary());
            })
        }
        Command::Check(args) if args.translations => return translation_check(&args),
        Command::Check(args) => {
            let options = CheckOptions {
                root: args.root,
                drafts: args.drafts,
                offline: args.offline,
            };
            let report = check(&options, &|stage: &str| eprintln!("  {stage}"));
            match args.format {
                Format::Text => print!("{}", report.to_text()),
                Format::Json => println!("{}", report.to_json()),
            }
            return if report.passes(args.warnings_as_errors) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        }
        Command::Serve { site, port, bind } => {
            let options = ServeOptions {
                build: site.options(".kennis-serve", None),
                bind,
                port,
            };
            serve(options, &|line: &str| eprintln!("{line}"))
        }
        Command::Search(args) => {
            let json = args.json;
            search_command::search(&args.options()).and_then(|response| {
                let text = if json {
                    search_command::to_json(&response) + "\n"
                } else {
                    let emphasis = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                        ("\x1b[1m", "\x1b[0m")
                    } else {
                        ("*", "*")
                    };
                    search_command::to_text(&response, emphasis)
                };
                print_report(&text)
            })
        }
        Command::New(args) => new_command::new_document(&args.options()).and_then(|written| {
            let lines: Vec<String> = written
                .iter()
                .map(|file| format!("{} → {}\n", file.path.display(), file.url))
                .collect();
            print_report(&lines.concat())
        }),
    };
    exit(result)
}

/// `kennis check --translations`: prints the translation status; a missing or outdated translation
/// fails the check.
fn translation_check(args: &CheckArgs) -> ExitCode {
    let report = match translation_status::translation_status(&args.root) {
        Ok(report) => report,
        Err(error) => return exit(Err(error)),
    };
    let text = match args.format {
        Format::Text => translation_status::to_text(&report),
        Format::Json => translation_status::to_json(&report) + "\n",
    };
    if let Err(error) = print_report(&text) {
        return exit(Err(error));
    }
    if report.has_problems() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A reader that stops early (`| head`) has seen what it wanted; any other failure is an error.
fn print_report(text: &str) -> kennis::error::Result<()> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(
            kennis::error::Error::io("cannot print the report", "standard output", error),
        ),
        _ => Ok(()),
    }
}

fn exit(result: kennis::error::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", render(&error));
            ExitCode::FAILURE
        }
    }
}
