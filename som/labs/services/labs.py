"""Every write about a lab itself and its group.

create_lab                 team   a lab that existed before the platform
create_lab_from_proposal   team   a proposal selected in a confirmed decision, exactly once
create_labs_for_decision   (the board's confirmation, som/labs/services/confirmation.py) each selected one
update_lab                 lead or team
change_budget              team   the granted amount
change_status              lead or team   dated and explained, kept in LabStatusChange
invite_member              lead or team   basis checked; an invited expert needs none
accept_lab_invitation / decline_lab_invitation   the invitee; the basis is checked again
end_membership             lead or team   the row stays, with ended_on
report_lapsed_entitlements (daily command)   tells the leads and the team once per lapse (a
                           lead's own lapse: the team and the other leads)
contact_lab                anybody   mails the leads, never showing their addresses
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.accounts.services import create_person
from som.core import audit, invitations
from som.core.errors import DomainError
from som.core.mail import send_mail_on_commit
from som.core.roles import is_team, require_team
from som.finance.services import budgets
from som.labs import selectors
from som.labs.models import Lab, LabMember, LabStatusChange, Proposal, SelectionDecision
from som.labs.services import public_cache
from som.membership.entitlements import lab_participation
from som.network.models import Organisation, Speerpunt

MIN_MONTHS = 12


class LabError(DomainError):
    """Codes: not_team, not_lead, not_member, dates, early_end_reason, not_confirmed,
    already_a_lab, explanation_required, same_status, already_member, not_entitled,
    not_invitee, already_accepted, last_lead, ended, message_required."""


@dataclass(frozen=True)
class LabData:
    """What describes a lab; the same shape for the team's form, the leads' form and the demo."""

    title: str
    starts_on: datetime.date
    planned_end_on: datetime.date
    summary: str = ""
    challenge: str = ""
    early_end_reason: str = ""
    partners: str = ""
    speerpunten: Sequence[Speerpunt] = field(default_factory=list)


# --- Who may ---------------------------------------------------------------------------------------


def require_lead(lab: Lab, by: Person, *, or_team: bool = True) -> None:
    if or_team and is_team(by):
        return
    if not selectors.is_lead(lab, by):
        raise LabError(_("Only the leads of this lab can do this."), "not_lead")


def lock(lab: Lab) -> Lab:
    return Lab.objects.select_for_update().get(pk=lab.pk)


# --- The lab ---------------------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    days_in_month = [31, 29 if _leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return datetime.date(year, month, min(day.day, days_in_month[month - 1]))


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def earliest_end(starts_on: datetime.date) -> datetime.date:
    """12 months: a lab from 1 September may end on 31 August."""
    return add_months(starts_on, MIN_MONTHS) - datetime.timedelta(days=1)


def check_dates(starts_on: datetime.date, planned_end_on: datetime.date, reason: str) -> None:
    """A lab runs at least a year; an earlier end needs a reason."""
    if planned_end_on < starts_on:
        raise LabError(_("The planned end cannot be before the start."), "dates")
    earliest = earliest_end(starts_on)
    if planned_end_on < earliest and not reason.strip():
        raise LabError(
            _(
                "A lab runs at least 12 months: plan the end on %(date)s or later, or give the "
                "reason why this lab ends earlier."
            )
            % {"date": date_format(earliest, "j F Y")},
            "early_end_reason",
        )


def _unique_slug(title: str) -> str:
    base = slugify(title)[:180] or "labo"
    slug, n = base, 2
    while Lab.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(lab: Lab, data: LabData) -> None:
    check_dates(data.starts_on, data.planned_end_on, data.early_end_reason)
    lab.title = data.title.strip()
    lab.summary = data.summary.strip()
    lab.challenge = data.challenge.strip()
    lab.starts_on = data.starts_on
    lab.planned_end_on = data.planned_end_on
    lab.early_end_reason = data.early_end_reason.strip()
    lab.partners = "\n".join(
        line.strip() for line in data.partners.replace(",\n", "\n").splitlines() if line.strip()
    )


def _snapshot(lab: Lab) -> dict[str, str]:
    return {
        "title": lab.title,
        "summary": lab.summary,
        "challenge": lab.challenge,
        "starts_on": str(lab.starts_on),
        "planned_end_on": str(lab.planned_end_on),
        "early_end_reason": lab.early_end_reason,
        "partners": lab.partners,
    }


def _new_lab(
    data: LabData,
    *,
    granted: Decimal,
    status: str,
    by: Person | None,
    proposal: Proposal | None,
    explanation: str = "",
    reason: str = LabStatusChange.Reason.WRITTEN,
    facts: dict[str, str] | None = None,
) -> Lab:
    if not data.title.strip():
        raise LabError(_("Give the lab a title."), "title_required")
    lab = Lab(status=status, proposal=proposal, created_by=by)
    _apply(lab, data)
    lab.slug = _unique_slug(lab.title)
    lab.budget = budgets.create_budget(name=lab.title, granted=granted, by=by)
    lab.full_clean(exclude=["budget", "proposal"])
    try:
        with transaction.atomic():
            lab.save()
    except IntegrityError:
        raise LabError(_("This proposal is already a lab."), "already_a_lab") from None
    lab.speerpunten.set(data.speerpunten)
    LabStatusChange.objects.create(
        lab=lab,
        from_status="",
        to_status=status,
        changed_on=data.starts_on,
        explanation=explanation,
        reason=reason,
        facts=facts or {},
        changed_by=by,
    )
    audit.record(actor=by, action="lab.created", obj=lab, changes=_snapshot(lab))
    public_cache.invalidate()
    return lab


@transaction.atomic
def create_lab(
    *,
    data: LabData,
    granted: Decimal,
    by: Person,
    status: str = Lab.Status.STARTUP,
    explanation: str = "",
) -> Lab:
    """A lab the team enters itself (one that existed before the platform)."""
    require_team(by, error=LabError)
    return _new_lab(
        data,
        granted=granted,
        status=status,
        by=by,
        proposal=None,
        explanation=explanation.strip(),
        reason=LabStatusChange.Reason.ENTERED,
    )


def _lab_from_proposal(proposal: Proposal, by: Person) -> Lab:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if Lab.objects.filter(proposal=proposal).exists():
        raise LabError(_("This proposal is already a lab."), "already_a_lab")
    decision = SelectionDecision.objects.filter(call_id=proposal.call_id).first()
    if decision is None or not decision.selected.filter(pk=proposal.pk).exists():
        raise LabError(
            _("Only a proposal selected in a confirmed selection becomes a lab."), "not_confirmed"
        )
    starts_on = timezone.localdate()
    months = max(proposal.duration_months, MIN_MONTHS)
    data = LabData(
        title=proposal.title,
        summary=proposal.summary,
        challenge=proposal.challenge,
        starts_on=starts_on,
        planned_end_on=add_months(starts_on, months),
        speerpunten=list(proposal.speerpunten.all()),
    )
    lab = _new_lab(
        data,
        granted=proposal.requested_budget,
        status=Lab.Status.STARTUP,
        by=by,
        proposal=proposal,
        reason=LabStatusChange.Reason.SELECTED,
        facts={
            "call": proposal.call.title,
            "decided_on": timezone.localdate(decision.decided_at).isoformat(),
        },
    )
    _first_members(lab, proposal)
    return lab


def _first_members(lab: Lab, proposal: Proposal) -> None:
    """The proposal's starter leads the lab; its co-authors (accepted) are its first members."""
    now = timezone.now()
    starter = proposal.created_by
    rows = [(starter, LabMember.Role.LEAD, False)]
    for coauthor in proposal.coauthors.filter(accepted_at__isnull=False, person__isnull=False):
        assert coauthor.person is not None
        if coauthor.person_id != starter.pk:
            rows.append((coauthor.person, LabMember.Role.MEMBER, coauthor.is_expert))
    for person, role, is_expert in rows:
        LabMember.objects.create(
            lab=lab,
            person=person,
            email=person.email,
            role=role,
            is_expert=is_expert,
            accepted_at=now,
            **_basis(person, lab, is_expert).fields(),
        )


