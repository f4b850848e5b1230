import pytest

from tablefmt import ELLIPSIS, display_width, truncate


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", 0),
        ("abc", 3),
        ("日本", 4),
        ("ｆｕｌｌ", 8),
        ("e\u0301", 1),  # e + combining acute accent
        ("mix日x", 6),
    ],
)
def test_display_width(text, expected):
    assert display_width(text) == expected


@pytest.mark.parametrize(
    "text, limit, expected",
    [
        ("short", 10, "short"),
        ("exact", 5, "exact"),
        ("toolong", 5, "tool" + ELLIPSIS),
        ("abc", 1, ELLIPSIS),
        ("日本語テキスト", 5, "日本" + ELLIPSIS),
        ("日本語", 4, "日" + ELLIPSIS),
    ],
)
def test_truncate(text, limit, expected):
    assert truncate(text, limit) == expected


def test_truncated_text_never_exceeds_limit():
    for limit in range(1, 12):
        for text in ["hello world", "日本語のテキストです", "a日b本c"]:
            assert display_width(truncate(text, limit)) <= limit


@pytest.mark.parametrize("limit", [0, -3])
def test_truncate_rejects_non_positive_limit(limit):
    with pytest.raises(ValueError, match="at least 1"):
        truncate("abc", limit)
