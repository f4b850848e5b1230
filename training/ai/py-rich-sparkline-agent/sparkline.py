from math import isfinite
from typing import Callable, Iterable, List, Optional, Sequence

from .console import Console, ConsoleOptions, RenderResult
from .jupyter import JupyterMixin
from .measure import Measurement
from .segment import Segment
from .style import StyleType

# Eighth blocks, from empty to full
BARS = " ▁▂▃▄▅▆▇█"


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


class Sparkline(JupyterMixin):
    """Renders a series of numbers as a single line of block characters.

    Args:
        data (Iterable[float]): Values to plot. Non-finite values (nan, inf) are rendered as a gap.
        width (int, optional): Width of the sparkline, or ``None`` for one cell per value. Defaults to None.
        minimum (float, optional): Value at the bottom of the scale, or ``None`` for the smallest value. Defaults to None.
        maximum (float, optional): Value at the top of the scale, or ``None`` for the largest value. Defaults to None.
        summary_function (Callable[[Sequence[float]], float], optional): Function used to combine values
            that share a cell when there are more values than cells. Defaults to the mean.
        style (StyleType, optional): Style of the sparkline. Defaults to "".
    """

    def __init__(
        self,
        data: Iterable[float],
        *,
        width: Optional[int] = None,
        minimum: Optional[float] = None,
        maximum: Optional[float] = None,
        summary_function: Callable[[Sequence[float]], float] = _mean,
        style: StyleType = "",
    ) -> None:
        self.data = list(data)
        self.width = width
        self.minimum = minimum
        self.maximum = maximum
        self.summary_function = summary_function
        self.style = style

    def __repr__(self) -> str:
        return f"<Sparkline {len(self.data)} values>"

    def _resample(self, width: int) -> List[float]:
        """Fit the data into `width` cells."""
        data = self.data
        if len(data) <= width:
            return data
        cells: List[float] = []
        for index in range(width):
            start = index * len(data) // width
            end = (index + 1) * len(data) // width
            finite = [value for value in data[start:end] if isfinite(value)]
            cells.append(self.summary_function(finite) if finite else float("nan"))
        return cells

    def render_text(self, width: int) -> str:
        """Get the sparkline as a string of block characters.

        Args:
            width (int): Maximum number of cells.

        Returns:
            str: Sparkline, no longer than ``width`` cells.
        """
        values = self._resample(width)
        finite = [value for value in values if isfinite(value)]
        if not finite:
            return " " * len(values)

        low = min(finite) if self.minimum is None else self.minimum
        high = max(finite) if self.maximum is None else self.maximum
        span = high - low
        top = len(BARS) - 1

        chars: List[str] = []
        append = chars.append
        for value in values:
            if not isfinite(value):
                append(" ")
            elif span <= 0:
                # All values the same, draw them at half height
                append(BARS[top // 2])
            else:
                level = round((value - low) / span * (top - 1)) + 1
                append(BARS[min(max(level, 1), top)])
        return "".join(chars)

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> RenderResult:
        width = min(
            self.width if self.width is not None else len(self.data),
            options.max_width,
        )
        if width <= 0:
            return
        text = self.render_text(width)
        style = console.get_style(self.style)
        yield Segment(text.ljust(width), style)
        yield Segment.line()

    def __rich_measure__(
        self, console: Console, options: ConsoleOptions
    ) -> Measurement:
        width = self.width if self.width is not None else len(self.data)
        return Measurement(min(4, width), width)


if __name__ == "__main__":  # pragma: no cover
    from math import sin

    from .console import Console
    from .table import Table

    console = Console()

    table = Table(title="Services")
    table.add_column("Name")
    table.add_column("Latency (24h)")
    table.add_column("p50", justify="right")

    for name, phase in [("auth", 0.0), ("search", 1.3), ("billing", 2.9)]:
        samples = [40 + 25 * sin(phase + step / 6) for step in range(96)]
        table.add_row(
            name,
            Sparkline(samples, width=32, style="green", summary_function=max),
            f"{sorted(samples)[48]:.0f}ms",
        )

    console.print(table)
    console.print(Sparkline([1, 2, float("nan"), 4, 8, 4, 2, 1], style="bold magenta"))
