"""Show-up over time, for the team's attendance page: the show-up rate per kind of event and per
institution in each school year (from 1 September), and the geometry of its chart (grouped bars,
drawn as SVG by `templates/events/attendance_show_up.html`).

Counted as the overbooking proposal counts (`som.events.selectors.overbooking`): those with a place at the
start (not walk-ins, promoted people included, cancelled ones not) and who of them was checked
in, over past events where the door was used. Two queries, whatever the number of events."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from som.events import charts
from som.events.models import Event, Registration
from som.events.selectors import overbooking

YEARS = 4  # the current school year and the three before
KINDS: list[str] = [Event.Kind.NETWORK_DAY, Event.Kind.COMMUNITY]
COLOURS: dict[str, str] = {Event.Kind.NETWORK_DAY: "#2b3f4a", Event.Kind.COMMUNITY: "#a8431b"}


def school_year(moment: datetime.datetime) -> int:
    """The school year a moment falls in, by the year it starts (1 September, local time)."""
    local = timezone.localtime(moment)
    return local.year if local.month >= 9 else local.year - 1


def year_label(year: int) -> str:
    return f"{year}-{year + 1}"


@dataclass(frozen=True)
class Rate:
    registered: int = 0
    present: int = 0
    events: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.present / self.registered) if self.registered else None

    def __add__(self, other: "Rate") -> "Rate":
        return Rate(
            self.registered + other.registered,
            self.present + other.present,
            self.events + other.events,
        )


@dataclass(frozen=True)
class Line:
    """A kind of event or an institution, with its rate per school year (oldest first)."""

    label: str
    kind: str
    rates: list[Rate]

    @property
    def total(self) -> Rate:
        return sum(self.rates, Rate())


@dataclass(frozen=True)
class ShowUp:
    years: list[int]
    kinds: list[Line]
    institutions: list[Line]

    @property
    def labels(self) -> list[str]:
        return [year_label(year) for year in self.years]

    @property
    def has_figures(self) -> bool:
        return any(line.total.registered for line in self.kinds)


def show_up(*, now: datetime.datetime | None = None, years: int = YEARS) -> ShowUp:
    """The show-up rates per kind and per institution over the last `years` school years."""
    now = now or timezone.now()
    last = school_year(now)
    span = list(range(last - years + 1, last + 1))
    past = [row for row in overbooking.history(now=now) if school_year(row.starts_at) in span]
    year_of = {row.event_id: school_year(row.starts_at) for row in past}
    per_kind: dict[str, dict[int, Rate]] = defaultdict(dict)
    for row in past:
        rates = per_kind[row.kind]
        year = year_of[row.event_id]
        rates[year] = rates.get(year, Rate()) + Rate(row.registered, row.present, 1)
    labels = dict(Event.Kind.choices)
    kinds = [
        Line(
            label=str(labels[kind]),
            kind=kind,
            rates=[per_kind[kind].get(year, Rate()) for year in span],
        )
        for kind in KINDS
    ]
    return ShowUp(years=span, kinds=kinds, institutions=_institutions(year_of, span))


def _institutions(year_of: dict[int, int], span: list[int]) -> list[Line]:
    """Per institution the registrations were made for: one query (none without events)."""
    if not year_of:
        return []
    rows = (
        Registration.objects.filter(
            event__in=list(year_of),
            status=Registration.Status.REGISTERED,
            is_walk_in=False,
            organisation__isnull=False,
        )
        .values("organisation__name", "event")
        .annotate(
            registered=Count("pk"), present=Count("pk", filter=Q(checked_in_at__isnull=False))
        )
        .order_by()
    )
    per_name: dict[str, dict[int, Rate]] = defaultdict(dict)
    for row in rows:
        rates = per_name[row["organisation__name"]]
        year = year_of[row["event"]]
        rates[year] = rates.get(year, Rate()) + Rate(row["registered"], row["present"], 1)
    lines = [
        Line(label=name, kind="", rates=[rates.get(year, Rate()) for year in span])
        for name, rates in per_name.items()
    ]
    return sorted(lines, key=lambda line: (-line.total.registered, line.label))


# --- The chart: the show-up rate per kind in each school year --------------------------------------


def rate_chart(figures: ShowUp, *, width: int = 720, height: int = 260) -> charts.Chart:
    """Bars from 0 to 100%: per school year one bar per kind of event (none without figures)."""
    return charts.grouped_bars(
        [
            (
                label,
                [
                    charts.Value(
                        line.rates[index].percent,
                        colour=COLOURS.get(line.kind, "#5a6570"),
                        label=line.label,
                    )
                    for line in figures.kinds
                ],
                None,
            )
            for index, label in enumerate(figures.labels)
        ],
        width=width,
        height=height,
        bottom_margin=40,
        bar_share=0.8 / max(len(figures.kinds), 1),
        max_bar_width=48.0,
        scale_to=100,
        step=25,
    )
