use globlite::Glob;
use std::time::{Duration, Instant};

// Backtracking matchers can blow up on patterns like a*a*a*...b; make sure these
// inputs still finish quickly and give the right answer.
#[test]
fn many_stars_do_not_hang_on_small_inputs() {
    let pat = "a*".repeat(6) + "b";
    let g = Glob::new(&pat).unwrap();
    let input = "a".repeat(18);
    let start = Instant::now();
    assert!(!g.is_match(&input));
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn stars_with_match_at_end() {
    let g = Glob::new("*a*a*a*").unwrap();
    assert!(g.is_match("xaxaxa"));
    assert!(g.is_match("aaa"));
    assert!(!g.is_match("aa"));
}

#[test]
fn long_path_with_globstar() {
    let deep: Vec<String> = (0..40).map(|i| format!("d{i}")).collect();
    let path = format!("{}/leaf.txt", deep.join("/"));
    assert!(Glob::new("**/leaf.txt").unwrap().is_match(&path));
    assert!(Glob::new("d0/**/leaf.txt").unwrap().is_match(&path));
    assert!(!Glob::new("d1/**/leaf.txt").unwrap().is_match(&path));
}

#[test]
fn empty_pattern_matches_only_empty_path() {
    let g = Glob::new("").unwrap();
    assert!(g.is_match(""));
    assert!(!g.is_match("a"));
}

#[test]
fn glob_is_reusable_and_clonable() {
    let g = Glob::new("*.log").unwrap();
    let h = g.clone();
    let names = ["a.log", "b.txt", "c.log", "d/e.log"];
    let hits: Vec<_> = names.iter().filter(|n| g.is_match(n)).collect();
    let hits2: Vec<_> = names.iter().filter(|n| h.is_match(n)).collect();
    assert_eq!(hits, vec![&"a.log", &"c.log"]);
    assert_eq!(hits, hits2);
}
