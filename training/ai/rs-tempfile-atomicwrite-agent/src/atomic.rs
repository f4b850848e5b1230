use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::IoResultExt;
use crate::{Builder, NamedTempFile};

/// A file that replaces the file at a target path atomically.
///
/// Data is written to a temporary file created in the same directory as the
/// target, so that it is on the same filesystem. [`commit`] flushes the data to
/// disk and renames the temporary file over the target. Readers of the target
/// path only ever see the old contents or the complete new contents, never a
/// partially written file.
///
/// If the `AtomicFile` is dropped without calling [`commit`], the temporary
/// file is deleted and the target is left untouched.
///
/// # Examples
///
/// ```
/// use std::io::Write;
/// use tempfile::AtomicFile;
/// # use std::io;
/// # fn main() {
/// #     if let Err(_) = run() {
/// #         ::std::process::exit(1);
/// #     }
/// # }
/// # fn run() -> Result<(), io::Error> {
/// # let dir = tempfile::tempdir()?;
/// let target = dir.path().join("config.toml");
///
/// let mut file = AtomicFile::new(&target)?;
/// writeln!(file, "answer = 42")?;
/// file.commit()?;
///
/// assert_eq!(std::fs::read_to_string(&target)?, "answer = 42\n");
/// # Ok(())
/// # }
/// ```
///
/// [`commit`]: AtomicFile::commit
#[derive(Debug)]
pub struct AtomicFile {
    file: NamedTempFile,
    target: PathBuf,
    overwrite: bool,
}

impl AtomicFile {
    /// Create a new `AtomicFile` that will replace the file at `target`.
    ///
    /// The parent directory of `target` must exist.
    pub fn new<P: AsRef<Path>>(target: P) -> io::Result<AtomicFile> {
        AtomicFile::with_overwrite(target, true)
    }

    /// Create a new `AtomicFile` that fails to commit if a file already exists
    /// at `target`, instead of replacing it.
    ///
    /// This uses [`NamedTempFile::persist_noclobber`], see its documentation
    /// for the platforms on which the check is not atomic.
    pub fn create_new<P: AsRef<Path>>(target: P) -> io::Result<AtomicFile> {
        AtomicFile::with_overwrite(target, false)
    }

    fn with_overwrite<P: AsRef<Path>>(target: P, overwrite: bool) -> io::Result<AtomicFile> {
        let target = target.as_ref();
        let file_name = target.file_name().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "target path does not name a file",
            )
        })?;

        let dir = match target.parent() {
            Some(parent) if parent != Path::new("") => parent,
            _ => Path::new("."),
        };

        // A hidden name next to the target makes stray files easy to spot
        // (and to ignore) if the process is killed before the drop runs.
        let mut prefix = OsString::from(".");
        prefix.push(file_name);
        prefix.push(".");

        let file = Builder::new()
            .prefix(&prefix)
            .suffix(".tmp")
            .tempfile_in(dir)
            .with_err_path(|| dir)?;

        Ok(AtomicFile {
            file,
            target: target.to_path_buf(),
            overwrite,
        })
    }

    /// Get the path the file will be committed to.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Get the path of the temporary file the data is written to.
    pub fn temp_path(&self) -> &Path {
        self.file.path()
    }

    /// Get a reference to the underlying temporary file.
    pub fn as_file(&self) -> &File {
        self.file.as_file()
    }

    /// Get a mutable reference to the underlying temporary file.
    pub fn as_file_mut(&mut self) -> &mut File {
        self.file.as_file_mut()
    }

    /// Flush the data to disk and move the temporary file over the target.
    ///
    /// On success, the file at the target path is returned. On failure, the
    /// temporary file is deleted and the target is left untouched.
    ///
    /// On Unix the containing directory is synced as well, so that the rename
    /// itself survives a crash.
    pub fn commit(self) -> io::Result<File> {
        let AtomicFile {
            mut file,
            target,
            overwrite,
        } = self;

        file.flush()?;
        file.as_file().sync_all()?;

        // On failure the `PersistError` hands the temporary file back, and
        // dropping it deletes it.
        let result = if overwrite {
            file.persist(&target)
        } else {
            file.persist_noclobber(&target)
        };
        let file = result.map_err(|e| e.error).with_err_path(|| &target)?;

        sync_parent(&target)?;
        Ok(file)
    }

    /// Delete the temporary file without touching the target.
    ///
    /// This is what dropping the `AtomicFile` does, but it reports errors.
    pub fn discard(self) -> io::Result<()> {
        self.file.close()
    }
}

#[cfg(unix)]
fn sync_parent(path: &Path) -> io::Result<()> {
    let dir = match path.parent() {
        Some(parent) if parent != Path::new("") => parent,
        _ => Path::new("."),
    };
    File::open(dir)
        .and_then(|d| d.sync_all())
        .with_err_path(|| dir)
}

#[cfg(not(unix))]
fn sync_parent(_path: &Path) -> io::Result<()> {
    // Directories cannot be opened as files here; the rename is as durable
    // as the platform makes it.
    Ok(())
}

impl Write for AtomicFile {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf).with_err_path(|| self.file.path())
    }
    #[inline]
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush().with_err_path(|| self.file.path())
    }
}

/// Write `contents` to the file at `path`, atomically replacing any existing
/// file.
///
/// This is a convenience for [`AtomicFile::new`], `write_all` and
/// [`AtomicFile::commit`].
///
/// # Examples
///
/// ```
/// # use std::io;
/// # fn main() -> io::Result<()> {
/// # let dir = tempfile::tempdir()?;
/// let path = dir.path().join("state.json");
/// tempfile::write_atomic(&path, b"{}")?;
/// assert_eq!(std::fs::read(&path)?, b"{}");
/// # Ok(())
/// # }
/// ```
pub fn write_atomic<P: AsRef<Path>, C: AsRef<[u8]>>(path: P, contents: C) -> io::Result<()> {
    let mut file = AtomicFile::new(path)?;
    file.write_all(contents.as_ref())?;
    file.commit().map(|_| ())
}
