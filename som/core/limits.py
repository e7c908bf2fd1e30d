"""Our own rate limits, on allauth's mechanism: the rates are in `ACCOUNT_RATE_LIMITS` next to
allauth's, counted in the same cache, by the same visitor address (som/core/client_ip.py)."""

from allauth.core import ratelimit
from django.http import HttpRequest
from django.utils.translation import gettext as _


def sender_key(request: HttpRequest, email: str) -> str:
    """Who sends: the account when logged in, else the address typed in the form."""
    if request.user.is_authenticated:
        return f"person:{request.user.pk}"
    return f"email:{email.strip().lower()}"


def consume(request: HttpRequest, *, action: str, key: str) -> bool:
    """Use one of `action`'s tries for this visitor address and `key`; False when one of its
    rates is spent."""
    return bool(ratelimit.consume(request, action=action, key=key))


def too_many_messages() -> str:
    return _("You sent us several messages in a short time: try again in an hour.")


def consume_lookup(request: HttpRequest, *, action: str, key: str) -> bool:
    """As `consume`, for a public lookup read with GET (an attendance certificate's check page):
    allauth's public helper never counts GET requests, its implementation does when asked."""
    from allauth.core.internal import ratelimit as implementation

    usage = implementation.consume(
        request, app="allauth.account", action=action, key=key, limit_get=True
    )
    return usage is not None
