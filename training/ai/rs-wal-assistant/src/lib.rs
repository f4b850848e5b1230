//! A small, single-file write-ahead log.
//!
//! A write-ahead log (WAL) is an append-only file of records. An application
//! appends a record describing a change *before* applying it elsewhere (to an
//! in-memory map, a B-tree file, ...). After a crash, replaying the log
//! restores every change whose record was fully written.
//!
//! # Format
//!
//! Each record is framed as:
//!
//! ```text
//! +-----------+-----------+----------------+
//! | len: u32  | crc: u32  | payload bytes  |
//! +-----------+-----------+----------------+
//!   little-endian            `len` bytes
//! ```
//!
//! The CRC-32 covers the length and the payload, so a torn write (a crash
//! halfway through appending) is detected on replay. A torn record can only
//! be the last one in the file, because records are only ever appended; the
//! log truncates it when it is opened.
//!
//! # Example
//!
//! ```no_run
//! use tinywal::{Wal, SyncPolicy};
//!
//! # fn main() -> Result<(), tinywal::WalError> {
//! let mut wal = Wal::open("data.wal", SyncPolicy::EveryWrite)?;
//! wal.append(b"set a=1")?;
//! wal.append(b"set b=2")?;
//!
//! for record in wal.replay()? {
//!     let payload = record?;
//!     println!("{}", String::from_utf8_lossy(&payload));
//! }
//! # Ok(())
//! # }
//! ```

mod crc;
mod record;
mod wal;

pub use record::{MAX_RECORD_LEN, RecordError};
pub use wal::{Replay, SyncPolicy, Wal, WalError};

#[cfg(test)]
mod tests {
    //! End-to-end tests of crash recovery: they damage the file on disk the
    //! way a crash or bad disk would, then reopen the log.

    use super::*;
    use std::fs::{self, OpenOptions};
    use std::io::Write;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicU32, Ordering};

    /// A unique temporary path, removed when dropped.
    struct TempPath(PathBuf);

    impl TempPath {
        fn new() -> Self {
            static COUNTER: AtomicU32 = AtomicU32::new(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let name = format!("tinywal-test-{}-{n}.wal", std::process::id());
            TempPath(std::env::temp_dir().join(name))
        }
    }

    impl Drop for TempPath {
        fn drop(&mut self) {
            let _ = fs::remove_file(&self.0);
        }
    }

    fn payloads(wal: &mut Wal) -> Vec<Vec<u8>> {
        wal.replay().unwrap().map(|r| r.unwrap()).collect()
    }

    /// Creates a log at `tmp` holding `records`, then closes it.
    fn write_log(tmp: &TempPath, records: &[&[u8]]) {
        let mut wal = Wal::open(&tmp.0, SyncPolicy::Manual).unwrap();
        for r in records {
            wal.append(r).unwrap();
        }
        wal.sync().unwrap();
    }

    #[test]
    fn records_survive_reopen() {
        let tmp = TempPath::new();
        write_log(&tmp, &[b"one", b"two"]);
        let mut wal = Wal::open(&tmp.0, SyncPolicy::EveryWrite).unwrap();
        assert_eq!(wal.record_count(), 2);
        wal.append(b"three").unwrap();
        assert_eq!(payloads(&mut wal), vec![b"one".to_vec(), b"two".to_vec(), b"three".to_vec()]);
    }

    #[test]
    fn torn_tail_is_truncated_on_open() {
        let tmp = TempPath::new();
        write_log(&tmp, &[b"complete"]);
        // Simulate a crash halfway through the next append.
        let good_len = fs::metadata(&tmp.0).unwrap().len();
        let mut f = OpenOptions::new().append(true).open(&tmp.0).unwrap();
        f.write_all(&[20, 0, 0, 0, 0xAA, 0xBB]).unwrap();
        drop(f);

        let mut wal = Wal::open(&tmp.0, SyncPolicy::EveryWrite).unwrap();
        assert_eq!(wal.len_bytes(), good_len);
        assert_eq!(payloads(&mut wal), vec![b"complete".to_vec()]);
    }

    #[test]
    fn damage_in_the_middle_is_an_error() {
        let tmp = TempPath::new();
        write_log(&tmp, &[b"first", b"second"]);
        let mut bytes = fs::read(&tmp.0).unwrap();
        bytes[10] ^= 0xFF; // inside the first record's payload
        fs::write(&tmp.0, &bytes).unwrap();

        match Wal::open(&tmp.0, SyncPolicy::EveryWrite) {
            Err(WalError::Corrupt { .. }) => {}
            Err(other) => panic!("expected Corrupt, got {other}"),
            Ok(_) => panic!("expected Corrupt, got a usable log"),
        }
    }

    #[test]
    fn truncate_empties_the_log() {
        let tmp = TempPath::new();
        let mut wal = Wal::open(&tmp.0, SyncPolicy::EveryN(10)).unwrap();
        for i in 0..25u32 {
            wal.append(&i.to_le_bytes()).unwrap();
        }
        wal.truncate().unwrap();
        assert_eq!(wal.record_count(), 0);
        wal.append(b"after").unwrap();
        assert_eq!(payloads(&mut wal), vec![b"after".to_vec()]);
    }

    #[test]
    fn oversized_payload_is_rejected() {
        let tmp = TempPath::new();
        let mut wal = Wal::open(&tmp.0, SyncPolicy::Manual).unwrap();
        let big = vec![0u8; MAX_RECORD_LEN as usize + 1];
        assert!(wal.append(&big).is_err());
        assert_eq!(wal.record_count(), 0);
    }
}