@transaction.atomic
def create_lab_from_proposal(*, proposal: Proposal, by: Person) -> Lab:
    """The team turns a confirmed proposal into its lab (once: Lab.proposal is unique)."""
    require_team(by, error=LabError)
    return _lab_from_proposal(proposal, by)


@transaction.atomic
def create_labs_for_decision(*, decision: SelectionDecision, by: Person) -> list[Lab]:
    """The board's confirmation makes each selected proposal a lab (the caller, the
    confirmation, has checked that `by` is the board)."""
    return [
        _lab_from_proposal(proposal, by)
        for proposal in decision.selected.order_by("pk")
        if not Lab.objects.filter(proposal=proposal).exists()
    ]


@transaction.atomic
def update_lab(*, lab: Lab, data: LabData, by: Person) -> Lab:
    lab = lock(lab)
    require_lead(lab, by)
    before = _snapshot(lab)
    _apply(lab, data)
    if not lab.title:
        raise LabError(_("Give the lab a title."), "title_required")
    lab.full_clean()
    lab.save()
    lab.speerpunten.set(data.speerpunten)
    audit.record(
        actor=by, action="lab.updated", obj=lab, changes=audit.diff(before, _snapshot(lab))
    )
    public_cache.invalidate()
    return lab


@transaction.atomic
def change_budget(*, lab: Lab, granted: Decimal, by: Person) -> Lab:
    require_team(by, error=LabError)
    budgets.change_granted(budget=lab.budget, granted=granted, by=by)
    return lab


