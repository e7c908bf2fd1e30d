"""The public site's reads: the addresses of the pages the team edits, the published stories and
portraits (only those whose people still consent), what a page's blocks list."""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from django.utils import timezone, translation
from wagtail.models import Locale, Page, PageQuerySet, PageViewRestriction

from som.core import page_cache
from som.publishing.models import (
    ContactPage,
    ContentPage,
    HomePage,
    PortraitIndexPage,
    PortraitPage,
    StoryIndexPage,
    StoryPage,
)


def page_links() -> dict[str, str]:
    """{name: address} of the pages the menu and the footer link to, in the active language.
    Kept per page-cache version (a published page makes a new one), so one query per language
    and version, not one per request."""
    return page_cache.kept("page-links", _page_links)


# The menu's names for the page types it links to (a ContentPage by its `purpose`).
_LINKED_TYPES = {
    HomePage: "home",
    ContactPage: "contact",
    StoryIndexPage: "stories",
    PortraitIndexPage: "portraits",
}


def _page_links() -> dict[str, str]:
    """Two queries: the live pages of the home page's level and the one below in the active
    language (their locale joined: a page's address needs its language), and the roles of the
    content pages among them. The site's root paths come from Wagtail's own cache."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    pages = list(
        Page.objects.live()
        .filter(locale__language_code=language, depth__in=(2, 3))
        .select_related("locale")
        .order_by("path")
    )
    purposes = dict(
        ContentPage.objects.filter(pk__in=[page.pk for page in pages])
        .exclude(purpose="")
        .values_list("pk", "purpose")
    )
    names = {
        ContentType.objects.get_for_model(model).pk: name for model, name in _LINKED_TYPES.items()
    }
    links: dict[str, str] = {}
    for page in pages:
        name = purposes.get(page.pk) or names.get(page.content_type_id)
        url = page.get_url() if name and name not in links else None
        if url:
            links[name] = url  # type: ignore[index]
    links.setdefault("home", "/")
    return links


def _active_locale() -> Locale | None:
    try:
        return Locale.objects.get_for_language(translation.get_language())
    except Locale.DoesNotExist:
        return None


def without_private_pages(pages: PageQuerySet) -> PageQuerySet:
    """Wagtail's `.public()` in the same query: no page under a view restriction (the team's
    "privacy" setting). `.public()` itself reads the restrictions first, one query more on every
    page that lists stories (a lab's, an event's)."""
    restricted_above = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return pages.exclude(Exists(restricted_above))


def public_stories() -> PageQuerySet:
    """Published stories in the active language, newest first. A story not (yet) translated into
    the active language is shown in the site's first language (Dutch) rather than left out: the
    template marks it with its own lang (story.locale.language_code). No query of its own: the
    languages are joined, not looked up."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    stories = without_private_pages(StoryPage.objects.live())
    if language != settings.LANGUAGE_CODE:
        translated = StoryPage.objects.live().filter(locale__language_code=language)
        stories = stories.filter(
            Q(locale__language_code=language)
            | (
                Q(locale__language_code=settings.LANGUAGE_CODE)
                & ~Q(translation_key__in=translated.values("translation_key"))
            )
        )
    else:
        stories = stories.filter(locale__language_code=language)
    return stories.order_by("-first_published_at", "-pk")


def public_portraits() -> PageQuerySet:
    """Published portraits in the active language, newest first, without those whose person's
    consent no longer allows the website (revoked or expired; PortraitPage.shown_publicly)."""
    locale = _active_locale()
    today = timezone.localdate()
    consent_allows = Q(consent__isnull=True) | (
        Q(consent__website=True, consent__revoked_at__isnull=True)
        & (Q(consent__valid_until__isnull=True) | Q(consent__valid_until__gte=today))
    )
    portraits = PortraitPage.objects.live().public().filter(consent_allows)
    if locale is not None:
        portraits = portraits.filter(locale=locale)
    return portraits.select_related("organisation").order_by("-first_published_at")


def story_list_context(index: StoryIndexPage, request: HttpRequest) -> dict[str, Any]:
    """The list's filters and page (som/publishing/story_list.py). Every story lives under a
    StoryIndexPage; the English list also shows the Dutch stories not translated yet."""
    from som.publishing.story_list import list_context

    return list_context(public_stories(), request)
