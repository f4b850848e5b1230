from datetime import timedelta
from pathlib import Path

import pytest

from srt import Cue

SAMPLE = """\
1
00:00:01,000 --> 00:00:03,500
Hello there.

2
00:00:04,000 --> 00:00:06,250
General Kenobi!
You are a bold one.

3
00:01:00,000 --> 00:01:02,000 X1:40 X2:600 Y1:20 Y2:50
<i>Positioned</i>
"""


@pytest.fixture
def sample_text() -> str:
    return SAMPLE


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "movie.en.srt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


@pytest.fixture
def make_cue():
    def _make(start_ms: int, end_ms: int, text: str = "line", index: int = 1) -> Cue:
        return Cue(
            index,
            timedelta(milliseconds=start_ms),
            timedelta(milliseconds=end_ms),
            text,
        )

    return _make