@transaction.atomic
def change_status(
    *, lab: Lab, to_status: str, changed_on: datetime.date, explanation: str, by: Person
) -> LabStatusChange:
    lab = lock(lab)
    require_lead(lab, by)
    explanation = explanation.strip()
    if to_status not in Lab.Status.values:
        raise LabError(_("Choose a status."), "bad_status")
    if to_status == lab.status:
        raise LabError(_("The lab already has this status."), "same_status")
    if not explanation:
        raise LabError(_("Explain why the status changes."), "explanation_required")
    change = LabStatusChange.objects.create(
        lab=lab,
        from_status=lab.status,
        to_status=to_status,
        changed_on=changed_on,
        explanation=explanation,
        changed_by=by,
    )
    audit.record(
        actor=by,
        action="lab.status_changed",
        obj=lab,
        changes={"status": [lab.status, to_status], "explanation": explanation},
    )
    lab.status = to_status
    lab.save(update_fields=["status", "updated_at"])
    public_cache.invalidate()
    return change


# --- The group -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Basis:
    """Why a person may take part: the entitlement's code, its sentence to the person (for a
    refusal, said now; never stored) and the member institution they work for (for
    `member_staff`). The member row stores the code and the institution; `takes_part_as` says
    them in the reader's language."""

    code: str
    sentence: str
    organisation: Organisation | None = None

    def fields(self) -> dict[str, Any]:
        return {
            "basis_code": self.code,
            "basis": "",
            "basis_organisation": self.organisation,
        }


def _basis(person: Person, lab: Lab, is_expert: bool) -> _Basis:
    if is_expert:
        return _Basis(
            "invited_expert", str(_("Invited expert of this lab (no membership needed)."))
        )
    entitlement = lab_participation(person, timezone.localdate(), lab)
    membership = entitlement.membership if entitlement.code == "member_staff" else None
    organisation = membership.organisation if membership is not None else None
    return _Basis(entitlement.code, entitlement.reason, organisation)


def lab_url(name: str, **kwargs: object) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


