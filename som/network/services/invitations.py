"""Every write of staff invitations: a contact person invites a colleague by email, the colleague
accepts or declines, the contact sends it again or withdraws it.

Nobody lands on a staff list without saying yes: the invitee accepts logged in with the invited
address. The one exception is the organisation's own domain: an account whose verified address is
the invited one, on one of the organisation's email domains, is recognised as staff anyway
(`selectors.organisations_of`), so it is put on the list at once. The inviter's page and answer
are the same whether the address has an account or not.
"""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.accounts.selectors import verified_emails
from som.core import audit, invitations
from som.core.mail import send_mail_on_commit
from som.network import permissions
from som.network.models import Affiliation, Organisation, StaffInvitation
from som.network.services import StaffError, _login_url


def _require_manager(organisation: Organisation, by: Person) -> None:
    if not permissions.can_manage_organisation(by, organisation):
        raise StaffError(
            _("Only the contact persons of %(organisation)s can do this.")
            % {"organisation": organisation},
            "not_contact",
        )


def _clean_email(email: str) -> str:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise StaffError(_("Enter a valid email address."), "invalid_email") from None
    return email


def _open_invitation(organisation: Organisation, email: str) -> StaffInvitation:
    invitation = (
        StaffInvitation.objects.select_for_update()
        .filter(
            organisation=organisation,
            email=email.strip().lower(),
            accepted_at__isnull=True,
            declined_at__isnull=True,
            withdrawn_at__isnull=True,
        )
        .first()
    )
    if invitation is None:
        raise StaffError(_("There is no open invitation for this address."), "no_invitation")
    return invitation


def _on_the_domain(organisation: Organisation, email: str) -> Person | None:
    """The account whose verified address `email` is, when that address is on one of the
    organisation's domains (it is recognised as staff anyway)."""
    domain = email.rsplit("@", 1)[-1]
    if not organisation.email_domains.filter(domain=domain).exists():
        return None
    address = (
        EmailAddress.objects.filter(email__iexact=email, verified=True)
        .select_related("user")
        .first()
    )
    return address.user if address is not None else None


def invitation_url(token: str, language: str) -> str:
    with translation.override(language):
        path = reverse("network:invitation", kwargs={"token": token})
    return settings.SITE_URL.rstrip("/") + path


def _day(moment: datetime.datetime, language: str) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localdate(moment), "DATE_FORMAT")


def _send(invitation: StaffInvitation, token: str, by: Person) -> None:
    known = Person.objects.filter(email__iexact=invitation.email).first()
    language = known.language if known is not None else (translation.get_language() or "nl")
    language = "en" if language.startswith("en") else "nl"
    send_mail_on_commit(
        to=[invitation.email],
        template="network/mail/staff_invitation",
        context={
            "organisation": invitation.organisation.name,
            "by": str(by),
            "email": invitation.email,
            "url": invitation_url(token, language),
            "valid_until": _day(invitation.expires_at, language),
        },
        language=language,
    )


@transaction.atomic
def invite_staff_member(
    *,
    organisation: Organisation,
    email: str,
    role: str = Affiliation.Role.STAFF,
    job_title: str = "",
    by: Person,
) -> StaffInvitation:
    """Invite somebody to the staff list by email. Returns the invitation: accepted at once when
    the address is a verified one on the organisation's own domain, open otherwise."""
    _require_manager(organisation, by)
    email = _clean_email(email)
    if role not in Affiliation.Role.values:
        raise StaffError(_("Choose one of the roles in the list."), "invalid_role")
    on_the_list = Affiliation.objects.filter(
        organisation=organisation, person__email__iexact=email, role=role, until__isnull=True
    )
    if on_the_list.exists():  # the contact sees this on the staff list already
        raise StaffError(
            _("%(email)s is already on the staff list in this role.") % {"email": email},
            "already_affiliated",
        )
    if StaffInvitation.objects.filter(
        organisation=organisation,
        email=email,
        accepted_at__isnull=True,
        declined_at__isnull=True,
        withdrawn_at__isnull=True,
    ).exists():
        raise StaffError(
            _("%(email)s is invited already: send the invitation again from the list.")
            % {"email": email},
            "already_invited",
        )
    invitations.spend(by.pk)
    token, token_hash = invitations.new_token()
    now = timezone.now()
    invitation = StaffInvitation(
        organisation=organisation,
        email=email,
        role=role,
        job_title=job_title.strip(),
        token_hash=token_hash,
        invited_by=by,
        sent_at=now,
        expires_at=invitations.expiry(now),
    )
    invitation.full_clean()
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:  # the same address invited at the same moment
        raise StaffError(
            _("%(email)s is invited already: send the invitation again from the list.")
            % {"email": email},
            "already_invited",
        ) from None
    audit.record(
        actor=by,
        action="staff_invitation.sent",
        obj=organisation,
        changes={"email": email, "role": role},
    )
    colleague = _on_the_domain(organisation, email)
    if colleague is not None:
        _accept(invitation, colleague, basis="email_domain")
        _mail_added(invitation, colleague, by)
    else:
        _send(invitation, token, by)
    return invitation


