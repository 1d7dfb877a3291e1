//! What the browser needs to search: the engine (the search core compiled to WebAssembly by
//! `build.rs` and carried inside the `kennis` binary) and every index, each both as a binary file
//! (fetched, and compiled while it streams, over http) and as a classic script carrying the same bytes
//! in base64 (for copies opened from disk, where browsers refuse `fetch`); and the search crate's
//! JavaScript that runs the engine (`search/js/`: glue, worker, client). All names carry a content
//! hash so that hosts can let browsers cache them forever, except each language's manifest (JSON,
//! and a script for copies on disk), whose stable name is all that pages carry.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use kennis_search::lazy::Split;
use kennis_search::scripts;

use super::site_file;
use crate::error::Result;
use crate::site::{LinkStyle, OutputFile, SitePath, Source, content_hash};

/// The engine, built from `search/` for `wasm32-unknown-unknown`.
const ENGINE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/engine.wasm"));

/// How the browser receives the engine and the index: over http(s) as binary files that it fetches;
/// in a copy opened from disk (`--offline`), where browsers refuse `fetch`, as classic scripts that
/// carry the same bytes in base64. A build writes one form only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Binary,
    Script,
}

impl Form {
    pub fn for_links(style: LinkStyle) -> Form {
        match style {
            LinkStyle::Folders => Form::Binary,
            LinkStyle::Files => Form::Script,
        }
    }

    /// The name the page configuration gives it.
    pub fn name(self) -> &'static str {
        match self {
            Form::Binary => "binary",
            Form::Script => "script",
        }
    }

    fn extension(self, binary: &'static str) -> &'static str {
        match self {
            Form::Binary => binary,
            Form::Script => "js",
        }
    }
}

/// Where the browser finds the engine and the indexes; templates put it into every page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserSearch {
    pub engine: EngineFiles,
    pub form: Form,
    /// The stable start file of each language's index; pages name only these, so that they stay
    /// the same when the index changes.
    pub starts: Vec<(String, SitePath)>,
    /// The search page of each language.
    pub pages: Vec<(String, SitePath)>,
    /// The facets readers filter by, in order (`search.toml`).
    pub facets: Vec<String>,
}

/// The engine's files, all in `search/` at the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineFiles {
    /// The WebAssembly module (`engine.<hash>.wasm`, or `engine.<hash>.js` in the script form).
    pub module: SitePath,
    /// The module behind a small API (`KennisEngine`), for the worker and for pages opened from disk.
    pub glue: SitePath,
    /// The Web Worker that runs the engine over http(s).
    pub worker: SitePath,
    /// What a theme's script talks to (`KennisSearch`); templates load it with a script element.
    pub client: SitePath,
}

/// The engine's files, in `search/` at the site root.
pub fn engine_files(files: &mut Vec<OutputFile>, form: Form) -> Result<EngineFiles> {
    let module = format!(
        "search/engine.{}.{}",
        content_hash(ENGINE),
        form.extension("wasm")
    );
    Ok(EngineFiles {
        module: payload(files, form, &module, "engine", ENGINE.to_vec())?,
        glue: script(files, "search/glue", scripts::GLUE)?,
        worker: script(files, "search/worker", scripts::WORKER)?,
        client: script(files, "search/client", scripts::CLIENT)?,
    })
}

/// A script of the search crate as `<stem>.<hash>.js`.
fn script(files: &mut Vec<OutputFile>, stem: &str, source: &str) -> Result<SitePath> {
    let bytes = source.as_bytes().to_vec();
    let path = site_file(&format!("{stem}.{}.js", content_hash(&bytes)))?;
    files.push(OutputFile {
        path: path.clone(),
        source: Source::Bytes(bytes),
    });
    Ok(path)
}

/// The name (without extension) of a chunk of an index: its content hash.
pub fn chunk_name(bytes: &[u8]) -> String {
    format!("chunk.{}", content_hash(bytes))
}

/// A language's index in `folder`: the start file (`start.bin` or `start.js`, a stable name) and
/// its chunks (`chunk.<hash>.bin` or `.js`).
pub fn index_files(
    files: &mut Vec<OutputFile>,
    form: Form,
    start: &SitePath,
    lang: &str,
    split: Split,
) -> Result<SitePath> {
    let folder = start
        .as_str()
        .rsplit_once('/')
        .map_or("", |(folder, _)| folder);
    let start = payload(
        files,
        form,
        start.as_str(),
        &format!("start-{lang}"),
        split.start,
    )?;
    for chunk in split.chunks {
        let name = chunk_name(&chunk);
        let path = format!("{folder}/{name}.{}", form.extension("bin"));
        payload(files, form, &path, &name, chunk)?;
    }
    Ok(start)
}

