"""Every write of lab proposals: start, edit together, invite, submit, screen, schedule a pitch.

The live vote, its result and the board's confirmation are in `selection*.py`.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.accounts.selectors import verified_emails
from som.core import audit, invitations, page_cache
from som.core.errors import DomainError
from som.core.mail import send_mail_on_commit
from som.core.roles import require_team
from som.events.models import ProgrammeItem
from som.labs import eligibility, selectors
from som.labs.models import BudgetLine, Call, CoAuthor, Proposal, ProposalRevision
from som.membership.entitlements import lab_participation
from som.network.models import Speerpunt


class ProposalError(DomainError):
    pass


@dataclass(frozen=True)
class BudgetLineData:
    description: str
    amount: Decimal


@dataclass(frozen=True)
class ProposalData:
    """What the authors write; the same shape for the editor, the API and the demo data."""

    title: str
    summary: str = ""
    challenge: str = ""
    beyond_one_school: str = ""
    approach: str = ""
    duration_months: int = 12
    expertise_needed: str = ""
    room_needed: str = ""
    speerpunten: Sequence[Speerpunt] = ()
    budget_lines: Sequence[BudgetLineData] = field(default_factory=list)


TEXT_FIELDS = selectors.SNAPSHOT_FIELDS


def _lock(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)


def _require_open(call: Call) -> None:
    if not call.is_open:
        raise ProposalError(_("This call no longer takes proposals."), "call_closed")
    if timezone.now() > call.deadline:
        raise ProposalError(
            _("The deadline of this call has passed: proposals are no longer accepted."),
            "deadline_passed",
        )


def is_author(proposal: Proposal, person: Person) -> bool:
    return (
        proposal.created_by_id == person.pk
        or proposal.coauthors.filter(person=person, accepted_at__isnull=False).exists()
    )


def _require_author(proposal: Proposal, by: Person) -> None:
    if not is_author(proposal, by):
        raise ProposalError(_("Only the authors of this proposal can do this."), "not_author")


def _require_draft(proposal: Proposal) -> None:
    if not proposal.is_draft:
        raise ProposalError(
            _("This proposal has been submitted and can no longer be changed."), "not_draft"
        )


def _revise(proposal: Proposal, by: Person, before: dict[str, Any], action: str) -> bool:
    """Keep a snapshot and an audit entry when the content changed; say whether it did."""
    after = selectors.snapshot(proposal)
    if after == before:
        return False
    ProposalRevision.objects.create(proposal=proposal, author=by, snapshot=after)
    audit.record(actor=by, action=action, obj=proposal, changes=audit.diff(before, after))
    return True


@transaction.atomic
def start_proposal(*, call: Call, by: Person, title: str) -> Proposal:
    """The starter becomes its first co-author; the first revision keeps the title."""
    entitlement = lab_participation(by, timezone.localdate())
    if not entitlement.granted:
        raise ProposalError(
            _("You cannot start a lab proposal: %(reason)s") % {"reason": entitlement.reason},
            "not_entitled",
        )
    call = Call.objects.select_for_update().get(pk=call.pk)
    _require_open(call)
    proposal = Proposal(call=call, title=title.strip(), created_by=by)
    proposal.full_clean()
    proposal.save()
    CoAuthor.objects.create(
        proposal=proposal, email=by.email, person=by, invited_by=by, accepted_at=timezone.now()
    )
    _revise(proposal, by, {}, "proposal.started")
    return proposal


@transaction.atomic
def update_proposal(*, proposal: Proposal, by: Person, data: ProposalData) -> Proposal:
    """Any author edits while it is a draft. The budget lines are replaced by `data`'s."""
    proposal = _lock(proposal)
    _require_author(proposal, by)
    _require_draft(proposal)
    before = selectors.snapshot(proposal)
    for name in TEXT_FIELDS:
        value = getattr(data, name)
        setattr(proposal, name, value.strip() if isinstance(value, str) else value)
    proposal.full_clean()
    proposal.save()
    proposal.speerpunten.set(data.speerpunten)
    proposal.budget_lines.all().delete()
    lines = [
        BudgetLine(
            proposal=proposal, description=line.description.strip(), amount=line.amount, position=n
        )
        for n, line in enumerate(data.budget_lines)
        if line.description.strip()
    ]
    for line in lines:
        line.full_clean(exclude=["proposal"])
    BudgetLine.objects.bulk_create(lines)
    _revise(proposal, by, before, "proposal.updated")
    return proposal