@transaction.atomic
def invite_member(
    *, lab: Lab, email: str, by: Person, is_expert: bool = False, as_lead: bool = False
) -> LabMember:
    """A lead invites by email; a person without an account gets one (they log in with a code).
    Somebody who is not entitled to take part is refused, unless invited as an expert."""
    lab = lock(lab)
    require_lead(lab, by)
    if lab.status in (Lab.Status.FINISHED, Lab.Status.STOPPED):
        raise LabError(_("This lab has ended: it takes no new members."), "ended")
    email = email.strip().lower()
    person = Person.objects.filter(email__iexact=email).first()
    if person is not None and selectors.current_or_invited(lab).filter(person=person).exists():
        raise LabError(
            _("%(email)s is already in this lab or invited.") % {"email": email},
            "already_member",
        )
    invitations.spend(by.pk)  # a lead's invitations count with their others: no bulk mail
    basis = _Basis("", str(_("To be checked when they accept.")))
    if person is not None:
        basis = _basis(person, lab, is_expert)
        if not is_expert and basis.code not in selectors.ENTITLED_CODES:
            raise LabError(
                _(
                    "%(email)s cannot take part as a member: %(reason)s Invite them as an "
                    "invited expert if the group needs their expertise."
                )
                % {"email": email, "reason": basis.sentence},
                "not_entitled",
            )
    else:
        person = create_person(email=email, full_name="", by=by)
        if is_expert:
            basis = _basis(person, lab, True)
    member = LabMember(
        lab=lab,
        person=person,
        email=email,
        role=LabMember.Role.LEAD if as_lead else LabMember.Role.MEMBER,
        is_expert=is_expert,
        invited_by=by,
        **basis.fields(),
    )
    member.full_clean()
    member.save()
    audit.record(
        actor=by,
        action="lab.member_invited",
        obj=lab,
        changes={"email": email, "is_expert": is_expert, "lead": as_lead, "basis": basis.code},
    )
    send_mail_on_commit(
        to=[email],
        template="labs/mail/lab_invitation",
        context={
            "inviter": str(by),
            "lab": lab.title,
            "is_expert": is_expert,
            "url": lab_url("labs:mine"),
        },
        language=person.language,
    )
    return member


def _lock_invitation(member: LabMember, person: Person) -> LabMember:
    locked = LabMember.objects.select_for_update().select_related("lab").get(pk=member.pk)
    if locked.person_id != person.pk or locked.ended_on is not None:
        raise LabError(_("This invitation is not yours."), "not_invitee")
    if locked.accepted_at is not None:
        raise LabError(_("You already accepted this invitation."), "already_accepted")
    return locked


@transaction.atomic
def accept_lab_invitation(*, member: LabMember, person: Person) -> LabMember:
    """The basis is checked again today: a membership may have lapsed since the invitation."""
    member = _lock_invitation(member, person)
    basis = _basis(person, member.lab, member.is_expert)
    if basis.code not in selectors.ENTITLED_CODES:
        raise LabError(
            _("You cannot take part in this lab yet: %(reason)s") % {"reason": basis.sentence},
            "not_entitled",
        )
    fields = basis.fields() | {"accepted_at": timezone.now()}
    for name, value in fields.items():
        setattr(member, name, value)
    member.save(update_fields=list(fields))
    audit.record(actor=person, action="lab.invitation_accepted", obj=member.lab)
    return member


@transaction.atomic
def decline_lab_invitation(*, member: LabMember, person: Person) -> LabMember:
    member = _lock_invitation(member, person)
    member.ended_on = timezone.localdate()
    member.end_reason = str(_("Declined the invitation."))
    member.ended_by = person
    member.save(update_fields=["ended_on", "end_reason", "ended_by"])
    audit.record(actor=person, action="lab.invitation_declined", obj=member.lab)
    return member


