"""Every write about memberships: applications, approval, activation, renewal, reminders,
lapse, resignation, exclusion and the member register."""

import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit, page_cache, records
from som.core.changes import RowChanges
from som.core.mail import send_mail_on_commit
from som.core.roles import require_team
from som.finance import services as finance
from som.finance.models import Invoice
from som.membership import selectors, years
from som.membership.errors import MembershipError as MembershipError  # callers catch it here
from som.membership.models import (
    Application,
    Membership,
    MembershipType,
    MembershipYear,
    RegisterEntry,
    Tariff,
)
from som.membership.services import register
from som.network.models import Organisation
from som.network.selectors import organisations_contacted_by, organisations_of

# --- Applying -------------------------------------------------------------------------------------


def _check_applicant(
    *, applicant: Person, membership_type: MembershipType, organisation: Organisation | None
) -> None:
    general = membership_type.requires_instellingsnummer
    if organisation is None:
        if general:
            raise MembershipError(
                _(
                    "General membership is for education institutions with an institution "
                    "number. Apply for your school, or take a lab membership for yourself."
                ),
                "general_needs_organisation",
            )
        return
    if not (applicant.is_staff or organisations_contacted_by(applicant).filter(pk=organisation.pk)):
        raise MembershipError(
            _("Only the contact person of %(organisation)s can apply for it.")
            % {"organisation": organisation},
            "not_contact",
        )
    if general and not organisation.instellingsnummer:
        raise MembershipError(
            _(
                "%(organisation)s has no institution number, so it cannot take a general "
                "membership. Add the number to its details, or choose a lab membership."
            )
            % {"organisation": organisation},
            "no_instellingsnummer",
        )
    if not general and organisation.instellingsnummer:
        raise MembershipError(
            _(
                "%(organisation)s has an institution number: education institutions take a "
                "general membership, which includes everything a lab membership gives."
            )
            % {"organisation": organisation},
            "institution_takes_general",
        )


def _check_tariff(*, membership_type: MembershipType, tariff: Tariff, justification: str) -> None:
    if tariff.membership_type_id != membership_type.pk or not tariff.is_active:
        raise MembershipError(_("This tariff is not offered for this membership."), "bad_tariff")
    if tariff.asks_justification and not justification.strip():
        raise MembershipError(
            _("Explain briefly why you ask for the reduced tariff."), "justification_required"
        )


@transaction.atomic
def apply(
    *,
    applicant: Person,
    membership_type: MembershipType,
    tariff: Tariff,
    year: MembershipYear | int,
    organisation: Organisation | None = None,
    justification: str = "",
) -> Application:
    """A contact person applies for their organisation, or a person for themselves.

    `year` is a year the settings offer today (a number: its row is opened when missing), or a
    row the team opened that is not over."""
    _check_applicant(
        applicant=applicant, membership_type=membership_type, organisation=organisation
    )
    _check_tariff(membership_type=membership_type, tariff=tariff, justification=justification)
    year, counts_from_payment = _year_to_apply_for(year, today=timezone.localdate())
    holder: dict[str, Any] = (
        {"organisation": organisation} if organisation else {"person": applicant}
    )
    if Membership.objects.filter(year=year, **holder).exists():
        raise MembershipError(
            _("There already is a membership for %(year)s.") % {"year": year.year},
            "already_member",
        )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                membership_type=membership_type,
                tariff=tariff,
                year=year,
                applicant=applicant,
                organisation=organisation,
                justification=justification.strip() if tariff.asks_justification else "",
                counts_from_payment=counts_from_payment,
            )
    except IntegrityError:
        raise MembershipError(
            _("There already is an application for %(year)s; the team is looking at it.")
            % {"year": year.year},
            "already_applied",
        ) from None
    audit.record(actor=applicant, action="application.submitted", obj=application)
    context = _application_context(application)
    send_mail_on_commit(
        to=[settings.SOM_TEAM_EMAIL], template="membership/mail/application_team", context=context
    )
    send_mail_on_commit(
        to=[applicant.email],
        template="membership/mail/application_received",
        context=context,
        language=applicant.language,
    )
    return application


def _year_to_apply_for(
    year: MembershipYear | int, *, today: datetime.date
) -> tuple[MembershipYear, bool]:
    """The year's row (opened when it is offered and missing), and whether the membership counts
    from its payment (a late application that includes the rest of the current year)."""
    offer = next(
        (
            offer
            for offer in years.offered_years(today)
            if offer.year == (year if isinstance(year, int) else year.year)
        ),
        None,
    )
    if isinstance(year, int):
        if offer is None:
            raise MembershipError(
                _("Applications for %(year)s are not open.") % {"year": year}, "year_not_offered"
            )
        year = open_year(year=year, by=None)
    elif year.ends_on < today:
        raise MembershipError(_("This membership year is over."), "year_over")
    return year, offer is not None and offer.counts_from_payment