@transaction.atomic
def invite_coauthor(
    *, proposal: Proposal, email: str, by: Person, is_expert: bool = False
) -> CoAuthor:
    """Co-authors are invited while the proposal is a draft; experts may join later too. Nobody
    gets an account for it: the invitee accepts logged in with this address (or after signing up
    with it). The answer is the same whether the address has an account or not."""
    proposal = _lock(proposal)
    _require_author(proposal, by)
    if not is_expert:
        _require_draft(proposal)
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ProposalError(_("Give a valid email address to invite."), "invalid_email") from None
    if proposal.coauthors.filter(email__iexact=email).exists():
        raise ProposalError(
            _("%(email)s is already invited.") % {"email": email}, "already_invited"
        )
    invitations.spend(by.pk)
    coauthor = CoAuthor(
        proposal=proposal,
        email=email,
        is_expert=is_expert,
        invited_by=by,
        expires_at=invitations.expiry(),
    )
    coauthor.full_clean()
    coauthor.save()
    audit.record(
        actor=by,
        action="proposal.coauthor_invited",
        obj=proposal,
        changes={"email": email, "is_expert": is_expert},
    )
    known = Person.objects.filter(email__iexact=email).first()
    language = known.language if known is not None else "nl"
    send_mail_on_commit(
        to=[email],
        template="labs/mail/invitation",
        context={
            "inviter": str(by),
            "proposal": proposal.title,
            "call": proposal.call.title,
            "is_expert": is_expert,
            "deadline": proposal.call.deadline.isoformat(),
            "email": email,
            "url": _mine_url(language),
        },
        language=language,
    )
    return coauthor


