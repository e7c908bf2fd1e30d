"""What a link to one of our pages shows when it is shared (Open Graph and Twitter's cards), and
the share buttons under a story, a portrait, an event or a lab result.

`{% share_data as share %}` (includes/share_meta.html, in base.html's head) works out the title,
the description, the image and the canonical address of the page being rendered:

- a page the team edits in Wagtail (`page` in the context): its SEO title or title, its
  `share_description()` and `share_picture()` (only when the image may be shown to the public,
  `som.publishing.images.may_show`), `article` for a story or a portrait;
- any other page may say `share_title`, `share_description`, `share_type` and `share_date` (the
  day an event starts, after its title); the event and lab templates do, through
  `{% include "includes/share_meta.html" with ... %}`;
- otherwise the site's own description and the default image (static/img/share-default.png).

`{% share_control title=... %}` renders includes/share_control.html: plain links to LinkedIn,
Facebook and an e-mail, which work without a script; static/js/share.js adds "copy link" and the
phone's own share sheet. No script, widget or pixel of a social network is ever loaded."""

from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import Truncator
from wagtail.models import Page

from som.publishing import images

register = template.Library()

DEFAULT_IMAGE = "img/share-default.png"
SIZE = (1200, 630)
DESCRIPTION_CHARACTERS = 300
OG_LOCALES = {"nl": "nl_BE", "en": "en_GB"}


@dataclass(frozen=True)
class Share:
    title: str
    description: str
    url: str
    image: str
    image_alt: str
    image_width: int | None
    image_height: int | None
    own_image: bool
    type: str
    locale: str
    alternate_locales: list[str]

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.own_image else "summary"


def absolute(path: str) -> str:
    """`path` on the site's public address (SITE_URL): the same answer on every host, so a page
    from the page cache never names another host."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path


def canonical_url(request: Any) -> str:
    """This page's address without its query string (filters, a month, a tracking tag)."""
    return absolute(request.path if request is not None else "/")


@cache
def _site_description(language: str, name: str, long_name: str) -> str:
    with translation.override(language):
        return " ".join(render_to_string("organisation/description.html").split())


def site_description() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return _site_description(
        language, str(settings.SOM_NETWORK_NAME), str(settings.SOM_NETWORK_LONG_NAME)
    )


def public_image_url(image: Any) -> str | None:
    """The absolute address of `image` cut to 1200 x 630, or None when it may not be shown to
    the public (its people have not all consented: som.publishing.images.may_show)."""
    if image is None:
        return None
    path = images.public_image_url(image, images.OPEN_GRAPH_SPEC)
    return absolute(path) if path else None


def _page_fields(page: Page) -> dict[str, Any]:
    from som.publishing.models import HomePage, PortraitPage, StoryPage

    specific = page.specific if type(page) is Page else page
    if isinstance(specific, HomePage):
        title = (
            specific.seo_title or f"{settings.SOM_NETWORK_NAME} · {settings.SOM_NETWORK_LONG_NAME}"
        )
    else:
        title = specific.seo_title or specific.title
    describe = getattr(specific, "share_description", None)
    picture = getattr(specific, "share_picture", None)
    return {
        "title": title,
        "description": describe() if describe else "",
        "image": picture() if picture else None,
        "type": "article" if isinstance(specific, StoryPage | PortraitPage) else "website",
    }


def share_for(context: dict[str, Any] | template.Context) -> Share:
    """The share data of the page rendered with `context` (see the module's docstring)."""
    page = context.get("page")
    fields: dict[str, Any] = (
        _page_fields(page)
        if isinstance(page, Page)
        else {"title": "", "description": "", "image": None, "type": "website"}
    )
    title = str(context.get("share_title") or fields["title"] or "")
    when = context.get("share_date")
    if title and when:  # an event: its title and the day it starts
        title = f"{title} · {date_format(timezone.localtime(when), 'DATE_FORMAT')}"
    description = str(context.get("share_description") or fields["description"] or "")
    image: Any = context.get("share_image", fields["image"])
    own_url = public_image_url(image)
    network_name = str(settings.SOM_NETWORK_NAME)
    language = translation.get_language() or settings.LANGUAGE_CODE
    locale = OG_LOCALES.get(language, OG_LOCALES["nl"])
    if own_url is not None:
        image_url = own_url
        large = image.width >= SIZE[0] and image.height >= SIZE[1]
        width, height = SIZE if large else (None, None)
        alt = str(getattr(image, "description", "") or title)
    else:
        image_url = absolute(static(DEFAULT_IMAGE))
        (width, height), alt = SIZE, network_name
    return Share(
        title=" ".join(title.split()) or f"{network_name} · {settings.SOM_NETWORK_LONG_NAME}",
        description=Truncator(" ".join(description.split()) or site_description()).chars(
            DESCRIPTION_CHARACTERS
        ),
        url=canonical_url(context.get("request")),
        image=image_url,
        image_alt=alt,
        image_width=width,
        image_height=height,
        own_image=own_url is not None,
        type=str(context.get("share_type") or fields["type"]),
        locale=locale,
        alternate_locales=[value for value in OG_LOCALES.values() if value != locale],
    )


@register.simple_tag(takes_context=True)
def share_data(context: template.Context) -> Share:
    return share_for(context)


def share_links(*, url: str, title: str) -> dict[str, str]:
    """The addresses the share control links to: each network's own share page (nothing of
    theirs loads on ours) and a mail with the title and the link."""
    body = f"{title}\n\n{url}"
    return {
        "linkedin": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        "facebook": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        "mail": f"mailto:?subject={quote(title)}&body={quote(body)}",
    }


@register.inclusion_tag("includes/share_control.html", takes_context=True)
def share_control(context: template.Context, title: str = "") -> dict[str, Any]:
    """The share buttons for the page being rendered; `title` defaults to its share title."""
    share = share_for(context)
    title = " ".join(str(title).split()) or share.title
    return {
        "share_url": share.url,
        "share_title": title,
        "links": share_links(url=share.url, title=title),
    }
