//! Compiles the browser search engine — the `kennis-search` crate for `wasm32-unknown-unknown` — so
//! that the `kennis` binary carries it and every `kennis build` can publish it. Nothing is downloaded
//! or committed: the engine is built from this repository's sources with the workspace's lock file.
//!
//! The engine is cached under `target/wasm-engine/engine-<key>.wasm`, keyed on everything that
//! shapes its bytes (the search crate's sources, the lock file, the cargo configuration, the profile
//! and the compiler's version), so that `cargo check`, `cargo clippy` and every other profile reuse
//! one build. `KENNIS_ENGINE=path/to/engine.wasm` skips the build and embeds that file instead. The
//! bytes never depend on optional tools: no `wasm-opt` pass (see `docs/search.md`).

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-engine";
/// What the engine's bytes depend on, relative to the workspace root.
const INPUTS: [&str; 7] = [
    "build.rs",
    "search/src",
    "search/Cargo.toml",
    "Cargo.toml",
    "Cargo.lock",
    ".cargo/config.toml",
    "rust-toolchain.toml",
];

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap_or_default());
    for input in INPUTS {
        println!(
            "cargo:rerun-if-changed={}",
            manifest_dir.join(input).display()
        );
    }
    println!("cargo:rerun-if-env-changed=KENNIS_ENGINE");
    let engine = out_dir.join("engine.wasm");
    if let Err(message) = provide_engine(&manifest_dir, &out_dir, &engine) {
        // One line, shown by cargo as the build's error, without a backtrace.
        println!("cargo::error={message}");
    }
}

fn provide_engine(manifest_dir: &Path, out_dir: &Path, engine: &Path) -> Result<(), String> {
    if let Some(given) = env::var_os("KENNIS_ENGINE").filter(|path| !path.is_empty()) {
        return copy(Path::new(&given), engine);
    }
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    if !target_installed(&rustc) {
        return Err(format!(
            "the browser search engine is compiled for {TARGET}, which this toolchain lacks; \
             install it once with `rustup target add {TARGET}`"
        ));
    }
    let target_dir = engine_target_dir(out_dir);
    let cached = target_dir.join(format!("engine-{}.wasm", input_key(manifest_dir, &rustc)));
    if !cached.is_file() {
        let built = compile(manifest_dir, &target_dir)?;
        // Renamed into place, so that an interrupted copy never passes for a cached engine.
        let partial = cached.with_extension("partial");
        copy(&built, &partial)?;
        fs::rename(&partial, &cached).map_err(|error| format!("{}: {error}", cached.display()))?;
    }
    copy(&cached, engine)
}

/// Whether the standard library for the wasm target is in the compiler's sysroot.
fn target_installed(rustc: &str) -> bool {
    Command::new(rustc)
        .args(["--print", "sysroot"])
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .is_some_and(|sysroot| {
            Path::new(&sysroot)
                .join("lib/rustlib")
                .join(TARGET)
                .join("lib")
                .is_dir()
        })
}

fn compile(manifest_dir: &Path, target_dir: &Path) -> Result<PathBuf, String> {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .current_dir(manifest_dir)
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
        .arg(target_dir)
        .arg("--config")
        .arg(remapped_paths(manifest_dir));
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
        .map_err(|error| format!("cannot run cargo to build the search engine: {error}"))?;
    if !status.success() {
        return Err("building the browser search engine failed (see cargo's errors above)".into());
    }
    Ok(target_dir
        .join(TARGET)
        .join(PROFILE)
        .join("kennis_search.wasm"))
}

/// Panic locations name source files; mapping the folders that differ between machines (this
/// checkout and cargo's home with the downloaded crates) to fixed names makes the engine's bytes the
/// same on every machine. Cargo joins this array to the rustflags of `.cargo/config.toml`.
fn remapped_paths(manifest_dir: &Path) -> String {
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    let mut flags = vec![remap_flag(manifest_dir, "/kennis")];
    if let Some(cargo_home) = cargo_home {
        flags.push(remap_flag(&cargo_home, "/cargo"));
    }
    format!("target.{TARGET}.rustflags=[{}]", flags.join(", "))
}

/// `--remap-path-prefix=FROM=TO` as a TOML string.
fn remap_flag(from: &Path, to: &str) -> String {
    let flag = format!("--remap-path-prefix={}={to}", from.display());
    format!("\"{}\"", flag.replace('\\', "\\\\").replace('"', "\\\""))
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

/// A hash of every input file (by path and content, in a fixed order) and of the compiler version.
fn input_key(manifest_dir: &Path, rustc: &str) -> String {
    let mut hasher = Sha256::new();
    let mut files = Vec::new();
    for input in INPUTS {
        collect_files(&manifest_dir.join(input), &mut files);
    }
    files.sort();
    for file in files {
        hasher.update(
            file.strip_prefix(manifest_dir)
                .unwrap_or(&file)
                .to_string_lossy()
                .as_bytes(),
        );
        hasher.update(fs::read(&file).unwrap_or_default());
    }
    if let Ok(version) = Command::new(rustc).arg("-vV").output() {
        hasher.update(version.stdout);
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn collect_files(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_file() {
        files.push(path.to_path_buf());
    } else if let Ok(entries) = fs::read_dir(path) {
        for entry in entries.flatten() {
            collect_files(&entry.path(), files);
        }
    }
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).map_err(|error| format!("{}: {error}", parent.display()))?;
    }
    fs::copy(from, to).map(drop).map_err(|error| {
        format!(
            "cannot copy {} to {}: {error}",
            from.display(),
            to.display()
        )
    })
}
