use std::env;
use std::error;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::result;
use std::sync::atomic::{AtomicUsize, Ordering};

use same_file::{FileSet, Handle};

type Result<T> = result::Result<T, Box<dyn error::Error + Send + Sync>>;

/// Create an error from a format!-like syntax.
macro_rules! err {
    ($($tt:tt)*) => {
        Box::<dyn error::Error + Send + Sync>::from(format!($($tt)*))
    }
}

/// A simple wrapper for creating a temporary directory that is
/// automatically deleted when it's dropped.
///
/// This is the same helper as in the unit tests of lib.rs, since integration
/// tests can't reach it.
#[derive(Debug)]
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        fs::remove_dir_all(&self.0).unwrap();
    }
}

impl TempDir {
    /// Create a new empty temporary directory under the system's
    /// configured temporary directory.
    fn new() -> Result<TempDir> {
        static TRIES: usize = 100;
        static COUNTER: AtomicUsize = AtomicUsize::new(0);

        let tmpdir = env::temp_dir();
        for _ in 0..TRIES {
            let count = COUNTER.fetch_add(1, Ordering::SeqCst);
            let name = format!("{}-{}", std::process::id(), count);
            let path = tmpdir.join("rust-same-file-set").join(name);
            if path.is_dir() {
                continue;
            }
            fs::create_dir_all(&path).map_err(|e| {
                err!("failed to create {}: {}", path.display(), e)
            })?;
            return Ok(TempDir(path));
        }
        Err(err!("failed to create temp dir after {} tries", TRIES))
    }

    /// Return the underlying path to this temporary directory.
    fn path(&self) -> &Path {
        &self.0
    }
}

fn tmpdir() -> TempDir {
    TempDir::new().unwrap()
}

#[cfg(unix)]
fn soft_link_dir<P: AsRef<Path>, Q: AsRef<Path>>(
    src: P,
    dst: Q,
) -> io::Result<()> {
    use std::os::unix::fs::symlink;
    symlink(src, dst)
}

#[cfg(windows)]
fn soft_link_dir<P: AsRef<Path>, Q: AsRef<Path>>(
    src: P,
    dst: Q,
) -> io::Result<()> {
    use std::os::windows::fs::symlink_dir;
    symlink_dir(src, dst)
}

#[test]
fn empty() {
    let set = FileSet::new();
    assert!(set.is_empty());
    assert_eq!(set.len(), 0);
}

#[test]
fn insert_same_path_twice() {
    let tdir = tmpdir();
    let dir = tdir.path();

    File::create(dir.join("a")).unwrap();
    let mut set = FileSet::new();
    assert!(set.insert_path(dir.join("a")).unwrap());
    assert!(!set.insert_path(dir.join("a")).unwrap());
    assert_eq!(set.len(), 1);
}

#[test]
fn insert_different_files() {
    let tdir = tmpdir();
    let dir = tdir.path();

    File::create(dir.join("a")).unwrap();
    File::create(dir.join("b")).unwrap();
    fs::create_dir(dir.join("c")).unwrap();
    let mut set = FileSet::new();
    assert!(set.insert_path(dir.join("a")).unwrap());
    assert!(set.insert_path(dir.join("b")).unwrap());
    assert!(set.insert_path(dir.join("c")).unwrap());
    assert_eq!(set.len(), 3);
}

#[test]
fn insert_hard_link() {
    let tdir = tmpdir();
    let dir = tdir.path();

    File::create(dir.join("a")).unwrap();
    fs::hard_link(dir.join("a"), dir.join("alink")).unwrap();
    let mut set = FileSet::new();
    assert!(set.insert_path(dir.join("a")).unwrap());
    assert!(!set.insert_path(dir.join("alink")).unwrap());
    assert!(set.contains_path(dir.join("alink")).unwrap());
}

#[test]
fn insert_dir_through_relative_path() {
    let tdir = tmpdir();
    let dir = tdir.path();

    fs::create_dir_all(dir.join("a").join("b")).unwrap();
    let mut set = FileSet::new();
    assert!(set.insert_path(dir.join("a")).unwrap());
    assert!(!set.insert_path(dir.join("a").join("b").join("..")).unwrap());
}

#[test]
fn detect_symlink_loop() {
    let tdir = tmpdir();
    let dir = tdir.path();

    // a/b/loop points back at a, so a naive walk of a never ends.
    fs::create_dir_all(dir.join("a").join("b")).unwrap();
    let link = dir.join("a").join("b").join("loop");
    soft_link_dir(dir.join("a"), &link).unwrap();

    let mut set = FileSet::new();
    let mut stack = vec![dir.join("a")];
    let mut loops = vec![];
    while let Some(path) = stack.pop() {
        if !set.insert_path(&path).unwrap() {
            loops.push(path);
            continue;
        }
        if path.is_dir() {
            for entry in fs::read_dir(&path).unwrap() {
                stack.push(entry.unwrap().path());
            }
        }
    }
    assert_eq!(loops, vec![link]);
    assert_eq!(set.len(), 2);
}

#[test]
fn contains_with_handle() {
    let tdir = tmpdir();
    let dir = tdir.path();

    File::create(dir.join("a")).unwrap();
    File::create(dir.join("b")).unwrap();
    let mut set = FileSet::new();
    assert!(set.insert(Handle::from_path(dir.join("a")).unwrap()));
    assert!(set.contains(Handle::from_path(dir.join("a")).unwrap()));
    assert!(!set.contains(Handle::from_path(dir.join("b")).unwrap()));

    let file = File::open(dir.join("a")).unwrap();
    assert!(set.contains(Handle::from_file(file).unwrap()));
}

#[test]
fn remove_and_clear() {
    let tdir = tmpdir();
    let dir = tdir.path();

    File::create(dir.join("a")).unwrap();
    File::create(dir.join("b")).unwrap();
    let mut set = FileSet::new();
    set.insert_path(dir.join("a")).unwrap();
    set.insert_path(dir.join("b")).unwrap();

    assert!(set.remove_path(dir.join("a")).unwrap());
    assert!(!set.remove_path(dir.join("a")).unwrap());
    assert_eq!(set.len(), 1);

    set.clear();
    assert!(set.is_empty());
    assert!(set.insert_path(dir.join("b")).unwrap());
}

#[test]
fn missing_path_is_an_error() {
    let tdir = tmpdir();
    let dir = tdir.path();

    let mut set = FileSet::new();
    let err = set.insert_path(dir.join("nope")).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::NotFound);
    assert!(set.contains_path(dir.join("nope")).is_err());
    assert!(set.is_empty());
}

#[test]
fn test_send() {
    fn assert_send<T: Send>() {}
    assert_send::<FileSet>();
}

#[test]
fn test_sync() {
    fn assert_sync<T: Sync>() {}
    assert_sync::<FileSet>();
}
