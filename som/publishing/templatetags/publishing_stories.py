"""Stories on the pages of what they are about, and what a story page shows around its text.

- `{% stories_about obj %}`: the public stories about a lab, an event, a lab result, an
  organisation or a portrait, as cards (templates/publishing/_stories_about.html); nothing when
  there are none. The labs and events apps' templates load this library, their Python never
  imports publishing. Two queries whatever the number of stories.
- `{% story_details page as details %}`: a story page's date line ("updated on") and the public
  labs, events, results, organisations and portraits it links to.
- `{% consent_allows number "website" as shown %}`: whether the consent with this number
  (network.Consent) allows the use today; a quote is left out otherwise.
"""

import datetime as dt
from typing import Any

from django import template
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from som.network.models import Consent
from som.publishing.models import StoryPage

register = template.Library()

STORIES_SHOWN = 6

# Which of a story's links points at an object of this model (app_label.ModelName).
_RELATION = {
    "labs.lab": "labs",
    "labs.result": "results",
    "events.event": "events",
    "network.organisation": "organisations",
    "publishing.portraitpage": "portraits",
}


def mark_languages(stories: list[StoryPage]) -> list[StoryPage]:
    """`shown_in` on each story written in another language than the page's (no translation
    yet): the card marks its title and lead with that lang."""
    language = get_language()
    for story in stories:
        code = story.locale.language_code
        story.shown_in = "" if code == language else code  # type: ignore[attr-defined]
    return stories


def public_stories_about(obj: Model, limit: int = STORIES_SHOWN) -> list[StoryPage]:
    from som.publishing.selectors import public_stories

    relation = _RELATION.get(obj._meta.label_lower)
    if relation is None or obj.pk is None:
        return []
    stories = public_stories().filter(**{relation: obj}).select_related("locale", "cover")
    return mark_languages(list(stories.distinct()[:limit]))


@register.inclusion_tag("publishing/_stories_about.html")
def stories_about(obj: Model, heading_level: int = 2) -> dict[str, Any]:
    return {"stories": public_stories_about(obj), "heading_level": heading_level}


def _updated_on(story: StoryPage) -> dt.date | None:
    """The day of the last publication, when it is a later day than the first one."""
    first, last = story.first_published_at, story.last_published_at
    if first is None or last is None:
        return None
    first_day, last_day = timezone.localdate(first), timezone.localdate(last)
    return last_day if last_day > first_day else None


@register.simple_tag
def story_details(story: StoryPage) -> dict[str, Any]:
    from som.publishing.selectors import public_portraits

    # Plain loops, not filters: in Wagtail's preview the links are the draft's, in memory.
    labs = [(lab.title, reverse("labs:lab", kwargs={"slug": lab.slug})) for lab in story.labs.all()]
    events = [
        (event.title, reverse("events:detail", kwargs={"slug": event.slug}))
        for event in story.events.all()
        if event.is_published
    ]
    results = [
        (result.title, reverse("labs:result", kwargs={"slug": result.lab.slug, "pk": result.pk}))
        for result in story.results.all()
        if result.published_at is not None
    ]
    organisations = [
        (org.name, reverse("publishing:organisation", kwargs={"slug": org.slug}))
        for org in story.organisations.all()
        if _listed(org)
    ]
    portrait_ids = [p.pk for p in story.portraits.all()]
    portraits = [
        (p.person_name, p.url)
        for p in public_portraits().filter(pk__in=portrait_ids)
        if getattr(p, "shown_publicly", lambda: True)()
    ]
    return {
        "updated_on": _updated_on(story),
        "speerpunten": list(story.speerpunten.all()),
        "labs": labs,
        "events": events,
        "results": results,
        "organisations": organisations,
        "portraits": portraits,
        "has_links": bool(labs or events or results or organisations or portraits),
    }


def _listed(organisation: Model) -> bool:
    """Not hidden from the directory by its contact person (no choice yet: shown)."""
    profile = getattr(organisation, "directory_profile", None)
    return profile is None or bool(profile.listed)


@register.simple_tag
def consent_allows(number: Any, use: str = "website") -> bool:
    try:
        consent = Consent.objects.filter(pk=int(number)).first()
    except (TypeError, ValueError):
        return False
    return consent is not None and consent.allows(use)
