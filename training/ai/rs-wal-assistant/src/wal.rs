//! The log file itself: opening with recovery, appending, replaying.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::record::{read_record, write_record, RecordError, HEADER_LEN};

/// When appended records are forced to stable storage with `fsync`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncPolicy {
    /// `fsync` after every append. Slowest, but an acknowledged append
    /// survives power loss.
    EveryWrite,
    /// `fsync` after every `n` appends. Up to `n - 1` acknowledged records can
    /// be lost on power loss (not on a process crash: the OS still has them).
    EveryN(u32),
    /// Never `fsync` implicitly; call [`Wal::sync`] yourself, e.g. at the end
    /// of a batch.
    Manual,
}

/// Errors returned by [`Wal`].
#[derive(Debug)]
pub enum WalError {
    Io { path: PathBuf, source: io::Error },
    /// A record in the middle of the log is damaged. Unlike a torn tail this
    /// can't be caused by a crash during append, so it is never repaired
    /// automatically.
    Corrupt { path: PathBuf, source: RecordError },
}

impl fmt::Display for WalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WalError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            WalError::Corrupt { path, source } => write!(f, "{} is corrupt: {source}", path.display()),
        }
    }
}

impl std::error::Error for WalError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WalError::Io { source, .. } => Some(source),
            WalError::Corrupt { source, .. } => Some(source),
        }
    }
}

/// An open write-ahead log.
pub struct Wal {
    path: PathBuf,
    writer: BufWriter<File>,
    policy: SyncPolicy,
    /// Byte length of the valid part of the log (where the next record goes).
    len: u64,
    records: u64,
    unsynced: u32,
}

impl Wal {
    /// Opens (or creates) the log at `path`.
    ///
    /// The whole log is scanned once to find its valid end. If the last
    /// record is truncated or fails its checksum, it is cut off: that is the
    /// signature of a crash during append. Damage anywhere *before* the last
    /// record is reported as [`WalError::Corrupt`] instead.
    pub fn open(path: impl AsRef<Path>, policy: SyncPolicy) -> Result<Wal, WalError> {
        if let SyncPolicy::EveryN(0) = policy {
            panic!("SyncPolicy::EveryN requires n >= 1");
        }
        let path = path.as_ref().to_path_buf();
        let io_err = |source| WalError::Io { path: path.clone(), source };

        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&path)
            .map_err(io_err)?;
        let file_len = file.metadata().map_err(io_err)?.len();

        let (valid_len, records) = scan(&file, &path, file_len)?;
        if valid_len < file_len {
            // Drop the torn tail so new records start on a clean boundary.
            file.set_len(valid_len).map_err(io_err)?;
            file.sync_all().map_err(io_err)?;
        }

