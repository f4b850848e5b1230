def test_parse_csv_handles_empty_file(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")

    rows = parse_csv(empty)

    assert rows == []


def test_parse_csv_skips_blank_lines(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("name,qty\nwidget,3\n\n\ngadget,5\n")

    rows = parse_csv(path)

    assert [r["name"] for r in rows] == ["widget", "gadget"]
    assert rows[1]["qty"] == "5"
