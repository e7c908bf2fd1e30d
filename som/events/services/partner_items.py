"""Partners' items in the calendar ("kalender voor het Leuvense onderwijs"): a partner proposes
an item through a form, the team accepts it (editing it if need be) or declines it with a reason.

Who may propose: a person who works today for an organisation of the network (an open
affiliation, or a verified address of the organisation's email domain: the network app's
`organisations_of`), for that organisation; and the team, for any organisation. The item is a
partner's event (Event.Kind.EXTERNAL: people register at the organiser's, through its link),
unpublished and marked submitted until the team accepts it; accepting publishes it, declining
keeps it off the calendar and mails the reason to the person who proposed it.

Items imported from a partner's iCal feed (som/events/services/partner_feeds.py) wait for the
same acceptance, unless the feed is trusted."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit, files, page_cache, records, roles
from som.core.errors import DomainError
from som.core.mail import send_mail_on_commit
from som.events.models import Event
from som.network.models import Organisation, Speerpunt
from som.network.selectors import organisations_of

# What a partner fills in, and what the team may change while accepting.
FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "venue_name",
    "venue_address",
    "external_url",
    "summary",
    "description",
    "target_audience",
    "image_alt",
)
# What an imported item's feed says (the partner's calendar is the source of these facts: the
# next import sets them again), so the team edits only the other fields of an imported item.
FEED_FIELDS = ("title", "starts_at", "ends_at", "venue_name", "external_url", "description")
REASON_MAX = 500


class PartnerItemError(DomainError):
    """Codes: not_allowed, invalid, image, not_waiting, reason_missing, not_a_partner_item."""


# --- Who may propose -------------------------------------------------------------------------------


def organisations_for(person: Person) -> list[Organisation]:
    """The organisations a person may propose items for: those they work for today."""
    if not person.is_authenticated or not person.is_active:
        return []
    return list(organisations_of(person).order_by("name"))


def may_submit_for(person: Person, organisation: Organisation) -> bool:
    if not person.is_authenticated or not person.is_active:
        return False
    if person.is_staff:
        return True
    return organisations_of(person).filter(pk=organisation.pk).exists()


# --- Proposing -----------------------------------------------------------------------------------


def _one_line(text: str, limit: int) -> str:
    """A title or a place on one line: newlines and runs of spaces become one space."""
    return " ".join(str(text).split())[:limit]


def unique_slug(title: str, day: datetime.date, exclude_pk: int | None = None) -> str:
    """The title and the day, numbered when taken: `stem-2027-03-04`, `stem-2027-03-04-2`."""
    base = f"{slugify(title)[:150].strip('-') or 'activiteit'}-{day.isoformat()}"
    others = Event.objects.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    slug, number = base, 2
    while others.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _clean_values(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"not a partner item's field: {', '.join(sorted(unknown))}")
    cleaned = dict(values)
    for name in ("title", "venue_name"):
        if name in cleaned:
            cleaned[name] = _one_line(cleaned[name] or "", 200)
    limits = {"venue_address": 300, "summary": 300, "target_audience": 200, "image_alt": 200}
    for name, limit in limits.items():
        if name in cleaned:
            cleaned[name] = _one_line(cleaned[name] or "", limit)
    for name in ("description", "external_url"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    return cleaned


def _check(event: Event, now: datetime.datetime) -> None:
    """The item's own rules, with a message per problem (ValidationError → PartnerItemError)."""
    problems = []
    if not event.title:
        problems.append(_("Give the item a title."))
    if not event.external_url:
        problems.append(_("Give the link to your page about it: people register there."))
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        problems.append(_("The item ends before it starts."))
    if event.ends_at and event.ends_at < now:
        problems.append(_("The item is over: the calendar shows what is still to come."))
    if event.image and not event.image_alt:
        problems.append(_("Describe the image in a sentence, for those who cannot see it."))
    if problems:
        raise PartnerItemError(" ".join(problems), "invalid")
    try:
        event.full_clean()
    except ValidationError as error:
        labels = {f.name: str(f.verbose_name) for f in Event._meta.concrete_fields}
        messages = [
            f"{labels[name]}: {' '.join(errors)}" if name in labels else " ".join(errors)
            for name, errors in error.message_dict.items()
        ]
        raise PartnerItemError(" ".join(messages), "invalid") from error


@transaction.atomic
def submit_item(
    *,
    values: dict[str, Any],
    organisation: Organisation,
    by: Person,
    speerpunten: Sequence[Speerpunt] = (),
    image: Any = None,
    now: datetime.datetime | None = None,
) -> Event:
    """A partner's proposal for the calendar: an unpublished partner's event the team reviews.
    `image` is an uploaded file (checked, stored without its EXIF data). Bad input raises
    PartnerItemError with a message for the partner, and nothing is saved."""
    now = now or timezone.now()
    if not may_submit_for(by, organisation):
        raise PartnerItemError(
            _(
                "You can propose items for an organisation you work for. Is yours missing? "
                "Ask its contact person to add you to its staff."
            ),
            "not_allowed",
        )
    cleaned = _clean_values(values)
    event = Event(
        kind=Event.Kind.EXTERNAL,
        organiser=organisation,
        submitted_by=by,
        review=Event.Review.SUBMITTED,
        is_published=False,
        audience=Event.Audience.EVERYBODY,
        reconfirmation=Event.Reconfirmation.OFF,
        **cleaned,
    )
    if image:
        try:
            event.image = files.cleaned_image(image)  # type: ignore[assignment]
        except files.FileRefused as error:
            raise PartnerItemError(error.message, "image") from error
    if event.starts_at:
        event.slug = unique_slug(event.title, timezone.localdate(event.starts_at))
    _check(event, now)
    event.save()
    event.speerpunten.set(speerpunten)
    audit.record(
        actor=by,
        action="event.submitted",
        obj=event,
        changes=audit.diff({}, records.values_of(event)),
    )
    _mail_team(event, by)
    return event


