"""The sitemap search engines read (/sitemap.xml): the public pages, the published events and the
labs' public pages, each in Dutch and English with the other language as its alternate."""

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse
from wagtail.models import Page

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
    """The public pages that are routes of their own (the calendar, the labs)."""

    changefreq = "weekly"
    priority = 0.8

    def items(self) -> list[str]:
        return ["events:calendar", "labs:overview", "labs:results", "labs:calls"]

    def location(self, item: str) -> str:
        return reverse(item)


class TeamPages(Sitemap):
    """The pages the team edits (Wagtail: the home page, About SOM, the stories, the portraits,
    ...), live and public, in each language they exist in, each with its translations as its
    alternates. One query for the pages, one for their languages' trees."""

    changefreq = "weekly"
    priority = 0.8

    def items(self) -> list[Page]:
        pages = list(
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .select_related("locale")
            .order_by("path")
        )
        by_key: dict[Any, list[Page]] = {}
        for page in pages:
            by_key.setdefault(page.translation_key, []).append(page)
        for page in pages:
            page.sitemap_twins = by_key[page.translation_key]  # type: ignore[attr-defined]
        return pages

    def location(self, item: Page) -> str:
        return _path(item)

    def lastmod(self, item: Page) -> Any:
        return item.last_published_at

    def get_urls(self, page: Any = 1, site: Any = None, protocol: Any = None) -> list[Any]:
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            item = url["item"]
            base = url["location"].removesuffix(_path(item))  # protocol://domain
            url["alternates"] = [
                {"location": f"{base}{_path(twin)}", "lang_code": twin.locale.language_code}
                for twin in item.sitemap_twins
            ]
        return urls


def _path(page: Page) -> str:
    """The page's address on this site (the path, without the host Wagtail's site names)."""
    parts = page.get_url_parts()
    return parts[2] if parts else ""


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


SITEMAPS = {
    "site": TeamPages,
    "pages": PublicPages,
    "events": Events,
    "labs": Labs,
    "directory": DirectoryPages,
}
