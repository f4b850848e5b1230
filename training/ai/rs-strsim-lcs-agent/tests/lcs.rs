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
