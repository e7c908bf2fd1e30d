"""Check-in at the door: the doors' window and claiming a ticket in one statement."""

import datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit, roles, rows
from som.core.errors import DomainError
from som.events.models import Event, Registration
from som.network.models import Organisation


class CheckInError(DomainError):
    """`code` is one of already_checked_in, cancelled, waiting, wrong_event, unknown_ticket,
    outside_window, not_team."""

    def __init__(self, message: str, code: str, registration: Registration | None = None):
        super().__init__(message, code)
        self.registration = registration


# What check_in loads: the answer (name, organisation, basis, time) and the audit entry's text.
_CHECK_IN_FIELDS = (
    "event_id",
    "person_id",
    "status",
    "basis",
    "organisation_id",
    "ticket_code",
    "checked_in_at",
    "checked_in_by_id",
    "person__full_name",
    "person__email",
    "organisation__name",
)


def doors_closed_reason(event: Event, now: datetime.datetime) -> str:
    """Why nobody can be checked in at `event` at `now`, or "" while its doors are open: from
    `doors_open_minutes` before the start until the end. Being checked in makes a person a
    voter at a network day, so it happens there and then, not days before or after."""
    if now < event.doors_open_at:
        opens = timezone.localtime(event.doors_open_at)
        time = time_format(opens, "H:i")
        if opens.date() == timezone.localtime(now).date():
            return _("Check-in opens at %(time)s.") % {"time": time}
        return _("Check-in opens on %(date)s at %(time)s.") % {
            "date": date_format(opens, "j F Y"),
            "time": time,
        }
    if now > event.ends_at:
        ended = timezone.localtime(event.ends_at)
        return _("Check-in closed when the event ended, on %(date)s at %(time)s.") % {
            "date": date_format(ended, "j F Y"),
            "time": time_format(ended, "H:i"),
        }
    return ""


def _check_doors_open(
    event: Event, now: datetime.datetime, registration: Registration | None = None
) -> None:
    reason = doors_closed_reason(event, now)
    if reason:
        raise CheckInError(reason, "outside_window", registration)


@transaction.atomic
def check_in(
    *, event: Event | None, ticket_code: str, by: Person, now: datetime.datetime | None = None
) -> Registration:
    """Check a ticket in at the door of `event` (None: the ticket's own event), while that
    event's doors are open (`outside_window` otherwise). Two phones scanning at once: one of
    them checks the ticket in, the other hears "already checked in". `now` is for the demo's
    history and the tests.

    The door's hot path (PERFORMANCE.md G8) is one conditional UPDATE that claims the ticket
    and returns what the answer shows, and the audit INSERT. When the UPDATE matches nothing,
    `_check_in_by_lock` works out why (or checks in a ticket whose state changed meanwhile).
    The registration comes back with `person`, `organisation` and `event` loaded. `event`
    needs `starts_at`, `ends_at` and `doors_open_minutes` loaded."""
    # The door is the team's, whichever entrance asks (the door page, the API, the demo): a rule
    # on the account's own fields, so the hot path gains no query.
    roles.require_team(by, error=CheckInError)
    code = ticket_code.strip()
    now = now or timezone.now()
    if event is not None:
        _check_doors_open(event, now)
    registration = _claim_ticket(event, code, now, by)
    if registration is None:
        return _check_in_by_lock(event, code, now, by)
    audit.record(actor=by, action="registration.checked_in", obj=registration)
    return registration


# Raw SQL on the hot path: building the ORM's queries costs more than running them (about 0.8 ms
# against 0.05 ms on the door's server), and every round trip to PostgreSQL counts. The
# database's row lock orders two concurrent UPDATEs of one ticket: the second one re-reads the
# row, finds checked_in_at set, matches nothing. RETURNING brings what the answer shows, through
# subqueries (SQLite's RETURNING may not name the tables of an UPDATE ... FROM).
_REGISTRATIONS = Registration._meta.db_table


_PEOPLE, _EVENTS = Person._meta.db_table, Event._meta.db_table


_ORGANISATIONS = Organisation._meta.db_table


_CLAIM_SQL = f"""
    UPDATE {_REGISTRATIONS}
       SET checked_in_at = %s, checked_in_by_id = %s, updated_at = %s
     WHERE ticket_code = %s AND status = %s AND checked_in_at IS NULL {{event_clause}}
    RETURNING id, event_id, person_id, organisation_id, basis,
      (SELECT p.full_name FROM {_PEOPLE} p WHERE p.id = {_REGISTRATIONS}.person_id),
      (SELECT p.email FROM {_PEOPLE} p WHERE p.id = {_REGISTRATIONS}.person_id),
      (SELECT o.name FROM {_ORGANISATIONS} o WHERE o.id = {_REGISTRATIONS}.organisation_id),
      (SELECT e.title FROM {_EVENTS} e WHERE e.id = {_REGISTRATIONS}.event_id),
      (SELECT e.slug FROM {_EVENTS} e WHERE e.id = {_REGISTRATIONS}.event_id)"""


