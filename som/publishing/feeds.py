"""The feeds of the stories (RSS and Atom) and of the portraits (RSS), in the address's language:
only what the public sees (published, not restricted, and for a portrait its person's consent).
A story not translated yet appears in Dutch in the English feed, as in the English list."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from som.publishing.models import PortraitPage, StoryPage

ITEMS = 20


def _link_to(name: str) -> str:
    from som.publishing.selectors import page_links

    return page_links().get(name, "/")


class StoriesRss(Feed):
    def title(self) -> str:
        return _("Stories of %(network)s") % {"network": settings.SOM_NETWORK_NAME}

    def description(self) -> str:
        return _("Interviews, reports and what the labs learn, from %(network)s.") % {
            "network": settings.SOM_NETWORK_NAME
        }

    def link(self) -> str:
        return _link_to("stories")

    def items(self) -> list[StoryPage]:
        from som.publishing.selectors import public_stories

        return list(public_stories().select_related("written_for_lab", "locale")[:ITEMS])

    def item_title(self, item: StoryPage) -> str:
        return item.title

    def item_description(self, item: StoryPage) -> str:
        return item.lead

    def item_link(self, item: StoryPage) -> str:
        return item.url or "/"

    def item_guid(self, item: StoryPage) -> str:
        return self.item_link(item)

    def item_pubdate(self, item: StoryPage) -> datetime | None:
        return item.first_published_at

    def item_updateddate(self, item: StoryPage) -> datetime | None:
        return item.last_published_at

    def item_author_name(self, item: StoryPage) -> str:
        # The lab it was written for, or the network: never a person's name in a feed.
        return item.written_for_lab.title if item.written_for_lab else settings.SOM_NETWORK_NAME

    def item_categories(self, item: StoryPage) -> list[str]:
        return [item.get_kind_display()]


class StoriesAtom(StoriesRss):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()


class PortraitsRss(Feed):
    def title(self) -> str:
        return _("They make education: portraits from %(network)s") % {
            "network": settings.SOM_NETWORK_NAME
        }

    def description(self) -> str:
        return _("The people who make education, in their own words.")

    def link(self) -> str:
        return _link_to("portraits")

    def items(self) -> list[PortraitPage]:
        from som.publishing.selectors import public_portraits

        portraits = public_portraits().select_related("consent")[: ITEMS * 2]
        return [p for p in portraits if _shown(p)][:ITEMS]

    def item_title(self, item: PortraitPage) -> str:
        return f"{item.person_name}, {item.role}"

    def item_description(self, item: PortraitPage) -> str:
        return item.search_description or item.organisation_label()

    def item_link(self, item: PortraitPage) -> str:
        return item.url or "/"

    def item_pubdate(self, item: PortraitPage) -> datetime | None:
        return item.first_published_at

    def item_author_name(self, item: PortraitPage) -> str:
        return settings.SOM_NETWORK_NAME


def _shown(portrait: PortraitPage) -> bool:
    """Live and, when a consent is recorded, still allowing the website."""
    shown: Any = getattr(portrait, "shown_publicly", None)
    if callable(shown):
        return bool(shown())
    return portrait.consent is None or portrait.consent.allows("website")
