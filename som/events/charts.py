"""The geometry of a grouped bar chart, drawn as SVG by a template (no database): the team's
attendance page draws two (registered against attended per event, `selectors.attendance`; the
show-up rate per kind and school year, `selectors.show_up`) with this one builder."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    height: float
    value: int
    colour: str = ""
    label: str = ""

    @property
    def percent(self) -> int:
        """The value, on a chart of percentages."""
        return self.value


@dataclass(frozen=True)
class Group:
    """One group of bars under one label; `key` is what the group stands for (an event...)."""

    label: str
    label_x: float
    bars: list[Bar]
    key: Any = None


class Tick(NamedTuple):
    """A gridline: its height and value (a pair too: `{% for y, value in chart.ticks %}`)."""

    y: float
    value: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: float
    baseline: float
    bar_width: float
    groups: Sequence[Group]
    ticks: list[Tick]


@dataclass(frozen=True)
class Value:
    """One bar to draw: its value (None: no bar), colour and label."""

    value: int | None
    colour: str = ""
    label: str = ""


def tick_step(top: int) -> int:
    """A round step (1, 2, 5, 10, 20, 50, ...) giving at most five gridlines up to `top`."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if top / (step * factor) <= 5:
                return step * factor
        step *= 10


def grouped_bars(
    groups: Sequence[tuple[str, Sequence[Value], Any]],
    *,
    width: int,
    height: int,
    bottom_margin: int,
    bar_share: float,
    max_bar_width: float,
    scale_to: int | None = None,
    step: int | None = None,
) -> Chart:
    """`groups`: (label, values, key), left to right. The bars of a group stand side by side,
    centred under the label, each `bar_share` of the group's width at most `max_bar_width`.
    The axis goes up to `scale_to` (say 100 for percentages) in steps of `step`; without them,
    to the largest value rounded up to a round step."""
    left, right, top, bottom = 44, width - 12, 16, height - bottom_margin
    largest = max([1] + [v.value for _, values, _ in groups for v in values if v.value is not None])
    step = step or tick_step(largest)
    highest = scale_to or max(step, -(-largest // step) * step)
    scale = (bottom - top) / highest
    group_width = (right - left) / max(len(groups), 1)
    count = max([len(values) for _, values, _ in groups] + [1])
    bar_width = min(group_width * bar_share, max_bar_width)
    drawn = []
    for index, (label, values, key) in enumerate(groups):
        middle = left + group_width * (index + 0.5)
        start = middle - bar_width * count / 2
        bars = [
            Bar(
                x=round(start + position * bar_width, 1),
                y=round(bottom - v.value * scale, 1),
                height=round(v.value * scale, 1),
                value=v.value,
                colour=v.colour,
                label=v.label,
            )
            for position, v in enumerate(values)
            if v.value is not None
        ]
        drawn.append(Group(label=label, label_x=round(middle, 1), bars=bars, key=key))
    return Chart(
        width=width,
        height=height,
        left=left,
        right=right,
        baseline=bottom,
        bar_width=round(bar_width, 1),
        groups=drawn,
        ticks=[
            Tick(y=round(bottom - value * scale, 1), value=value)
            for value in range(0, highest + 1, step)
        ],
    )
