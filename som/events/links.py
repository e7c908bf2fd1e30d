"""The signed "I can't come after all" link: it works without a login, for one registration."""

from django.core import signing
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
