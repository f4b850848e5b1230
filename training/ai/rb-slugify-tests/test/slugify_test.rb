# frozen_string_literal: true

require "minitest/autorun"
require "set"
require "text_tools"

class TransliterateTest < Minitest::Test
  def test_leaves_ascii_untouched
    assert_equal "Hello, World", TextTools.transliterate("Hello, World")
  end

  def test_strips_combining_accents
    assert_equal "Creme brulee", TextTools.transliterate("Crème brûlée")
    assert_equal "Sao Paulo", TextTools.transliterate("São Paulo")
  end

  def test_uses_special_mappings
    assert_equal "Gruesse aus Koeln", TextTools.transliterate("Grüße aus Köln")
    assert_equal "Lodz", TextTools.transliterate("Łódź")
  end

  def test_keeps_characters_without_latin_base
    assert_equal "東京", TextTools.transliterate("東京")
  end
end

class SlugifyTest < Minitest::Test
  def test_basic_title
    assert_equal "hello-world", TextTools.slugify("Hello World")
  end

  def test_collapses_punctuation_and_whitespace
    assert_equal "ruby-3-1-is-out", TextTools.slugify("  Ruby 3.1 -- is   out!!! ")
  end

  def test_removes_apostrophes_instead_of_splitting
    assert_equal "dont-stop-believin", TextTools.slugify("Don't Stop Believin’")
  end

  def test_transliterates_before_slugging
    assert_equal "ueber-cafe-creme", TextTools.slugify("Über Café Crème")
  end

  def test_custom_separator
    assert_equal "a_b_c", TextTools.slugify("a b c", separator: "_")
    assert_equal "a.b", TextTools.slugify("a  b", separator: ".")
  end

  def test_empty_separator_raises
    assert_raises(ArgumentError) { TextTools.slugify("x", separator: "") }
  end

  def test_blank_or_symbol_only_input_gets_placeholder
    assert_equal "n-a", TextTools.slugify("")
    assert_equal "n-a", TextTools.slugify("!!!")
    assert_equal "n-a", TextTools.slugify(nil)
  end

  def test_non_latin_input_gets_placeholder
    assert_equal "n-a", TextTools.slugify("東京")
  end

  def test_numbers_are_kept
    assert_equal "top-10-tips-for-2024", TextTools.slugify("Top 10 tips for 2024")
  end

  def test_idempotent
    once = TextTools.slugify("Some Fancy: Title (v2)")
    assert_equal once, TextTools.slugify(once)
  end
end

class SlugifyMaxLengthTest < Minitest::Test
  def test_short_slug_unchanged
    assert_equal "short", TextTools.slugify("Short", max_length: 20)
  end

  def test_cuts_at_word_boundary
    assert_equal "the-quick-brown", TextTools.slugify("The quick brown fox jumps", max_length: 17)
  end

  def test_exact_boundary_is_kept
    assert_equal "the-quick", TextTools.slugify("The quick brown", max_length: 9)
  end

  def test_hard_cut_when_first_word_too_long
    assert_equal "supercal", TextTools.slugify("Supercalifragilistic word", max_length: 8)
  end

  def test_result_never_ends_with_separator
    (1..30).each do |n|
      slug = TextTools.slugify("a bb ccc dddd eeeee ffffff", max_length: n)
      refute slug.end_with?("-"), "max_length #{n} produced #{slug.inspect}"
      assert_operator slug.length, :<=, n
    end
  end
end

class SlugifyUniquenessTest < Minitest::Test
  def test_returns_slug_when_free
    assert_equal "post", TextTools.slugify("Post", taken: %w[other])
  end

  def test_appends_counter_when_taken
    assert_equal "post-2", TextTools.slugify("Post", taken: %w[post])
  end

  def test_skips_taken_counters
    assert_equal "post-4", TextTools.slugify("Post", taken: %w[post post-2 post-3])
  end

  def test_works_with_set
    assert_equal "a_2", TextTools.slugify("A", separator: "_", taken: Set["a"])
  end

  def test_generating_many_unique_slugs
    taken = Set.new
    10.times { taken << TextTools.slugify("Same Title", taken: taken) }
    assert_equal 10, taken.size
    assert_includes taken, "same-title-10"
  end
end
