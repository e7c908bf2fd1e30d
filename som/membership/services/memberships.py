"""Memberships once approved: their invoice and payment, the year's renewal, reminders and lapse,
leaving (resignation, exclusion), the representative, and the roles of an erased person."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit
from som.core.mail import send_mail_on_commit
from som.finance import services as finance
from som.finance.models import Invoice
from som.membership import selectors
from som.membership.errors import MembershipError
from som.membership.models import (
    Membership,
    MembershipYear,
    RegisterEntry,
    Tariff,
)
from som.membership.services import register
from som.network.selectors import organisations_contacted_by, organisations_of

# --- Invoices and payment -------------------------------------------------------------------------


def _holder(membership: Membership, recipient: Person) -> finance.Holder:
    organisation = membership.organisation
    if organisation is not None:
        address = ", ".join(
            part
            for part in [organisation.street, f"{organisation.postal_code} {organisation.city}"]
            if part.strip()
        )
        return finance.Holder(
            name=organisation.name,
            email=recipient.email,
            address=address,
            organisation=organisation,
        )
    assert membership.person is not None
    return finance.Holder(
        name=str(membership.person), email=membership.person.email, person=membership.person
    )


def _invoice(membership: Membership, *, recipient: Person, by: Person | None) -> Invoice:
    invoice = finance.issue_invoice(
        purpose=Invoice.Purpose.MEMBERSHIP,
        subject_id=membership.pk,
        holder=_holder(membership, recipient),
        description=_("%(type)s %(network)s %(year)s (%(tariff)s)")
        % {
            "type": membership.membership_type.name,
            "network": settings.SOM_NETWORK_NAME,
            "year": membership.year.year,
            "tariff": membership.tariff.get_code_display(),
        },
        amount=membership.tariff.amount,
        by=by,
    )
    finance.mail_invoice(invoice=invoice, language=recipient.language)
    return invoice


def on_invoice_paid(invoice: Invoice, by: Person | None) -> None:
    """Registered with finance.settlement: a paid membership invoice activates the membership."""
    assert invoice.subject_id is not None
    membership = Membership.objects.select_for_update().get(pk=invoice.subject_id)
    if membership.status != Membership.Status.AWAITING_PAYMENT:
        return
    paid_on = invoice.paid_on or timezone.localdate()
    membership.status = Membership.Status.ACTIVE
    if membership.counts_from is None:
        early = membership.application is not None and membership.application.counts_from_payment
        membership.counts_from = paid_on if early else max(paid_on, membership.year.starts_on)
    membership.save(update_fields=["status", "counts_from", "updated_at"])
    audit.record(actor=by, action="membership.activated", obj=membership)
    if (
        membership.membership_type.gives_vote
        and membership.organisation is not None
        and not selectors.is_registered_member(membership.organisation)
    ):
        decided = membership.application.decided_at if membership.application else None
        register.append(
            organisation=membership.organisation,
            kind=RegisterEntry.Kind.ADMISSION,
            decision_date=timezone.localdate(decided) if decided else paid_on,
            by=by,
            representative=membership.representative,
        )
    recipient = _recipient(membership)
    send_mail_on_commit(
        to=[recipient.email],
        template="membership/mail/membership_active",
        context={
            "name": recipient.get_short_name(),
            "holder": membership.holder_name,
            "year": membership.year.year,
        },
        language=recipient.language,
    )


def _recipient(membership: Membership) -> Person:
    """Who hears about a membership: its representative, else the applicant, else the holder."""
    if membership.representative is not None:
        return membership.representative
    if membership.application is not None:
        return membership.application.applicant
    assert membership.person is not None
    return membership.person


# --- Renewal, reminders and lapse -----------------------------------------------------------------


@transaction.atomic
def open_year(*, year: int, by: Person | None) -> MembershipYear:
    """The membership year `year`, created when missing: a calendar year with the payment
    rhythm of the year before (the team can change it in the back office)."""
    existing = MembershipYear.objects.filter(year=year).first()
    if existing is not None:
        return existing
    previous = MembershipYear.objects.filter(year__lt=year).order_by("-year").first()
    rhythm = (
        {
            "first_reminder_after_days": previous.first_reminder_after_days,
            "second_reminder_after_days": previous.second_reminder_after_days,
            "grace_days": previous.grace_days,
        }
        if previous
        else {}
    )
    try:
        with transaction.atomic():
            membership_year = MembershipYear.objects.create(
                year=year,
                starts_on=datetime.date(year, 1, 1),
                ends_on=datetime.date(year, 12, 31),
                **rhythm,
            )
    except IntegrityError:  # opened at the same moment by another request
        return MembershipYear.objects.get(year=year)
    audit.record(actor=by, action="membership_year.opened", obj=membership_year)
    return membership_year


def renew_all(*, year: MembershipYear, by: Person | None) -> list[Membership]:
    """Create and invoice next year's membership of every member that is active now. Running it
    twice renews nobody twice (a membership has at most one renewal)."""
    renewed = []
    for previous in selectors.renewable_memberships(year):
        membership = _renew(previous, year=year, by=by)
        if membership is not None:
            renewed.append(membership)
    return renewed


@transaction.atomic
def _renew(previous: Membership, *, year: MembershipYear, by: Person | None) -> Membership | None:
    previous = Membership.objects.select_for_update().get(pk=previous.pk)
    if hasattr(previous, "renewal"):
        return None
    tariff = Tariff.objects.filter(pk=previous.tariff_id, is_active=True).first() or (
        Tariff.objects.filter(
            membership_type=previous.membership_type, code=Tariff.Code.STANDARD, is_active=True
        ).first()
    )
    if tariff is None:
        return None
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                membership_type=previous.membership_type,
                tariff=tariff,
                year=year,
                organisation=previous.organisation,
                person=previous.person,
                renewal_of=previous,
                representative=previous.representative,
                counts_from=year.starts_on,
            )
    except IntegrityError:
        return None  # the holder already has a membership for that year
    audit.record(actor=by, action="membership.renewed", obj=membership)
    _invoice(membership, recipient=_recipient(previous), by=by)
    return membership


def send_reminders_and_lapse(*, today: datetime.date, by: Person | None = None) -> dict[str, int]:
    """Daily: remind the holders of unpaid membership invoices (twice at most, at the year's
    intervals) and let memberships lapse once the grace period is over."""
    done = {"first_reminder": 0, "second_reminder": 0, "lapsed": 0}
    for membership, invoice in selectors.unpaid_memberships():
        done_now = _remind_or_lapse(membership, invoice, today=today, by=by)
        if done_now:
            done[done_now] += 1
    return done


@transaction.atomic
def _remind_or_lapse(
    membership: Membership, invoice: Invoice, *, today: datetime.date, by: Person | None
) -> str | None:
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status != Invoice.Status.OPEN:
        return None
    year = membership.year
    overdue = (today - invoice.due_on).days
    if overdue >= year.grace_days:
        _lapse(membership, invoice, today=today, by=by)
        return "lapsed"
    due = [year.first_reminder_after_days, year.second_reminder_after_days]
    if invoice.reminders_sent < len(due) and overdue >= due[invoice.reminders_sent]:
        finance.mark_reminded(invoice=invoice, on=today)
        finance.mail_invoice(
            invoice=invoice, language=_recipient(membership).language, reminder=True
        )
        return "first_reminder" if invoice.reminders_sent == 1 else "second_reminder"
    return None


def _lapse(
    membership: Membership, invoice: Invoice, *, today: datetime.date, by: Person | None
) -> None:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership.status = Membership.Status.LAPSED
    membership.ended_on = today
    membership.save(update_fields=["status", "ended_on", "updated_at"])
    finance.cancel_invoice(
        invoice=invoice, reason=_("Membership lapsed: not paid within the grace period."), by=by
    )
    audit.record(actor=by, action="membership.lapsed", obj=membership)
    if (
        membership.membership_type.gives_vote
        and membership.organisation is not None
        and selectors.is_registered_member(membership.organisation)
    ):
        register.append(
            organisation=membership.organisation,
            kind=RegisterEntry.Kind.LAPSE,
            decision_date=today,
            by=by,
        )
    recipient = _recipient(membership)
    send_mail_on_commit(
        to=[recipient.email],
        template="membership/mail/membership_lapsed",
        context={
            "name": recipient.get_short_name(),
            "holder": membership.holder_name,
            "year": membership.year.year,
        },
        language=recipient.language,
    )


# --- Leaving --------------------------------------------------------------------------------------


def _end(
    membership: Membership,
    *,
    status: str,
    kind: str,
    decision_date: datetime.date,
    by: Person | None,
    note: str,
) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status not in (Membership.Status.ACTIVE, Membership.Status.AWAITING_PAYMENT):
        raise MembershipError(_("This membership has already ended."), "already_ended")
    membership.status = status
    membership.ended_on = decision_date
    membership.save(update_fields=["status", "ended_on", "updated_at"])
    audit.record(actor=by, action=f"membership.{status}", obj=membership, changes={"note": note})
    for invoice in Invoice.objects.filter(
        purpose=Invoice.Purpose.MEMBERSHIP, subject_id=membership.pk, status=Invoice.Status.OPEN
    ):
        finance.cancel_invoice(invoice=invoice, reason=str(membership.get_status_display()), by=by)
    if membership.organisation is not None and selectors.is_registered_member(
        membership.organisation
    ):
        register.append(
            organisation=membership.organisation,
            kind=kind,
            decision_date=decision_date,
            by=by,
            note=note,
        )
    return membership


@transaction.atomic
def resign(
    *, membership: Membership, by: Person, on: datetime.date | None = None, note: str = ""
) -> Membership:
    """The member resigns (in writing to the board: this form is that writing)."""
    holder_ok = (
        by.is_staff
        or membership.person_id == by.pk
        or (
            membership.organisation is not None
            and organisations_contacted_by(by).filter(pk=membership.organisation.pk).exists()
        )
    )
    if not holder_ok:
        raise MembershipError(_("Only the member can resign."), "not_member")
    return _end(
        membership,
        status=Membership.Status.ENDED,
        kind=RegisterEntry.Kind.RESIGNATION,
        decision_date=on or timezone.localdate(),
        by=by,
        note=note,
    )


@transaction.atomic
def exclude(
    *, membership: Membership, decision_date: datetime.date, decision: str, by: Person | None
) -> Membership:
    """Only the general assembly excludes a member; governance calls this with its decision."""
    if not decision.strip():
        raise MembershipError(
            _("An exclusion needs the general assembly's decision."), "decision_required"
        )
    return _end(
        membership,
        status=Membership.Status.EXCLUDED,
        kind=RegisterEntry.Kind.EXCLUSION,
        decision_date=decision_date,
        by=by,
        note=decision,
    )


@transaction.atomic
def change_representative(
    *, membership: Membership, representative: Person, by: Person
) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not (
        by.is_staff
        or (
            membership.organisation is not None
            and organisations_contacted_by(by).filter(pk=membership.organisation.pk).exists()
        )
    ):
        raise MembershipError(
            _("Only the contact person or the team can change the representative."), "not_contact"
        )
    if membership.organisation is None or membership.status not in (
        Membership.Status.ACTIVE,
        Membership.Status.AWAITING_PAYMENT,
    ):
        raise MembershipError(
            _("Only a running membership of an organisation has a representative."),
            "not_running",
        )
    if not organisations_of(representative).filter(pk=membership.organisation.pk).exists():
        raise MembershipError(
            _("The representative must work for %(organisation)s.")
            % {"organisation": membership.organisation},
            "not_staff",
        )
    membership.representative = representative
    membership.save(update_fields=["representative", "updated_at"])
    audit.record(
        actor=by,
        action="membership.representative_changed",
        obj=membership,
        changes={"representative": representative.email},
    )
    if membership.organisation is not None and selectors.is_registered_member(
        membership.organisation
    ):
        register.append(
            organisation=membership.organisation,
            kind=RegisterEntry.Kind.REPRESENTATIVE,
            decision_date=timezone.localdate(),
            by=by,
            representative=representative,
        )
    return membership


# --- Erasure --------------------------------------------------------------------------------------


@transaction.atomic
def end_roles_of_erased(*, person: Person) -> None:
    """The person's account is erased: they represent no member any more (the general assembly
    hears the contact person instead, and the member register of a running member says so), and
    their own lab membership ends as a resignation."""
    today = timezone.localdate()
    running = (Membership.Status.ACTIVE, Membership.Status.AWAITING_PAYMENT)
    represented = Membership.objects.filter(representative=person).order_by("pk")
    for membership in represented.select_for_update():
        membership.representative = None
        membership.save(update_fields=["representative", "updated_at"])
        audit.record(actor=None, action="membership.representative_erased", obj=membership)
        organisation = membership.organisation
        if (
            membership.status in running
            and organisation is not None
            and selectors.is_registered_member(organisation)
        ):
            register.append(
                organisation=organisation,
                kind=RegisterEntry.Kind.REPRESENTATIVE,
                decision_date=today,
                by=None,
            )
    for membership in Membership.objects.filter(person=person, status__in=running):
        _end(
            membership,
            status=Membership.Status.ENDED,
            kind=RegisterEntry.Kind.RESIGNATION,
            decision_date=today,
            by=None,
            note="erasure",
        )
