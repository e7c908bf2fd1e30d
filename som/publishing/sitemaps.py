"""The sitemap search engines read (/sitemap.xml): the public pages, the published events and the
labs' public pages, each in Dutch and English with the other language as its alternate."""

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from som.events.models import Event
from som.events.selectors import public_events
from som.labs.models import Lab
from som.labs.selectors import public_labs
from som.publishing.directory import listed_organisations


class _BothLanguages(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PublicPages(_BothLanguages):
    changefreq = "weekly"
    priority = 0.8

    def items(self) -> list[str]:
        return [
            "publishing:home",
            "publishing:about",
            "publishing:join",
            "publishing:contact",
            "events:calendar",
            "labs:overview",
            "labs:results",
            "labs:calls",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class Events(_BothLanguages):
    changefreq = "weekly"

    def items(self) -> QuerySet[Event]:
        return public_events().order_by("-starts_at")

    def location(self, item: Event) -> str:
        return reverse("events:detail", kwargs={"slug": item.slug})

    def lastmod(self, item: Event) -> Any:
        return item.updated_at


class Labs(_BothLanguages):
    changefreq = "monthly"

    def items(self) -> QuerySet[Lab]:
        return public_labs().prefetch_related(None)  # the addresses need no focus areas

    def location(self, item: Lab) -> str:
        return reverse("labs:lab", kwargs={"slug": item.slug})

    def lastmod(self, item: Lab) -> Any:
        return item.updated_at


class DirectoryPages(_BothLanguages):
    """The directory of the network and the page of each listed organisation."""

    changefreq = "monthly"
    priority = 0.5

    def items(self) -> list[Any]:
        return ["publishing:directory", *listed_organisations()]

    def location(self, item: Any) -> str:
        if isinstance(item, str):
            return reverse(item)
        return reverse("publishing:organisation", kwargs={"slug": item.slug})


SITEMAPS = {"pages": PublicPages, "events": Events, "labs": Labs, "directory": DirectoryPages}
