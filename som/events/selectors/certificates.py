"""Reads about attendance certificates: who attended (and so may get one), a person's, an
event's, and an organisation's consenting staff's for a school year. Each is one query.

A school year runs from 1 September to 31 August: Flemish schools count their teachers'
professional development (nascholing) per school year, so that is the year a contact person
downloads."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from som.accounts.models import Person
from som.events.models import Certificate, Event, Registration
from som.network.models import Organisation

SCHOOL_YEAR_STARTS = (9, 1)  # 1 September
SCHOOL_YEARS_OFFERED = 5


def school_year_of(day: datetime.date) -> int:
    """The school year a day falls in, by the year it starts: 2026 for 2026-2027."""
    return day.year if (day.month, day.day) >= SCHOOL_YEAR_STARTS else day.year - 1


def school_year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)


def school_years_offered(today: datetime.date) -> list[int]:
    """This school year and the ones before it, newest first."""
    current = school_year_of(today)
    return [current - n for n in range(SCHOOL_YEARS_OFFERED)]


def _attended() -> QuerySet[Registration]:
    return Registration.objects.filter(
        status=Registration.Status.REGISTERED, checked_in_at__isnull=False
    ).select_related("event__organiser", "person", "certificate")


def attended_at(event: Event) -> QuerySet[Registration]:
    """Everybody checked in at the event, by name."""
    return _attended().filter(event=event).order_by("person__full_name", "pk")


def attended_by(person: Person, now: datetime.datetime | None = None) -> list[Registration]:
    """The events the person was checked in at that have started, the latest first, each with
    its certificate when issued."""
    now = now or timezone.now()
    return list(
        _attended()
        .filter(person=person, event__starts_at__lte=now)
        .order_by("-event__starts_at", "-pk")
    )


def shared_by_staff(
    organisation: Organisation, school_year: int, *, now: datetime.datetime | None = None
) -> QuerySet[Registration]:
    """The registrations of people who came for the organisation and shared their certificate
    with it (the registration terms), at events of the school year that have started."""
    now = now or timezone.now()
    first, last = school_year_bounds(school_year)
    return (
        _attended()
        .filter(
            organisation=organisation,
            certificate_shared=True,
            event__starts_at__date__gte=first,
            event__starts_at__date__lte=last,
            event__starts_at__lte=now,
        )
        .order_by("person__full_name", "event__starts_at", "pk")
    )


def of_event(event: Event) -> list[Certificate]:
    """The certificates issued for an event, by name."""
    return list(
        Certificate.objects.filter(registration__event=event)
        .select_related("registration__person")
        .order_by("person_name", "pk")
    )
