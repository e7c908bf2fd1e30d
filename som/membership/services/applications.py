"""Applications: applying, and the team's approval or refusal; the applicant may withdraw."""

import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit
from som.core.mail import send_mail_on_commit
from som.core.roles import require_team
from som.membership import years
from som.membership.errors import MembershipError
from som.membership.models import (
    Application,
    Membership,
    MembershipType,
    MembershipYear,
    Tariff,
)
from som.membership.services.memberships import _invoice, open_year
from som.network.models import Organisation
from som.network.selectors import organisations_contacted_by

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
    if not locked.is_pending:
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
