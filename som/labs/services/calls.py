"""The team opens, edits and closes a call for lab proposals (a selection round) in the site.

    open_call    team   a new call, open for proposals until its deadline
    update_call  team   its text, dates, budget and rule, until its vote starts
    close_call   team   no more proposals from now on (the deadline moves to now): screening

From the vote on, a call moves only through som.labs.services.selection (the team) and
som.labs.services.confirmation (the board); the back office shows calls read-only.
"""

import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit
from som.core.errors import DomainError
from som.core.roles import require_team
from som.events.models import Event
from som.labs.models import Call
from som.labs.services import public_cache


class CallError(DomainError):
    """Codes: not_team, wrong_state, in_the_past, not_a_network_day, after_network_day,
    labs_range, budget."""


@dataclass(frozen=True)
class CallData:
    """What the team fills in; the same shape for the page, a command and the tests."""

    title: str
    deadline: datetime.datetime
    total_budget: Decimal
    max_budget_per_proposal: Decimal
    rule: str
    description: str = ""
    network_day: Event | None = None
    min_labs: int = 3
    max_labs: int = 5


def _check(data: CallData, *, now: datetime.datetime, new_deadline: bool) -> None:
    """The rules of a call that a form cannot see alone. `new_deadline`: the deadline was set or
    changed now, so it must lie ahead."""
    if not data.title.strip():
        raise CallError(_("Give the call a title."), "title")
    if new_deadline and data.deadline <= now:
        raise CallError(_("The deadline must lie in the future."), "in_the_past")
    if data.rule not in Call.Rule.values:
        raise CallError(_("Choose a selection rule."), "rule")
    if data.min_labs < 1 or data.max_labs < data.min_labs:
        raise CallError(
            _("The most labs must be at least the fewest, and the fewest at least 1."),
            "labs_range",
        )
    if data.total_budget <= 0 or data.max_budget_per_proposal <= 0:
        raise CallError(_("The budgets must be more than zero."), "budget")
    if data.max_budget_per_proposal > data.total_budget:
        raise CallError(_("The maximum per proposal is more than the whole budget."), "budget")
    day = data.network_day
    if day is None:
        return
    if day.kind != Event.Kind.NETWORK_DAY:
        raise CallError(
            _("The pitches and the vote take place at a network day."), "not_a_network_day"
        )
    if data.deadline >= day.starts_at:
        raise CallError(
            _("The deadline must fall before the network day, where the proposals are pitched."),
            "after_network_day",
        )


def _fields(data: CallData) -> dict[str, object]:
    fields = asdict(data)
    fields["title"] = data.title.strip()
    fields["description"] = data.description.strip()
    fields["network_day"] = data.network_day
    return fields


def _changes(call: Call, fields: dict[str, object]) -> dict[str, str]:
    """What an edit changed, as text for the audit log."""
    return {
        name: str(value.pk if isinstance(value, Event) else value)
        for name, value in fields.items()
        if getattr(call, name) != value
    }


@transaction.atomic
def open_call(*, data: CallData, by: Person, now: datetime.datetime | None = None) -> Call:
    """A new call, open for proposals from now until its deadline."""
    require_team(by, error=CallError)
    _check(data, now=now or timezone.now(), new_deadline=True)
    call = Call(**_fields(data), status=Call.Status.OPEN)
    call.full_clean()
    call.save()
    audit.record(actor=by, action="call.opened", obj=call)
    public_cache.invalidate()  # the calls page and the labs pages list it
    return call


@transaction.atomic
def update_call(
    *, call: Call, data: CallData, by: Person, now: datetime.datetime | None = None
) -> Call:
    """Change what the call says until its vote starts. A deadline moved later reopens a call
    that was closed early (screening) for proposals."""
    require_team(by, error=CallError)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not call.is_editable:
        raise CallError(
            _("The vote of this call has started: the call can no longer be changed."),
            "wrong_state",
        )
    now = now or timezone.now()
    _check(data, now=now, new_deadline=data.deadline != call.deadline)
    fields = _fields(data)
    changes = _changes(call, fields)
    for name, value in fields.items():
        setattr(call, name, value)
    if call.status == Call.Status.SCREENING and call.deadline > now:
        call.status = Call.Status.OPEN
        changes["status"] = Call.Status.OPEN
    call.full_clean()
    call.save()
    audit.record(actor=by, action="call.updated", obj=call, changes=changes)
    public_cache.invalidate()
    return call


@transaction.atomic
def close_call(*, call: Call, by: Person, now: datetime.datetime | None = None) -> Call:
    """No more proposals: the deadline becomes now (if it was later) and the call moves to
    screening. Drafts stay with their authors; submitted proposals wait for the screening."""
    require_team(by, error=CallError)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not call.is_open:
        raise CallError(_("This call is not open for proposals."), "wrong_state")
    now = now or timezone.now()
    changes: dict[str, str] = {"status": Call.Status.SCREENING}
    if call.deadline > now:
        call.deadline = now
        changes["deadline"] = now.isoformat()
    call.status = Call.Status.SCREENING
    call.save(update_fields=["deadline", "status", "updated_at"])
    audit.record(actor=by, action="call.closed", obj=call, changes=changes)
    public_cache.invalidate()
    return call
