"""Shared reads about events: the calendar, one event's page, a person's registrations.
Every list here costs a fixed number of queries, whatever the number of events or registrations."""

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import F, Func, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from som.accounts.models import Person
from som.core import page_cache
from som.events.models import Event, Registration
from som.network.models import Affiliation
from som.network.selectors import organisations_contacted_by, staff_of


def _count_of(status: str) -> Subquery:
    """The event's registrations with this status, counted in a correlated subquery on the
    (event, status, created_at) index: no join, so no GROUP BY over every selected column."""
    return Subquery(
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .annotate(count=Func(F("pk"), function="COUNT"))
        .values("count")
    )


def _with_places(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events with `places_taken` and `waiting_count` annotated."""
    return events.select_related("organiser").annotate(
        places_taken=_count_of(Registration.Status.REGISTERED),
        waiting_count=_count_of(Registration.Status.WAITING),
    )


def public_events() -> QuerySet[Event]:
    return Event.objects.filter(is_published=True)


def calendar_events(
    *,
    speerpunt: str = "",
    kind: str = "",
    starting: datetime.datetime | None = None,
    before: datetime.datetime | None = None,
) -> QuerySet[Event]:
    """Published events that end after `starting` (default: now) and start before `before`."""
    events = public_events().filter(ends_at__gte=starting or timezone.now())
    if before is not None:
        events = events.filter(starts_at__lt=before)
    if speerpunt:
        events = events.filter(speerpunten__slug=speerpunt)
    if kind:
        events = events.filter(kind=kind)
    return _with_places(events).prefetch_related("speerpunten").order_by("starts_at", "pk")


def feed_events() -> QuerySet[Event]:
    """The public iCalendar feed: published events from a year ago on."""
    since = timezone.now() - datetime.timedelta(days=365)
    return public_events().filter(ends_at__gte=since).order_by("starts_at", "pk")


def places_left(event: Event) -> int | None:
    """None when the event has no limit; needs `places_taken` (annotated by `_with_places`)."""
    places = event.places  # the capacity with the accepted overbooking
    if places is None:
        return None
    taken: int = event.places_taken  # type: ignore[attr-defined]
    return max(places - taken, 0)


def with_places_left(events: Iterable[Event]) -> list[Event]:
    """The events as a list, each with `places_left` set for the templates."""
    result = list(events)
    for event in result:
        event.places_left = places_left(event)  # type: ignore[attr-defined]
    return result


def for_cards(events: Iterable[Event]) -> list[Event]:
    """The events as a list, each with what its card in the calendar shows worked out here
    rather than in the template (each `{% url %}` or localised `|date` there costs tens of
    microseconds a row): `places_left`, `detail_url`, `day_label`, `month_label`, `when_html`
    (what events/_event_when.html renders)."""
    result = with_places_left(events)
    # One reverse() for all rows: slugs are [-a-zA-Z0-9_]+, nothing to quote.
    pattern = reverse("events:detail", kwargs={"slug": "SLUG-GOES-HERE"})
    image_pattern = reverse("events:image", kwargs={"slug": "SLUG-GOES-HERE"})
    for event in result:
        start = timezone.localtime(event.starts_at)
        event.detail_url = pattern.replace("SLUG-GOES-HERE", event.slug)  # type: ignore[attr-defined]
        event.image_url = (  # type: ignore[attr-defined]
            image_pattern.replace("SLUG-GOES-HERE", event.slug) if event.image else ""
        )
        event.day_label = date_format(start, "j")  # type: ignore[attr-defined]
        event.month_label = date_format(start, "M")  # type: ignore[attr-defined]
        event.when_html = when_html(event)  # type: ignore[attr-defined]
    return result


def when_html(event: Event) -> SafeString:
    """The same as events/_event_when.html: the start, and the end (its date only when it is
    another day), in local time and the active language."""
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if start.date() == end.date():
        return format_html(
            '<time datetime="{}">{}</time>, {}–{}',
            date_format(start, "c"),
            date_format(start, "l j F Y"),
            time_format(start, "H:i"),
            time_format(end, "H:i"),
        )
    return format_html(
        '<time datetime="{}">{}</time>, {}–<time datetime="{}">{}</time> {}',
        date_format(start, "c"),
        date_format(start, "l j F Y"),
        time_format(start, "H:i"),
        date_format(end, "c"),
        date_format(end, "j F Y"),
        time_format(end, "H:i"),
    )


def event_page(events: QuerySet[Event], slug: str) -> Event | None:
    """One event with its places: one query."""
    # The slug is unique: no ORDER BY (first() would add one).
    found = list(_with_places(events).filter(slug=slug).order_by()[:1])
    return found[0] if found else None


def published_event_page(slug: str) -> Event | None:
    """A published event with its places, as `event_page`, kept with the public pages: the
    services invalidate them whenever an event, its programme or its places change."""
    return page_cache.kept(f"events:event:{slug}", lambda: event_page(public_events(), slug))


# --- The month view -------------------------------------------------------------------------------


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list[Event] = field(default_factory=list)


def month_bounds(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of the month and of the next one, in the local time zone."""
    first = datetime.date(year, month, 1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(first, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(following, datetime.time.min, tzinfo=zone),
    )


def month_grid(year: int, month: int, events: list[Event]) -> list[list[Day]]:
    """Weeks (Monday first) of Days; an event spanning days shows on each of its days."""
    today = timezone.localdate()
    weeks = [
        [Day(date=day, in_month=day.month == month, is_today=day == today) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    days = {day.date: day for week in weeks for day in week}
    for event in events:
        first = timezone.localdate(event.starts_at)
        last = timezone.localdate(event.ends_at)
        current = first
        while current <= last:
            if current in days:
                days[current].events.append(event)
            current += datetime.timedelta(days=1)
    return weeks


# --- A person's registrations ---------------------------------------------------------------------


def registration_of(event: Event, person: Person) -> Registration | None:
    """Their one registration (a constraint), by `get`: `first()` would sort, for nothing."""
    if not person.is_authenticated:
        return None
    try:
        return Registration.objects.get(event=event, person=person)
    except Registration.DoesNotExist:
        return None


def waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if not registration.is_waiting:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=Registration.Status.WAITING
    ).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def registrations_of(person: Person) -> QuerySet[Registration]:
    return Registration.objects.filter(person=person).select_related("event")


def upcoming_and_past(person: Person) -> tuple[list[Registration], list[Registration]]:
    now = timezone.now()
    registrations = registrations_of(person)
    upcoming = registrations.filter(event__ends_at__gte=now).order_by("event__starts_at", "pk")
    past = registrations.filter(event__ends_at__lt=now).order_by("-event__starts_at", "-pk")
    return list(upcoming), list(past)


@dataclass(frozen=True)
class Colleagues:
    """A contact person's colleagues at an event: those to register, and those registered or
    waiting (their registrations, with the person, by name)."""

    to_register: list[Affiliation]
    registered: list[Registration]


def colleagues_at(event: Event, person: Person) -> Colleagues:
    """Today's staff of the organisations this person is the contact of (one row per person,
    the person left out): who is registered or waiting, and who is not. One query for the
    organisations, one per organisation for its staff, one for their registrations."""
    if not person.is_authenticated:
        return Colleagues([], [])
    organisations = list(organisations_contacted_by(person).order_by("name"))
    if not organisations:
        return Colleagues([], [])
    seen = {person.pk}
    staff = []
    for organisation in organisations:
        for affiliation in staff_of(organisation):
            if affiliation.person_id not in seen:
                seen.add(affiliation.person_id)
                staff.append(affiliation)
    registered = list(
        Registration.objects.filter(event=event, person_id__in=[a.person_id for a in staff])
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("person")
        .order_by("person__full_name", "person__email", "pk")
    )
    taken = {registration.person_id for registration in registered}
    return Colleagues(
        to_register=[a for a in staff if a.person_id not in taken], registered=registered
    )


def colleagues_to_register(event: Event, person: Person) -> list[Affiliation]:
    """The contact person's colleagues not registered or waiting yet (`colleagues_at`)."""
    return colleagues_at(event, person).to_register
