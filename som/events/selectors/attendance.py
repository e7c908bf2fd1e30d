"""Reads for the team about who came: the figures per event, over the last events and per
institution, the door's counters and search, and the rows of the attendee lists and badges.
Each costs a fixed number of queries, whatever the number of registrations."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from som.events import charts
from som.events.models import Event, Registration

REGISTERED = Registration.Status.REGISTERED
SEARCH_LIMIT = 25


def _figures(prefix: str, now: datetime.datetime) -> dict[str, Count]:
    """Count annotations for the registrations reached through `prefix` ("" or "registrations__").

    attended: registered and checked in; no-show: registered, the event is over, not checked in."""
    registered = Q(**{f"{prefix}status": REGISTERED})
    checked_in = Q(**{f"{prefix}checked_in_at__isnull": False})
    not_checked_in = Q(**{f"{prefix}checked_in_at__isnull": True})
    over = Q(**{f"{'' if prefix else 'event__'}ends_at__lt": now})
    pk = f"{prefix}pk"
    return {
        "registered": Count(pk, filter=registered),
        "waiting": Count(pk, filter=Q(**{f"{prefix}status": Registration.Status.WAITING})),
        "cancelled": Count(pk, filter=Q(**{f"{prefix}status": Registration.Status.CANCELLED})),
        "attended": Count(pk, filter=registered & checked_in),
        "no_show": Count(pk, filter=registered & not_checked_in & over),
        "walk_ins": Count(pk, filter=registered & Q(**{f"{prefix}is_walk_in": True})),
    }


@dataclass(frozen=True)
class Figures:
    registered: int = 0
    waiting: int = 0
    cancelled: int = 0
    attended: int = 0
    no_show: int = 0
    walk_ins: int = 0

    @property
    def attendance_rate(self) -> int | None:
        """Attended as a whole percentage of those registered; None without registrations."""
        if not self.registered:
            return None
        return round(100 * self.attended / self.registered)


@dataclass(frozen=True)
class EventFigures:
    event: Event
    figures: Figures

    @property
    def is_over(self) -> bool:
        return self.event.ends_at < timezone.now()


@dataclass(frozen=True)
class OrganisationFigures:
    name: str
    figures: Figures


def _figures_of(row: object) -> Figures:
    return Figures(**{name: getattr(row, name) for name in Figures.__dataclass_fields__})


def with_figures(
    events: QuerySet[Event], *, now: datetime.datetime | None = None
) -> list[EventFigures]:
    """The events with their figures: one query."""
    annotated = events.annotate(**_figures("registrations__", now or timezone.now()))
    return [EventFigures(event=event, figures=_figures_of(event)) for event in annotated]


def event_figures(event: Event, *, now: datetime.datetime | None = None) -> Figures:
    """One event's figures: one query."""
    row = Registration.objects.filter(event=event).aggregate(**_figures("", now or timezone.now()))
    return Figures(**row)


def last_events(count: int, *, now: datetime.datetime | None = None) -> list[EventFigures]:
    """The last `count` events that have started and take registrations here, oldest first
    (the order of a chart over time)."""
    now = now or timezone.now()
    started = (
        Event.objects.filter(starts_at__lte=now)
        .exclude(kind=Event.Kind.EXTERNAL)
        .order_by("-starts_at", "-pk")[:count]
    )
    recent = Event.objects.filter(pk__in=list(started.values_list("pk", flat=True)))
    return with_figures(recent.order_by("starts_at", "pk"), now=now)


def coming_events(*, now: datetime.datetime | None = None) -> list[EventFigures]:
    """Events that take registrations and have not ended: where the door page is needed."""
    now = now or timezone.now()
    events = (
        Event.objects.filter(ends_at__gte=now)
        .exclude(kind=Event.Kind.EXTERNAL)
        .order_by("starts_at", "pk")
    )
    return with_figures(events, now=now)


def by_organisation(
    events: list[Event], *, now: datetime.datetime | None = None
) -> list[OrganisationFigures]:
    """Figures per institution the registrations were made for (Registration.organisation),
    over the given events; people without an organisation form one line. One query."""
    rows = (
        Registration.objects.filter(event__in=[event.pk for event in events])
        .values("organisation__name")
        .annotate(**_figures("", now or timezone.now()))
        .order_by("-registered", "organisation__name")
    )
    return [
        OrganisationFigures(
            name=row.pop("organisation__name") or "",
            figures=Figures(**row),
        )
        for row in rows
    ]


# --- The door -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DoorCounts:
    registered: int
    checked_in: int

    @property
    def still_expected(self) -> int:
        return max(self.registered - self.checked_in, 0)


def door_counts(event: Event) -> DoorCounts:
    row = Registration.objects.filter(event=event, status=REGISTERED).aggregate(
        registered=Count("pk"), checked_in=Count("pk", filter=Q(checked_in_at__isnull=False))
    )
    return DoorCounts(**row)


def search_registrations(event: Event, text: str) -> list[Registration]:
    """Registrations of the event whose person's name or email contains every word of `text`
    (any status: the door says why a cancelled person has no place). One query."""
    words = text.split()
    if not words:
        return []
    found = Registration.objects.filter(event=event)
    for word in words:
        found = found.filter(
            Q(person__full_name__icontains=word) | Q(person__email__icontains=word)
        )
    return list(
        found.select_related("person", "organisation").order_by("person__full_name", "pk")[
            :SEARCH_LIMIT
        ]
    )


def attendees(event: Event) -> QuerySet[Registration]:
    """Everybody with a place at the event (checked in or not), by name: the attendee list and
    the badges."""
    return (
        Registration.objects.filter(event=event, status=REGISTERED)
        .select_related("person", "organisation")
        .order_by("person__full_name", "pk")
    )


# --- The chart: registrations against attendance over the last events ------------------------------


@dataclass(frozen=True)
class ChartGroup(charts.Group):
    """An event's pair of bars: registered, attended (`key`: the event)."""

    @property
    def event(self) -> Event:
        event: Event = self.key
        return event

    @property
    def registered(self) -> charts.Bar:
        return self.bars[0]

    @property
    def attended(self) -> charts.Bar:
        return self.bars[1]


@dataclass(frozen=True)
class Chart(charts.Chart):
    groups: Sequence[ChartGroup]


def bar_chart(rows: list[EventFigures], *, width: int = 720, height: int = 300) -> Chart:
    """Two bars per event, registered and attended, drawn as SVG by the template."""
    chart = charts.grouped_bars(
        [
            (
                timezone.localtime(row.event.starts_at).strftime("%d/%m/%y"),
                [charts.Value(row.figures.registered), charts.Value(row.figures.attended)],
                row.event,
            )
            for row in rows
        ],
        width=width,
        height=height,
        bottom_margin=48,
        bar_share=0.36,
        max_bar_width=36.0,
    )
    groups = [ChartGroup(g.label, g.label_x, g.bars, g.key) for g in chart.groups]
    return Chart(**{**vars(chart), "groups": groups})