@transaction.atomic
def end_membership(*, member: LabMember, by: Person, reason: str = "") -> LabMember:
    """The person leaves the group; the row stays (ended_on) so the history keeps them."""
    lab = lock(member.lab)
    require_lead(lab, by)
    member = LabMember.objects.select_for_update().get(pk=member.pk)
    if member.ended_on is not None:
        raise LabError(_("This membership has already ended."), "ended")
    if (
        member.is_lead
        and member.accepted_at is not None
        and selectors.current_members(lab).filter(role=LabMember.Role.LEAD).count() == 1
    ):
        raise LabError(
            _("A lab needs a lead: invite another lead before this one leaves."), "last_lead"
        )
    member.ended_on = timezone.localdate()
    member.end_reason = reason.strip()[:300]
    member.ended_by = by
    member.save(update_fields=["ended_on", "end_reason", "ended_by"])
    audit.record(
        actor=by,
        action="lab.membership_ended",
        obj=lab,
        changes={"person": member.person_id, "reason": member.end_reason},
    )
    return member


def report_lapsed_entitlements(*, on: datetime.date | None = None) -> list[LabMember]:
    """Members of running labs whose basis no longer counts: the leads and the team are mailed
    once per lapse (`lapse_notified_on`); when the basis counts again the mark is cleared."""
    day = on or timezone.localdate()
    reported = []
    for member in selectors.members_to_check():
        entitlement = lab_participation(member.person, day, member.lab)
        with transaction.atomic():
            locked = LabMember.objects.select_for_update().get(pk=member.pk)
            if entitlement.granted:
                if locked.lapse_notified_on is not None:
                    locked.lapse_notified_on = None
                    locked.save(update_fields=["lapse_notified_on"])
                continue
            if locked.lapse_notified_on is not None:
                continue
            locked.lapse_notified_on = day
            locked.save(update_fields=["lapse_notified_on"])
            audit.record(
                actor=None,
                action="lab.entitlement_lapsed",
                obj=member.lab,
                changes={"person": member.person_id, "reason": entitlement.code},
            )
            # A lead whose own basis lapsed is not asked to decide about themselves: the team
            # and the other leads are told.
            leads = [e for e in selectors.lead_emails(member.lab) if e != member.person.email]
            send_mail_on_commit(
                to=[*leads, settings.SOM_TEAM_EMAIL],
                template="labs/mail/entitlement_lapsed",
                context={
                    "lab": member.lab.title,
                    "person": str(member.person),
                    "is_lead": member.is_lead,
                    "reason": entitlement.reason,
                    "reason_code": entitlement.code,
                    "url": lab_url("labs:group", slug=member.lab.slug),
                },
            )
            reported.append(locked)
    return reported


# --- Contact -----------------------------------------------------------------------------------------


def contact_lab(*, lab: Lab, name: str, email: str, message: str) -> None:
    """A visitor's message to the leads; the leads answer the visitor themselves, so their own
    addresses are never shown on the site."""
    if not message.strip():
        raise LabError(_("Write a message."), "message_required")
    leads = selectors.lead_emails(lab)
    send_mail_on_commit(
        to=leads or [settings.SOM_TEAM_EMAIL],
        template="labs/mail/contact_lab",
        context={"lab": lab.title, "name": name, "email": email, "message": message},
        reply_to=[email],
    )
    audit.record(actor=None, action="lab.contacted", obj=lab, changes={"from": email})


@transaction.atomic
def end_memberships_of_erased(*, person: Person) -> list[LabMember]:
    """The person's account is erased: their current lab memberships and open invitations end
    (a last lead leaves the lab without one: the team is told by the lab's control page); the
    rows stay, nameless, for the lab's history."""
    ended = []
    current = LabMember.objects.select_for_update().filter(person=person, ended_on__isnull=True)
    for member in current.select_related("lab"):
        member.ended_on = timezone.localdate()
        member.end_reason = ""
        member.ended_by = None
        member.save(update_fields=["ended_on", "end_reason", "ended_by"])
        audit.record(
            actor=None,
            action="lab.membership_ended",
            obj=member.lab,
            changes={"person": member.person_id, "reason": "erasure"},
        )
        ended.append(member)
    if ended:
        public_cache.invalidate()
    return ended
