#![allow(clippy::wildcard_imports)]

mod util;

use crate::util::*;
use semver::Version;

#[cfg_attr(not(no_track_caller), track_caller)]
fn assert_bumps(text: &str, major: &str, minor: &str, patch: &str) {
    let parsed = version(text);
    assert_eq!(
        parsed.next_major().unwrap(),
        version(major),
        "next_major({})",
        text
    );
    assert_eq!(
        parsed.next_minor().unwrap(),
        version(minor),
        "next_minor({})",
        text
    );
    assert_eq!(
        parsed.next_patch().unwrap(),
        version(patch),
        "next_patch({})",
        text
    );
}

#[test]
fn test_bump_release() {
    assert_bumps("0.0.0", "1.0.0", "0.1.0", "0.0.1");
    assert_bumps("1.2.3", "2.0.0", "1.3.0", "1.2.4");
    assert_bumps("0.9.99", "1.0.0", "0.10.0", "0.9.100");
}

#[test]
fn test_bump_prerelease() {
    assert_bumps("2.0.0-rc.1", "2.0.0", "2.0.0", "2.0.0");
    assert_bumps("1.5.0-beta", "2.0.0", "1.5.0", "1.5.0");
    assert_bumps("1.2.3-alpha.1", "2.0.0", "1.3.0", "1.2.3");
}

#[test]
fn test_bump_drops_build_metadata() {
    assert_bumps("1.2.3+build.5", "2.0.0", "1.3.0", "1.2.4");
    assert_bumps("1.0.0-rc.1+sha.deadbeef", "1.0.0", "1.0.0", "1.0.0");
}

#[test]
fn test_bump_overflow() {
    let max = u64::MAX;

    let err = Version::new(max, 0, 0).next_major().unwrap_err();
    assert_to_string(err, "value of major version number exceeds u64::MAX");

    let err = Version::new(1, max, 0).next_minor().unwrap_err();
    assert_to_string(err, "value of minor version number exceeds u64::MAX");

    let err = Version::new(1, 1, max).next_patch().unwrap_err();
    assert_to_string(err, "value of patch version number exceeds u64::MAX");

    // Only the component being bumped can overflow.
    assert_eq!(
        Version::new(1, max, max).next_major().unwrap(),
        Version::new(2, 0, 0),
    );

    // A pre-release bumps to its own release, which always exists.
    let mut pre = Version::new(1, 1, max);
    pre.pre = prerelease("rc.1");
    assert_eq!(pre.next_patch().unwrap(), Version::new(1, 1, max));
}

#[test]
fn test_to_release() {
    assert_eq!(
        version("1.2.3-alpha+001").to_release(),
        Version::new(1, 2, 3)
    );
    assert_eq!(version("1.2.3").to_release(), Version::new(1, 2, 3));
    assert!(version("0.0.1-x.7.z.92+exp.sha.5114f85")
        .to_release()
        .pre
        .is_empty());
}

#[test]
fn test_max_matching() {
    let versions: Vec<Version> = [
        "0.9.0",
        "1.0.0",
        "1.4.7",
        "1.10.0-beta.2",
        "1.10.1",
        "2.0.0",
    ]
    .iter()
    .map(|s| version(s))
    .collect();

    let found = req("^1").max_matching(&versions);
    assert_eq!(found, Some(&version("1.10.1")));

    let found = req("~1.4").max_matching(&versions);
    assert_eq!(found, Some(&version("1.4.7")));

    let found = req(">=1.10.0-beta, <1.10.1").max_matching(&versions);
    assert_eq!(found, Some(&version("1.10.0-beta.2")));

    let found = req("^3").max_matching(&versions);
    assert_eq!(found, None);

    let found = req("*").max_matching(&[]);
    assert_eq!(found, None);
}

#[test]
fn test_min_matching() {
    let versions: Vec<Version> = ["1.0.0-alpha", "1.0.0", "1.2.0", "1.3.0"]
        .iter()
        .map(|s| version(s))
        .collect();

    let found = req(">1.0.0").min_matching(&versions);
    assert_eq!(found, Some(&version("1.2.0")));

    let found = req("*").min_matching(&versions);
    assert_eq!(found, Some(&version("1.0.0")));

    let found = req(">=1.0.0-alpha").min_matching(&versions);
    assert_eq!(found, Some(&version("1.0.0-alpha")));
}

#[test]
fn test_matching_order_independent() {
    let mut versions: Vec<Version> = ["3.1.4", "3.1.5", "3.0.9", "3.1.0"]
        .iter()
        .map(|s| version(s))
        .collect();
    let req = req("=3.1");
    let expected_max = version("3.1.5");
    let expected_min = version("3.1.0");
    for _ in 0..versions.len() {
        versions.rotate_left(1);
        assert_eq!(req.max_matching(&versions), Some(&expected_max));
        assert_eq!(req.min_matching(&versions), Some(&expected_min));
    }
}