def _application_context(application: Application) -> dict[str, Any]:
    return {
        "name": application.applicant.get_short_name(),
        "applicant": str(application.applicant),
        "holder": str(application.organisation or application.applicant),
        "membership_type": application.membership_type.name,
        "membership_type_en": application.membership_type.name_en,
        "tariff": application.tariff.get_code_display(),
        "amount": str(application.tariff.amount),
        "year": application.year.year,
        "justification": application.justification,
    }


def _lock_pending(application: Application) -> Application:
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != Application.Status.PENDING:
        raise MembershipError(_("This application has already been handled."), "already_decided")
    return locked


@transaction.atomic
def approve(*, application: Application, by: Person) -> Membership:
    """The team approves: the membership waits for its payment, the invoice goes out."""
    require_team(by, error=MembershipError)
    application = _lock_pending(application)
    holder: dict[str, Any] = (
        {"organisation": application.organisation}
        if application.organisation
        else {"person": application.applicant}
    )
    if Membership.objects.filter(year=application.year, **holder).exists():
        raise MembershipError(
            _(
                "%(holder)s already has a membership for %(year)s (a renewal, most likely): "
                "decline this application with that reason."
            )
            % {
                "holder": application.organisation or application.applicant,
                "year": application.year.year,
            },
            "already_member",
        )
    application.status = Application.Status.APPROVED
    application.decided_by = by
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    membership = Membership.objects.create(
        membership_type=application.membership_type,
        tariff=application.tariff,
        year=application.year,
        organisation=application.organisation,
        person=None if application.organisation else application.applicant,
        application=application,
        representative=application.applicant if application.organisation else None,
    )
    audit.record(actor=by, action="application.approved", obj=application)
    _invoice(membership, recipient=application.applicant, by=by)
    return membership


@transaction.atomic
def decline(*, application: Application, reason: str, by: Person) -> Application:
    require_team(by, error=MembershipError)
    if not reason.strip():
        raise MembershipError(_("Give the reason; the applicant receives it."), "reason_required")
    application = _lock_pending(application)
    application.status = Application.Status.DECLINED
    application.decided_by = by
    application.decided_at = timezone.now()
    application.decline_reason = reason.strip()
    application.save(
        update_fields=["status", "decided_by", "decided_at", "decline_reason", "updated_at"]
    )
    audit.record(
        actor=by, action="application.declined", obj=application, changes={"reason": reason}
    )
    send_mail_on_commit(
        to=[application.applicant.email],
        template="membership/mail/application_declined",
        context={**_application_context(application), "reason": application.decline_reason},
        language=application.applicant.language,
    )
    return application


@transaction.atomic
def withdraw(*, application: Application, by: Person) -> Application:
    if by.pk != application.applicant_id and not by.is_staff:
        raise MembershipError(_("Only the applicant can withdraw this."), "not_applicant")
    application = _lock_pending(application)
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    audit.record(actor=by, action="application.withdrawn", obj=application)
    return application


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


# --- Membership types, tariffs and years (the team, in the back office) ---------------------------


@transaction.atomic
def update_membership_type(
    *,
    membership_type: MembershipType,
    values: dict[str, Any],
    by: Person,
    tariffs: RowChanges[Tariff] | None = None,
) -> MembershipType:
    """The team changes a membership type's names and its tariffs (amounts, conditions, whether
    one is offered). A tariff is never deleted: applications and invoices point at it; untick
    "offered" instead. Amounts already invoiced stay as they are."""
    saved = records.save(obj=membership_type, values=values, by=by)
    tariffs = tariffs or RowChanges()
    if tariffs.deleted:
        raise MembershipError(
            _("A tariff is not deleted: untick “offered” to stop offering it."), "tariff_in_use"
        )
    for tariff, _names in tariffs.changed:
        records.save(obj=tariff, values=_tariff_values(tariff), by=by)
    for tariff in tariffs.added:
        tariff.membership_type = saved
        records.save(obj=tariff, values={}, by=by)
    page_cache.invalidate()  # the membership page shows the types and tariffs
    return saved


def _tariff_values(tariff: Tariff) -> dict[str, Any]:
    return {
        f.attname: getattr(tariff, f.attname)
        for f in Tariff._meta.concrete_fields
        if not f.primary_key and f.name != "membership_type"
    }


@transaction.atomic
def update_membership_year(
    *, year: MembershipYear, values: dict[str, Any], by: Person
) -> MembershipYear:
    """The team corrects a year's dates or its reminder and grace days (years are opened on the
    membership years page)."""
    return records.save(obj=year, values=values, by=by)