        Ok(Wal {
            writer: BufWriter::new(file),
            path,
            policy,
            len: valid_len,
            records,
            unsynced: 0,
        })
    }

    /// Appends one record and returns its byte offset in the log.
    ///
    /// Depending on the [`SyncPolicy`], the record may not be durable until
    /// the next [`sync`](Wal::sync).
    pub fn append(&mut self, payload: &[u8]) -> Result<u64, WalError> {
        let offset = self.len;
        let written = write_record(&mut self.writer, payload).map_err(|e| self.io(e))?;
        // Flush our buffer to the OS on every append: the record then survives
        // a crash of this process even if it isn't fsynced yet.
        self.writer.flush().map_err(|e| self.io(e))?;

        self.len += written;
        self.records += 1;
        self.unsynced += 1;

        match self.policy {
            SyncPolicy::EveryWrite => self.sync()?,
            SyncPolicy::EveryN(n) if self.unsynced >= n => self.sync()?,
            _ => {}
        }
        Ok(offset)
    }

    /// Forces every appended record to stable storage.
    pub fn sync(&mut self) -> Result<(), WalError> {
        self.writer.flush().map_err(|e| self.io(e))?;
        // sync_data skips metadata that isn't needed to read the data back,
        // which is cheaper than sync_all on most file systems.
        self.writer.get_ref().sync_data().map_err(|e| self.io(e))?;
        self.unsynced = 0;
        Ok(())
    }

    /// Returns an iterator over all records, oldest first.
    ///
    /// The iterator reads through its own file handle, so it sees exactly the
    /// records that were appended before it was created.
    pub fn replay(&mut self) -> Result<Replay, WalError> {
        self.writer.flush().map_err(|e| self.io(e))?;
        let file = File::open(&self.path).map_err(|e| self.io(e))?;
        Ok(Replay { reader: BufReader::new(file), path: self.path.clone(), offset: 0, end: self.len })
    }

    /// Discards every record, for example after the state they describe has
    /// been written to a snapshot.
    pub fn truncate(&mut self) -> Result<(), WalError> {
        self.writer.flush().map_err(|e| self.io(e))?;
        let file = self.writer.get_mut();
        file.set_len(0).map_err(|e| WalError::Io { path: self.path.clone(), source: e })?;
        file.seek(SeekFrom::Start(0)).map_err(|e| WalError::Io { path: self.path.clone(), source: e })?;
        file.sync_all().map_err(|e| WalError::Io { path: self.path.clone(), source: e })?;
        self.len = 0;
        self.records = 0;
        self.unsynced = 0;
        Ok(())
    }

    /// Size of the log in bytes.
    pub fn len_bytes(&self) -> u64 {
        self.len
    }

    /// Number of records in the log.
    pub fn record_count(&self) -> u64 {
        self.records
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn io(&self, source: io::Error) -> WalError {
        WalError::Io { path: self.path.clone(), source }
    }
}

impl Drop for Wal {
    fn drop(&mut self) {
        // Best effort: errors can't be reported from drop. Callers who care
        // about durability should call sync() explicitly before dropping.
        let _ = self.writer.flush();
    }
}

/// Finds the end of the last valid record. Returns (valid length, records).
fn scan(file: &File, path: &Path, file_len: u64) -> Result<(u64, u64), WalError> {
    let mut reader = BufReader::new(file);
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|e| WalError::Io { path: path.to_path_buf(), source: e })?;

    let mut offset = 0u64;
    let mut records = 0u64;
    loop {
        match read_record(&mut reader, offset) {
            Ok(Some((_, size))) => {
                offset += size;
                records += 1;
            }
            Ok(None) => return Ok((offset, records)),
            Err(RecordError::Io(e)) => return Err(WalError::Io { path: path.to_path_buf(), source: e }),
            Err(err) => {
                // A damaged record is a torn write we can safely drop only if
                // it is the last thing in the file. Anything after it means
                // the damage happened some other way, and throwing away the
                // records that follow would silently lose data.
                if is_tail(&err, file_len) {
                    return Ok((offset, records));
                }
                return Err(WalError::Corrupt { path: path.to_path_buf(), source: err });
            }
        }
    }
}

fn is_tail(err: &RecordError, file_len: u64) -> bool {
    match *err {
        RecordError::Truncated { .. } => true,
        RecordError::ChecksumMismatch { offset, len, .. } => {
            offset + HEADER_LEN as u64 + u64::from(len) == file_len
        }
        // A length over the limit is garbage, not a partially written
        // record (torn writes keep a correct prefix), so don't guess.
        RecordError::TooLarge { .. } | RecordError::Io(_) => false,
    }
}

/// Iterator returned by [`Wal::replay`].
pub struct Replay {
    reader: BufReader<File>,
    path: PathBuf,
    offset: u64,
    end: u64,
}

impl Iterator for Replay {
    type Item = Result<Vec<u8>, WalError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.offset >= self.end {
            return None;
        }
        match read_record(&mut self.reader, self.offset) {
            Ok(Some((payload, size))) => {
                self.offset += size;
                Some(Ok(payload))
            }
            Ok(None) => None,
            Err(err) => {
                // Stop after reporting the error once.
                self.offset = self.end;
                Some(Err(WalError::Corrupt { path: self.path.clone(), source: err }))
            }
        }
    }
}
