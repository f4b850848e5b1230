import io
from math import inf, nan

import pytest

from rich.console import Console
from rich.measure import Measurement
from rich.sparkline import BARS, Sparkline
from rich.table import Table


def render(renderable, width: int = 40) -> str:
    console = Console(
        file=io.StringIO(), width=width, color_system=None, legacy_windows=False
    )
    console.print(renderable)
    return console.file.getvalue()


def test_repr():
    assert repr(Sparkline([1, 2, 3])) == "<Sparkline 3 values>"


def test_render_text_scales_to_range():
    sparkline = Sparkline([0, 1, 2, 3, 4, 5, 6, 7])
    assert sparkline.render_text(8) == "▁▂▃▄▅▆▇█"


def test_render_text_lowest_value_is_visible():
    assert Sparkline([10, 20]).render_text(2) == "▁█"


def test_render_text_constant():
    assert Sparkline([3, 3, 3]).render_text(3) == BARS[4] * 3


def test_render_text_gaps():
    assert Sparkline([0, nan, 7, inf]).render_text(4) == "▁ █ "


def test_render_text_no_finite_values():
    assert Sparkline([nan, nan]).render_text(2) == "  "
    assert Sparkline([]).render_text(10) == ""


@pytest.mark.parametrize(
    "minimum,maximum,expected",
    [
        (None, None, "▁▅█"),
        (0, 100, "▁▁▁"),
        (-10, 10, "▅▅▆"),
        (0, 2, "▅██"),
    ],
)
def test_render_text_fixed_scale(minimum, maximum, expected):
    sparkline = Sparkline([1, 2, 3], minimum=minimum, maximum=maximum)
    assert sparkline.render_text(3) == expected


def test_resample_mean():
    sparkline = Sparkline([0, 0, 10, 10, 0, 0])
    assert sparkline._resample(3) == [0, 10, 0]
    assert sparkline.render_text(3) == "▁█▁"


def test_resample_summary_function():
    data = [0, 8, 0, 0, 2, 0]
    assert Sparkline(data)._resample(2) == [pytest.approx(8 / 3), pytest.approx(2 / 3)]
    assert Sparkline(data, summary_function=max)._resample(2) == [8, 2]


def test_resample_skips_non_finite():
    sparkline = Sparkline([nan, 4, nan, nan], summary_function=max)
    resampled = sparkline._resample(2)
    assert resampled[0] == 4
    assert resampled[1] != resampled[1]


def test_resample_uneven():
    sparkline = Sparkline(list(range(10)), summary_function=min)
    assert sparkline._resample(3) == [0, 3, 6]


def test_render():
    expected = "▁▂▃▄▅▆▇█\n"
    assert render(Sparkline(range(8))) == expected


def test_render_width_pads():
    assert render(Sparkline([1, 2], width=5)) == "▁█   \n"


def test_render_fits_console():
    output = render(Sparkline(range(100)), width=10)
    assert output == "▁▂▃▃▄▅▆▆▇█\n"


def test_render_empty():
    assert render(Sparkline([])) == ""


def test_render_style():
    console = Console(
        file=io.StringIO(),
        width=20,
        color_system="truecolor",
        legacy_windows=False,
        force_terminal=True,
    )
    console.print(Sparkline([0, 1], style="red"))
    assert console.file.getvalue() == "\x1b[31m▁█\x1b[0m\n"


def test_measure():
    console = Console(width=80)
    sparkline = Sparkline(range(20))
    measurement = sparkline.__rich_measure__(console, console.options)
    assert measurement == Measurement(4, 20)

    measurement = Sparkline([1, 2], width=12).__rich_measure__(console, console.options)
    assert measurement == Measurement(4, 12)


def test_in_table():
    table = Table(show_header=False, box=None, padding=0)
    table.add_column()
    table.add_column()
    table.add_row("cpu ", Sparkline([1, 5, 3, 8]))
    assert render(table) == "cpu ▁▅▃█\n"
