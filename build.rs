//! Compiles the browser search engine — the `kennis-search` crate for `wasm32-unknown-unknown` — so
//! that the `kennis` binary carries it and every `kennis build` can publish it. Nothing is downloaded
//! or committed: the engine is built from this repository's sources with the workspace's lock file.
//! `wasm-opt` (Debian's `binaryen`) shrinks it further when it is installed.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-engine";

fn main() {
    let manifest_dir =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for watched in [
        "search/src",
        "search/Cargo.toml",
        "Cargo.lock",
        ".cargo/config.toml",
    ] {
        println!(
            "cargo:rerun-if-changed={}",
            manifest_dir.join(watched).display()
        );
    }
    println!("cargo:rerun-if-env-changed=KENNIS_WASM_OPT");

    let target_dir = engine_target_dir(&out_dir);
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .current_dir(&manifest_dir)
        .args([
            "rustc",
            "--package",
            "kennis-search",
            "--lib",
            "--crate-type",
            "cdylib",
        ])
        .args(["--target", TARGET, "--profile", PROFILE, "--locked"])
        .arg("--target-dir")
        .arg(&target_dir);
    // The outer build's flags are for the host; the engine takes its flags from .cargo/config.toml.
    for variable in [
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTFLAGS",
        "CARGO_BUILD_RUSTFLAGS",
        "RUSTC_WORKSPACE_WRAPPER",
    ] {
        command.env_remove(variable);
    }
    let status = command
        .status()
        .expect("cannot run cargo to build the search engine");
    if !status.success() {
        panic!(
            "building the browser search engine failed; is the target installed? \
             Run `rustup target add {TARGET}`"
        );
    }
    let built = target_dir
        .join(TARGET)
        .join(PROFILE)
        .join("kennis_search.wasm");
    let engine = out_dir.join("engine.wasm");
    if !optimise(&built, &engine) {
        fs::copy(&built, &engine).expect("copy the search engine");
    }
}

/// A target folder of its own beside the workspace's, so that this nested build neither waits for
/// the outer build's lock nor rebuilds on every outer profile.
fn engine_target_dir(out_dir: &Path) -> PathBuf {
    out_dir
        .ancestors()
        .find(|dir| dir.join("CACHEDIR.TAG").is_file())
        .map(|target| target.join("wasm-engine"))
        .unwrap_or_else(|| out_dir.join("wasm-engine"))
}

/// Runs `wasm-opt -Oz` when it is available; returns whether it produced `to`.
fn optimise(from: &Path, to: &Path) -> bool {
    let program = env::var("KENNIS_WASM_OPT").unwrap_or_else(|_| "wasm-opt".to_owned());
    if program.is_empty() {
        return false;
    }
    Command::new(program)
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
        ])
        .arg(from)
        .arg("-o")
        .arg(to)
        .status()
        .is_ok_and(|status| status.success())
}
