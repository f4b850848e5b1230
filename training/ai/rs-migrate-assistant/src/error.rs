//! Error types for migration discovery and planning.
//!
//! Every variant carries enough context (file names, versions, checksums) to
//! produce an actionable message without the caller having to add anything.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Everything that can go wrong while loading or planning migrations.
#[derive(Debug)]
pub enum MigrateError {
    /// The migrations directory (or one of its files) could not be read.
    Io {
        /// The path that was being read when the error happened.
        path: PathBuf,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// A file in the migrations directory does not follow the
    /// `V<version>__<description>.sql` naming scheme.
    BadFileName {
        /// The offending file name.
        name: String,
        /// Why the name was rejected.
        reason: &'static str,
    },
    /// Two files claim the same version number.
    DuplicateVersion {
        /// The version both files use.
        version: u32,
        /// The first file that was seen with this version.
        first: String,
        /// The second file that was seen with this version.
        second: String,
    },
    /// A migration that was already applied has been edited since.
    ChecksumMismatch {
        /// Version of the modified migration.
        version: u32,
        /// Checksum recorded in the database when it was applied.
        applied: u32,
        /// Checksum of the file as it is on disk now.
        on_disk: u32,
    },
    /// The database records a migration that no longer exists on disk.
    MissingOnDisk {
        /// Version recorded as applied.
        version: u32,
    },
    /// A new migration has a lower version than one that was already applied,
    /// and the plan was built with [`OutOfOrder::Reject`](crate::OutOfOrder::Reject).
    OutOfOrder {
        /// Version of the pending migration.
        version: u32,
        /// Highest version already applied.
        latest_applied: u32,
    },
}

impl fmt::Display for MigrateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MigrateError::Io { path, source } => {
                write!(f, "could not read {}: {}", path.display(), source)
            }
            MigrateError::BadFileName { name, reason } => {
                write!(f, "invalid migration file name {name:?}: {reason}")
            }
            MigrateError::DuplicateVersion { version, first, second } => write!(
                f,
                "version {version} is used by both {first:?} and {second:?}"
            ),
            MigrateError::ChecksumMismatch { version, applied, on_disk } => write!(
                f,
                "migration {version} was modified after it was applied \
                 (applied checksum {applied:08x}, file checksum {on_disk:08x})"
            ),
            MigrateError::MissingOnDisk { version } => write!(
                f,
                "migration {version} is recorded as applied but its file is missing"
            ),
            MigrateError::OutOfOrder { version, latest_applied } => write!(
                f,
                "migration {version} is pending but {latest_applied} has already been applied; \
                 allow out-of-order migrations or renumber the file"
            ),
        }
    }
}

impl std::error::Error for MigrateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            MigrateError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Convenience alias used throughout the crate.
pub type Result<T> = std::result::Result<T, MigrateError>;