def _site_url(name: str, **kwargs: Any) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def _when(event: Event) -> str:
    start = timezone.localtime(event.starts_at)
    return date_format(start, "l j F Y, H:i")


def _mail_team(event: Event, by: Person) -> None:
    with translation.override("nl"):
        context = {
            "title": event.title,
            "organisation": event.organiser.name if event.organiser else "",
            "by": by.full_name or by.email,
            "by_email": by.email,
            "when": _when(event),
            "place": event.venue_name,
            "link": event.external_url,
            "review_url": _site_url("events:partner_item", pk=event.pk),
        }
    send_mail_on_commit(
        to=[settings.SOM_TEAM_EMAIL],
        template="events/mail/partner_item_team",
        context=context,
        language="nl",
    )


def _mail_submitter(event: Event, kind: str) -> None:
    """kind "partner_item_accepted" or "partner_item_declined" (with the team's reason)."""
    person = event.submitted_by
    if person is None or not person.email:
        return
    language = getattr(person, "language", "") or "nl"
    with translation.override(language):
        context = {
            "name": (person.full_name or "").split(" ")[0],
            "title": event.title,
            "organisation": event.organiser.name if event.organiser else "",
            "when": _when(event),
            "reason": event.review_note,
            "event_url": _site_url("events:detail", slug=event.slug),
            "items_url": _site_url("events:propose"),
            "network": {"name": settings.SOM_NETWORK_NAME},
        }
    send_mail_on_commit(
        to=[person.email],
        template=f"events/mail/{kind}",
        context=context,
        language=language,
    )


# --- The team's review ---------------------------------------------------------------------------


def _locked_item(event: Event) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.is_external or event.review == Event.Review.NONE:
        raise PartnerItemError(_("This is not a partner's item."), "not_a_partner_item")
    return event


@transaction.atomic
def accept_item(
    *,
    event: Event,
    by: Person,
    values: dict[str, Any] | None = None,
    speerpunten: Sequence[Speerpunt] | None = None,
    now: datetime.datetime | None = None,
) -> Event:
    """The team accepts a submitted (or imported) item, changed by `values` if need be: it is
    published in the calendar, and the person who proposed it is told."""
    roles.require_team(by)
    now = now or timezone.now()
    event = _locked_item(event)
    if event.review != Event.Review.SUBMITTED:
        raise PartnerItemError(
            _("This item is not waiting for the team any more (it was accepted or declined)."),
            "not_waiting",
        )
    cleaned = _clean_values(values or {})
    if event.source_feed_id is not None:
        # The feed sets these again at every import: changing them here would not last.
        cleaned = {name: value for name, value in cleaned.items() if name not in FEED_FIELDS}
    before = records.values_of(event)
    for name, value in cleaned.items():
        setattr(event, name, value)
    event.review = Event.Review.ACCEPTED
    event.review_note = ""
    event.is_published = True
    _check(event, now)
    event.save()
    if speerpunten is not None:
        event.speerpunten.set(speerpunten)
    audit.record(
        actor=by,
        action="event.accepted",
        obj=event,
        changes=audit.diff(before, records.values_of(event)),
    )
    page_cache.invalidate()
    _mail_submitter(event, "partner_item_accepted")
    return event


@transaction.atomic
def decline_item(*, event: Event, reason: str, by: Person) -> Event:
    """The team declines a submitted (or imported) item, or takes an accepted one off the
    calendar, with a reason the person who proposed it receives by mail."""
    roles.require_team(by)
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise PartnerItemError(
            _("Give the partner a reason: they receive it by mail."), "reason_missing"
        )
    if len(reason) > REASON_MAX:
        raise PartnerItemError(
            _("Keep the reason under %(count)s characters.") % {"count": REASON_MAX},
            "reason_missing",
        )
    event = _locked_item(event)
    if event.is_declined:
        raise PartnerItemError(_("This item is declined already."), "not_waiting")
    before = records.values_of(event)
    event.review = Event.Review.DECLINED
    event.review_note = reason
    event.is_published = False
    event.save(update_fields=["review", "review_note", "is_published", "updated_at"])
    audit.record(
        actor=by,
        action="event.declined",
        obj=event,
        changes=audit.diff(before, records.values_of(event)),
    )
    page_cache.invalidate()
    _mail_submitter(event, "partner_item_declined")
    return event
