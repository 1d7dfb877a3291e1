//! The fuzz targets on stable Rust: every saved input of `fuzz/corpus/<target>/` is replayed, then a
//! bounded number of seeded mutations of them (`KENNIS_FUZZ_ITERATIONS` per target, 1,000 unless set)
//! is run. The seed is fixed, so a failure repeats; the failing input is saved under
//! `target/fuzz-failures/` and can be added to the corpus once fixed. Coverage-guided fuzzing runs
//! the same targets with `cargo +nightly fuzz run <target>` (see `fuzz/README.md`).

mod common;

mod fuzz {
    pub mod targets;
}

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use common::Random;
use fuzz::targets::TARGETS;

const DEFAULT_ITERATIONS: usize = 1000;
/// Pieces that the targets' grammars give meaning to, spliced into inputs.
const TOKENS: &[&str] = &[
    "+++",
    "\n",
    "::: callout ",
    "::: noindex\n",
    ":::\n",
    ":::: demands ",
    "::::\n",
    "## ",
    "{#main}",
    "{#doel}",
    "[^1]",
    "[^1]: ",
    "[x](@/andere.md#doel)",
    "[y](@/nergens.md)",
    "```",
    "<div>",
    "</div>",
    "<!--kennis-block-open:0-->",
    "title = ",
    "\"",
    "date = 2025-02-30",
    "[taxonomies]\ntype = [\"jaarplan\"]\n",
    "[extra]\n",
    "\u{feff}",
    "\u{0}",
    "\u{b}",
    "é",
    "\"zin\"",
    "-",
    "*",
    "OR",
    "type",
    "jaarplan",
    "KENNISIX",
];

#[test]
fn fuzz_targets_survive_the_corpus_and_its_mutations() {
    let iterations = std::env::var("KENNIS_FUZZ_ITERATIONS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(DEFAULT_ITERATIONS);
    let mut failures = Vec::new();
    for (number, (name, target)) in TARGETS.iter().enumerate() {
        let corpus = corpus(name);
        assert!(!corpus.is_empty(), "fuzz/corpus/{name}/ has no inputs");
        let mut random = Random(0x6b65_6e6e_6973 + number as u64);
        let mutated = (0..iterations).map(|_| mutate(&corpus, &mut random));
        for input in corpus.iter().cloned().chain(mutated) {
            if panic::catch_unwind(AssertUnwindSafe(|| target(&input))).is_err() {
                failures.push(save_failure(name, &input));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "fuzz targets panicked; inputs saved as {failures:#?}"
    );
}

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&folder)
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .filter_map(|file| fs::read(file).ok())
        .collect()
}

fn save_failure(target: &str, input: &[u8]) -> PathBuf {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
    let _created = fs::create_dir_all(&folder);
    let hash = input.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)
    });
    let path = folder.join(format!("{target}-{hash:016x}"));
    let _written = fs::write(&path, input);
    path
}

/// One corpus input changed in one to four ways.
fn mutate(corpus: &[Vec<u8>], random: &mut Random) -> Vec<u8> {
    let mut input = corpus[random.below(corpus.len())].clone();
    for _ in 0..=random.below(4) {
        let at = random.below(input.len() + 1);
        match random.below(6) {
            0 if !input.is_empty() => {
                let byte = random.below(input.len());
                input[byte] ^= 1 << random.below(8);
            }
            1 => {
                let token = TOKENS[random.below(TOKENS.len())].as_bytes();
                input.splice(at..at, token.iter().copied());
            }
            2 => {
                let end = (at + random.below(16)).min(input.len());
                input.drain(at..end);
            }
            3 => {
                let end = (at + random.below(32)).min(input.len());
                let copy = input[at..end].to_vec();
                input.splice(at..at, copy);
            }
            4 => {
                let other = &corpus[random.below(corpus.len())];
                let from = random.below(other.len() + 1);
                let end = (from + random.below(64)).min(other.len());
                input.splice(at..at, other[from..end].iter().copied());
            }
            _ => input.insert(at, random.below(256) as u8),
        }
    }
    input
}