def _mail_added(invitation: StaffInvitation, person: Person, by: Person) -> None:
    send_mail_on_commit(
        to=[person.email],
        template="network/mail/staff_added",
        context={
            "name": person.get_short_name(),
            "organisation": invitation.organisation.name,
            "by": str(by),
            "invited": False,
            "login_url": _login_url(person.language),
        },
        language=person.language,
    )


@transaction.atomic
def resend_staff_invitation(
    *, organisation: Organisation, email: str, by: Person
) -> StaffInvitation:
    """A new link (the old one stops working) and a new period of validity."""
    _require_manager(organisation, by)
    invitation = _open_invitation(organisation, email)
    invitations.spend(by.pk)
    token, invitation.token_hash = invitations.new_token()
    invitation.sent_at = timezone.now()
    invitation.expires_at = invitations.expiry(invitation.sent_at)
    invitation.invited_by = by
    invitation.save(
        update_fields=["token_hash", "sent_at", "expires_at", "invited_by", "updated_at"]
    )
    audit.record(
        actor=by,
        action="staff_invitation.sent_again",
        obj=organisation,
        changes={"email": invitation.email},
    )
    _send(invitation, token, by)
    return invitation


@transaction.atomic
def withdraw_staff_invitation(
    *, organisation: Organisation, email: str, by: Person
) -> StaffInvitation:
    _require_manager(organisation, by)
    invitation = _open_invitation(organisation, email)
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at", "updated_at"])
    audit.record(
        actor=by,
        action="staff_invitation.withdrawn",
        obj=organisation,
        changes={"email": invitation.email},
    )
    return invitation


def _lock_open(invitation: StaffInvitation) -> StaffInvitation:
    locked = (
        StaffInvitation.objects.select_for_update()
        .select_related("organisation")
        .get(pk=invitation.pk)
    )
    if not locked.is_open:
        raise StaffError(_("This invitation is no longer open."), "not_open")
    if locked.expires_at <= timezone.now():
        raise StaffError(
            _("This invitation has expired: ask %(organisation)s to send it again.")
            % {"organisation": locked.organisation},
            "expired",
        )
    return locked


@transaction.atomic
def accept_staff_invitation(*, invitation: StaffInvitation, person: Person) -> Affiliation:
    """Only the owner of the invited address accepts: logged in, with it verified."""
    invitation = _lock_open(invitation)
    if invitation.email not in verified_emails(person):
        raise StaffError(
            _(
                "This invitation was sent to %(email)s. Log in with that address (or add it to "
                "your account and confirm it) to accept it."
            )
            % {"email": invitation.email},
            "other_address",
        )
    return _accept(invitation, person, basis="accepted")


def _accept(invitation: StaffInvitation, person: Person, *, basis: str) -> Affiliation:
    invitation.accepted_at = timezone.now()
    invitation.person = person
    invitation.save(update_fields=["accepted_at", "person", "updated_at"])
    affiliation = Affiliation.objects.filter(
        person=person, organisation=invitation.organisation, role=invitation.role, until=None
    ).first()
    if affiliation is None:
        affiliation = Affiliation.objects.create(
            person=person,
            organisation=invitation.organisation,
            role=invitation.role,
            job_title=invitation.job_title,
            since=timezone.localdate(),
        )
    audit.record(
        actor=person if basis == "accepted" else invitation.invited_by,
        action="staff_invitation.accepted",
        obj=invitation.organisation,
        changes={"email": invitation.email, "role": invitation.role, "basis": basis},
    )
    return affiliation


@transaction.atomic
def decline_staff_invitation(
    *, invitation: StaffInvitation, person: Person | None
) -> StaffInvitation:
    """The invitee says no: from the link in the mail (whoever holds it) or from Mijn SOM."""
    invitation = _lock_open(invitation)
    invitation.declined_at = timezone.now()
    invitation.save(update_fields=["declined_at", "updated_at"])
    audit.record(
        actor=person,
        action="staff_invitation.declined",
        obj=invitation.organisation,
        changes={"email": invitation.email},
    )
    return invitation
