"""The consent register's writes: recording a consent and revoking it.

A consent (network.Consent) is one person's permission to show their face or their words, for the
uses it names. Every public photo and quote points at one: a story's images and quotes, a
portrait, a lab result's photo. Revoking it must take all of them off the public site in the same
request, and tell the team where it was used.

The network app sits below the apps that use a consent (labs, publishing) and may not import
them. So those apps register, when Django starts (their AppConfig.ready), two kinds of callbacks
here, the way som.core.context_processors.register_page_links works:

- a usage finder, `(consent) -> list[Usage]`: the places that use the consent (a page, a
  portrait, a lab result), for the consent's page and for the team's mail after a revocation;
- a revocation effect, `(consent) -> None`: what must happen at once when it is revoked (e.g.
  publishing deletes the renditions of the images that may no longer be shown).

Every public place also checks the consent when it is read (`Consent.allows`), so a place
without an effect is still safe; the effects clean up what a check cannot (files on disk), and
`page_cache.invalidate()` makes sure no cached page keeps a photo or a quote.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from som.core import audit, hooks, page_cache
from som.core.errors import DomainError
from som.core.mail import send_mail_on_commit
from som.core.roles import is_team
from som.network.models import Consent

USES = [choice.value for choice in Consent.Use]


class ConsentError(DomainError):
    pass


@dataclass(frozen=True)
class Usage:
    """A place that uses a consent: what it is ("story", "portrait"...), its title, its
    address (absolute, for a mail) or "" when it has none."""

    kind: str
    title: str
    url: str = ""


UsageFinder = Callable[[Consent], list[Usage]]
RevocationEffect = Callable[[Consent], None]

_usage_finders: list[UsageFinder] = []
_revocation_effects: list[RevocationEffect] = []
hooks.expect(
    "som.network.consents: usage finders",
    lambda: _usage_finders,
    filled_by="som.publishing.consent_effects (imported by PublishingConfig.ready)",
)
hooks.expect(
    "som.network.consents: revocation effects",
    lambda: _revocation_effects,
    filled_by="som.publishing.consent_effects (imported by PublishingConfig.ready)",
)


def register_usage_finder(finder: UsageFinder) -> None:
    if finder not in _usage_finders:
        _usage_finders.append(finder)


def register_revocation_effect(effect: RevocationEffect) -> None:
    if effect not in _revocation_effects:
        _revocation_effects.append(effect)


def where_used(consent: Consent) -> list[Usage]:
    """Every place that uses the consent, as the apps that use consents report them."""
    usages: list[Usage] = []
    for finder in _usage_finders:
        usages.extend(finder(consent))
    return usages


def may_record(person: Any) -> bool:
    return is_team(person)


def may_revoke(person: Any, consent: Consent) -> bool:
    """The team, and the person the consent is about (when it is linked to their account)."""
    if person is None or not person.is_authenticated or not person.is_active:
        return False
    return bool(is_team(person) or (consent.subject_id and consent.subject_id == person.pk))


@transaction.atomic
def record_consent(
    *,
    by: Any,
    subject_name: str,
    subject: Any = None,
    is_minor: bool = False,
    given_by_name: str = "",
    uses: list[str] | tuple[str, ...] = ("website",),
    valid_until: datetime.date | None = None,
    note: str = "",
) -> Consent:
    """The team records a consent they received (on paper, by mail, in a form)."""
    if not may_record(by):
        raise ConsentError(_("Only the SOM team can record a consent."), "not_team")
    return _record(
        by=by,
        subject_name=subject_name,
        subject=subject,
        is_minor=is_minor,
        given_by_name=given_by_name,
        uses=uses,
        valid_until=valid_until,
        note=note,
    )


@transaction.atomic
def record_consent_for_upload(
    *,
    by: Any,
    subject_name: str,
    is_minor: bool = False,
    given_by_name: str = "",
    uses: list[str] | tuple[str, ...] = ("website",),
    note: str = "",
) -> Consent:
    """The consent a person confirms while adding a photo (a lab's lead adding a result photo):
    the service that adds the photo has already checked that `by` may add it, and calls this in
    its own transaction, so a refused photo leaves no consent behind."""
    if by is None or not by.is_authenticated or not by.is_active:
        raise ConsentError(_("Log in to add a photo."), "not_logged_in")
    return _record(
        by=by,
        subject_name=subject_name,
        subject=None,
        is_minor=is_minor,
        given_by_name=given_by_name,
        uses=uses,
        valid_until=None,
        note=note,
    )


def _record(
    *,
    by: Any,
    subject_name: str,
    subject: Any,
    is_minor: bool,
    given_by_name: str,
    uses: list[str] | tuple[str, ...],
    valid_until: datetime.date | None,
    note: str,
) -> Consent:
    subject_name = subject_name.strip()
    given_by_name = given_by_name.strip()
    if not subject_name:
        raise ConsentError(_("Give the name of the person who is shown or quoted."), "no_name")
    unknown = set(uses) - set(USES)
    if unknown or not uses:
        raise ConsentError(_("Tick at least one use the consent is given for."), "no_use")
    if is_minor and not given_by_name:
        raise ConsentError(
            _(
                "A child younger than 13 cannot give this consent: a parent or guardian does. "
                "Give the name of the parent or guardian who gave it."
            ),
            "minor_without_parent",
        )
    if valid_until is not None and valid_until < timezone.localdate():
        raise ConsentError(_("The date until which the consent is valid has passed."), "expired")
    consent = Consent(
        subject_name=subject_name,
        subject=subject,
        is_minor=is_minor,
        given_by_name=given_by_name,
        valid_until=valid_until,
        note=note.strip()[:300],
        recorded_by=by,
        **{use: use in uses for use in USES},
    )
    try:
        consent.full_clean()
    except ValidationError as error:
        raise ConsentError(" ".join(error.messages), "invalid") from error
    consent.save()
    audit.record(
        actor=by,
        action="network.consent_recorded",
        obj=consent,
        changes={"uses": sorted(uses), "is_minor": is_minor, "valid_until": str(valid_until or "")},
    )
    return consent


@transaction.atomic
def revoke_consent(
    *, by: Any, consent: Consent, revoked_by_name: str = "", note: str = ""
) -> Consent:
    """Revoke a consent: from now on nothing it covers is shown on the public site. The places
    that used it are cleaned up in this request (the registered effects, the page cache), and the
    team gets a mail that lists them, to check the newsletters and posts that already went out.
    Revoking a revoked consent changes nothing (and sends no second mail)."""
    if not may_revoke(by, consent):
        raise ConsentError(_("You may not revoke this consent."), "not_allowed")
    return _revoke(by=by, consent=consent, revoked_by_name=revoked_by_name, note=note)


@transaction.atomic
def revoke_consents_of_erased(person: Any) -> None:
    """An erased account's consents end with it (som/network/personal_data.py erase): what they
    covered leaves the public site as after any revocation, and the team is told where it was."""
    for consent in Consent.objects.filter(subject=person, revoked_at__isnull=True):
        _revoke(
            by=None,
            consent=consent,
            revoked_by_name=str(_("account erased")),
            note="",
        )


def _revoke(*, by: Any, consent: Consent, revoked_by_name: str, note: str) -> Consent:
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.revoked_at is not None:
        return consent
    consent.revoked_at = timezone.now()
    consent.revoked_by_name = (revoked_by_name.strip() or str(by))[:200]
    consent.save(update_fields=["revoked_at", "revoked_by_name", "updated_at"])
    audit.record(
        actor=by,
        action="network.consent_revoked",
        obj=consent,
        changes={"revoked_by_name": consent.revoked_by_name, "note": note.strip()[:500]},
    )
    for effect in _revocation_effects:
        effect(consent)
    page_cache.invalidate()
    usages = where_used(consent)
    send_mail_on_commit(
        to=[settings.SOM_TEAM_EMAIL],
        template="network/mail/consent_revoked_team",
        context={
            "subject_name": consent.subject_name,
            "number": consent.pk,
            "revoked_by_name": consent.revoked_by_name,
            "note": note.strip()[:500],
            "usages": [
                {"kind": usage.kind, "title": usage.title, "url": usage.url} for usage in usages
            ],
            "consent_url": _absolute_consent_url(consent),
        },
        language=settings.LANGUAGE_CODE,
    )
    return consent


def _absolute_consent_url(consent: Consent) -> str:
    """The consent's page for the team. The network app names the route without importing the
    app that serves it (publishing): reverse resolves it by name."""
    try:
        with translation.override(settings.LANGUAGE_CODE):
            path = reverse("publishing:consent", kwargs={"pk": consent.pk})
    except NoReverseMatch:
        return ""
    return f"{settings.SITE_URL.rstrip('/')}{path}"
