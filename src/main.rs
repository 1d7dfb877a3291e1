//! The `kennis` command line: `build` and `serve`.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use kennis::build::{BuildOptions, build};
use kennis::error::render;
use kennis::serve::{ServeOptions, serve};

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
    },
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
}

#[derive(Args)]
struct SiteArgs {
    /// The site's root folder, holding site.toml, content/ and themes/
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Where to write the site [default: <root>/public, or <root>/.kennis-serve for serve]
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
        }
    }
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Build {
            site,
            base_url,
            quiet,
        } => {
            let options = site.options("public", base_url);
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
        Command::Serve { site, port, bind } => {
            let options = ServeOptions {
                build: site.options(".kennis-serve", None),
                bind,
                port,
            };
            serve(options, &|line: &str| eprintln!("{line}"))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", render(&error));
            ExitCode::FAILURE
        }
    }
}
