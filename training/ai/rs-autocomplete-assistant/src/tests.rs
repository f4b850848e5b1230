// Unit tests for the completer; they live beside lib.rs to keep it short.

use super::*;

fn sample() -> Completer {
    let mut c = Completer::new();
    for (term, weight) in [
        ("rust", 90),
        ("rustup", 40),
        ("rust analyzer", 70),
        ("ruby", 60),
        ("python", 95),
        ("pytest", 30),
    ] {
        c.insert(term, weight).unwrap();
    }
    c
}

fn terms(s: &[Suggestion]) -> Vec<&str> {
    s.iter().map(|s| s.term.as_str()).collect()
}

#[test]
fn suggestions_are_ordered_by_weight() {
    let c = sample();
    assert_eq!(terms(&c.suggest("ru", 10)), ["rust", "rust analyzer", "ruby", "rustup"]);
    assert_eq!(terms(&c.suggest("ru", 2)), ["rust", "rust analyzer"]);
}

#[test]
fn prefix_is_case_insensitive_and_keeps_original_spelling() {
    let mut c = Completer::new();
    c.insert("GitHub", 5).unwrap();
    c.insert("github", 9).unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(c.suggest("GIT", 1), [Suggestion { term: "GitHub".into(), weight: 9 }]);
}

#[test]
fn unknown_prefix_returns_nothing() {
    assert!(sample().suggest("go", 5).is_empty());
    assert!(sample().suggest("ru", 0).is_empty());
}

#[test]
fn rejects_bad_terms() {
    let mut c = Completer::new();
    assert_eq!(c.insert("   ", 1), Err(CompleteError::EmptyTerm));
    let long = "x".repeat(MAX_TERM_CHARS + 1);
    assert_eq!(c.insert(&long, 1), Err(CompleteError::TermTooLong { len: 201 }));
    assert!(c.is_empty());
}

#[test]
fn fuzzy_tolerates_one_typo() {
    let c = sample();
    // substitution
    assert_eq!(terms(&c.suggest_fuzzy("rist", 1)), ["rust"]);
    // missing character
    assert_eq!(terms(&c.suggest_fuzzy("pyhon", 1)), ["python"]);
    // extra character
    assert_eq!(terms(&c.suggest_fuzzy("rubby", 1)), ["ruby"]);
    // two typos are too many
    assert!(c.suggest_fuzzy("rxsx", 5).is_empty());
}

#[test]
fn fuzzy_does_not_return_duplicates() {
    let c = sample();
    let found = c.suggest_fuzzy("rus", 10);
    let unique: HashSet<&str> = terms(&found).into_iter().collect();
    assert_eq!(unique.len(), found.len());
}
