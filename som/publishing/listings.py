"""What the listing blocks of a page show (som/publishing/blocks.py: upcoming events, the latest
stories and portrait, the labs): current data, read when the page is served and kept with the
page cache's version (som.core.page_cache.kept), so a page with every listing costs no query of
its own once one visitor has seen it, and a published page, an event or a lab that changes
shows at once (their services and som/publishing/signals.py start a new version)."""

from typing import Any

from django.urls import reverse
from django.utils import translation

from som.core import page_cache
from som.events.models import Event
from som.events.selectors import calendar_events, for_cards
from som.labs.selectors import ENDED_STATUSES, public_labs
from som.membership.selectors import membership_types_with_tariffs
from som.network import selectors as network_selectors
from som.publishing.selectors import public_portraits, public_stories


def upcoming_events(count: int) -> list[Event]:
    """The next `count` public events, the next network day first (it is what the network
    gathers for, even when smaller events come before it)."""
    return page_cache.kept(f"listing:events:{count}", lambda: _upcoming_events(count))


def _upcoming_events(count: int) -> list[Event]:
    events = list(calendar_events()[:count])
    if not any(event.kind == Event.Kind.NETWORK_DAY for event in events):
        network_day = calendar_events(kind=Event.Kind.NETWORK_DAY).first()
        if network_day is not None:
            events = [network_day, *events][:count]
    days = [event for event in events if event.kind == Event.Kind.NETWORK_DAY][:1]
    return for_cards(days + [event for event in events if event not in days])


def latest_stories(count: int) -> list[Any]:
    return page_cache.kept(f"listing:stories:{count}", lambda: _latest_stories(count))


def _latest_stories(count: int) -> list[Any]:
    language = translation.get_language()
    stories = list(public_stories().select_related("locale", "cover")[:count])
    for story in stories:
        # A story not translated yet is shown in its own language (story cards mark it).
        story.shown_in = (
            "" if story.locale.language_code == language else story.locale.language_code
        )
        story.card_url = story.get_url()
    return stories


def latest_portrait() -> Any:
    return page_cache.kept("listing:portrait", _latest_portrait)


def _latest_portrait() -> Any:
    portrait = public_portraits().select_related("organisation", "photo").first()
    if portrait is not None:
        portrait.card_url = portrait.get_url()
    return portrait


def labs(count: int) -> list[dict[str, Any]]:
    """Labs that are not over, newest first: what a card of the lab overview shows."""
    return page_cache.kept(f"listing:labs:{count}", lambda: _labs(count))


def _labs(count: int) -> list[dict[str, Any]]:
    chosen = public_labs().exclude(status__in=ENDED_STATUSES).order_by("-starts_on", "title")
    base = reverse("labs:lab", kwargs={"slug": "__slug__"})
    return [
        {
            "title": lab.title,
            "summary": lab.summary,
            "url": base.replace("__slug__", lab.slug),
            "status": lab.status,
            "status_label": lab.get_status_display(),
            "speerpunten": [s.display_name for s in lab.speerpunten.all()],
            "year": lab.starts_on.year,
        }
        for lab in chosen[:count]
    ]


def speerpunten() -> list[Any]:
    return page_cache.kept("listing:speerpunten", lambda: list(network_selectors.speerpunten()))


def membership_types() -> list[Any]:
    """The membership types with the tariffs offered now (the join page)."""
    return page_cache.kept("listing:memberships", lambda: list(membership_types_with_tariffs()))
