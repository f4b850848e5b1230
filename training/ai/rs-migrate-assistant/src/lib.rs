//! Planning for versioned SQL migrations.
//!
//! Migration files live in one directory and are named
//! `V<version>__<description>.sql`, for example `V003__add_orders_index.sql`.
//! This crate does not talk to a database itself. Instead, the caller passes
//! in the list of migrations the database reports as applied, and
//! [`plan`] works out which files still need to run, in which order, and
//! whether anything looks wrong (edited or deleted migrations, gaps).
//!
//! Keeping the database out of the crate makes the planning logic easy to
//! test and lets it work with any driver.

mod error;

pub use error::{MigrateError, Result};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// A migration file found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// The numeric version parsed from the file name.
    pub version: u32,
    /// Human readable description, with underscores turned into spaces.
    pub description: String,
    /// Full path to the file.
    pub path: PathBuf,
    /// The SQL text of the migration.
    pub sql: String,
    /// CRC-32 of the SQL text with line endings normalised, so that a file
    /// checked out with CRLF endings does not look modified.
    pub checksum: u32,
}

/// A migration the database says it has already applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// Version of the applied migration.
    pub version: u32,
    /// Checksum recorded when it was applied.
    pub checksum: u32,
}

/// What to do with pending migrations whose version is lower than the
/// newest applied one (typically created on a branch that merged late).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutOfOrder {
    /// Refuse to plan; this is the safe default.
    #[default]
    Reject,
    /// Run them anyway, in version order, before newer pending ones.
    Allow,
}

/// The result of planning: what to run, plus non-fatal observations.
#[derive(Debug, Default)]
pub struct Plan {
    /// Migrations to run, in the order they should run.
    pub pending: Vec<Migration>,
    /// Warnings the caller may want to show, such as gaps in numbering.
    pub warnings: Vec<String>,
}

impl Plan {
    /// Returns `true` if the database is already up to date.
    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }
}

/// Parses `V<version>__<description>.sql` into its version and description.
///
/// Returns `Ok(None)` for files that are clearly not migrations (anything
/// that does not end in `.sql`), so that a README next to the migrations
/// does not cause an error. Files that end in `.sql` but are misnamed are
/// reported, because they are almost always a mistake.
pub fn parse_file_name(name: &str) -> Result<Option<(u32, String)>> {
    let bad = |reason| MigrateError::BadFileName { name: name.to_string(), reason };

    let stem = match name.strip_suffix(".sql") {
        Some(stem) => stem,
        None => return Ok(None),
    };
    let rest = stem.strip_prefix('V').ok_or_else(|| bad("must start with 'V'"))?;
    let (digits, description) = rest
        .split_once("__")
        .ok_or_else(|| bad("expected '__' between version and description"))?;

    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("version must be a decimal number"));
    }
    let version: u32 = digits.parse().map_err(|_| bad("version is too large"))?;
    if version == 0 {
        return Err(bad("versions start at 1"));
    }
    if description.trim().is_empty() {
        return Err(bad("description is empty"));
    }

    Ok(Some((version, description.replace('_', " "))))
}

/// Computes the checksum used to detect edited migrations.
///
/// `\r\n` is folded to `\n` first; otherwise the same file would have two
/// different checksums depending on the checkout settings of the machine.
pub fn checksum(sql: &str) -> u32 {
    let normalised = sql.replace("\r\n", "\n");
    crc32(normalised.as_bytes())
}

/// Bitwise CRC-32 (IEEE polynomial). Migrations are small, so a lookup
/// table would not be worth the extra code.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= byte as u32;
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// Reads every migration in `dir`, sorted by version.
///
/// # Errors
///
/// Fails if the directory cannot be read, a `.sql` file is misnamed, or two
/// files share a version.
pub fn load_dir(dir: &Path) -> Result<Vec<Migration>> {
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| MigrateError::Io { path, source }
    };

    // BTreeMap keeps the versions sorted and lets us spot duplicates.
    let mut by_version: BTreeMap<u32, Migration> = BTreeMap::new();
    for entry in fs::read_dir(dir).map_err(io_err(dir))? {
        let entry = entry.map_err(io_err(dir))?;
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((version, description)) = parse_file_name(&name)? else {
            continue;
        };
        let sql = fs::read_to_string(&path).map_err(io_err(&path))?;
        let migration = Migration { version, description, checksum: checksum(&sql), sql, path };

        if let Some(existing) = by_version.get(&version) {
            return Err(MigrateError::DuplicateVersion {
                version,
                first: file_name(&existing.path),
                second: name,
            });
        }
        by_version.insert(version, migration);
    }
    Ok(by_version.into_values().collect())
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Decides which of `on_disk` still need to run against a database that has
/// already applied `applied`.
///
/// Checks, in this order:
/// 1. every applied migration still exists on disk;
/// 2. no applied migration has been edited (checksums match);
/// 3. pending migrations older than the newest applied one are handled
///    according to `out_of_order`.
///
/// Gaps in the numbering (e.g. 1, 2, 4) are reported as warnings only,
/// since teams sometimes delete abandoned migrations before they ship.
pub fn plan(on_disk: &[Migration], applied: &[Applied], out_of_order: OutOfOrder) -> Result<Plan> {
    let disk: BTreeMap<u32, &Migration> = on_disk.iter().map(|m| (m.version, m)).collect();

    for a in applied {
        let Some(m) = disk.get(&a.version) else {
            return Err(MigrateError::MissingOnDisk { version: a.version });
        };
        if m.checksum != a.checksum {
            return Err(MigrateError::ChecksumMismatch {
                version: a.version,
                applied: a.checksum,
                on_disk: m.checksum,
            });
        }
    }

    let latest_applied = applied.iter().map(|a| a.version).max();
    let is_applied = |v: u32| applied.iter().any(|a| a.version == v);

    let mut result = Plan::default();
    for m in disk.values().filter(|m| !is_applied(m.version)) {
        if let Some(latest) = latest_applied {
            if m.version < latest {
                match out_of_order {
                    OutOfOrder::Reject => {
                        return Err(MigrateError::OutOfOrder { version: m.version, latest_applied: latest });
                    }
                    OutOfOrder::Allow => result.warnings.push(format!(
                        "migration {} runs out of order (after {})",
                        m.version, latest
                    )),
                }
            }
        }
        result.pending.push((*m).clone());
    }

    // Gap detection looks at everything on disk, not just pending files,
    // so a gap introduced long ago is still reported.
    let versions: Vec<u32> = disk.keys().copied().collect();
    for pair in versions.windows(2) {
        if pair[1] != pair[0] + 1 {
            result.warnings.push(format!("gap in migration versions between {} and {}", pair[0], pair[1]));
        }
    }

    Ok(result)
}

#[cfg(test)]
mod tests;
