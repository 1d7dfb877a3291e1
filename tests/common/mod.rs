//! Helpers shared by the integration tests: a fresh copy of a fixture site in a temporary folder,
//! building it, and reading what was written.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use kennis::build::{BuildOptions, BuildReport, build};
use kennis::error::Error;

pub struct Site {
    pub dir: tempfile::TempDir,
}

/// A copy of `tests/fixtures/site` with the repository's theme, in a temporary folder.
pub fn fixture() -> Site {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_tree(&repository.join("tests/fixtures/site"), dir.path());
    copy_tree(&repository.join("themes"), &dir.path().join("themes"));
    Site { dir }
}

impl Site {
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root().to_path_buf(),
            output: self.output(),
            base_url: None,
            drafts: false,
            offline: false,
            archive: None,
        }
    }

    pub fn build(&self) -> Result<BuildReport, Error> {
        build(&self.options(), &|_| {})
    }

    /// Builds and fails the test with the rendered error if the build fails.
    pub fn build_ok(&self) -> BuildReport {
        self.build()
            .unwrap_or_else(|error| panic!("{}", kennis::error::render(&error)))
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.root().join(relative);
        fs::create_dir_all(path.parent().expect("has a parent")).expect("create folders");
        fs::write(path, text).expect("write fixture file");
    }

    pub fn read_output(&self, relative: &str) -> String {
        let path = self.output().join(relative);
        fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
    }

    /// Every output file and its bytes.
    pub fn snapshot_output(&self) -> BTreeMap<String, Vec<u8>> {
        files_below(&self.output())
    }
}

pub fn files_below(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.expect("readable output"))
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(dir)
                .expect("below dir")
                .to_string_lossy()
                .into_owned();
            (relative, fs::read(entry.path()).expect("readable file"))
        })
        .collect()
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("readable fixture");
        let target = to.join(entry.path().strip_prefix(from).expect("below root"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create folder");
        } else {
            fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// A running `kennis serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    pub log: std::sync::mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _already_gone = self.child.kill();
        let _status = self.child.wait();
    }
}

/// `kennis serve` for the site at `root`, writing its preview to `output` (or `<root>/.kennis-serve`).
pub fn start_server(root: &Path, output: Option<&Path>) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kennis"));
    command.args(["serve", "--port", "0", "--root"]).arg(root);
    if let Some(output) = output {
        command.arg("--output").arg(output);
    }
    let mut child = command.stderr(Stdio::piped()).spawn().expect("starts");
    let stderr = child.stderr.take().expect("stderr");
    let (sender, log) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let mut server = Server {
        child,
        port: 0,
        log,
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let Ok(line) = server.log.recv_timeout(Duration::from_secs(1)) else {
            continue;
        };
        if let Some(address) = line.split("at http://127.0.0.1:").nth(1) {
            server.port = address
                .split('/')
                .next()
                .and_then(|p| p.parse().ok())
                .expect("port");
            return server;
        }
    }
    panic!("the server did not start");
}

/// Status line and body of a raw HTTP request for `path`.
pub fn get(port: u16, path: &str) -> (String, String) {
    request(port, "GET", path)
}

/// Head (status line and headers) and body of a raw HTTP/1.0 request.
pub fn request(port: u16, method: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: localhost\r\n\r\n"
    )
    .expect("sends");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("reads");
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (head.to_owned(), body.to_owned())
}

/// The names of the entries of `folder`, in the order the file system lists them.
pub fn entry_names(folder: &Path) -> Vec<String> {
    fs::read_dir(folder)
        .expect("readable folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// xorshift64: a fixed, dependency-free sequence, so that every run tries the same inputs and a
/// failure repeats.
pub struct Random(pub u64);

impl Random {
    pub fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        if bound == 0 {
            0
        } else {
            (self.0 % bound as u64) as usize
        }
    }
}
