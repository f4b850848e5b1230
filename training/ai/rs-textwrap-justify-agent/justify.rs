//! Functions for justifying and centering wrapped text.
//!
//! These build on [`wrap`](crate::wrap): the text is first wrapped
//! with the given options, then whitespace is added inside or around
//! each line so that the lines line up on both edges.

use crate::core::display_width;
use crate::{wrap, Options};

/// Fill text and justify it so that every line but the last line of
/// each paragraph is exactly `width` columns wide.
///
/// Extra spaces are handed out between words from left to right, so
/// the first gaps of a line are at most one space wider than the
/// last ones:
///
/// ```
/// use textwrap::fill_justified;
///
/// assert_eq!(
///     fill_justified("Memory safety without garbage collection.", 15),
///     "Memory   safety\nwithout garbage\ncollection."
/// );
/// ```
///
/// Lines with a single word cannot be stretched and are left as
/// they are. Each line of the input is a paragraph of its own, so
/// a line break in the input never gets justified:
///
/// ```
/// use textwrap::fill_justified;
///
/// assert_eq!(
///     fill_justified("Concurrency without\ndata races.", 20),
///     "Concurrency without\ndata races."
/// );
/// ```
///
/// Indentation from [`Options`] is kept and counts towards the
/// width:
///
/// ```
/// use textwrap::{fill_justified, Options};
///
/// let options = Options::new(16).initial_indent("- ").subsequent_indent("  ");
/// assert_eq!(
///     fill_justified("Zero-cost abstractions for everyone", &options),
///     "- Zero-cost\n  abstractions\n  for everyone"
/// );
/// ```
pub fn fill_justified<'a, Opt>(text: &str, width_or_options: Opt) -> String
where
    Opt: Into<Options<'a>>,
{
    let options = width_or_options.into();
    let mut result = String::with_capacity(text.len() + text.len() / 8);

    for (idx, paragraph) in text.split('\n').enumerate() {
        if idx > 0 {
            result.push_str(options.line_ending.as_str());
        }
        // Only the first line of the text gets the initial indent.
        let opts = if idx == 0 {
            options.clone()
        } else {
            options.clone().initial_indent(options.subsequent_indent)
        };
        let lines = wrap(paragraph, &opts);
        let last = lines.len().saturating_sub(1);
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                result.push_str(options.line_ending.as_str());
            }
            if i == last {
                result.push_str(line);
            } else {
                let indent = if idx == 0 && i == 0 {
                    options.initial_indent
                } else {
                    options.subsequent_indent
                };
                justify_line(&mut result, line, indent, options.width);
            }
        }
    }
    result
}

/// Push `line` to `result`, stretched to `width` columns.
fn justify_line(result: &mut String, line: &str, indent: &str, width: usize) {
    // The indent is part of the wrapped line, but we must not add
    // spaces inside it.
    let body = line.strip_prefix(indent).unwrap_or(line);
    let indent = &line[..line.len() - body.len()];
    let words: Vec<&str> = body.split(' ').filter(|w| !w.is_empty()).collect();
    let used = display_width(indent) + words.iter().map(|w| display_width(w)).sum::<usize>();

    if words.len() < 2 || used + words.len() - 1 > width {
        result.push_str(line);
        return;
    }

    let gaps = words.len() - 1;
    let spaces = width - used;
    let (base, extra) = (spaces / gaps, spaces % gaps);

    result.push_str(indent);
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            let n = base + if i <= extra { 1 } else { 0 };
            result.extend(std::iter::repeat(' ').take(n));
        }
        result.push_str(word);
    }
}

/// Fill text and center each line within `width` columns.
///
/// When the free space cannot be split evenly, the extra column goes
/// to the right. Trailing whitespace is never added, so lines only
/// get padding on the left:
///
/// ```
/// use textwrap::center;
///
/// assert_eq!(center("Fearless concurrency", 12), "  Fearless\nconcurrency");
/// assert_eq!(center("ab", 5), " ab");
/// ```
///
/// Lines wider than `width` (for example a long word when
/// [`Options::break_words`] is `false`) are left as they are.
pub fn center<'a, Opt>(text: &str, width_or_options: Opt) -> String
where
    Opt: Into<Options<'a>>,
{
    let options = width_or_options.into();
    let mut result = String::with_capacity(text.len() * 2);

    for (i, line) in wrap(text, &options).iter().enumerate() {
        if i > 0 {
            result.push_str(options.line_ending.as_str());
        }
        let trimmed = line.trim();
        let w = display_width(trimmed);
        if !trimmed.is_empty() && w < options.width {
            let pad = (options.width - w) / 2;
            result.extend(std::iter::repeat(' ').take(pad));
        }
        result.push_str(trimmed);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn justify_empty() {
        assert_eq!(fill_justified("", 10), "");
    }

    #[test]
    fn justify_single_line() {
        assert_eq!(fill_justified("foo bar", 10), "foo bar");
    }

    #[test]
    fn justify_spreads_spaces_left_first() {
        assert_eq!(
            fill_justified("a b c d e f g h", 10),
            "a  b c d e\nf g h"
        );
    }

    #[test]
    fn justify_lines_are_full_width() {
        let text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, \
                    sed do eiusmod tempor incididunt ut labore et dolore magna.";
        let filled = fill_justified(text, 30);
        let lines: Vec<&str> = filled.lines().collect();
        for line in &lines[..lines.len() - 1] {
            assert_eq!(display_width(line), 30, "{:?}", line);
        }
        assert_eq!(filled.split_whitespace().collect::<Vec<_>>(),
                   text.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn justify_long_word() {
        let options = Options::new(5).break_words(false);
        assert_eq!(fill_justified("a verylongword b", &options), "a\nverylongword\nb");
    }

    #[test]
    fn justify_paragraphs() {
        assert_eq!(
            fill_justified("aa b c\naa b c", 5),
            "aa  b\nc\naa  b\nc"
        );
    }

    #[test]
    fn justify_wide_chars() {
        assert_eq!(fill_justified("😊 b c", 4), "😊 b\nc");
    }

    #[test]
    fn center_simple() {
        assert_eq!(center("abc", 7), "  abc");
        assert_eq!(center("abc", 3), "abc");
        assert_eq!(center("", 10), "");
    }

    #[test]
    fn center_multiple_lines() {
        assert_eq!(center("one two three", 7), "one two\n three");
        assert_eq!(center("one two three", 6), " one\n two\nthree");
    }
}
