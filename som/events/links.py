"""The signed links of the mails: they work without a login, for one registration."""

import datetime

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from som.core.errors import DomainError
from som.events.models import Registration

CANCEL_SALT = "som.events.cancel"
MAX_AGE = 60 * 60 * 24 * 120


class BadLink(DomainError):
    pass


def cancel_token(registration: Registration) -> str:
    """The signed token of the "I can't come after all" link in the reminder mail."""
    return signing.dumps(registration.ticket_code, salt=CANCEL_SALT)


def registration_for_cancel_token(token: str) -> Registration:
    try:
        code = signing.loads(token, salt=CANCEL_SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        raise BadLink(_("This link is not valid (any more)."), "bad_link") from None
    registration = Registration.objects.filter(ticket_code=code).select_related("event").first()
    if registration is None:
        raise BadLink(_("This link is not valid (any more)."), "bad_link")
    return registration


# The reconfirmation's and the waiting-list offer's one-tap links ("I'm coming", "Release my
# place", "Yes, I take the place"): one signed token per registration, valid until the event ends.
PLACE_SALT = "som.events.place"
PLACE_MAX_AGE = 60 * 60 * 24 * 400  # the signature's own limit; the event's end comes first


def place_token(registration: Registration) -> str:
    """The signed token of the links in the reconfirmation and offer mails. It names the
    registration (not its ticket code, which changes when the person registers again), so the
    released person's "rejoin the waiting list" link still works after that."""
    return signing.dumps(registration.pk, salt=PLACE_SALT)


def registration_for_place_token(
    token: str, *, now: datetime.datetime | None = None
) -> Registration:
    """The registration of a place link; BadLink when it is forged, or its event has ended."""
    try:
        pk = signing.loads(token, salt=PLACE_SALT, max_age=PLACE_MAX_AGE)
    except signing.BadSignature:
        raise BadLink(_("This link is not valid (any more)."), "bad_link") from None
    registration = (
        Registration.objects.filter(pk=pk if isinstance(pk, int) else 0)
        .select_related("event", "person")
        .first()
    )
    if registration is None or registration.event.ends_at < (now or timezone.now()):
        raise BadLink(_("This link is not valid (any more)."), "bad_link")
    return registration
