import pytest

from tablefmt import Table


def test_plain_render(people):
    assert people.render() == "\n".join(
        [
            "name   age  city",
            "-----  ---  --------",
            "Ada     36  London",
            "Grace   85  New York",
            "Linus   54",
        ]
    )


def test_str_uses_plain_style(people):
    assert str(people) == people.render("plain")


def test_grid_render(people):
    assert people.render("grid").splitlines() == [
        "| name  | age | city     |",
        "|-------+-----+----------|",
        "| Ada   |  36 | London   |",
        "| Grace |  85 | New York |",
        "| Linus |  54 |          |",
    ]


def test_markdown_render_marks_numeric_column_right(people):
    lines = people.render("markdown").splitlines()
    assert lines[0] == "| name  | age | city     |"
    assert lines[1] == "| ----- | --: | -------- |"
    assert lines[3] == "| Grace |  85 | New York |"


def test_markdown_rule_is_at_least_three_wide():
    t = Table(["a", "b"], align={"b": "center"})
    t.add_row(["x", "y"])
    assert t.render("markdown").splitlines()[1] == "| --- | :-: |"


def test_float_format_is_applied(prices):
    out = prices.render()
    assert "2.5" in out
    assert "12.2" in out  # 12.25 rounds half-to-even
    assert "12.25" not in out


def test_missing_placeholder():
    t = Table(["k", "v"], missing="n/a")
    t.add_row({"k": "a"})
    assert t.render().splitlines()[-1] == "a  n/a"


@pytest.mark.parametrize(
    "align, expected_row",
    [
        ("left", "x      |"),
        ("right", "     x |"),
        ("center", "  x    |"),
    ],
)
def test_explicit_alignment(align, expected_row):
    t = Table(["column"], align={"column": align})
    t.add_row(["x"])
    last = t.render("grid").splitlines()[-1]
    assert last == "| " + expected_row


@pytest.mark.parametrize(
    "values, expected",
    [
        ([1, 2, 3], "right"),
        ([1.5, 2], "right"),
        ([1, "two"], "left"),
        ([True, False], "left"),
        ([None, 4], "right"),
        ([None, None], "left"),
    ],
)
def test_automatic_alignment(values, expected):
    t = Table(["v"])
    t.extend([[v] for v in values])
    assert t._column_align(0) == expected


def test_explicit_alignment_overrides_numeric_detection():
    t = Table(["n"], align={"n": "left"})
    t.extend([[1], [100]])
    assert t.render().splitlines()[2:] == ["1", "100"]


def test_max_width_truncates_header_and_cells():
    t = Table(["description"], max_width={"description": 6})
    t.add_row(["a very long piece of text"])
    assert t.render().splitlines() == ["descr…", "------", "a ver…"]


def test_wide_characters_are_padded_by_display_width():
    t = Table(["word", "n"])
    t.extend([["日本", 1], ["ab", 22]])
    lines = t.render("grid").splitlines()
    assert lines[2] == "| 日本 |  1 |"
    assert lines[3] == "| ab   | 22 |"


def test_empty_table_renders_header_only():
    t = Table(["a", "bb"])
    assert t.render() == "a  bb\n-  --"


class TestValidation:
    def test_no_headers(self):
        with pytest.raises(ValueError, match="at least one column"):
            Table([])

    def test_duplicate_headers(self):
        with pytest.raises(ValueError, match="unique"):
            Table(["a", "a"])

    def test_align_unknown_column(self):
        with pytest.raises(KeyError, match="zzz"):
            Table(["a"], align={"zzz": "left"})

    @pytest.mark.parametrize("bad", ["middle", "LEFT", ""])
    def test_align_bad_value(self, bad):
        with pytest.raises(ValueError, match="bad alignment"):
            Table(["a"], align={"a": bad})

    @pytest.mark.parametrize("row", [[], ["only one"], [1, 2, 3, 4]])
    def test_row_length_mismatch(self, people, row):
        with pytest.raises(ValueError, match="expected 3"):
            people.add_row(row)

    def test_dict_row_with_unknown_key(self, people):
        with pytest.raises(KeyError, match="email"):
            people.add_row({"name": "x", "email": "x@example.com"})

    def test_unknown_style(self, people):
        with pytest.raises(ValueError, match="unknown style 'fancy'"):
            people.render("fancy")

    def test_failed_add_row_leaves_table_unchanged(self, people):
        before = people.render()
        with pytest.raises(ValueError):
            people.add_row(["too", "few"])
        assert people.render() == before


class TestInventory:
    def test_header_row(self, inventory, render_lines):
        assert render_lines(inventory, "grid")[0] == "| sku  | name       | qty | unit |"

    def test_centered_sku_column(self, inventory, render_lines):
        rows = render_lines(inventory, "grid")[2:]
        assert [r.split("|")[1] for r in rows] == ["  A1  ", " B22  ", " C333 "]

    def test_long_name_is_truncated(self, inventory, render_lines):
        assert "Extra lon…" in render_lines(inventory)[3]

    def test_missing_values_use_placeholder(self, inventory, render_lines):
        lines = render_lines(inventory, "grid")
        assert lines[3].endswith("|    - |")
        assert lines[4].split("|")[3] == "   - "

    def test_every_line_has_same_width(self, inventory, render_lines):
        widths = {len(line) for line in render_lines(inventory, "grid")}
        assert len(widths) == 1

    @pytest.mark.parametrize("style", ["plain", "grid", "markdown"])
    def test_row_count(self, inventory, render_lines, style):
        assert len(render_lines(inventory, style)) == 2 + 3