def _mine_url(language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL.rstrip("/") + reverse("labs:mine")


def _lock_invitation(coauthor: CoAuthor, person: Person) -> CoAuthor:
    """An open invitation to one of the person's verified addresses, locked."""
    locked = CoAuthor.objects.select_for_update().select_related("proposal").get(pk=coauthor.pk)
    if locked.accepted_at is not None:
        raise ProposalError(_("This invitation has already been accepted."), "already_accepted")
    if locked.email.lower() not in verified_emails(person):
        raise ProposalError(
            _(
                "This invitation was sent to %(email)s. Log in with that address (or add it to "
                "your account and confirm it) to answer it."
            )
            % {"email": locked.email},
            "not_invitee",
        )
    return locked


@transaction.atomic
def accept_invitation(*, coauthor: CoAuthor, person: Person) -> CoAuthor:
    """The invitee becomes an author (a co-author, or an invited expert)."""
    coauthor = _lock_invitation(coauthor, person)
    if coauthor.expires_at is not None and coauthor.expires_at <= timezone.now():
        raise ProposalError(
            _("This invitation has expired: ask the authors to invite you again."), "expired"
        )
    if not coauthor.is_expert:
        _require_draft(coauthor.proposal)
    if coauthor.proposal.coauthors.filter(person=person).exists():
        raise ProposalError(_("You are already an author of this proposal."), "already_author")
    coauthor.person = person
    coauthor.accepted_at = timezone.now()
    coauthor.save(update_fields=["person", "accepted_at"])
    audit.record(actor=person, action="proposal.invitation_accepted", obj=coauthor.proposal)
    return coauthor


@transaction.atomic
def decline_invitation(*, coauthor: CoAuthor, person: Person) -> Proposal:
    """The invitation goes away; the audit log keeps that it was declined."""
    coauthor = _lock_invitation(coauthor, person)
    proposal = coauthor.proposal
    coauthor.delete()
    audit.record(
        actor=person,
        action="proposal.invitation_declined",
        obj=proposal,
        changes={"email": coauthor.email},
    )
    return proposal


def author_emails(proposal: Proposal) -> list[str]:
    return list(
        proposal.coauthors.filter(accepted_at__isnull=False)
        .values_list("person__email", flat=True)
        .order_by("pk")
    )


@transaction.atomic
def submit_proposal(*, proposal: Proposal, by: Person) -> Proposal:
    """Re-checks the deadline and every eligibility rule on the day of submission."""
    proposal = _lock(proposal)
    _require_author(proposal, by)
    _require_draft(proposal)
    _require_open(proposal.call)
    if not proposal.title.strip() or not proposal.challenge.strip():
        raise ProposalError(
            _("Write at least the title and the challenge before you submit."), "incomplete"
        )
    failing = eligibility.unmet(selectors.eligibility_of(proposal, timezone.localdate()))
    if failing:
        reasons = " ".join(
            f"{rule.title}: {rule.explanation} {rule.fix}".strip() for rule in failing
        )
        raise ProposalError(
            _("The proposal cannot be submitted yet. %(reasons)s") % {"reasons": reasons},
            failing[0].code,
        )
    proposal.status = Proposal.Status.SUBMITTED
    proposal.submitted_at = timezone.now()
    proposal.save(update_fields=["status", "submitted_at", "updated_at"])
    audit.record(actor=by, action="proposal.submitted", obj=proposal)
    send_mail_on_commit(
        to=author_emails(proposal),
        template="labs/mail/submitted",
        context={"proposal": proposal.title, "call": proposal.call.title, "by": str(by)},
    )
    return proposal


SCREENABLE = (Proposal.Status.SUBMITTED, Proposal.Status.ELIGIBLE, Proposal.Status.NOT_ELIGIBLE)


@transaction.atomic
def screen_proposal(*, proposal: Proposal, eligible: bool, reason: str, by: Person) -> Proposal:
    """After the deadline the team says whether a submitted proposal is eligible. A refusal needs
    a reason, which is mailed to the authors. A decision may be revised until the vote."""
    require_team(by, error=ProposalError)
    proposal = _lock(proposal)
    if proposal.status not in SCREENABLE:
        raise ProposalError(_("Only a submitted proposal can be screened."), "not_submitted")
    if timezone.now() <= proposal.call.deadline:
        raise ProposalError(
            _("Screening starts after the deadline of the call."), "before_deadline"
        )
    reason = reason.strip()
    if not eligible and not reason:
        raise ProposalError(
            _("Say why the proposal is not eligible: the authors receive the reason."),
            "reason_required",
        )
    proposal.status = Proposal.Status.ELIGIBLE if eligible else Proposal.Status.NOT_ELIGIBLE
    proposal.screening_reason = "" if eligible else reason
    proposal.screened_at = timezone.now()
    proposal.screened_by = by
    if not eligible:
        proposal.pitch_slot = None
    proposal.save()
    audit.record(
        actor=by,
        action="proposal.screened",
        obj=proposal,
        changes={"status": proposal.status, "reason": proposal.screening_reason},
    )
    if not eligible:
        send_mail_on_commit(
            to=author_emails(proposal),
            template="labs/mail/not_eligible",
            context={"proposal": proposal.title, "call": proposal.call.title, "reason": reason},
        )
    return proposal


@transaction.atomic
def schedule_pitch(*, proposal: Proposal, slot: ProgrammeItem, order: int, by: Person) -> Proposal:
    """An eligible proposal gets a place in a pitch slot of its call's network day."""
    require_team(by, error=ProposalError)
    proposal = _lock(proposal)
    if not proposal.is_eligible:
        raise ProposalError(_("Only an eligible proposal can be pitched."), "not_eligible")
    if slot.kind != ProgrammeItem.Kind.PITCH or slot.event_id != proposal.call.network_day_id:
        raise ProposalError(
            _("Choose a pitch slot of the network day of this call."), "not_a_pitch_slot"
        )
    if order < 0:
        raise ProposalError(_("The order is a number from 0 up."), "bad_order")
    proposal.pitch_slot = slot
    proposal.pitch_order = order
    proposal.save(update_fields=["pitch_slot", "pitch_order", "updated_at"])
    audit.record(
        actor=by,
        action="proposal.pitch_scheduled",
        obj=proposal,
        changes={"slot": str(slot), "order": order},
    )
    page_cache.invalidate()  # the network day's programme shows its pitches
    return proposal


@transaction.atomic
def unschedule_pitch(*, proposal: Proposal, by: Person) -> Proposal:
    require_team(by, error=ProposalError)
    proposal = _lock(proposal)
    proposal.pitch_slot = None
    proposal.save(update_fields=["pitch_slot", "updated_at"])
    audit.record(actor=by, action="proposal.pitch_unscheduled", obj=proposal)
    page_cache.invalidate()
    return proposal
