"""The electorate of a selection vote: the attendees of the call's network day who were checked
in at the door, one vote each. Registered in LabsConfig.ready as `network_day_attendees`; the
poll's `electorate_reference` is the network day's id (`12`, or `event:12`).

Who may see the vote: whoever registered for the network day (and did not cancel), and the board,
which confirms the selection."""

from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext as _

from som.accounts import roles
from som.accounts.models import Person
from som.core.params import positive_int
from som.events.models import Registration
from som.voting.electorates import Eligibility, Refusal, Size

if TYPE_CHECKING:
    from som.voting.models import Poll

KIND = "network_day_attendees"


def event_id_of(poll: "Poll") -> int | None:
    reference = poll.electorate_reference.removeprefix("event:")
    return positive_int(reference)


# Every ballot at a network day runs this: raw SQL, because building the ORM query costs more
# than the database needs to answer it. (event, person) is unique: at most one row.
_REGISTRATION_SQL = (
    f"SELECT status, checked_in_at FROM {Registration._meta.db_table} "
    "WHERE event_id = %s AND person_id = %s"
)


def checked_in_attendee(poll: "Poll", person: Person) -> Eligibility | Refusal:
    """One query: the person's registration for the network day, if any."""
    event_id = event_id_of(poll)
    if event_id is None:
        return Refusal(_("This vote is not linked to a network day."))
    with connection.cursor() as cursor:
        cursor.execute(_REGISTRATION_SQL, [event_id, person.pk])
        row = cursor.fetchone()
    if row is None:
        return Refusal(_("You are not registered for this network day, so you cannot vote."))
    status, checked_in_at = row
    if status == Registration.Status.CANCELLED:
        return Refusal(_("Your registration for this network day was cancelled."))
    if checked_in_at is None:
        return Refusal(
            _(
                "You have not been checked in at the door yet. Show your ticket at the "
                "reception, then reload this page."
            )
        )
    return Eligibility(1, _("You were checked in at this network day."))


def checked_in_count(poll: "Poll") -> Size:
    event_id = event_id_of(poll)
    if event_id is None:
        return Size(0, 0)
    people = (
        Registration.objects.filter(event_id=event_id, checked_in_at__isnull=False)
        .exclude(status=Registration.Status.CANCELLED)
        .count()
    )
    return Size(people, people)


def registrants_and_board(person: Person) -> Q:
    """The readers of `network_day_attendees` polls: the network day's registrants, not
    cancelled (checked in or not yet), and the board members of today."""
    if roles.is_board_member(person):
        return Q()
    events = Registration.objects.filter(person_id=person.pk).exclude(
        status=Registration.Status.CANCELLED
    )
    as_id = events.annotate(reference=Cast("event_id", CharField()))
    as_event = events.annotate(reference=Concat(Value("event:"), Cast("event_id", CharField())))
    return Q(electorate_reference__in=as_id.values("reference")) | Q(
        electorate_reference__in=as_event.values("reference")
    )
