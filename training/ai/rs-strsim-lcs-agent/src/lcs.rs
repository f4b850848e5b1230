//! Metrics based on the longest common subsequence of two sequences.

use std::cmp::max;

/// Calculates the length of the longest common subsequence of two sequences:
/// the largest number of elements that appear in both, in the same order, but
/// not necessarily next to each other.
pub fn generic_lcs_len<Elem>(a: &[Elem], b: &[Elem]) -> usize
    where Elem: PartialEq {
    // Keep the shorter sequence in the inner loop so the row stays small.
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };

    if short.is_empty() {
        return 0;
    }

    let mut prev_row = vec![0; short.len() + 1];
    let mut curr_row = vec![0; short.len() + 1];

    for long_elem in long {
        for (j, short_elem) in short.iter().enumerate() {
            curr_row[j + 1] = if long_elem == short_elem {
                prev_row[j] + 1
            } else {
                max(prev_row[j + 1], curr_row[j])
            };
        }
        std::mem::swap(&mut prev_row, &mut curr_row);
    }

    prev_row[short.len()]
}

/// Calculates the length of the longest common subsequence of two strings,
/// counted in chars.
///
/// ```
/// use strsim::lcs_len;
///
/// assert_eq!(4, lcs_len("ABCBDAB", "BDCABA"));
/// ```
pub fn lcs_len(a: &str, b: &str) -> usize {
    let (x, y): (Vec<_>, Vec<_>) = (a.chars().collect(), b.chars().collect());
    generic_lcs_len(x.as_slice(), y.as_slice())
}

/// Calculates the minimum number of insertions and deletions (no
/// substitutions) required to change one sequence into the other.
pub fn generic_indel<Elem>(a: &[Elem], b: &[Elem]) -> usize
    where Elem: PartialEq {
    a.len() + b.len() - 2 * generic_lcs_len(a, b)
}

/// Calculates the minimum number of insertions and deletions (no
/// substitutions) required to change one string into the other.
///
/// ```
/// use strsim::indel;
///
/// assert_eq!(5, indel("kitten", "sitting"));
/// ```
pub fn indel(a: &str, b: &str) -> usize {
    let (x, y): (Vec<_>, Vec<_>) = (a.chars().collect(), b.chars().collect());
    generic_indel(x.as_slice(), y.as_slice())
}

/// Calculates a normalized score of the indel distance between 0.0 and 1.0
/// (inclusive), where 1.0 means the strings are the same.
///
/// ```
/// use strsim::normalized_indel;
///
/// assert!((normalized_indel("kitten", "sitting") - 0.61538).abs() < 0.00001);
/// assert!((normalized_indel("", "") - 1.0).abs() < 0.00001);
/// assert!(normalized_indel("", "second").abs() < 0.00001);
/// assert!(normalized_indel("first", "").abs() < 0.00001);
/// assert!((normalized_indel("string", "string") - 1.0).abs() < 0.00001);
/// ```
pub fn normalized_indel(a: &str, b: &str) -> f64 {
    let (x, y): (Vec<_>, Vec<_>) = (a.chars().collect(), b.chars().collect());
    let total = x.len() + y.len();
    if total == 0 {
        return 1.0;
    }
    1.0 - (generic_indel(x.as_slice(), y.as_slice()) as f64) / (total as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_lcs_len(len: usize, str1: &str, str2: &str) {
        assert_eq!(len, lcs_len(str1, str2));
        assert_eq!(len, lcs_len(str2, str1));
    }

    #[test]
    fn lcs_len_empty() {
        assert_lcs_len(0, "", "");
    }

    #[test]
    fn lcs_len_first_empty() {
        assert_lcs_len(0, "", "subsequence");
    }

    #[test]
    fn lcs_len_same() {
        assert_lcs_len(11, "subsequence", "subsequence");
    }

    #[test]
    fn lcs_len_diff() {
        assert_lcs_len(4, "ABCBDAB", "BDCABA");
    }

    #[test]
    fn lcs_len_no_common() {
        assert_lcs_len(0, "abc", "xyz");
    }

    #[test]
    fn lcs_len_diff_multibyte() {
        assert_lcs_len(3, "öঙ香", "aöbঙc香");
    }

    #[test]
    fn lcs_len_numbers() {
        assert_eq!(3, generic_lcs_len(&[1, 2, 3, 4, 5], &[2, 9, 4, 5]));
    }

    #[test]
    fn lcs_len_not_contiguous() {
        assert_lcs_len(3, "a_b_c", "abc");
    }

    #[test]
    fn indel_empty() {
        assert_eq!(0, indel("", ""));
    }

    #[test]
    fn indel_first_empty() {
        assert_eq!(5, indel("", "indel"));
    }

    #[test]
    fn indel_second_empty() {
        assert_eq!(5, indel("indel", ""));
    }

    #[test]
    fn indel_same() {
        assert_eq!(0, indel("indel", "indel"));
    }

    #[test]
    fn indel_diff() {
        assert_eq!(5, indel("kitten", "sitting"));
    }

    #[test]
    fn indel_substitution_costs_two() {
        assert_eq!(2, indel("cat", "cut"));
    }

    #[test]
    fn indel_transposition() {
        assert_eq!(2, indel("ab", "ba"));
    }

    #[test]
    fn indel_diff_multibyte() {
        assert_eq!(1, indel("öঙ香", "öঙa香"));
        assert_eq!(2, indel("香", "a"));
    }

    #[test]
    fn indel_numbers() {
        assert_eq!(3, generic_indel(&[1, 2, 3, 4, 5], &[2, 9, 4, 5]));
    }

    #[test]
    fn normalized_indel_diff_short() {
        assert!((normalized_indel("kitten", "sitting") - 0.61538).abs() < 0.00001);
    }

    #[test]
    fn normalized_indel_for_empty_strings() {
        assert!((normalized_indel("", "") - 1.0).abs() < 0.00001);
    }

    #[test]
    fn normalized_indel_first_empty() {
        assert!(normalized_indel("", "second").abs() < 0.00001);
    }

    #[test]
    fn normalized_indel_second_empty() {
        assert!(normalized_indel("first", "").abs() < 0.00001);
    }

    #[test]
    fn normalized_indel_identical_strings() {
        assert!((normalized_indel("identical", "identical") - 1.0).abs() < 0.00001);
    }

    #[test]
    fn normalized_indel_no_common() {
        assert!(normalized_indel("abc", "xyz").abs() < 0.00001);
    }
}
