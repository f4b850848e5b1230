extern crate strsim;

use strsim::{lcs_len, indel, normalized_indel, generic_indel};

#[test]
fn lcs_len_works() {
    assert_eq!(4, lcs_len("ABCBDAB", "BDCABA"));
}

#[test]
fn indel_works() {
    assert_eq!(5, indel("kitten", "sitting"));
}

#[test]
fn generic_indel_works() {
    assert_eq!(2, generic_indel(&["a", "b", "c"], &["a", "c", "d"]));
}

#[test]
fn normalized_indel_works() {
    assert!((normalized_indel("levenshtein", "löwenbräu") - 0.3).abs() <
            0.00001);
}

#[test]
fn lcs_len_multibyte_works() {
    assert_eq!(2, lcs_len("香蕉", "香甜的蕉"));
}

#[test]
fn indel_empty_works() {
    assert_eq!(0, indel("", ""));
    assert_eq!(4, indel("", "abcd"));
}

#[test]
fn indel_vs_levenshtein() {
    // a substitution costs one edit in levenshtein but two in indel
    assert_eq!(2, indel("cat", "cut"));
}

#[test]
fn normalized_indel_identical_works() {
    assert!((normalized_indel("same", "same") - 1.0).abs() < 0.00001);
}