/// `bytes` at `path`, as they are or as a script that registers them as `KennisPayloads[name]`.
fn payload(
    files: &mut Vec<OutputFile>,
    form: Form,
    path: &str,
    name: &str,
    bytes: Vec<u8>,
) -> Result<SitePath> {
    let path = site_file(path)?;
    let bytes = match form {
        Form::Binary => bytes,
        Form::Script => payload_script(name, &bytes).into_bytes(),
    };
    files.push(OutputFile {
        path: path.clone(),
        source: Source::Bytes(bytes),
    });
    Ok(path)
}

/// Bytes per base64 piece of a payload script: a multiple of 3, so that every piece decodes alone,
/// and small enough that decoding one is a short task for the page (the engine is about ten).
const PIECE: usize = 192 * 1024;

/// The bytes in base64: one string, or an array of pieces when they are more than [`PIECE`].
fn payload_script(name: &str, bytes: &[u8]) -> String {
    let key = serde_json::Value::String(name.to_owned());
    let pieces: Vec<String> = bytes
        .chunks(PIECE)
        .map(|piece| BASE64.encode(piece))
        .collect();
    let value = match pieces.as_slice() {
        [] => serde_json::Value::String(String::new()),
        [one] => serde_json::Value::String(one.clone()),
        _ => serde_json::Value::from(pieces),
    };
    format!("(self.KennisPayloads=self.KennisPayloads||{{}})[{key}]={value};\n")
}

/// The bytes a payload script carries, for readers of a copy on disk (`kennis search`).
pub fn payload_bytes(script: &str) -> Option<Vec<u8>> {
    let (_, value) = script.split_once("]=")?;
    let value: serde_json::Value =
        serde_json::from_str(value.trim_end().strip_suffix(';')?).ok()?;
    let pieces = match value {
        serde_json::Value::String(one) => vec![serde_json::Value::String(one)],
        serde_json::Value::Array(pieces) => pieces,
        _ => return None,
    };
    let mut bytes = Vec::new();
    for piece in pieces {
        bytes.extend(BASE64.decode(piece.as_str()?).ok()?);
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_is_a_webassembly_module() {
        assert_eq!(&ENGINE[..4], b"\0asm");
    }

    #[test]
    fn the_engine_comes_with_its_scripts_under_hashed_names() {
        let mut files = Vec::new();
        let engine = engine_files(&mut files, Form::Binary).unwrap();
        let names: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
        assert_eq!(names.len(), 4, "{names:?}");
        assert!(engine.module.as_str().ends_with(".wasm"));
        for (path, stem, source) in [
            (&engine.glue, "search/glue.", scripts::GLUE),
            (&engine.worker, "search/worker.", scripts::WORKER),
            (&engine.client, "search/client.", scripts::CLIENT),
        ] {
            let name = path.as_str();
            assert!(name.starts_with(stem) && name.ends_with(".js"), "{name}");
            assert_eq!(name.len(), stem.len() + 10 + ".js".len(), "{name}");
            let file = files.iter().find(|file| &file.path == path).unwrap();
            assert!(matches!(&file.source, Source::Bytes(bytes) if bytes == source.as_bytes()));
        }
        assert!(
            scripts::WORKER.contains("importScripts"),
            "the worker loads the glue itself"
        );
    }

    #[test]
    fn a_build_writes_one_form_of_each_payload() {
        let split = || Split {
            start: vec![9, 9],
            chunks: vec![vec![1, 2, 250], vec![7]],
        };
        let mut binary = Vec::new();
        let path = |name: &str| SitePath::file(name).unwrap();
        let start = index_files(
            &mut binary,
            Form::Binary,
            &path("nl/search/start.bin"),
            "nl",
            split(),
        )
        .unwrap();
        assert_eq!(start.as_str(), "nl/search/start.bin");
        let mut script = Vec::new();
        let start = index_files(
            &mut script,
            Form::Script,
            &path("nl/search/start.js"),
            "nl",
            split(),
        )
        .unwrap();
        assert_eq!(start.as_str(), "nl/search/start.js");
        assert_eq!(binary.len(), 3);
        assert_eq!(script.len(), 3);
        let chunk = format!("nl/search/{}.js", chunk_name(&[1, 2, 250]));
        let file = script
            .iter()
            .find(|file| file.path.as_str() == chunk)
            .unwrap();
        let Source::Bytes(text) = &file.source else {
            panic!("generated")
        };
        let text = String::from_utf8(text.clone()).unwrap();
        assert_eq!(
            text,
            format!(
                "(self.KennisPayloads=self.KennisPayloads||{{}})[\"{}\"]=\"AQL6\";\n",
                chunk_name(&[1, 2, 250])
            )
        );
        assert_eq!(payload_bytes(&text), Some(vec![1, 2, 250]));
        let large: Vec<u8> = (0..PIECE * 2 + 5).map(|at| (at % 251) as u8).collect();
        let script = payload_script("engine", &large);
        assert_eq!(script.matches("\",\"").count(), 2, "three pieces");
        assert_eq!(payload_bytes(&script), Some(large));
        assert!(
            binary
                .iter()
                .all(|file| !file.path.as_str().ends_with(".js"))
        );
    }
}
