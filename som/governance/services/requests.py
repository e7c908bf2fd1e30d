"""Members ask: a general assembly (a meeting request, 1/5 of the members) or an item on the
agenda (an agenda proposal, 1/20), each with one signature per member."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit
from som.governance import selectors
from som.governance.models import (
    AgendaProposal,
    Meeting,
    MeetingRequest,
    MotionKind,
    ProposalSignature,
    RequestSignature,
)
from som.governance.services._common import GovernanceError, _require_status, _require_voter
from som.governance.services.meetings import _add_item
from som.network.models import Organisation


@transaction.atomic
def request_meeting(
    *, reason: str, organisation: Organisation, by: Person, now: datetime.datetime | None = None
) -> MeetingRequest:
    """A member asks for a general assembly; other members co-sign until 1/5 have signed."""
    now = now or timezone.now()
    _require_voter(by, organisation, timezone.localdate(now))
    if not reason.strip():
        raise GovernanceError(_("Say what the meeting should decide."), "invalid_item")
    request = MeetingRequest.objects.create(reason=reason, created_by=by)
    audit.record(actor=by, action="meeting_request.created", obj=request)
    return _sign_request(request, organisation, by, now)


@transaction.atomic
def sign_meeting_request(
    *,
    request: MeetingRequest,
    organisation: Organisation,
    by: Person,
    now: datetime.datetime | None = None,
) -> MeetingRequest:
    now = now or timezone.now()
    _require_voter(by, organisation, timezone.localdate(now))
    return _sign_request(request, organisation, by, now)


def _signature(
    model: type[RequestSignature] | type[ProposalSignature],
    organisation: Organisation,
    **fields: Any,
) -> None:
    """One signature per member (a unique constraint): a second one is refused, not doubled."""
    try:
        with transaction.atomic():
            model.objects.create(organisation=organisation, **fields)
    except IntegrityError:
        raise GovernanceError(
            _("%(organisation)s has already signed.") % {"organisation": organisation},
            "already_signed",
        ) from None


def _sign_request(
    request: MeetingRequest, organisation: Organisation, by: Person, now: datetime.datetime
) -> MeetingRequest:
    request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    _signature(RequestSignature, organisation, request=request, person=by, signed_at=now)
    audit.record(actor=by, action="meeting_request.signed", obj=request)
    today = timezone.localdate(now)
    if request.received_on is None and request_signed_enough(request, today):
        request.received_on = today
        request.save(update_fields=["received_on", "updated_at"])
        audit.record(actor=by, action="meeting_request.received", obj=request)
    return request


def _signing_members(organisation_ids: Sequence[int], on: datetime.date) -> int:
    return (
        selectors.voting_memberships(on)
        .filter(organisation_id__in=organisation_ids)
        .values("organisation_id")
        .distinct()
        .count()
    )


def request_signed_enough(request: MeetingRequest, on: datetime.date) -> bool:
    needed = selectors.signatures_needed(
        selectors.statutes().request_share, selectors.member_count(on)
    )
    signed = list(request.signatures.values_list("organisation_id", flat=True))
    return _signing_members(signed, on) >= needed


@transaction.atomic
def propose_agenda_item(
    *,
    meeting: Meeting,
    title: str,
    motion: str,
    motion_kind: MotionKind,
    organisation: Organisation,
    by: Person,
    now: datetime.datetime | None = None,
) -> AgendaProposal:
    """A member proposes an item; once 1/20 of the members have signed it goes on the agenda."""
    now = now or timezone.now()
    _require_voter(by, organisation, timezone.localdate(now))
    _require_status(meeting, Meeting.Status.DRAFT, Meeting.Status.CONVENED)
    if not title.strip() or not motion.strip():
        raise GovernanceError(_("Give a title and the proposed decision."), "invalid_item")
    proposal = AgendaProposal.objects.create(
        meeting=meeting, title=title, motion=motion, motion_kind=motion_kind, created_by=by
    )
    audit.record(actor=by, action="agenda_proposal.created", obj=proposal)
    return _sign_proposal(proposal, organisation, by, now)


@transaction.atomic
def sign_agenda_proposal(
    *,
    proposal: AgendaProposal,
    organisation: Organisation,
    by: Person,
    now: datetime.datetime | None = None,
) -> AgendaProposal:
    now = now or timezone.now()
    _require_voter(by, organisation, timezone.localdate(now))
    return _sign_proposal(proposal, organisation, by, now)


def _sign_proposal(
    proposal: AgendaProposal, organisation: Organisation, by: Person, now: datetime.datetime
) -> AgendaProposal:
    proposal = AgendaProposal.objects.select_for_update().get(pk=proposal.pk)
    _signature(ProposalSignature, organisation, proposal=proposal, person=by, signed_at=now)
    audit.record(actor=by, action="agenda_proposal.signed", obj=proposal)
    today = timezone.localdate(now)
    needed = selectors.signatures_needed(
        selectors.statutes().proposal_share, selectors.member_count(today)
    )
    signed = list(proposal.signatures.values_list("organisation_id", flat=True))
    if not hasattr(proposal, "item") and _signing_members(signed, today) >= needed:
        _add_item(
            meeting=proposal.meeting,
            title=proposal.title,
            by=by,
            motion_kind=proposal.motion_kind,
            motion=proposal.motion,
            description=_("Proposed by %(n)d members.") % {"n": len(signed)},
            proposal=proposal,
            now=now,
        )
    return proposal
