"""Bodies and their mandates (one chair, secretary and treasurer at a time), and the rules the
statutes set: motion kinds and the statutes' numbers, not changed while a meeting is at work."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit, records, roles
from som.governance.models import (
    AgendaItem,
    Body,
    Mandate,
    Meeting,
    MotionKind,
    Statutes,
)
from som.governance.services._common import GovernanceError
from som.network.models import Organisation

UNIQUE_ROLES = (Mandate.Role.CHAIR, Mandate.Role.SECRETARY, Mandate.Role.TREASURER)


def _require_team(by: Person) -> None:
    """The back office's corrections are the team's (the admin is not the only entrance)."""
    roles.require_team(by, error=GovernanceError, message=_("Only the SOM team can change this."))


def _require_team_or_platform(by: Person | None) -> None:
    """`by` None is the platform itself (erasing a person's data, the seeds, the tests' worlds);
    a person must be on the team."""
    if by is not None:
        _require_team(by)


@transaction.atomic
def create_body(
    *,
    name: str,
    slug: str,
    kind: str,
    by: Person | None,
    powers: str = "",
    composition: str = "",
    meeting_frequency: str = "",
    active_from: datetime.date | None = None,
    active_until: datetime.date | None = None,
    position: int = 0,
) -> Body:
    _require_team_or_platform(by)
    body = Body(
        name=name,
        slug=slug,
        kind=kind,
        powers=powers,
        composition=composition,
        meeting_frequency=meeting_frequency,
        active_from=active_from,
        active_until=active_until,
        position=position,
    )
    body.full_clean()
    body.save()
    audit.record(actor=by, action="body.created", obj=body)
    return body


@transaction.atomic
def appoint(
    *,
    body: Body,
    person: Person,
    role: str,
    starts_on: datetime.date,
    by: Person | None,
    ends_on: datetime.date | None = None,
    seat: str = "",
    organisation: Organisation | None = None,
    elected_by: AgendaItem | None = None,
) -> Mandate:
    """A seat in a body, given by the team (or the platform itself: `by` None). The general
    assembly has no appointed seats: its members are the voting member institutions."""
    _require_team_or_platform(by)
    return _appoint(
        body=body,
        person=person,
        role=role,
        starts_on=starts_on,
        by=by,
        ends_on=ends_on,
        seat=seat,
        organisation=organisation,
        elected_by=elected_by,
    )


def _appoint(
    *,
    body: Body,
    person: Person,
    role: str,
    starts_on: datetime.date,
    by: Person | None,
    ends_on: datetime.date | None = None,
    seat: str = "",
    organisation: Organisation | None = None,
    elected_by: AgendaItem | None = None,
) -> Mandate:
    """The seat itself; an election (`elected_by`, votes.close_vote) appoints through here, by
    the secretary who closes the vote."""
    if body.is_general_assembly:
        raise GovernanceError(
            _(
                "The members of the general assembly are the voting member institutions: they "
                "are not appointed."
            ),
            "general_assembly_members",
        )
    Body.objects.select_for_update().get(pk=body.pk)
    _check_role_free(body, role, starts_on, ends_on)
    mandate = Mandate(
        body=body,
        person=person,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        seat=seat,
        organisation=organisation,
        elected_by=elected_by,
    )
    mandate.full_clean()
    mandate.save()
    audit.record(actor=by, action="mandate.started", obj=mandate)
    return mandate


def _check_role_free(
    body: Body,
    role: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    besides: Mandate | None = None,
) -> None:
    """A chair, secretary or treasurer: one at a time in a body."""
    if role not in UNIQUE_ROLES:
        return
    overlapping = Mandate.objects.filter(body=body, role=role).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on)
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lt=ends_on)
    if besides is not None:
        overlapping = overlapping.exclude(pk=besides.pk)
    if overlapping.exists():
        raise GovernanceError(
            _("%(body)s already has a %(role)s in that period.")
            % {"body": body, "role": Mandate.Role(role).label},
            "role_taken",
        )


@transaction.atomic
def correct_mandate(*, mandate: Mandate, values: dict[str, Any], by: Person) -> Mandate:
    """The team corrects a mandate (a date, the seat, the role), with appoint's rules."""
    _require_team(by)
    current = Mandate.objects.select_for_update().select_related("body").get(pk=mandate.pk)
    body = values.get("body", current.body)
    if body.is_general_assembly:
        raise GovernanceError(
            _(
                "The members of the general assembly are the voting member institutions: they "
                "are not appointed."
            ),
            "general_assembly_members",
        )
    Body.objects.select_for_update().get(pk=body.pk)
    _check_role_free(
        body,
        values.get("role", current.role),
        values.get("starts_on", current.starts_on),
        values.get("ends_on", current.ends_on),
        besides=current,
    )
    return records.save(obj=current, values=values, by=by)


@transaction.atomic
def update_body(*, body: Body, values: dict[str, Any], by: Person) -> Body:
    """The team corrects a body's name, powers, composition or dates; its kind stays."""
    _require_team(by)
    if "kind" in values and values["kind"] != Body.objects.get(pk=body.pk).kind:
        raise GovernanceError(_("A body's kind does not change."), "kind_fixed")
    return records.save(obj=body, values=values, by=by)


def _require_no_meeting_at_work(**items: Any) -> None:
    """The rules of a meeting stay as they were when it was convened, until it closes."""
    at_work = Meeting.objects.filter(
        status__in=[Meeting.Status.CONVENED, Meeting.Status.IN_PROGRESS]
    )
    if items:
        at_work = at_work.filter(**{f"items__{k}": v for k, v in items.items()})
    meeting = at_work.first()
    if meeting is not None:
        raise GovernanceError(
            _("%(meeting)s is convened or in session under these rules: change them after it.")
            % {"meeting": meeting},
            "meeting_at_work",
        )


@transaction.atomic
def save_motion_kind(*, kind: MotionKind, values: dict[str, Any], by: Person) -> MotionKind:
    """The team adds a motion kind or changes its quorum, majority or notice (the statutes'
    rules), not while a meeting that votes on one is convened or in session."""
    _require_team(by)
    if kind.pk:
        _require_no_meeting_at_work(motion_kind=kind)
    return records.save(obj=kind, values=values, by=by)


@transaction.atomic
def save_statutes(*, statutes: Statutes, values: dict[str, Any], by: Person) -> Statutes:
    """The statutes' numbers (proxies, deadlines, shares), not while a meeting is convened or in
    session."""
    _require_team(by)
    if statutes.pk:
        _require_no_meeting_at_work()
    return records.save(obj=statutes, values=values, by=by)


@transaction.atomic
def end_mandate(*, mandate: Mandate, on: datetime.date, by: Person | None) -> Mandate:
    """The team ends a mandate (or the platform: `by` None, when a person's data is erased)."""
    _require_team_or_platform(by)
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if on <= mandate.starts_on or (mandate.ends_on is not None and mandate.ends_on <= on):
        raise GovernanceError(_("The end date must fall within the mandate."), "in_the_past")
    mandate.ends_on = on
    mandate.save(update_fields=["ends_on"])
    audit.record(actor=by, action="mandate.ended", obj=mandate, changes={"ends_on": str(on)})
    return mandate
