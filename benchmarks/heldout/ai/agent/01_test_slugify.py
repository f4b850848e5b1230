"""Tests for text.slugify."""

import pytest

from app.text import slugify


class TestBasicSlugs:
    def test_lowercases_and_hyphenates(self):
        assert slugify("Hello World") == "hello-world"

    def test_collapses_repeated_separators(self):
        assert slugify("a  --  b") == "a-b"

    def test_strips_leading_and_trailing_separators(self):
        assert slugify("  --Hello--  ") == "hello"

    def test_keeps_digits(self):
        assert slugify("Top 10 Tips for 2024") == "top-10-tips-for-2024"

    def test_empty_string(self):
        assert slugify("") == ""

    def test_only_punctuation(self):
        assert slugify("!!!???") == ""


class TestUnicode:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Café au lait", "cafe-au-lait"),
            ("Ångström", "angstrom"),
            ("naïve résumé", "naive-resume"),
            ("Straße", "strasse"),
        ],
    )
    def test_transliterates_latin(self, text, expected):
        assert slugify(text) == expected

    def test_drops_non_latin_by_default(self):
        assert slugify("東京 tokyo") == "tokyo"

    def test_allow_unicode_keeps_letters(self):
        assert slugify("東京 Tokyo", allow_unicode=True) == "東京-tokyo"


class TestOptions:
    def test_custom_separator(self):
        assert slugify("Hello World", separator="_") == "hello_world"

    def test_max_length_cuts_on_word_boundary(self):
        result = slugify("the quick brown fox jumps", max_length=15)
        assert result == "the-quick-brown"
        assert len(result) <= 15

    def test_max_length_single_long_word_is_truncated(self):
        assert slugify("supercalifragilistic", max_length=5) == "super"

    def test_max_length_zero_means_unlimited(self):
        text = "word " * 50
        assert slugify(text, max_length=0).count("-") == 49

    @pytest.mark.parametrize("bad", [-1, -100])
    def test_negative_max_length_rejected(self, bad):
        with pytest.raises(ValueError, match="max_length"):
            slugify("abc", max_length=bad)

    def test_stopwords_removed(self):
        assert slugify("The Art of War", stopwords={"the", "of"}) == "art-war"

    def test_stopwords_do_not_empty_the_slug(self):
        # If every word is a stopword, fall back to keeping them.
        assert slugify("The Of", stopwords={"the", "of"}) == "the-of"


class TestIdempotence:
    @pytest.mark.parametrize(
        "text",
        ["Hello World", "already-a-slug", "Café 2024!", "  spaced   out  "],
    )
    def test_slugify_twice_is_stable(self, text):
        once = slugify(text)
        assert slugify(once) == once


def test_rejects_non_string():
    with pytest.raises(TypeError):
        slugify(None)  # type: ignore[arg-type]
