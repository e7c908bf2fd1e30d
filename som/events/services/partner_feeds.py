"""Partners' public iCal feeds: the team subscribes the calendar to a partner's feed, and
`import_partner_feeds` (every 6 hours, deploy/systemd/som-import-partner-feeds.timer) brings the
partner's coming items in as partner's events marked with the feed ("van <partner>").

The rules of an import (`import_feed`):

- The feed is read over http or https only (a timeout of 20 seconds, at most 2 MB), parsed with
  `icalendar`, and its repeating items are expanded with `recurring-ical-events` for the coming
  year (from now to a year from now). Items already over are left out.
- Each item is found again by its place in the feed: its UID, and for an occurrence of a
  repeating item the occurrence's original start (RECURRENCE-ID), so a moved occurrence stays
  the same row.
- A new item is published at once only when the feed is trusted (it is then accepted by that
  trust); otherwise it waits for the team's acceptance on the team's page, as a partner's
  proposal does.
- A changed item (title, start, end, place, link or description) is updated, whatever the
  team's review: an accepted item stays accepted and published with the partner's new facts (the
  partner's calendar is the source of them, so the team edits only the other fields of an
  imported item: speerpunten, audience, summary), a declined one stays declined.
- A cancelled item (STATUS:CANCELLED, or gone from the feed while still to come) is taken off
  the calendar: an accepted row is unpublished, never deleted (the team accepted it; it comes
  back if the partner restores it); a row that still waits for the team is deleted (nobody saw
  it); a declined row stays as it is, so the next import does not propose it again.
- A bad feed (unreachable, not iCalendar, broken) changes nothing: its last error is kept on the
  feed, in Dutch, for the team's page, and the items stay as the last good import left them.
  The changes of one import are one transaction, with the feed's row locked, so two imports of
  one feed (the timer and the team's button) never run into each other.
"""

import datetime
import hashlib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import icalendar
import recurring_ical_events
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit, page_cache, records, roles
from som.core.errors import DomainError
from som.events.models import Event, PartnerFeed
from som.events.services.partner_items import unique_slug
from som.network.models import Organisation

TIMEOUT_SECONDS = 20
MAX_BYTES = 2 * 1024 * 1024
WINDOW = datetime.timedelta(days=365)
USER_AGENT = "SOM-Leuven-kalender/1.0 (+https://samenonderwijsmaken.be/kalender/)"
DESCRIPTION_MAX = 5000


class FeedError(DomainError):
    """Codes: not_team, bad_address, exists, unreachable, too_big, not_ical, broken."""


# --- The team's subscriptions --------------------------------------------------------------------


def _check_address(url: str) -> str:
    url = (url or "").strip()
    if urlsplit(url).scheme.lower() == "webcal":  # what calendar sites offer: http(s) underneath
        url = "https" + url[len("webcal") :]
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise FeedError(
            _("Give the feed's address, starting with https:// (or http://)."), "bad_address"
        ) from None
    if len(url) > PartnerFeed._meta.get_field("url").max_length:  # type: ignore[operator]
        raise FeedError(_("This address is too long."), "bad_address")
    return url


@transaction.atomic
def add_feed(*, organisation: Organisation, url: str, trusted: bool, by: Person) -> PartnerFeed:
    """Subscribe the calendar to a partner's feed (the team); the next import reads it."""
    roles.require_team(by)
    url = _check_address(url)
    if PartnerFeed.objects.filter(organisation=organisation, url=url).exists():
        raise FeedError(
            _("This feed of %(partner)s is there already.") % {"partner": organisation}, "exists"
        )
    feed = PartnerFeed.objects.create(
        organisation=organisation, url=url, is_trusted=trusted, added_by=by
    )
    audit.record(
        actor=by,
        action="partnerfeed.created",
        obj=feed,
        changes=audit.diff({}, records.values_of(feed)),
    )
    return feed


@transaction.atomic
def change_feed(
    *, feed: PartnerFeed, by: Person, is_trusted: bool | None = None, is_active: bool | None = None
) -> PartnerFeed:
    """Trust a feed (its next imports publish without the team) or not, stop or resume it. The
    items already waiting stay with the team; an inactive feed's items stay as they are."""
    roles.require_team(by)
    feed = PartnerFeed.objects.select_for_update().get(pk=feed.pk)
    before = records.values_of(feed)
    if is_trusted is not None:
        feed.is_trusted = is_trusted
    if is_active is not None:
        feed.is_active = is_active
    feed.save()
    changes = audit.diff(before, records.values_of(feed))
    if changes:
        audit.record(actor=by, action="partnerfeed.updated", obj=feed, changes=changes)
    return feed


# --- Reading a feed -------------------------------------------------------------------------------


