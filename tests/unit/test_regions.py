from provmark.core.regions import map_lines
from provmark.core.textdoc import TextDocument


def follow(text: str, region: tuple[int, int], start, end, new: str) -> list[tuple[int, int]]:
    doc = TextDocument("u", text)
    return map_lines(*region, doc.apply(start, end, new))


TEXT = "".join(f"line{i}\n" for i in range(10))


def test_insert_above_shifts() -> None:
    assert follow(TEXT, (3, 5), (1, 0), (1, 0), "x\ny\n") == [(5, 7)]


def test_insert_at_first_line_column_0_shifts() -> None:
    assert follow(TEXT, (3, 5), (3, 0), (3, 0), "x\ny\n") == [(5, 7)]


def test_insert_inside_splits() -> None:
    assert follow(TEXT, (3, 5), (4, 0), (4, 0), "x\ny\n") == [(3, 3), (6, 7)]


def test_typing_inside_keeps() -> None:
    assert follow(TEXT, (3, 5), (4, 2), (4, 2), "zz") == [(3, 5)]


def test_delete_inside_shrinks() -> None:
    assert follow(TEXT, (3, 6), (4, 0), (6, 0), "") == [(3, 4)]


def test_delete_all_vanishes() -> None:
    assert follow(TEXT, (3, 5), (2, 0), (7, 0), "") == []


def test_insert_below_keeps() -> None:
    assert follow(TEXT, (3, 5), (5, 5), (5, 5), "\nmore") == [(3, 5)]
    assert follow(TEXT, (3, 5), (8, 0), (8, 0), "x\n") == [(3, 5)]
