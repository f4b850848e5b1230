use globlite::{matches, Glob, GlobError};

fn check(pat: &str, cases: &[(&str, bool)]) {
    let g = Glob::new(pat).unwrap_or_else(|e| panic!("pattern {pat:?} failed to compile: {e}"));
    for &(path, want) in cases {
        assert_eq!(
            g.is_match(path),
            want,
            "pattern {pat:?} against {path:?} should be {want}"
        );
    }
}

#[test]
fn literal_patterns_match_exactly() {
    check(
        "src/main.rs",
        &[
            ("src/main.rs", true),
            ("src/main.rsx", false),
            ("src/lib.rs", false),
            ("", false),
        ],
    );
}

#[test]
fn question_mark_matches_one_char() {
    check(
        "file?.txt",
        &[
            ("file1.txt", true),
            ("fileA.txt", true),
            ("file.txt", false),
            ("file12.txt", false),
            ("file/.txt", false),
        ],
    );
}

#[test]
fn star_stays_within_a_segment() {
    check(
        "*.rs",
        &[
            ("main.rs", true),
            (".rs", true),
            ("src/main.rs", false),
            ("main.rs.bak", false),
        ],
    );
    check(
        "src/*/mod.rs",
        &[("src/a/mod.rs", true), ("src/a/b/mod.rs", false)],
    );
}

#[test]
fn multiple_stars() {
    check(
        "*_test_*.go",
        &[
            ("a_test_b.go", true),
            ("_test_.go", true),
            ("a_test.go", false),
        ],
    );
}

#[test]
fn globstar_crosses_directories() {
    check(
        "**/*.rs",
        &[
            ("main.rs", true),
            ("src/main.rs", true),
            ("src/a/b/c.rs", true),
            ("src/a/b/c.txt", false),
        ],
    );
}

#[test]
fn globstar_in_the_middle() {
    check(
        "a/**/z",
        &[
            ("a/z", true),
            ("a/b/z", true),
            ("a/b/c/d/z", true),
            ("a/bz", false),
            ("b/a/z", false),
        ],
    );
}

#[test]
fn trailing_globstar_matches_everything_below() {
    check(
        "target/**",
        &[
            ("target/", true),
            ("target/debug", true),
            ("target/debug/deps/x.rlib", true),
            ("targets/x", false),
        ],
    );
}

#[test]
fn character_classes() {
    check(
        "[abc].txt",
        &[("a.txt", true), ("c.txt", true), ("d.txt", false)],
    );
    check(
        "v[0-9].[0-9]",
        &[
            ("v1.2", true),
            ("v9.0", true),
            ("va.1", false),
            ("v10.1", false),
        ],
    );
}

#[test]
fn negated_classes() {
    for neg in ["[!0-9]", "[^0-9]"] {
        check(neg, &[("a", true), ("5", false), ("/", false), ("", false)]);
    }
}

#[test]
fn escapes_make_metacharacters_literal() {
    check(r"what\?.md", &[("what?.md", true), ("whatx.md", false)]);
    check(r"\*", &[("*", true), ("a", false)]);
    check(r"\[x]", &[("[x]", true), ("x", false)]);
}

#[test]
fn unicode_is_matched_by_char_not_byte() {
    check("caf?", &[("café", true), ("cafe", true), ("caf", false)]);
    check("[α-ω]", &[("λ", true), ("a", false)]);
}

#[test]
fn errors_are_reported_with_position() {
    assert_eq!(Glob::new("ab[cd").unwrap_err(), GlobError::UnclosedClass(2));
    assert_eq!(Glob::new("x\\").unwrap_err(), GlobError::TrailingEscape);
    assert_eq!(
        Glob::new("[").unwrap_err().to_string(),
        "unclosed character class at 0"
    );
}

#[test]
fn matches_helper_propagates_errors() {
    assert_eq!(matches("*.md", "README.md"), Ok(true));
    assert_eq!(matches("*.md", "README"), Ok(false));
    assert!(matches("[", "x").is_err());
}

#[test]
fn literal_prefix_stops_at_first_wildcard() {
    let cases = [
        ("src/**/*.rs", "src/"),
        ("docs/v[12]/index.md", "docs/v"),
        ("plain", "plain"),
        ("*", ""),
        (r"a\*b*", "a*b"),
    ];
    for (pat, want) in cases {
        assert_eq!(
            Glob::new(pat).unwrap().literal_prefix(),
            want,
            "prefix of {pat:?}"
        );
    }
}
