#![deny(rust_2018_idioms)]

use std::fs;
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use tempfile::{tempdir, write_atomic, AtomicFile, TempDir};

fn exists<P: AsRef<Path>>(path: P) -> bool {
    std::fs::metadata(path.as_ref()).is_ok()
}

/// A fresh directory and a path in it; keep the `TempDir` alive for the test.
fn target_in_tempdir(name: &str) -> (TempDir, PathBuf) {
    let dir = tempdir().unwrap();
    let target = dir.path().join(name);
    (dir, target)
}

#[test]
fn test_commit_creates() {
    let (_dir, target) = target_in_tempdir("new");

    let mut file = AtomicFile::new(&target).unwrap();
    write!(file, "abcde").unwrap();
    assert!(!exists(&target));

    let mut f = file.commit().unwrap();
    f.seek(SeekFrom::Start(0)).unwrap();
    let mut buf = String::new();
    f.read_to_string(&mut buf).unwrap();
    assert_eq!("abcde", buf);
    assert_eq!("abcde", fs::read_to_string(&target).unwrap());
}

#[test]
fn test_commit_replaces() {
    let (_dir, target) = target_in_tempdir("existing");
    fs::write(&target, "old contents").unwrap();

    let mut file = AtomicFile::new(&target).unwrap();
    write!(file, "new").unwrap();
    // The old contents stay visible until the commit
    assert_eq!("old contents", fs::read_to_string(&target).unwrap());

    file.commit().unwrap();
    assert_eq!("new", fs::read_to_string(&target).unwrap());
}

#[test]
fn test_temp_file_beside_target() {
    let (dir, target) = target_in_tempdir("data.bin");

    let file = AtomicFile::new(&target).unwrap();
    let temp_path = file.temp_path().to_path_buf();
    assert_eq!(temp_path.parent(), Some(dir.path()));

    let name = temp_path.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with(".data.bin."));
    assert!(name.ends_with(".tmp"));
    assert_eq!(file.target(), target);
}

#[test]
fn test_drop_discards() {
    let (_dir, target) = target_in_tempdir("dropped");
    fs::write(&target, "keep me").unwrap();

    let temp_path;
    {
        let mut file = AtomicFile::new(&target).unwrap();
        temp_path = file.temp_path().to_path_buf();
        write!(file, "never committed").unwrap();
        assert!(exists(&temp_path));
    }
    assert!(!exists(&temp_path));
    assert_eq!("keep me", fs::read_to_string(&target).unwrap());
}

#[test]
fn test_discard() {
    let (dir, target) = target_in_tempdir("discarded");
    let file = AtomicFile::new(&target).unwrap();
    // Only the temporary file is there
    assert_eq!(1, fs::read_dir(dir.path()).unwrap().count());

    file.discard().unwrap();
    assert!(!exists(&target));
    assert_eq!(0, fs::read_dir(dir.path()).unwrap().count());
}

#[test]
fn test_create_new() {
    let (_dir, target) = target_in_tempdir("once");

    let mut file = AtomicFile::create_new(&target).unwrap();
    write!(file, "first").unwrap();
    file.commit().unwrap();

    let mut file = AtomicFile::create_new(&target).unwrap();
    let temp_path = file.temp_path().to_path_buf();
    write!(file, "second").unwrap();
    let err = file.commit().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlreadyExists);
    assert_eq!("first", fs::read_to_string(&target).unwrap());
    // The temporary file is cleaned up on failure too
    assert!(!exists(&temp_path));
}

#[test]
fn test_missing_parent() {
    let dir = tempdir().unwrap();
    let target = dir.path().join("no").join("such").join("file");

    let err = AtomicFile::new(&target).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(err.to_string().contains("no"));
}

#[test]
fn test_no_file_name() {
    let err = AtomicFile::new("..").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

#[test]
fn test_write_atomic() {
    let (dir, target) = target_in_tempdir("state");

    write_atomic(&target, b"one").unwrap();
    write_atomic(&target, "two").unwrap();
    assert_eq!("two", fs::read_to_string(&target).unwrap());
    assert_eq!(1, fs::read_dir(dir.path()).unwrap().count());
}
