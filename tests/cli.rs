//! The `kennis` binary: help texts, exit codes, and the preview server.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{fixture, get, start_server};

fn kennis() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kennis"))
}

#[test]
fn help_explains_every_option() {
    let output = kennis().arg("--help").output().expect("runs");
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    for command in ["build", "check", "serve"] {
        assert!(help.contains(command), "{help}");
    }
    let output = kennis().args(["build", "--help"]).output().expect("runs");
    let help = String::from_utf8_lossy(&output.stdout);
    for option in ["--root", "--output", "--base-url", "--drafts", "--quiet"] {
        assert!(help.contains(option), "{option} missing from:\n{help}");
    }
    let output = kennis().args(["check", "--help"]).output().expect("runs");
    let help = String::from_utf8_lossy(&output.stdout);
    for option in ["--root", "--format", "--offline", "--warnings-as-errors"] {
        assert!(help.contains(option), "{option} missing from:\n{help}");
    }
    let output = kennis().args(["serve", "--help"]).output().expect("runs");
    let help = String::from_utf8_lossy(&output.stdout);
    for option in ["--port", "--bind", "--root"] {
        assert!(help.contains(option), "{option} missing from:\n{help}");
    }
}

#[test]
fn build_exits_zero_with_a_summary_and_nonzero_with_a_located_error() {
    let site = fixture();
    let output = kennis()
        .args(["build", "--root"])
        .arg(site.root())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("built 15 pages (nl 8, en 7)"), "{stderr}");

    site.write("content/kapot.md", "+++\ntitle = \"A\"\nstad = 1\n+++\n");
    let output = kennis()
        .args(["build", "--root"])
        .arg(site.root())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/kapot.md:3: unknown field `stad`"),
        "{stderr}"
    );
}

#[test]
fn serve_previews_the_site_refuses_escapes_and_rebuilds_on_change() {
    let site = fixture();
    std::fs::write(site.root().join("secret.txt"), "secret").expect("write");
    let server = start_server(site.root(), None);

    let (head, body) = get(server.port, "/nl/publicaties/rapport/klimaat/");
    assert!(
        head.starts_with("HTTP/1.1 200") || head.starts_with("HTTP/1.0 200"),
        "{head}"
    );
    assert!(head.contains("text/html"), "{head}");
    assert!(body.contains("Klimaat in Gent"));
    assert!(body.contains(&format!(
        "http://127.0.0.1:{}/nl/publicaties/rapport/klimaat/",
        server.port
    )));

    let (head, _) = get(server.port, "/nl/publicaties");
    assert!(
        head.contains(" 301")
            && head
                .to_ascii_lowercase()
                .contains("location: /nl/publicaties/"),
        "{head}"
    );
    let (head, body) = get(server.port, "/nl/bestaat-niet/");
    assert!(head.contains(" 404"), "{head}");
    assert!(body.contains("Pagina niet gevonden"));
    for escape in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/nl/%2e%2e/%2e%2e/secret.txt",
    ] {
        let (head, body) = get(server.port, escape);
        assert!(
            !body.contains("secret"),
            "{escape} escaped the output: {head}"
        );
        assert!(
            head.contains(" 403") || head.contains(" 400") || head.contains(" 404"),
            "{escape}: {head}"
        );
    }

    site.write(
        "content/publicaties/rapport/klimaat.md",
        &std::fs::read_to_string(site.root().join("content/publicaties/rapport/klimaat.md"))
            .expect("read")
            .replace(
                "title = \"Klimaat in Gent\"",
                "title = \"Klimaat in Gent, herzien\"",
            ),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, body) = get(server.port, "/nl/publicaties/rapport/klimaat/");
        if body.contains("Klimaat in Gent, herzien") {
            break;
        }
        assert!(Instant::now() < deadline, "no rebuild after a change");
        std::thread::sleep(Duration::from_millis(200));
    }

    site.write("content/kapot.md", "+++\ntitel = \"x\"\n+++\n");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let line = server
            .log
            .recv_timeout(Duration::from_secs(1))
            .unwrap_or_default();
        if line.contains("the previous build is still being served") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "a failed rebuild was not reported"
        );
    }
    let (_, body) = get(server.port, "/nl/publicaties/rapport/klimaat/");
    assert!(
        body.contains("Klimaat in Gent, herzien"),
        "the last good build is still served"
    );
    assert!(!site.output().exists(), "serve does not touch public/");
}
