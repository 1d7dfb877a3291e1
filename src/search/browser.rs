//! What the browser needs to search: the engine (the search core compiled to WebAssembly by
//! `build.rs` and carried inside the `kennis` binary) and every index, each both as a binary file
//! (fetched, and compiled while it streams, over http) and as a classic script carrying the same bytes
//! in base64 (for copies opened from disk, where browsers refuse `fetch`); and the search crate's
//! JavaScript that runs the engine (`search/js/`: glue, worker, client). All names carry a content
//! hash so that hosts can let browsers cache them forever, except each language's manifest (JSON,
//! and a script for copies on disk), whose stable name is all that pages carry.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use kennis_search::{Manifest, scripts};

use super::site_file;
use crate::error::{Error, Result};
use crate::site::{OutputFile, SitePath, Source, content_hash};

/// The engine, built from `search/` for `wasm32-unknown-unknown`.
const ENGINE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/engine.wasm"));

/// Where the browser finds the engine and the indexes; templates put it into every page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserSearch {
    pub engine: EngineFiles,
    /// The stable manifest of each language's index, as JSON and as a script; pages name only
    /// these, so that they stay the same when the index changes.
    pub manifests: Vec<(String, Payload)>,
    /// The search page of each language.
    pub pages: Vec<(String, SitePath)>,
    /// The facets readers filter by, in order (`search.toml`).
    pub facets: Vec<String>,
}

/// One file in its two forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    pub binary: SitePath,
    pub script: SitePath,
}

/// The engine's files, all in `search/` at the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineFiles {
    /// The WebAssembly module.
    pub module: Payload,
    /// The module behind a small API (`KennisEngine`), for the worker and for pages opened from disk.
    pub glue: SitePath,
    /// The Web Worker that runs the engine over http(s).
    pub worker: SitePath,
    /// What a theme's script talks to (`KennisSearch`); templates load it with a script element.
    pub client: SitePath,
}

/// The engine's files, in `search/` at the site root.
pub fn engine_files(files: &mut Vec<OutputFile>) -> Result<EngineFiles> {
    Ok(EngineFiles {
        module: payload(files, "search", "engine", "wasm", "engine", ENGINE.to_vec())?,
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

/// The two forms of an index file already named `<folder>/index.<hash>.bin`.
pub fn index_files(
    files: &mut Vec<OutputFile>,
    folder: &str,
    lang: &str,
    packed: Vec<u8>,
) -> Result<Payload> {
    payload(
        files,
        folder,
        "index",
        "bin",
        &format!("index-{lang}"),
        packed,
    )
}

/// The manifest as `manifest.json` (fetched over http) and as a classic script that registers it
/// in `KennisManifests` by language (for copies opened from disk).
pub fn manifest_files(
    files: &mut Vec<OutputFile>,
    paths: &Payload,
    manifest: &Manifest,
) -> Result<()> {
    let json = serde_json::to_string_pretty(manifest).map_err(|error| {
        Error::usage(format!("cannot write the search manifest: {error}"), None)
    })?;
    let script = manifest_script(&manifest.language, &json);
    files.push(OutputFile {
        path: paths.binary.clone(),
        source: Source::Bytes(json.into_bytes()),
    });
    files.push(OutputFile {
        path: paths.script.clone(),
        source: Source::Bytes(script.into_bytes()),
    });
    Ok(())
}

/// JSON is a JavaScript expression; the language code is written as a JSON string too.
fn manifest_script(lang: &str, json: &str) -> String {
    let key = serde_json::Value::String(lang.to_owned());
    format!("(self.KennisManifests=self.KennisManifests||{{}})[{key}]={json};\n")
}

fn payload(
    files: &mut Vec<OutputFile>,
    folder: &str,
    stem: &str,
    extension: &str,
    name: &str,
    bytes: Vec<u8>,
) -> Result<Payload> {
    let hash = content_hash(&bytes);
    let script = format!(
        "(self.KennisPayloads=self.KennisPayloads||{{}})[\"{name}\"]=\"{}\";\n",
        BASE64.encode(&bytes)
    );
    let payload = Payload {
        binary: site_file(&format!("{folder}/{stem}.{hash}.{extension}"))?,
        script: site_file(&format!("{folder}/{stem}.{hash}.js"))?,
    };
    files.push(OutputFile {
        path: payload.binary.clone(),
        source: Source::Bytes(bytes),
    });
    files.push(OutputFile {
        path: payload.script.clone(),
        source: Source::Bytes(script.into_bytes()),
    });
    Ok(payload)
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
        let engine = engine_files(&mut files).unwrap();
        let names: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
        assert_eq!(names.len(), 5, "{names:?}");
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
    fn the_manifest_script_registers_the_manifest_by_language() {
        let script = manifest_script("nl", "{\"index\": \"index.0123456789.bin\"}");
        assert_eq!(
            script,
            "(self.KennisManifests=self.KennisManifests||{})[\"nl\"]={\"index\": \"index.0123456789.bin\"};\n"
        );
    }

    #[test]
    fn scripts_carry_the_same_bytes_as_the_binaries() {
        let mut files = Vec::new();
        let payload = index_files(&mut files, "nl/search", "nl", vec![1, 2, 250]).unwrap();
        assert!(payload.binary.as_str().starts_with("nl/search/index."));
        assert!(payload.binary.as_str().ends_with(".bin"));
        let Source::Bytes(script) = &files[1].source else {
            panic!("generated")
        };
        let script = String::from_utf8(script.clone()).unwrap();
        assert_eq!(
            script,
            "(self.KennisPayloads=self.KennisPayloads||{})[\"index-nl\"]=\"AQL6\";\n"
        );
        let binary_hash = payload
            .binary
            .as_str()
            .split('.')
            .nth(1)
            .unwrap()
            .to_owned();
        assert!(
            payload.script.as_str().contains(&binary_hash),
            "both forms share the content hash"
        );
    }
}
