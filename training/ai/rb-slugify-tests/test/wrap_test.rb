# frozen_string_literal: true

require "minitest/autorun"
require "text_tools"

class TruncateTest < Minitest::Test
  def test_returns_original_when_short_enough
    assert_equal "hello", TextTools.truncate("hello", 10)
    assert_equal "hello", TextTools.truncate("hello", 5)
  end

  def test_truncates_on_word_boundary
    assert_equal "The quick…", TextTools.truncate("The quick brown fox", 12)
  end

  def test_result_fits_within_length
    text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit"
    (1..text.length).each do |len|
      assert_operator TextTools.truncate(text, len).length, :<=, len
    end
  end

  def test_cuts_mid_word_when_words_false
    assert_equal "The quick b…", TextTools.truncate("The quick brown fox", 12, words: false)
  end

  def test_cuts_mid_word_when_no_whitespace_available
    assert_equal "Supercal…", TextTools.truncate("Supercalifragilistic", 9)
  end

  def test_keeps_whole_word_that_ends_exactly_at_cut
    assert_equal "The quick…", TextTools.truncate("The quick brown", 10)
  end

  def test_custom_omission
    assert_equal "The...", TextTools.truncate("The quick brown", 9, omission: "...")
    assert_equal "The quick", TextTools.truncate("The quick brown", 9, omission: "")
  end

  def test_length_shorter_than_omission_raises
    assert_raises(ArgumentError) { TextTools.truncate("abcdef", 2, omission: "...") }
  end
end

class WrapTest < Minitest::Test
  def test_short_text_is_single_line
    assert_equal "one two three", TextTools.wrap("one two three", width: 20)
  end

  def test_wraps_at_width
    expected = "one two\nthree four\nfive"
    assert_equal expected, TextTools.wrap("one two three four five", width: 10)
  end

  def test_no_line_exceeds_width
    text = "Pack my box with five dozen liquor jugs and then some more words " * 5
    [10, 17, 33, 60].each do |width|
      TextTools.wrap(text, width: width).each_line do |line|
        assert_operator line.chomp.length, :<=, width, "width #{width}: #{line.inspect}"
      end
    end
  end

  def test_normalizes_internal_whitespace
    assert_equal "a b c", TextTools.wrap("a   b\n c", width: 40)
  end

  def test_preserves_paragraph_breaks
    text = "first para here\n\nsecond para"
    assert_equal "first para\nhere\n\nsecond\npara", TextTools.wrap(text, width: 10)
  end

  def test_breaks_words_longer_than_width
    assert_equal "abcde\nfghij\nkl", TextTools.wrap("abcdefghijkl", width: 5)
  end

  def test_long_word_after_short_word
    assert_equal "hi\nabcdef\ngh ok", TextTools.wrap("hi abcdefgh ok", width: 6)
  end

  def test_indent_is_applied_and_counted
    result = TextTools.wrap("alpha beta gamma delta", width: 14, indent: "  ")
    assert_equal "  alpha beta\n  gamma delta", result
    result.each_line { |l| assert_operator l.chomp.length, :<=, 14 }
  end

  def test_width_must_exceed_indent
    assert_raises(ArgumentError) { TextTools.wrap("x", width: 2, indent: "  ") }
  end

  def test_preserves_all_words
    text = "the rain in spain falls mainly on the plain " * 3
    assert_equal text.split, TextTools.wrap(text, width: 12).split
  end
end

class WordCountTest < Minitest::Test
  def test_counts_simple_words
    assert_equal 4, TextTools.word_count("one two three four")
  end

  def test_ignores_punctuation
    assert_equal 3, TextTools.word_count("Hello, world -- again!")
  end

  def test_contractions_are_one_word
    assert_equal 3, TextTools.word_count("don't you’re fine")
  end

  def test_numbers_and_unicode
    assert_equal 4, TextTools.word_count("Café 42 naïve Zürich")
  end

  def test_empty
    assert_equal 0, TextTools.word_count("   ")
  end
end
