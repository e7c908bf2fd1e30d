"""What the governance services share: their error, the secretary's gate, the meeting's lock and
state check, the representative's gate, dates as the members read them, and a requested
meeting's deadlines (convene by, hold by), which scheduling and the requests both apply."""

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core.errors import DomainError
from som.governance import selectors
from som.governance.models import (
    Meeting,
    MeetingRequest,
    Statutes,
)
from som.network.models import Organisation


class GovernanceError(DomainError):
    """A governance rule said no. Codes: not_secretary, not_member, general_assembly_members,
    role_taken, in_the_past, too_late, hold_by, wrong_state, no_agenda, invalid_item,
    not_representative, gave_proxy, already_gave_proxy, holder_gave_proxy, proxy_limit,
    present, already_signed, too_large, not_received, electorate, not_team."""


def _day(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localdate(value), "DATE_FORMAT")


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _when(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def require_secretary(person: Person) -> None:
    if not selectors.is_secretary(person):
        raise GovernanceError(
            _("Only the secretary or the chair of the board, or the SOM team, can do this."),
            "not_secretary",
        )


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


def _require_status(meeting: Meeting, *statuses: str) -> None:
    if meeting.status not in statuses:
        raise GovernanceError(
            _("This cannot be done to a meeting that is %(status)s.")
            % {"status": meeting.get_status_display()},
            "wrong_state",
        )


def _require_voter(person: Person, organisation: Organisation, on: datetime.date) -> None:
    if organisation not in selectors.represented_organisations(person, on):
        raise GovernanceError(
            _("Only the representative of %(organisation)s can do this for it.")
            % {"organisation": organisation},
            "not_representative",
        )


def convene_by_date(request: MeetingRequest, statutes: Statutes | None = None) -> datetime.date:
    """The board convenes a requested meeting by this day (21 days after the request)."""
    assert request.received_on is not None
    days = (statutes or selectors.statutes()).request_convene_days
    return request.received_on + datetime.timedelta(days=days)


def hold_by_date(request: MeetingRequest, statutes: Statutes | None = None) -> datetime.date:
    """A requested meeting is held by this day (the 40th after the request)."""
    assert request.received_on is not None
    days = (statutes or selectors.statutes()).request_hold_days
    return request.received_on + datetime.timedelta(days=days)
