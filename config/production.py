"""What SOM_ENV=production will not start without (docs/deploy.md, "The environment").

Every development default is harmless on a laptop and wrong in production: the example bank
account on every invoice and EPC QR code, mail printed to a console nobody reads, tasks run in
the request (or never), links in mails to 127.0.0.1. `refuse_incomplete` collects every such gap
and raises one ImproperlyConfigured that lists them all with what to set, so one restart shows
the whole list. Keys are never repeated in the message: a key in a log is a key given away.
"""

from collections.abc import Iterator, Mapping
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.http import is_same_domain
from stdnum import bic, iban
from stdnum.be import iban as belgian_iban

# Belfius' documentation account, the default outside production.
EXAMPLE_IBAN = "BE71096123456769"
MAKE_A_KEY = "make one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
MAIL_THAT_STAYS_HERE = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "som.demo.mailbox.EmailBackend",
}
TASKS_NOT_IN_A_WORKER = {
    "ImmediateBackend": "it sends mails and makes PDFs inside the request that asks for them",
    "DummyBackend": "it never sends the mails nor makes the PDFs",
}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}
# Reserved for documentation and tests (RFC 2606, RFC 6761): no mail arrives from or at them.
RESERVED_DOMAINS = ("example", "invalid", "test", "local", "localhost")


def refuse_incomplete(settings: Mapping[str, Any]) -> None:
    found = problems(settings)
    if found:
        raise ImproperlyConfigured(
            "SOM_ENV=production cannot start until these settings are set in the environment "
            "(docs/deploy.md, 'The environment'):\n" + "\n".join(f"- {line}" for line in found)
        )


def problems(settings: Mapping[str, Any]) -> list[str]:
    return [
        *_debug(settings),
        *_keys(settings),
        *_addresses(settings),
        *_mail(settings),
        *_tasks(settings),
        *_bank_account(settings),
    ]


def _debug(settings: Mapping[str, Any]) -> Iterator[str]:
    if settings["DEBUG"]:
        yield "DEBUG is on: unset it (an error page would show settings and code to anybody)."


def _keys(settings: Mapping[str, Any]) -> Iterator[str]:
    if not settings["SECRET_KEY"]:
        yield f"SECRET_KEY must be set: at least 50 random characters ({MAKE_A_KEY})."
    for name, keys in [
        ("SECRET_KEY", [settings["SECRET_KEY"]]),
        ("SECRET_KEY_FALLBACKS", settings["SECRET_KEY_FALLBACKS"]),
    ]:
        if any(key and (_guessable(key) or key.startswith("django-insecure")) for key in keys):
            yield (
                f"{name} is too weak: use at least 50 random characters, not a key made by "
                f"Django's startproject (django-insecure-...); {MAKE_A_KEY}."
            )
    if not settings["MFA_ENCRYPTION_KEY"]:
        yield (
            "MFA_ENCRYPTION_KEY must be set: it encrypts the team's authenticator secrets "
            f"(at least 50 random characters; {MAKE_A_KEY})."
        )
    mfa_keys = [settings["MFA_ENCRYPTION_KEY"], *settings["MFA_ENCRYPTION_KEY_FALLBACKS"]]
    if any(key and len(key) < 50 for key in mfa_keys):
        yield (
            "MFA_ENCRYPTION_KEY (or one of its fallbacks) is too weak: use at least 50 random "
            f"characters; {MAKE_A_KEY}."
        )


def _addresses(settings: Mapping[str, Any]) -> Iterator[str]:
    hosts: list[str] = settings["ALLOWED_HOSTS"]
    if not hosts:
        yield "ALLOWED_HOSTS must be set: the site's host names, e.g. samenonderwijsmaken.be."
    elif "*" in hosts:
        yield "ALLOWED_HOSTS must name the site's hosts, not '*' (any Host header)."
    site = urlsplit(settings["SITE_URL"])
    host = site.hostname or ""
    if site.scheme != "https" or not host or host in LOCAL_HOSTS or _reserved(host):
        yield (
            "SITE_URL must be the site's public https address (the links in mails and calendar "
            "feeds), e.g. https://samenonderwijsmaken.be."
        )
    elif hosts and "*" not in hosts and not any(is_same_domain(host, h) for h in hosts):
        yield f"SITE_URL's host {host} is not in ALLOWED_HOSTS: its links would be refused."


def _mail(settings: Mapping[str, Any]) -> Iterator[str]:
    if settings["EMAIL_BACKEND"] in MAIL_THAT_STAYS_HERE:
        yield (
            "EMAIL_BACKEND sends no mail (it prints, keeps or drops it): set "
            "django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST, EMAIL_PORT, "
            "EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and EMAIL_USE_TLS."
        )
    sender, errors_sender = settings["DEFAULT_FROM_EMAIL"], settings["SERVER_EMAIL"]
    if not sender:
        yield (
            "DEFAULT_FROM_EMAIL must be set: the sender of every mail, an address the mail "
            "server may send from, e.g. SOM Leuven <hallo@samenonderwijsmaken.be>."
        )
    elif not _real_address(sender):
        yield f"DEFAULT_FROM_EMAIL must be a real sender address, not {sender!r}."
    # SERVER_EMAIL follows DEFAULT_FROM_EMAIL unless set: said once, above.
    if errors_sender != sender and not _real_address(errors_sender):
        yield f"SERVER_EMAIL must be a real sender address, not {errors_sender!r}."


def _tasks(settings: Mapping[str, Any]) -> Iterator[str]:
    backend = str(settings["TASKS"]["default"]["BACKEND"]).rpartition(".")[2]
    if backend in TASKS_NOT_IN_A_WORKER:
        yield (
            f"TASKS_BACKEND is {backend} ({TASKS_NOT_IN_A_WORKER[backend]}): set "
            "django_tasks_db.DatabaseBackend and run manage.py db_worker."
        )


def _bank_account(settings: Mapping[str, Any]) -> Iterator[str]:
    account, code = iban.compact(settings["SOM_IBAN"]), bic.compact(settings["SOM_BIC"])
    if not account:
        yield "SOM_IBAN must be set: the account printed on every invoice and EPC QR code."
    elif account == EXAMPLE_IBAN:
        yield "SOM_IBAN is the example account: set the organisation's own bank account."
    elif not iban.is_valid(account):
        yield "SOM_IBAN is not a valid IBAN (its length or check digits are wrong)."
    if not code:
        yield "SOM_BIC must be set: the BIC of SOM_IBAN's bank."
    elif not bic.is_valid(code):
        yield f"SOM_BIC {code} is not a valid BIC (8 or 11 letters and digits)."
    elif iban.is_valid(account) and account != EXAMPLE_IBAN and account.startswith("BE"):
        bank = belgian_iban.to_bic(account)
        if bank and bank[:8] != code[:8]:
            yield f"SOM_BIC {code} is not the BIC of SOM_IBAN's bank ({bank})."


def _guessable(key: str) -> bool:
    """Django's measure of a SECRET_KEY (security.W009): under 50 characters or 5 different."""
    return len(key) < 50 or len(set(key)) < 5


def _real_address(value: str) -> bool:
    address = parseaddr(value)[1]
    local, _, domain = address.rpartition("@")
    return bool(local) and "." in domain and not _reserved(domain)


def _reserved(host: str) -> bool:
    labels = host.lower().rstrip(".").split(".")
    return labels[-1] in RESERVED_DOMAINS or labels[-2:-1] == ["example"]
