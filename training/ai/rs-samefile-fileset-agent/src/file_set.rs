use std::collections::HashSet;
use std::io;
use std::path::Path;

use crate::Handle;

/// A set of files, where two entries are considered equal when they refer to
/// the same file or directory.
///
/// Entries are compared in exactly the same way as [`Handle`]. This makes a
/// `FileSet` useful for detecting symbolic link loops while walking a
/// directory tree, or for skipping hard links to files that have already
/// been seen.
///
/// On Unix, only the device and inode numbers of each entry are kept, so a
/// `FileSet` does not hold on to any open file descriptors. On other
/// platforms, every entry keeps its [`Handle`] (and therefore an open file
/// handle) alive for as long as it is in the set.
///
/// [`Handle`]: struct.Handle.html
///
/// # Example
///
/// ```rust,no_run
/// # use std::error::Error;
/// use same_file::FileSet;
///
/// # fn try_main() -> Result<(), Box<Error>> {
/// let mut seen = FileSet::new();
/// for path in &["./a", "./b", "./a-hardlink"] {
///     if !seen.insert_path(path)? {
///         println!("{} was already seen", path);
///     }
/// }
/// #    Ok(())
/// # }
/// #
/// # fn main() {
/// #    try_main().unwrap();
/// # }
/// ```
#[derive(Debug, Default)]
pub struct FileSet {
    entries: HashSet<Entry>,
}

#[cfg(any(target_os = "redox", unix))]
#[derive(Debug, Eq, PartialEq, Hash)]
struct Entry {
    dev: u64,
    ino: u64,
}

#[cfg(not(any(target_os = "redox", unix)))]
#[derive(Debug, Eq, PartialEq, Hash)]
struct Entry(Handle);

impl Entry {
    #[cfg(any(target_os = "redox", unix))]
    fn new(handle: Handle) -> Entry {
        Entry { dev: handle.dev(), ino: handle.ino() }
    }

    #[cfg(not(any(target_os = "redox", unix)))]
    fn new(handle: Handle) -> Entry {
        Entry(handle)
    }
}

impl FileSet {
    /// Create a new empty set.
    pub fn new() -> FileSet {
        FileSet::default()
    }

    /// Add the file that the given path refers to.
    ///
    /// Returns `true` if the file was not in the set yet, and `false` if the
    /// same file was already added (possibly through a different path).
    ///
    /// # Errors
    /// This method will return an [`io::Error`] if the path cannot be opened,
    /// or the file's metadata cannot be obtained. See
    /// [`Handle::from_path`] for details.
    ///
    /// [`io::Error`]: https://doc.rust-lang.org/std/io/struct.Error.html
    /// [`Handle::from_path`]: struct.Handle.html#method.from_path
    pub fn insert_path<P: AsRef<Path>>(&mut self, p: P) -> io::Result<bool> {
        Handle::from_path(p).map(|h| self.insert(h))
    }

    /// Add the file that the given handle refers to.
    ///
    /// Returns `true` if the file was not in the set yet. The handle is
    /// consumed either way; on Unix it is closed before this method returns.
    pub fn insert(&mut self, handle: Handle) -> bool {
        self.entries.insert(Entry::new(handle))
    }

    /// Returns true if the file that the given path refers to is in the set.
    ///
    /// # Errors
    /// This method will return an [`io::Error`] if the path cannot be opened,
    /// or the file's metadata cannot be obtained.
    ///
    /// [`io::Error`]: https://doc.rust-lang.org/std/io/struct.Error.html
    pub fn contains_path<P: AsRef<Path>>(&self, p: P) -> io::Result<bool> {
        Handle::from_path(p).map(|h| self.contains(h))
    }

    /// Returns true if the file that the given handle refers to is in the
    /// set.
    pub fn contains(&self, handle: Handle) -> bool {
        self.entries.contains(&Entry::new(handle))
    }

    /// Remove the file that the given path refers to from the set.
    ///
    /// Returns `true` if the file was in the set.
    ///
    /// # Errors
    /// This method will return an [`io::Error`] if the path cannot be opened,
    /// or the file's metadata cannot be obtained.
    ///
    /// [`io::Error`]: https://doc.rust-lang.org/std/io/struct.Error.html
    pub fn remove_path<P: AsRef<Path>>(&mut self, p: P) -> io::Result<bool> {
        let entry = Entry::new(Handle::from_path(p)?);
        Ok(self.entries.remove(&entry))
    }

    /// Return the number of distinct files in the set.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Returns true if the set contains no files.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Remove all files from the set.
    ///
    /// On platforms other than Unix, this closes every handle that the set
    /// was keeping open.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}
