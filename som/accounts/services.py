from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts import api_tokens, team_changes
from som.accounts.models import ErasureRequest, Person
from som.accounts.names import validate_full_name
from som.core import audit, personal_data
from som.core.errors import DomainError
from som.core.mail import send_mail_on_commit
from som.core.models import AuditEntry
from som.core.roles import require_team

TOKEN_PREFIX = "som_"


class ErasureError(DomainError):
    pass


@transaction.atomic
def create_person(
    *,
    email: str,
    full_name: str,
    password: str | None = None,
    language: str = "nl",
    is_staff: bool = False,
    email_verified: bool = False,
    by: Person | None = None,
) -> Person:
    """Create an account (without a usable password when none is given: login by code works)."""
    person = Person.objects.create_user(
        email=email, password=password, full_name=full_name, language=language, is_staff=is_staff
    )
    EmailAddress.objects.create(
        user=person, email=person.email, primary=True, verified=email_verified
    )
    if is_staff:
        team_changes.sync_team_groups(person)  # Wagtail's "SOM-team" group (som/publishing)
    audit.record(actor=by, action="person.created", obj=person)
    return person


@transaction.atomic
def update_profile(*, person: Person, full_name: str, language: str) -> Person:
    validate_full_name(full_name)
    before = {"full_name": person.full_name, "language": person.language}
    person.full_name = full_name.strip()
    person.language = language
    person.full_clean()
    person.save(update_fields=["full_name", "language"])
    after = {"full_name": person.full_name, "language": person.language}
    audit.record(
        actor=person, action="person.updated", obj=person, changes=audit.diff(before, after)
    )
    return person


# --- API tokens: som/accounts/api_tokens.py (re-exported for the callers of before) ----------------

create_api_token = api_tokens.create_api_token
person_for_token = api_tokens.person_for_token


# --- Personal data --------------------------------------------------------------------------------


def export_personal_data(*, person: Person) -> dict[str, Any]:
    """Everything the platform holds about a person, as JSON-ready data (GDPR art. 15 and 20)."""
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": person.email,
            "full_name": person.full_name,
            "language": person.language,
            "date_joined": person.date_joined.isoformat(),
            "last_login": person.last_login.isoformat() if person.last_login else None,
            "is_team_member": person.is_staff,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=person).order_by("email")
        ],
        "api_tokens": [
            {
                "name": token.name,
                "prefix": token.prefix,
                "scopes": token.scope_list,
                "created_at": token.created_at.isoformat(),
                "expires_at": token.expires_at.isoformat(),
                "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
            }
            for token in person.api_keys.all()
        ],
        "erasure_requests": [
            {"status": request.status, "requested_at": request.requested_at.isoformat()}
            for request in person.erasure_requests.all()
        ],
        "audit_log": [
            {
                "at": entry.at.isoformat(),
                "action": entry.action,
                "object_type": entry.object_type,
                "object": entry.object_repr,
                "changes": entry.changes,
            }
            for entry in AuditEntry.objects.filter(actor=person).order_by("at", "pk")
        ],
    }
    data.update(personal_data.export_sections(person))
    data["kept_after_erasure"] = [
        {**record, "why": personal_data.describe_kept(record)}
        for record in personal_data.kept_after_erasure(person)
    ]
    return data


@transaction.atomic
def request_erasure(*, person: Person, reason: str = "") -> ErasureRequest:
    if person.erased_at is not None:
        raise ErasureError(_("This account has already been erased."), "already_erased")
    try:
        with transaction.atomic():
            request = ErasureRequest.objects.create(person=person, reason=reason.strip())
    except IntegrityError:
        raise ErasureError(
            _("You already asked for erasure; the team will handle it soon."), "already_requested"
        ) from None
    audit.record(actor=person, action="person.erasure_requested", obj=person)
    send_mail_on_commit(
        to=[settings.SOM_TEAM_EMAIL],
        template="accounts/mail/erasure_requested_team",
        context={"person_id": person.pk, "person": str(person), "reason": request.reason},
    )
    send_mail_on_commit(
        to=[person.email],
        template="accounts/mail/erasure_requested",
        context={"name": person.get_short_name()},
        language=person.language,
    )
    return request


def _lock_pending(request: ErasureRequest) -> ErasureRequest:
    locked = ErasureRequest.objects.select_for_update().select_related("person").get(pk=request.pk)
    if locked.status != ErasureRequest.Status.PENDING:
        raise ErasureError(_("This request has already been handled."), "already_decided")
    return locked


@transaction.atomic
def confirm_erasure(*, request: ErasureRequest, by: Person) -> Person:
    """Erase the person: each app ends their roles and clears what it copied, the account is
    pseudonymised, core rewrites the audit log and ends their sessions. What the law makes us
    keep with the name (invoices, the member register) stays and is listed in the mail."""
    require_team(by, error=ErasureError, message=_("Only the SOM team can confirm an erasure."))
    request = _lock_pending(request)
    person = request.person
    traces = personal_data.Traces.of(
        person, pseudonym=_("Erased person %(number)s") % {"number": person.pk}
    )
    send_mail_on_commit(
        to=[person.email],
        template="accounts/mail/erasure_confirmed",
        context={
            "name": person.get_short_name(),
            "kept": personal_data.kept_after_erasure(person),
        },
        language=person.language,
    )
    personal_data.erase_everywhere(person)
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    person.api_keys.all().delete()
    person.full_name = traces.pseudonym
    person.email = traces.pseudonym_email
    person.set_unusable_password()
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.erased_at = timezone.now()
    person.save()
    team_changes.sync_team_groups(person)  # out of the team's groups
    request.status = ErasureRequest.Status.CONFIRMED
    request.reason = ""
    request.decided_at = timezone.now()
    request.decided_by = by
    request.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    ErasureRequest.objects.filter(person=person).update(reason="")  # also earlier, declined ones
    personal_data.erase_traces(person, traces)
    audit.record(actor=by, action="person.erased", obj=person)
    return person


@transaction.atomic
def decline_erasure(*, request: ErasureRequest, by: Person, reason: str) -> ErasureRequest:
    require_team(by, error=ErasureError, message=_("Only the SOM team can decide on an erasure."))
    if not reason.strip():
        raise ErasureError(_("Say why the request is declined."), "reason_required")
    request = _lock_pending(request)
    request.status = ErasureRequest.Status.DECLINED
    request.decided_at = timezone.now()
    request.decided_by = by
    request.save(update_fields=["status", "decided_at", "decided_by"])
    audit.record(
        actor=by, action="person.erasure_declined", obj=request.person, changes={"reason": reason}
    )
    send_mail_on_commit(
        to=[request.person.email],
        template="accounts/mail/erasure_declined",
        context={"name": request.person.get_short_name(), "reason": reason},
        language=request.person.language,
    )
    return request


def activate_totp(*, person: Person, secret: str) -> None:
    """Give a person an authenticator-app secret (the demo data and tests use this; people set
    theirs up themselves on the two-factor page)."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(person, secret)
    audit.record(actor=person, action="person.mfa_activated", obj=person)


def current_totp_code(secret: str) -> str:
    """The code an authenticator app would show now for this secret (for the demo's `make totp`)."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return str(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
