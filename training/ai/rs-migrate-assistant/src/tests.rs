// Unit tests for planning. These build `Migration` values in memory, so they
// do not touch the file system; `load_dir` gets its own test with a temp dir.

use super::*;

fn migration(version: u32, sql: &str) -> Migration {
    Migration {
        version,
        description: format!("step {version}"),
        path: PathBuf::from(format!("V{version:03}__step.sql")),
        sql: sql.to_string(),
        checksum: checksum(sql),
    }
}

fn applied(m: &Migration) -> Applied {
    Applied { version: m.version, checksum: m.checksum }
}

#[test]
fn crc32_matches_the_reference_value() {
    // The classic check value for CRC-32/ISO-HDLC.
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
}

#[test]
fn checksum_ignores_line_endings() {
    assert_eq!(checksum("a;\r\nb;\r\n"), checksum("a;\nb;\n"));
    assert_ne!(checksum("a;\n"), checksum("a; \n"));
}

#[test]
fn file_names_are_parsed() {
    assert_eq!(parse_file_name("V1__init.sql").unwrap(), Some((1, "init".to_string())));
    assert_eq!(
        parse_file_name("V042__add_user_email.sql").unwrap(),
        Some((42, "add user email".to_string()))
    );
    // Not a migration at all: silently skipped.
    assert_eq!(parse_file_name("README.md").unwrap(), None);
}

#[test]
fn bad_file_names_explain_themselves() {
    let cases = [
        ("v1__init.sql", "must start with 'V'"),
        ("V1_init.sql", "expected '__' between version and description"),
        ("V__init.sql", "version must be a decimal number"),
        ("V1a__init.sql", "version must be a decimal number"),
        ("V0__init.sql", "versions start at 1"),
        ("V99999999999__x.sql", "version is too large"),
        ("V2__.sql", "description is empty"),
    ];
    for (name, expected) in cases {
        match parse_file_name(name) {
            Err(MigrateError::BadFileName { reason, .. }) => assert_eq!(reason, expected, "{name}"),
            other => panic!("{name}: expected BadFileName, got {other:?}"),
        }
    }
}

#[test]
fn fresh_database_runs_everything_in_order() {
    let disk = vec![migration(1, "a"), migration(2, "b"), migration(3, "c")];
    let plan = plan(&disk, &[], OutOfOrder::Reject).unwrap();
    let versions: Vec<u32> = plan.pending.iter().map(|m| m.version).collect();
    assert_eq!(versions, [1, 2, 3]);
    assert!(plan.warnings.is_empty());
}

#[test]
fn up_to_date_database_has_empty_plan() {
    let disk = vec![migration(1, "a"), migration(2, "b")];
    let done: Vec<Applied> = disk.iter().map(applied).collect();
    assert!(plan(&disk, &done, OutOfOrder::Reject).unwrap().is_empty());
}

#[test]
fn edited_migration_is_rejected() {
    let disk = vec![migration(1, "create table t (id int);")];
    let stale = Applied { version: 1, checksum: checksum("create table t (id bigint);") };
    let err = plan(&disk, &[stale], OutOfOrder::Reject).unwrap_err();
    assert!(matches!(err, MigrateError::ChecksumMismatch { version: 1, .. }));
    assert!(err.to_string().contains("modified after it was applied"));
}

#[test]
fn deleted_migration_is_rejected() {
    let disk = vec![migration(2, "b")];
    let done = [Applied { version: 1, checksum: 0 }, applied(&disk[0])];
    let err = plan(&disk, &done, OutOfOrder::Reject).unwrap_err();
    assert!(matches!(err, MigrateError::MissingOnDisk { version: 1 }));
}

#[test]
fn out_of_order_is_rejected_by_default() {
    let disk = vec![migration(1, "a"), migration(2, "b"), migration(3, "c")];
    let done = [applied(&disk[0]), applied(&disk[2])];
    let err = plan(&disk, &done, OutOfOrder::default()).unwrap_err();
    assert!(matches!(err, MigrateError::OutOfOrder { version: 2, latest_applied: 3 }));
}

#[test]
fn out_of_order_can_be_allowed_with_a_warning() {
    let disk = vec![migration(1, "a"), migration(2, "b"), migration(3, "c"), migration(4, "d")];
    let done = [applied(&disk[0]), applied(&disk[2])];
    let plan = plan(&disk, &done, OutOfOrder::Allow).unwrap();
    let versions: Vec<u32> = plan.pending.iter().map(|m| m.version).collect();
    assert_eq!(versions, [2, 4]);
    assert_eq!(plan.warnings, ["migration 2 runs out of order (after 3)"]);
}

#[test]
fn gaps_are_warnings_not_errors() {
    let disk = vec![migration(1, "a"), migration(4, "d")];
    let plan = plan(&disk, &[], OutOfOrder::Reject).unwrap();
    assert_eq!(plan.pending.len(), 2);
    assert_eq!(plan.warnings, ["gap in migration versions between 1 and 4"]);
}

#[test]
fn load_dir_reads_sorts_and_detects_duplicates() {
    // A throwaway directory under the system temp dir, unique per process so
    // parallel test runs do not collide.
    let dir = std::env::temp_dir().join(format!("migrate-plan-test-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("V2__second.sql"), "select 2;").unwrap();
    fs::write(dir.join("V1__first.sql"), "select 1;").unwrap();
    fs::write(dir.join("notes.txt"), "ignored").unwrap();

    let found = load_dir(&dir).unwrap();
    assert_eq!(found.iter().map(|m| m.version).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(found[0].description, "first");
    assert_eq!(found[1].checksum, checksum("select 2;"));

    fs::write(dir.join("V02__again.sql"), "select 2;").unwrap();
    let err = load_dir(&dir).unwrap_err();
    assert!(matches!(err, MigrateError::DuplicateVersion { version: 2, .. }), "{err}");

    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn io_errors_keep_their_source() {
    use std::error::Error as _;
    let err = load_dir(Path::new("/definitely/not/here")).unwrap_err();
    assert!(err.to_string().starts_with("could not read /definitely/not/here"));
    assert!(err.source().is_some());
}
