from datetime import timedelta

import pytest

from srt import Cue, SrtError, compose, overlaps, parse, scale, shift


class TestParse:
    def test_parses_all_cues(self, sample_text):
        cues = parse(sample_text)
        assert [c.index for c in cues] == [1, 2, 3]
        assert cues[0].start == timedelta(seconds=1)
        assert cues[0].end == timedelta(seconds=3, milliseconds=500)
        assert cues[0].text == "Hello there."

    def test_keeps_multiline_text(self, sample_text):
        cue = parse(sample_text)[1]
        assert cue.text == "General Kenobi!\nYou are a bold one."

    def test_drops_position_hints(self, sample_text):
        cue = parse(sample_text)[2]
        assert cue.end == timedelta(minutes=1, seconds=2)
        assert cue.text == "<i>Positioned</i>"

    def test_reads_file_with_bom_and_crlf(self, tmp_path, sample_text):
        path = tmp_path / "win.srt"
        path.write_bytes(("\ufeff" + sample_text).replace("\n", "\r\n").encode())
        cues = parse(path.read_text(encoding="utf-8"))
        assert len(cues) == 3
        assert cues[1].text == "General Kenobi!\nYou are a bold one."

    def test_tolerates_extra_blank_lines(self, sample_text):
        padded = "\n\n" + sample_text.replace("\n\n", "\n\n\n\n") + "\n\n"
        assert parse(padded) == parse(sample_text)

    def test_empty_input(self):
        assert parse("") == []
        assert parse("\n \n") == []

    def test_cue_without_text(self):
        cues = parse("1\n00:00:01,000 --> 00:00:02,000\n")
        assert cues[0].text == ""

    def test_duration(self, sample_text):
        assert parse(sample_text)[1].duration == timedelta(seconds=2, milliseconds=250)

    @pytest.mark.parametrize(
        ("text", "line", "message"),
        [
            ("1\n", 1, "needs an index"),
            ("x\n00:00:01,000 --> 00:00:02,000\nhi\n", 1, "bad cue index"),
            ("1\n00:00:01,000 -> 00:00:02,000\nhi\n", 2, "bad timing line"),
            ("1\n00:00:01,000 --> 00:00:0x,000\nhi\n", 2, "bad timestamp"),
            ("1\n00:00:03,000 --> 00:00:02,000\nhi\n", 2, "ends before it starts"),
            (
                "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\nbroken\n",
                6,
                "bad timing line",
            ),
        ],
    )
    def test_errors_report_line(self, text, line, message):
        with pytest.raises(SrtError, match=message) as excinfo:
            parse(text)
        assert excinfo.value.line == line

    def test_file_fixture(self, sample_file):
        assert len(parse(sample_file.read_text(encoding="utf-8"))) == 3


class TestCompose:
    def test_round_trip(self, sample_text):
        cues = parse(sample_text)
        assert parse(compose(cues)) == cues

    def test_output_format(self, make_cue):
        out = compose([make_cue(1000, 2500, "a"), make_cue(3000, 4000, "b\nc")])
        assert out == (
            "1\n00:00:01,000 --> 00:00:02,500\na\n"
            "\n"
            "2\n00:00:03,000 --> 00:00:04,000\nb\nc\n"
        )

    def test_renumbers_by_default(self, make_cue):
        cues = [make_cue(0, 10, index=7), make_cue(20, 30, index=3)]
        assert [c.index for c in parse(compose(cues))] == [1, 2]

    def test_keeps_indices_when_asked(self, make_cue):
        cues = [make_cue(0, 10, index=7), make_cue(20, 30, index=3)]
        assert [c.index for c in parse(compose(cues, renumber=False))] == [7, 3]

    def test_empty(self):
        assert compose([]) == ""


class TestShift:
    def test_forward(self, make_cue):
        (cue,) = shift([make_cue(1000, 2000)], timedelta(seconds=1.5))
        assert (cue.start, cue.end) == (timedelta(seconds=2.5), timedelta(seconds=3.5))

    def test_backward_clips_at_zero(self, make_cue):
        (cue,) = shift([make_cue(1000, 3000)], timedelta(seconds=-2))
        assert cue.start == timedelta(0)
        assert cue.end == timedelta(seconds=1)

    def test_backward_drops_cues_before_zero(self, make_cue):
        cues = [make_cue(0, 1000, "gone"), make_cue(5000, 6000, "kept")]
        assert [c.text for c in shift(cues, timedelta(seconds=-1))] == ["kept"]

    def test_does_not_mutate_input(self, make_cue):
        cues = [make_cue(1000, 2000)]
        shift(cues, timedelta(seconds=10))
        assert cues[0].start == timedelta(seconds=1)

    def test_zero_offset_is_identity(self, sample_text):
        cues = parse(sample_text)
        assert shift(cues, timedelta(0)) == cues


class TestScale:
    def test_stretch(self, make_cue):
        (cue,) = scale([make_cue(1000, 2000)], 2.0)
        assert (cue.start, cue.end) == (timedelta(seconds=2), timedelta(seconds=4))

    def test_frame_rate_fix_keeps_order(self, sample_text):
        cues = scale(parse(sample_text), 25 / 23.976)
        starts = [c.start for c in cues]
        assert starts == sorted(starts)
        assert all(c.end > c.start for c in cues)

    @pytest.mark.parametrize("factor", [0, -1, -0.5])
    def test_rejects_non_positive(self, make_cue, factor):
        with pytest.raises(ValueError):
            scale([make_cue(0, 1)], factor)


class TestOverlaps:
    def test_none(self, sample_text):
        assert overlaps(parse(sample_text)) == []

    def test_finds_overlapping_pairs(self, make_cue):
        a = make_cue(0, 2000, "a")
        b = make_cue(1500, 3000, "b")
        c = make_cue(3000, 4000, "c")  # touching is fine
        assert overlaps([c, b, a]) == [(a, b)]

    def test_single_and_empty(self, make_cue):
        assert overlaps([]) == []
        assert overlaps([make_cue(0, 1)]) == []


def test_cue_is_immutable(make_cue):
    cue = make_cue(0, 1)
    with pytest.raises(AttributeError):
        cue.text = "changed"  # type: ignore[misc]


def test_cue_equality():
    a = Cue(1, timedelta(0), timedelta(seconds=1), "x")
    assert a == Cue(1, timedelta(0), timedelta(seconds=1), "x")
    assert a != Cue(2, timedelta(0), timedelta(seconds=1), "x")
