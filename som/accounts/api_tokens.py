"""API tokens ("API-sleutels"): made with scopes and an expiry date, shown once, looked up on
every API request, revoked for good. Every entrance (Mijn SOM's page, the admin's action, the
management command, the API) goes through these functions.

A team member's token is audited when it is used: one entry per token, per day and per
operation (method and route), kept from repeating by the shared cache. The writes it makes are
audited by their own services anyway, with the team member as actor; the daily entry says
which key did them. When the cache is emptied, a day's operation may be written down twice:
more, never less.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import ApiToken, Person
from som.accounts.selectors import PERSON_COLUMNS, person_from_row
from som.core import audit
from som.core.errors import DomainError
from som.core.roles import is_team

TOKEN_PREFIX = "som_"
Scope = ApiToken.Scope


class ApiTokenError(DomainError):
    pass


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def scopes_for(person: Person) -> list[str]:
    """The scopes this person may give a token: the door's check-in is the team's."""
    return [scope.value for scope in Scope if scope != Scope.CHECKIN or person.is_staff]


@transaction.atomic
def create_api_token(
    *,
    person: Person,
    name: str = "",
    scopes: list[str] | None = None,
    days: int | None = None,
    by: Person | None = None,
) -> tuple[ApiToken, str]:
    """Return the stored token and its secret text, which is shown once and never stored.
    Without scopes, the token gets every scope its owner may use; without days, it lives
    API_TOKEN_DEFAULT_DAYS (at most API_TOKEN_MAX_DAYS)."""
    allowed = scopes_for(person)
    chosen = allowed if scopes is None else [scope for scope in allowed if scope in scopes]
    if scopes is not None and (not scopes or set(scopes) - set(allowed)):
        raise ApiTokenError(
            _("Choose at least one of these scopes: %(scopes)s.") % {"scopes": ", ".join(allowed)},
            "invalid_scopes",
        )
    maximum = settings.API_TOKEN_MAX_DAYS
    lifetime = min(settings.API_TOKEN_DEFAULT_DAYS, maximum) if days is None else days
    if not 1 <= lifetime <= maximum:
        raise ApiTokenError(
            _("An API key lives between 1 and %(days)d days.") % {"days": maximum},
            "invalid_expiry",
        )
    if len(name) > ApiToken._meta.get_field("name").max_length:  # type: ignore[operator]
        raise ApiTokenError(_("Give the key a shorter name (100 characters at most)."), "name")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        person=person,
        name=name.strip(),
        prefix=secret[:12],
        token_hash=_hash(secret),
        scopes=" ".join(chosen),
        expires_at=timezone.now() + datetime.timedelta(days=lifetime),
    )
    audit.record(
        actor=by or person,
        action="api_token.created",
        obj=token,
        changes={"scopes": chosen, "expires_at": token.expires_at.isoformat()},
    )
    return token, secret


@transaction.atomic
def revoke_api_token(*, token: ApiToken, by: Person) -> ApiToken:
    """Revoke a token for good: its owner, or the team (a lost scanner). A revoked token stays
    revoked; nothing un-revokes it."""
    token = ApiToken.objects.select_for_update().select_related("person").get(pk=token.pk)
    if token.person_id != by.pk and not is_team(by):
        raise ApiTokenError(_("You can only revoke your own API keys."), "not_yours")
    if token.revoked_at is not None:
        raise ApiTokenError(
            _("This API key was already revoked. A revocation is final."), "already_revoked"
        )
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(actor=by, action="api_token.revoked", obj=token)
    return token


# --- Every API request ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenHolder:
    """Who a valid token speaks for, and what it may do."""

    person: Person
    token_id: int
    prefix: str
    scopes: frozenset[str]


# How often a token's last use is written down: often enough to see unused tokens, rarely
# enough that a scanner at the door does not write to the token's row on every request.
LAST_USED_PRECISION = datetime.timedelta(minutes=5)

# Plain SQL: every API request runs this, and building it with the ORM (a join, the person's
# fields) costs several times what the database needs to answer it.
_PERSON_FOR_TOKEN = f"""
    SELECT {", ".join(f"p.{column}" for column in PERSON_COLUMNS)}, t.id, t.prefix, t.scopes,
           CASE WHEN t.last_used_at IS NULL OR t.last_used_at < %s THEN 1 ELSE 0 END
      FROM {Person._meta.db_table} p
      JOIN {ApiToken._meta.db_table} t ON t.person_id = p.id
     WHERE t.token_hash = %s AND t.revoked_at IS NULL AND t.expires_at > %s AND p.is_active"""


def token_holder(secret: str) -> TokenHolder | None:
    """The active owner of a valid token (not revoked, not expired) and its scopes, or None.
    token_hash is unique."""
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            _PERSON_FOR_TOKEN, [adapt(now - LAST_USED_PRECISION), _hash(secret), adapt(now)]
        )
        row = cursor.fetchone()
    if row is None:
        return None
    *person_columns, token_id, prefix, scopes, unrecorded = row
    if unrecorded:
        ApiToken.objects.filter(pk=token_id).update(last_used_at=now)
    return TokenHolder(person_from_row(person_columns), token_id, prefix, frozenset(scopes.split()))


def person_for_token(secret: str) -> Person | None:
    holder = token_holder(secret)
    return holder.person if holder else None


# The keys this process has already seen written down: the door's scanner sends hundreds of
# check-ins an hour, and asking the shared (file) cache each time would cost a file read each.
_recorded: set[str] = set()


def record_use(*, holder: TokenHolder, operation: str) -> None:
    """Audit a team member's token once per day and operation (see the module's note)."""
    if not holder.person.is_staff:
        return
    operation_key = hashlib.sha256(operation.encode()).hexdigest()[:16]
    day = f"{timezone.localdate():%Y-%m-%d}"
    key = f"api-token-used:{holder.token_id}:{holder.prefix}:{day}:{operation_key}"
    if key in _recorded:
        return
    if len(_recorded) > 10_000:
        _recorded.clear()
    _recorded.add(key)
    if not cache.add(key, True, timeout=36 * 60 * 60):
        return
    token = ApiToken(pk=holder.token_id, prefix=holder.prefix, person=holder.person)
    audit.record(
        actor=holder.person,
        action="api_token.used",
        obj=token,
        changes={"operation": operation},
    )