def fetch(url: str) -> bytes:
    """The feed's bytes, or FeedError: http(s) only (redirects too), a timeout, a size limit."""
    if urlsplit(url).scheme.lower() not in {"http", "https"}:
        raise FeedError(_("The address must start with https:// or http://."), "bad_address")
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/calendar, */*;q=0.5"}
    )
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            data: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise FeedError(
            _("The partner's site answered with error %(status)s: is the address still right?")
            % {"status": error.code},
            "unreachable",
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise FeedError(
            _("The feed could not be reached (%(reason)s). We try again at the next import.")
            % {"reason": getattr(error, "reason", error)},
            "unreachable",
        ) from None
    if len(data) > MAX_BYTES:
        raise FeedError(_("The feed is larger than 2 MB: we do not read it."), "too_big")
    return data


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        if urlsplit(newurl).scheme.lower() not in {"http", "https"}:
            raise urllib.error.URLError(_("a redirect to an address that is not http(s)"))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass(frozen=True)
class FeedItem:
    uid: str  # the UID, with the occurrence's original start for a repeating item
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    url: str
    description: str
    cancelled: bool


def _aware(
    value: datetime.date | datetime.datetime, *, end_of_day: bool = False
) -> datetime.datetime:
    """A date (an all-day item) as the local day's start (or the previous day's last minute, for
    an all-day item's exclusive end); a floating time as local time."""
    zone = timezone.get_current_timezone()
    if not isinstance(value, datetime.datetime):
        moment = datetime.datetime.combine(value, datetime.time.min, tzinfo=zone)
        return moment - datetime.timedelta(minutes=1) if end_of_day else moment
    if timezone.is_naive(value):
        return value.replace(tzinfo=zone)
    return value


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value)


def _link(component: Any) -> str:
    url = _text(component, "URL").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return ""
    return url if len(url) <= 200 else ""


def _stamp(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    if isinstance(value, datetime.date):
        return value.strftime("%Y%m%d")
    return str(value)


def parse(data: bytes, now: datetime.datetime) -> list[FeedItem]:
    """The feed's items from `now` to a year later, repeating items expanded; FeedError when
    the bytes are not an iCalendar feed or cannot be read."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    if not head.startswith(b"BEGIN:VCALENDAR"):
        raise FeedError(
            _(
                "This address does not give an iCal feed (a file that starts with "
                "BEGIN:VCALENDAR): perhaps a web page. Ask the partner for the iCal address."
            ),
            "not_ical",
        )
    try:
        calendar = icalendar.Calendar.from_ical(data)
        repeating = {
            str(component.get("UID", ""))
            for component in calendar.walk("VEVENT")
            if any(component.get(name) is not None for name in ("RRULE", "RDATE", "RECURRENCE-ID"))
        }
        occurrences = recurring_ical_events.of(calendar).between(now, now + WINDOW)
        items = [_item(component, repeating) for component in occurrences]
    except FeedError:
        raise
    except Exception as error:  # icalendar and its expansion raise many kinds
        raise FeedError(
            _("The feed is broken and cannot be read (%(reason)s).") % {"reason": str(error)[:200]},
            "broken",
        ) from error
    return [item for item in items if item.ends_at >= now]


def _item(component: Any, repeating: set[str]) -> FeedItem:
    title = " ".join(_text(component, "SUMMARY").split())[:200] or _("(no title)")
    start = component.get("DTSTART")
    if start is None:
        raise ValueError(_("an item without a start: %(title)s") % {"title": title})
    starts_at = _aware(start.dt)
    end = component.get("DTEND")
    if end is not None:
        ends_at = _aware(end.dt, end_of_day=True)
    elif component.get("DURATION") is not None:
        ends_at = starts_at + component["DURATION"].dt
    else:
        ends_at = _aware(start.dt, end_of_day=True) + (
            datetime.timedelta(days=1)
            if not isinstance(start.dt, datetime.datetime)
            else datetime.timedelta()
        )
    ends_at = max(ends_at, starts_at)
    uid = str(component.get("UID", "")).strip()
    if not uid:  # against the standard: the title and the start stand in for it
        uid = (
            "zonder-uid-" + hashlib.sha256(f"{title}|{_stamp(start.dt)}".encode()).hexdigest()[:24]
        )
    recurrence = component.get("RECURRENCE-ID")
    if uid in repeating and recurrence is not None:
        uid = f"{uid}#{_stamp(recurrence.dt)}"
    return FeedItem(
        uid=uid[:500],
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=" ".join(_text(component, "LOCATION").split())[:200],
        url=_link(component),
        description=_text(component, "DESCRIPTION").strip()[:DESCRIPTION_MAX],
        cancelled=_text(component, "STATUS").strip().upper() == "CANCELLED",
    )


# --- Importing ------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)  # cancelled or gone: off the calendar
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.withdrawn)


def import_feed(feed: PartnerFeed, now: datetime.datetime | None = None) -> ImportResult:
    """Read the feed and bring its coming items into the calendar (the rules in the module's
    text). A bad feed changes nothing but the feed's last check and its error."""
    now = now or timezone.now()
    with translation.override("nl"):  # the error is kept for the team's page, in Dutch
        try:
            items = parse(fetch(feed.url), now)
            return _apply(feed, items, now)
        except FeedError as error:
            return _failed(feed, error.message, now)


def import_items(
    feed: PartnerFeed, data: bytes, now: datetime.datetime | None = None
) -> ImportResult:
    """`import_feed` for bytes read elsewhere (the demo's feed, a file in the repository)."""
    now = now or timezone.now()
    with translation.override("nl"):
        try:
            return _apply(feed, parse(data, now), now)
        except FeedError as error:
            return _failed(feed, error.message, now)


def _failed(feed: PartnerFeed, message: str, now: datetime.datetime) -> ImportResult:
    PartnerFeed.objects.filter(pk=feed.pk).update(last_checked_at=now, last_error=message)
    feed.last_checked_at, feed.last_error = now, message
    return ImportResult(error=message)


def _apply(feed: PartnerFeed, items: list[FeedItem], now: datetime.datetime) -> ImportResult:
    try:
        with transaction.atomic():
            return _apply_in_transaction(feed, items, now)
    except (IntegrityError, ValidationError) as error:
        raise FeedError(
            _("The feed's items could not be saved (%(reason)s).") % {"reason": str(error)[:200]},
            "broken",
        ) from error


def _facts(item: FeedItem, organisation: Organisation) -> dict[str, Any]:
    return {
        "title": item.title,
        "starts_at": item.starts_at,
        "ends_at": item.ends_at,
        "venue_name": item.place,
        "external_url": item.url or organisation.website[:200],
        "description": item.description,
    }


def _apply_in_transaction(
    feed: PartnerFeed, items: list[FeedItem], now: datetime.datetime
) -> ImportResult:
    feed = PartnerFeed.objects.select_for_update().select_related("organisation").get(pk=feed.pk)
    organisation = feed.organisation
    result = ImportResult()
    existing = {event.source_uid: event for event in Event.objects.filter(source_feed=feed)}
    seen: set[str] = set()
    for item in items:
        if item.uid in seen:  # the same occurrence twice in one feed: the first counts
            continue
        seen.add(item.uid)
        event = existing.get(item.uid)
        if event is None:
            if not item.cancelled:
                _create(feed, item, organisation)
                result.created.append(item.title)
        elif item.cancelled:
            if _withdraw(event):
                result.withdrawn.append(event.title)
        elif _update(event, _facts(item, organisation)):
            result.updated.append(item.title)
    for uid, event in existing.items():
        if uid not in seen and event.starts_at >= now and _withdraw(event):
            result.withdrawn.append(event.title)
    feed.last_checked_at = feed.last_success_at = now
    feed.last_error = ""
    feed.save(update_fields=["last_checked_at", "last_success_at", "last_error", "updated_at"])
    if result.changed:
        page_cache.invalidate()
    return result


def _create(feed: PartnerFeed, item: FeedItem, organisation: Organisation) -> Event:
    trusted = feed.is_trusted
    event = Event(
        kind=Event.Kind.EXTERNAL,
        organiser=organisation,
        source_feed=feed,
        source_uid=item.uid,
        review=Event.Review.ACCEPTED if trusted else Event.Review.SUBMITTED,
        is_published=trusted,
        audience=Event.Audience.EVERYBODY,
        reconfirmation=Event.Reconfirmation.OFF,
        slug=unique_slug(item.title, timezone.localdate(item.starts_at)),
        **_facts(item, organisation),
    )
    event.full_clean()
    event.save()
    audit.record(
        actor=None,
        action="event.imported",
        obj=event,
        changes=audit.diff({}, records.values_of(event)),
    )
    return event


def _update(event: Event, facts: dict[str, Any]) -> bool:
    """The partner's new facts; an accepted item taken off earlier (cancelled) comes back."""
    changes = {name: value for name, value in facts.items() if getattr(event, name) != value}
    restore = event.is_accepted and not event.is_published
    if not changes and not restore:
        return False
    before = records.values_of(event)
    for name, value in changes.items():
        setattr(event, name, value)
    if restore:
        event.is_published = True
    event.full_clean()
    event.save()
    audit.record(
        actor=None,
        action="event.updated_from_feed",
        obj=event,
        changes=audit.diff(before, records.values_of(event)),
    )
    return True


def _withdraw(event: Event) -> bool:
    """Off the calendar: an accepted row unpublished, a waiting one deleted, a declined one left."""
    if event.review == Event.Review.SUBMITTED:
        audit.record(
            actor=None,
            action="event.withdrawn_from_feed",
            obj=event,
            changes={"title": event.title},
        )
        event.delete()
        return True
    if event.is_accepted and event.is_published:
        event.is_published = False
        event.save(update_fields=["is_published", "updated_at"])
        audit.record(
            actor=None,
            action="event.withdrawn_from_feed",
            obj=event,
            changes={"is_published": [True, False]},
        )
        return True
    return False


def import_active_feeds(
    now: datetime.datetime | None = None,
) -> list[tuple[PartnerFeed, ImportResult]]:
    """Every active feed, one after the other (the scheduled command)."""
    now = now or timezone.now()
    return [(feed, import_feed(feed, now)) for feed in PartnerFeed.objects.filter(is_active=True)]


def import_now(*, feed: PartnerFeed, by: Person) -> ImportResult:
    """The team's "import now" button."""
    roles.require_team(by)
    return import_feed(feed)
