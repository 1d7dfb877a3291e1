//! The lock that serialises builds writing to the same output folder: a file beside the folder
//! (`public` → `.public.kennis-lock`) locked with the operating system's advisory lock, holding the
//! holder's process id for the messages of the builds that wait. This module owns only that file; it
//! never touches the output folder or a staging folder.
//!
//! The operating system releases the lock when its holder dies, however it dies, so a lock left by a
//! killed build is never stale: the next build simply gets it. The file itself stays; removing it would
//! let a build that opened it just before lock a file no other build can see.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long a build waits for another one writing to the same folder. The lock is held only while the
/// files are written and swapped in, which takes seconds even for large sites, so builds that meet (two
/// CI jobs, a build next to `kennis serve`) both succeed after a short wait; failing at once would make
/// one of them fail for no reason of its own. A holder that stays longer is stuck (stopped with Ctrl-Z,
/// a hung network drive), and the waiting build gives up well within common CI job limits, naming it.
pub const WAIT: Duration = Duration::from_secs(600);

/// How often a waiting build tries again; std offers no lock with a timeout.
const RETRY: Duration = Duration::from_millis(50);

/// Held while a build writes to the output folder; dropping it releases the lock.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Locks `lock_path` for the build writing to `output` (named in messages), waiting up to `wait` for
/// another holder and telling `waiting` once, with the holder's process id, that it waits.
pub fn acquire(
    lock_path: &Path,
    output: &Path,
    wait: Duration,
    waiting: &dyn Fn(&str),
) -> Result<Lock> {
    let mut file = open(lock_path)?;
    let started = Instant::now();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => {
                write_pid(&mut file, lock_path)?;
                return Ok(Lock { _file: file });
            }
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(error)) => {
                return Err(Error::io("cannot lock", lock_path, error));
            }
        }
        let holder = holder(&mut file);
        if started.elapsed() >= wait {
            return Err(timed_out(lock_path, output, &holder, wait));
        }
        if !told {
            waiting(&format!(
                "waiting for another build that is writing to {} ({holder}); giving up after {} s",
                output.display(),
                wait.as_secs()
            ));
            told = true;
        }
        std::thread::sleep(RETRY);
    }
}

fn open(lock_path: &Path) -> Result<File> {
    // Not truncated on opening: while another build holds the lock, the file holds its process id.
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path)
        .map_err(|error| Error::io("cannot open the lock file", lock_path, error))
}

fn write_pid(file: &mut File, lock_path: &Path) -> Result<()> {
    file.set_len(0)
        .and_then(|()| file.seek(SeekFrom::Start(0)))
        .and_then(|_| writeln!(file, "{}", std::process::id()))
        .map_err(|error| Error::io("cannot write the lock file", lock_path, error))
}

/// "pid N" as the holder wrote it; the holder may be between locking and writing, or the file unreadable.
fn holder(file: &mut File) -> String {
    let mut text = String::new();
    let read = file
        .seek(SeekFrom::Start(0))
        .and_then(|_| file.read_to_string(&mut text));
    match read.ok().and(text.trim().parse::<u32>().ok()) {
        Some(pid) => format!("pid {pid}"),
        None => "pid unknown".to_owned(),
    }
}

fn timed_out(lock_path: &Path, output: &Path, holder: &str, wait: Duration) -> Error {
    Error::usage(
        format!(
            "another build is writing to {} ({holder}); waited {} s and gave up",
            output.display(),
            wait.as_secs()
        ),
        Some(format!(
            "wait until that build ends or stop it; the lock is {} and is released as soon as \
             its holder exits, so never remove it by hand",
            lock_path.display()
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn holding(path: &Path) -> File {
        let file = File::create(path).unwrap();
        file.lock().unwrap();
        fs::write(path, "4242\n").unwrap();
        file
    }

    #[test]
    fn a_free_lock_is_taken_and_holds_our_pid() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".public.kennis-lock");
        fs::write(&path, "999999\n").unwrap();
        let _lock = acquire(&path, Path::new("public"), WAIT, &|_| panic!("no wait")).unwrap();
        let pid = fs::read_to_string(&path).unwrap();
        assert_eq!(pid.trim(), std::process::id().to_string());
    }

    #[test]
    fn a_held_lock_is_waited_for_and_named_when_the_wait_ends() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".public.kennis-lock");
        let _other = holding(&path);
        let told = std::cell::RefCell::new(Vec::new());
        let wait = Duration::from_millis(200);
        let result = acquire(&path, Path::new("public"), wait, &|line| {
            told.borrow_mut().push(line.to_owned());
        });
        let message = result.unwrap_err().to_string();
        assert!(
            message.contains("another build is writing to public (pid 4242)"),
            "{message}"
        );
        assert_eq!(told.borrow().len(), 1, "{told:?}");
        assert!(told.borrow()[0].contains("pid 4242"), "{told:?}");
    }

    #[test]
    fn a_released_lock_is_taken_by_the_waiting_build() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".public.kennis-lock");
        let other = holding(&path);
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(150));
            drop(other);
        });
        let lock = acquire(&path, Path::new("public"), WAIT, &|_| {});
        release.join().unwrap();
        assert!(lock.is_ok());
    }
}