# Without an event at hand, the UPDATE itself keeps to the ticket's event's window (no extra
# round trip); it must say what Event.doors_are_open says. SQLite keeps UTC text, compared to
# the second.
_DOORS_OPEN_SQL = {
    "postgresql": f"""AND EXISTS (SELECT 1 FROM {_EVENTS} e WHERE e.id = {_REGISTRATIONS}.event_id
      AND e.starts_at - e.doors_open_minutes * interval '1 minute' <= %s AND e.ends_at >= %s)""",
    "sqlite": f"""AND EXISTS (SELECT 1 FROM {_EVENTS} e WHERE e.id = {_REGISTRATIONS}.event_id
      AND datetime(e.starts_at, '-' || e.doors_open_minutes || ' minutes') <= datetime(%s)
      AND datetime(e.ends_at) >= datetime(%s))""",
}


def _claim_ticket(
    event: Event | None, code: str, now: datetime.datetime, by: Person
) -> Registration | None:
    """Check the ticket in if it is registered, not yet in, and (with `event`) for that event;
    None when it is not."""
    stamp = connection.ops.adapt_datetimefield_value(now)
    params: list[Any] = [stamp, by.pk, stamp, code, Registration.Status.REGISTERED]
    if event is not None:
        event_clause, params = "AND event_id = %s", [*params, event.pk]
    else:  # the window of the ticket's own event
        event_clause, params = _DOORS_OPEN_SQL[connection.vendor], [*params, stamp, stamp]
    with connection.cursor() as cursor:
        cursor.execute(_CLAIM_SQL.format(event_clause=event_clause), params)
        row = cursor.fetchone()
    if row is None:
        return None
    pk, event_id, person_id, organisation_id, basis, full_name, email, org_name, title, slug = row
    registration = rows.instance(
        Registration,
        id=pk,
        event_id=event_id,
        person_id=person_id,
        organisation_id=organisation_id,
        basis=basis,
        status=Registration.Status.REGISTERED,
        ticket_code=code,
        checked_in_at=now,
        checked_in_by_id=by.pk,
    )
    registration.person = rows.instance(Person, id=person_id, full_name=full_name, email=email)
    registration.event = event or rows.instance(Event, id=event_id, title=title, slug=slug)
    if organisation_id is not None:
        registration.organisation = rows.instance(Organisation, id=organisation_id, name=org_name)
    return registration


def _check_in_by_lock(
    event: Event | None, code: str, now: datetime.datetime, by: Person
) -> Registration:
    """The slow path: lock the registration by its code and say why it cannot come in."""
    registrations = Registration.objects.select_for_update(of=("self",)).select_related(
        "person", "organisation"
    )
    fields: tuple[str, ...] = _CHECK_IN_FIELDS
    if event is None:
        registrations = registrations.select_related("event")
        fields = (
            *fields,
            "event__title",
            "event__starts_at",
            "event__ends_at",
            "event__doors_open_minutes",
        )
    try:
        registration = registrations.only(*fields).get(ticket_code=code)
    except Registration.DoesNotExist:
        raise CheckInError(_("Unknown ticket."), "unknown_ticket") from None
    if event is not None:
        if registration.event_id != event.pk:
            raise CheckInError(
                _("This ticket is for another event: %(event)s.") % {"event": registration.event},
                "wrong_event",
                registration,
            )
        registration.event = event
    else:
        _check_doors_open(registration.event, now, registration)
    if registration.is_cancelled:
        raise CheckInError(_("This registration was cancelled."), "cancelled", registration)
    if registration.is_waiting:
        raise CheckInError(
            _("This person is on the waiting list, not registered."), "waiting", registration
        )
    if registration.checked_in_at is not None:
        raise CheckInError(
            _("Already checked in at %(time)s.")
            % {"time": timezone.localtime(registration.checked_in_at).strftime("%H:%M")},
            "already_checked_in",
            registration,
        )
    # Promoted from the waiting list between the UPDATE and this lock: it may come in now.
    registration.checked_in_at = now
    registration.checked_in_by = by
    registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    audit.record(actor=by, action="registration.checked_in", obj=registration)
    return registration
