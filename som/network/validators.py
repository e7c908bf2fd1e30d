"""Checks on the identifiers organisations carry. Each returns the canonical form or raises."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.be import vat as be_enterprise_number
from stdnum.exceptions import ValidationError as StdnumError

_DOMAIN = re.compile(r"^(?=.{4,100}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$")


def clean_instellingsnummer(value: str) -> str:
    """5 or 6 digits, stored zero-padded to 6 (the way AGODI publishes them)."""
    digits = value.strip().replace(" ", "")
    if not (digits.isascii() and digits.isdigit()) or len(digits) not in (5, 6):
        raise ValidationError(
            _("An institution number has 5 or 6 digits, like 012345."),
            code="invalid_instellingsnummer",
        )
    padded = digits.zfill(6)
    if padded == "000000":
        raise ValidationError(
            _("0 is not an institution number."), code="invalid_instellingsnummer"
        )
    return padded


def clean_enterprise_number(value: str) -> str:
    """A Belgian enterprise number (KBO/BCE), checked with its mod-97 check digits; 10 digits."""
    try:
        return str(be_enterprise_number.validate(value.strip()))
    except StdnumError:
        raise ValidationError(
            _("This is not a valid Belgian enterprise number (like 0123.456.749)."),
            code="invalid_enterprise_number",
        ) from None


def format_enterprise_number(value: str) -> str:
    return f"{value[:4]}.{value[4:7]}.{value[7:]}" if len(value) == 10 else value


def clean_email_domain(value: str) -> str:
    domain = value.strip().lower().removeprefix("@")
    if not _DOMAIN.match(domain):
        raise ValidationError(
            _("“%(domain)s” is not an email domain like school.be.") % {"domain": value},
            code="invalid_domain",
        )
    return domain


# Mail services anybody can get an address at: an address there proves nothing about an
# organisation, so such a domain is never a way to recognise its staff or its contact person.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.be",
        "outlook.com",
        "outlook.be",
        "live.com",
        "live.be",
        "msn.com",
        "yahoo.com",
        "yahoo.fr",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "gmx.com",
        "gmx.net",
        "proton.me",
        "protonmail.com",
        "telenet.be",
        "skynet.be",
        "proximus.be",
        "scarlet.be",
        "base.be",
        "orange.be",
        "mail.com",
    }
)


def is_public_mail_domain(domain: str) -> bool:
    return domain.strip().lower().removeprefix("@") in PUBLIC_MAIL_DOMAINS
