"""What every invitation by email shares: a secret link, an expiry and a rate per inviter.

An invitation (a colleague to a staff list, a co-author to a proposal) changes nothing for the
invitee until they accept it logged in with the invited address. What an inviter may send is
limited per person (`settings.INVITATION_RATE_LIMITS`, counted in the shared cache), so nobody
can use the site to mail strangers in bulk.
"""

import datetime
import hashlib
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from som.core.errors import DomainError

HOUR = 60 * 60


class TooManyInvitations(DomainError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "rate_limited")


def new_token() -> tuple[str, str]:
    """A secret for the link in the mail, and its hash (the only thing kept)."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def expiry(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) + datetime.timedelta(days=settings.INVITATION_VALID_DAYS)


def _keys(inviter_id: int, now: float) -> list[tuple[str, int, int]]:
    return [
        (f"invitations:{inviter_id}:{seconds}:{int(now) // seconds}", count, seconds)
        for count, seconds in settings.INVITATION_RATE_LIMITS
    ]


def spend(inviter_id: int) -> None:
    """Count one invitation sent by this person, or refuse when a limit is reached (then
    nothing is counted)."""
    keys = _keys(inviter_id, time.time())
    counts = cache.get_many([key for key, _count, _seconds in keys])
    for key, count, seconds in keys:
        if counts.get(key, 0) >= count:
            if seconds <= HOUR:
                message = _(
                    "You have sent %(count)s invitations within the hour: try again later."
                ) % {"count": count}
            else:
                message = _(
                    "You have sent %(count)s invitations today: try again tomorrow, or ask the "
                    "SOM team."
                ) % {"count": count}
            raise TooManyInvitations(message)
    for key, _count, seconds in keys:
        cache.add(key, 0, seconds)
        try:
            cache.incr(key)
        except ValueError:  # the window ended between add and incr
            cache.set(key, 1, seconds)
