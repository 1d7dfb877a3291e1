//! The output folder with the real `kennis` binary: builds that meet take turns and always leave one
//! complete site, a lock left by a killed holder is taken over, and an output path kennis must not
//! replace is refused before anything moves.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use common::{Site, entry_names, files_below, fixture};

fn kennis_build(site: &Site, output: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kennis"));
    command
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(output);
    command
}

fn run(command: &mut Command) -> Output {
    command.output().expect("kennis runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The names beside the output that only a build in progress (or a killed one) leaves.
fn staging_leftovers(folder: &Path) -> Vec<String> {
    entry_names(folder)
        .into_iter()
        .filter(|name| name.contains("kennis-staging"))
        .collect()
}

fn reference_build(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let built = run(&mut kennis_build(site, &site.output()));
    assert!(built.status.success(), "{}", stderr(&built));
    site.snapshot_output()
}

#[test]
fn twenty_pairs_of_concurrent_builds_always_leave_one_complete_site() {
    let site = fixture();
    let reference = reference_build(&site);
    for pair in 0..20 {
        let first = kennis_build(&site, &site.output())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts");
        let second = kennis_build(&site, &site.output())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts");
        for child in [first, second] {
            let output = child.wait_with_output().expect("ends");
            assert!(output.status.success(), "pair {pair}: {}", stderr(&output));
        }
        let written = site.snapshot_output();
        assert_eq!(
            written.keys().collect::<Vec<_>>(),
            reference.keys().collect::<Vec<_>>(),
            "pair {pair}: the file list differs"
        );
        assert!(written == reference, "pair {pair}: some bytes differ");
        assert_eq!(staging_leftovers(site.root()), Vec::<String>::new());
    }
}

#[test]
fn a_template_failing_after_the_pages_were_written_leaves_the_previous_output_untouched() {
    let site = fixture();
    let reference = reference_build(&site);
    // The feeds render after every page was handed to the staging folder.
    site.write(
        "templates/atom.xml",
        "<feed>\n{{ no_such_value.deeper }}\n</feed>\n",
    );
    site.write("content/nieuw.md", "+++\ntitle = \"Nieuw\"\n+++\nTekst.\n");
    let failed = run(&mut kennis_build(&site, &site.output()));
    assert!(!failed.status.success());
    assert!(stderr(&failed).contains("atom.xml"), "{}", stderr(&failed));
    assert!(
        site.snapshot_output() == reference,
        "the previous site stays as it was, without the new page"
    );
    assert_eq!(staging_leftovers(site.root()), Vec::<String>::new());
}

/// A process that holds the output's lock as a build does, until it is killed: a shell that locks
/// the file with flock(1) (the same advisory lock) and writes its process id into it.
fn lock_holder(lock_file: &Path) -> Child {
    let mut holder = Command::new("sh")
        .arg("-c")
        .arg(r#"exec 9<>"$1"; flock 9; echo $$ >&9; echo locked; exec sleep 600"#)
        .arg("sh")
        .arg(lock_file)
        .stdout(Stdio::piped())
        .spawn()
        .expect("sh and flock are installed");
    let mut line = String::new();
    let stdout = holder.stdout.take().expect("piped");
    BufReader::new(stdout).read_line(&mut line).expect("reads");
    assert_eq!(line.trim(), "locked");
    holder
}

#[test]
fn a_build_waits_for_the_holder_and_takes_over_the_lock_of_a_killed_one() {
    let site = fixture();
    let reference = reference_build(&site);
    let mut holder = lock_holder(&site.root().join(".public.kennis-lock"));
    let mut waiting = kennis_build(&site, &site.output())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        waiting.try_wait().expect("status").is_none(),
        "the build must wait while the lock is held"
    );
    holder.kill().expect("SIGKILL");
    holder.wait().expect("reaped");
    let output = waiting.wait_with_output().expect("ends");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(site.snapshot_output(), reference);
}

#[test]
fn the_waiting_build_names_the_holder() {
    let site = fixture();
    let mut holder = lock_holder(&site.root().join(".public.kennis-lock"));
    let mut waiting = kennis_build(&site, &site.output())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let stderr = waiting.stderr.take().expect("piped");
    let mut lines = BufReader::new(stderr).lines();
    let told = lines
        .find_map(|line| {
            line.ok()
                .filter(|line| line.contains("waiting for another build"))
        })
        .expect("a waiting message");
    assert!(told.contains(&format!("(pid {})", holder.id())), "{told}");
    holder.kill().expect("SIGKILL");
    holder.wait().expect("reaped");
    assert!(waiting.wait().expect("ends").success());
}

#[test]
fn a_file_as_output_is_refused_untouched() {
    let site = fixture();
    let file = site.root().join("f");
    fs::write(&file, "data\n").expect("write");
    let output = run(&mut kennis_build(&site, &file));
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("is a file, not a folder"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read(&file).expect("kept"), b"data\n");
    let beside: Vec<String> = entry_names(site.root())
        .into_iter()
        .filter(|name| name.starts_with('.'))
        .collect();
    assert_eq!(beside, Vec::<String>::new(), "nothing hidden was created");
    let again = run(&mut kennis_build(&site, &file));
    assert_eq!(
        again.status.code(),
        Some(1),
        "a second build fails the same way"
    );
    assert!(stderr(&again).contains("is a file, not a folder"));
}

#[test]
fn a_device_and_a_foreign_folder_are_refused_untouched() {
    let site = fixture();
    let device = run(&mut kennis_build(&site, Path::new("/dev/null")));
    assert_eq!(device.status.code(), Some(1));
    assert!(
        stderr(&device).contains("is a device"),
        "{}",
        stderr(&device)
    );
    let foreign = site.root().join("docs");
    fs::create_dir(&foreign).expect("folder");
    fs::write(foreign.join("notes.txt"), "mine").expect("write");
    let refused = run(&mut kennis_build(&site, &foreign));
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("was not written by kennis"));
    assert_eq!(
        files_below(&foreign),
        BTreeMap::from([("notes.txt".to_owned(), b"mine".to_vec())])
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_folder_is_followed_and_stays_a_link() {
    let site = fixture();
    let elsewhere = tempfile::tempdir().expect("folder");
    let real = elsewhere.path().join("www");
    fs::create_dir(&real).expect("folder");
    let link = site.root().join("public");
    std::os::unix::fs::symlink(&real, &link).expect("link");
    for _ in 0..2 {
        let output = run(&mut kennis_build(&site, &link));
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(fs::symlink_metadata(&link).expect("link").is_symlink());
        assert!(real.join("nl/index.html").is_file());
    }
    assert_eq!(staging_leftovers(elsewhere.path()), Vec::<String>::new());
    assert_eq!(staging_leftovers(site.root()), Vec::<String>::new());
}
