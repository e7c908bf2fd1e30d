"""The team's "to post" list: a prepared LinkedIn post for every published story and portrait,
every public event still to come and every published lab result; the team copies the text,
posts it themselves and marks it posted (the seed's rhythm: three to four posts a week).

`prepare_posts()` writes the posts that are missing (the list calls it when it opens, and so
does `manage.py prepare_posts`); `mark_posted` and `unmark_posted` are the list's two actions.
Nothing here talks to a social network."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from som.core import audit
from som.core.errors import DomainError
from som.core.roles import require_team, require_team_page
from som.events.models import Event
from som.events.selectors import public_events
from som.labs.selectors import published_results
from som.publishing.models import SocialPost
from som.publishing.selectors import public_portraits, public_stories

# The language of the posts: the network's audience reads Dutch.
POST_LANGUAGE = "nl"
# The seed's rhythm (docs of the network: "drie à vier posts per week").
POSTS_PER_WEEK = (3, 4)
# Posts already marked posted that the list still shows (the newest first).
POSTED_SHOWN = 30


class SharingError(DomainError):
    """Codes: not_team, already_posted, not_posted."""


@dataclass(frozen=True)
class Item:
    """Something public the team may post about: what the post says and where it links."""

    obj: models.Model
    kind: str
    title: str
    url: str
    date: datetime.datetime
    context: dict[str, Any]


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _stories() -> list[Item]:
    return [
        Item(
            story,
            "story",
            story.title,
            _absolute(story.get_url() or ""),
            story.first_published_at or story.latest_revision_created_at or timezone.now(),
            {"story": story, "line": story.lead},
        )
        for story in public_stories().select_related("locale")
    ]


def _portraits() -> list[Item]:
    return [
        Item(
            portrait,
            "portrait",
            portrait.person_name,
            _absolute(portrait.get_url() or ""),
            portrait.first_published_at or timezone.now(),
            {
                "portrait": portrait,
                "line": portrait.search_description,
                "organisation": portrait.organisation_label(),
            },
        )
        for portrait in public_portraits().select_related("locale", "organisation")
    ]


def _events() -> list[Item]:
    """Public events that have not ended: a post about a past event announces nothing."""
    events = public_events().filter(ends_at__gte=timezone.now()).order_by("starts_at")
    return [
        Item(
            event,
            "event",
            event.title,
            _absolute(reverse("events:detail", kwargs={"slug": event.slug})),
            event.created_at,
            {"event": event, "line": event.summary},
        )
        for event in events
    ]


def _results() -> list[Item]:
    return [
        Item(
            result,
            "result",
            result.title,
            _absolute(reverse("labs:result", kwargs={"slug": result.lab.slug, "pk": result.pk})),
            result.published_at or result.created_at,
            {"result": result, "line": result.summary},
        )
        for result in published_results()
    ]


def public_items() -> list[Item]:
    """Everything the team may post about now, in Dutch, newest first."""
    with translation.override(POST_LANGUAGE):
        items = [*_stories(), *_portraits(), *_events(), *_results()]
    return sorted(items, key=lambda item: item.date, reverse=True)


def post_text(item: Item) -> str:
    """The prepared LinkedIn text for `item`: templates/publishing/posts/<kind>.txt, in Dutch."""
    with translation.override(POST_LANGUAGE):
        text = render_to_string(
            f"publishing/posts/{item.kind}.txt",
            {**item.context, "title": item.title, "url": item.url},
        )
    # The templates' blank lines are paragraphs; lines with only template tags leave spaces.
    paragraphs = [" ".join(block.split()) for block in text.strip().split("\n\n")]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _key(obj: models.Model) -> tuple[int, int]:
    return ContentType.objects.get_for_model(obj).pk, int(obj.pk)


def prepare_posts(items: list[Item] | None = None) -> int:
    """Write a LinkedIn post for every public item (`public_items()` unless given) that has
    none yet; returns how many were written. Safe to run at any moment and twice at once (the
    unique constraint decides)."""
    items = public_items() if items is None else items
    existing = set(
        SocialPost.objects.filter(channel=SocialPost.Channel.LINKEDIN).values_list(
            "content_type_id", "object_id"
        )
    )
    written = 0
    for item in items:
        content_type_id, object_id = _key(item.obj)
        if (content_type_id, object_id) in existing:
            continue
        post = SocialPost(
            content_type_id=content_type_id,
            object_id=object_id,
            title=item.title[:255],
            url=item.url[:500],
            channel=SocialPost.Channel.LINKEDIN,
            text=post_text(item),
        )
        post.full_clean(exclude=["content_type"], validate_unique=False)
        try:
            with transaction.atomic():
                post.save()
        except IntegrityError:  # another request wrote it in between
            continue
        audit.record(actor=None, action="social_post.prepared", obj=post)
        written += 1
    return written


@transaction.atomic
def mark_posted(*, post: SocialPost, by: Any) -> SocialPost:
    """The team posted `post`: when and by whom. Marking it twice is refused (a colleague did)."""
    require_team(by, error=SharingError)
    post = SocialPost.objects.select_for_update().get(pk=post.pk)
    if post.posted_at is not None:
        raise SharingError(_("This post is marked as posted already."), "already_posted")
    post.posted_at = timezone.now()
    post.posted_by = by
    post.save(update_fields=["posted_at", "posted_by", "updated_at"])
    audit.record(actor=by, action="social_post.posted", obj=post)
    return post


@transaction.atomic
def unmark_posted(*, post: SocialPost, by: Any) -> SocialPost:
    """Undo `mark_posted` (it was marked by mistake): back on the list to post."""
    require_team(by, error=SharingError)
    post = SocialPost.objects.select_for_update().get(pk=post.pk)
    if post.posted_at is None:
        raise SharingError(_("This post is not marked as posted."), "not_posted")
    changes = {
        "posted_at": [post.posted_at.isoformat(), None],
        "posted_by": [post.posted_by_id, None],
    }
    post.posted_at = None
    post.posted_by = None
    post.save(update_fields=["posted_at", "posted_by", "updated_at"])
    audit.record(actor=by, action="social_post.unposted", obj=post, changes=changes)
    return post


# --- The list's reads ------------------------------------------------------------------------------


def _ended_public_events() -> set[tuple[int, int]]:
    """(content type, id) of the public events that have ended: a post about one that took
    place stays on the list of posted ones."""
    event_type = ContentType.objects.get_for_model(Event).pk
    ended = public_events().filter(ends_at__lt=timezone.now()).values_list("pk", flat=True)
    return {(event_type, pk) for pk in ended}


KIND_LABELS = {
    "storypage": gettext_lazy("story"),
    "portraitpage": gettext_lazy("portrait"),
    "event": gettext_lazy("event"),
    "result": gettext_lazy("lab result"),
}


@dataclass(frozen=True)
class Row:
    post: SocialPost
    kind: str


@dataclass(frozen=True)
class PostList:
    to_post: list[Row]
    posted: list[Row]
    posted_this_week: int


def week_start(now: datetime.datetime | None = None) -> datetime.datetime:
    """Monday 00:00 of this week, in Brussels time."""
    local = timezone.localtime(now or timezone.now())
    monday = local.date() - datetime.timedelta(days=local.weekday())
    return timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))


def post_list(items: list[Item] | None = None) -> PostList:
    """The list the team sees: the posts still to do, newest items first (an event only until
    it ends), then the latest posted ones; only posts whose item is still public."""
    items = public_items() if items is None else items
    order = {_key(item.obj): index for index, item in enumerate(items)}
    public = set(order) | _ended_public_events()
    posts = SocialPost.objects.filter(channel=SocialPost.Channel.LINKEDIN).select_related(
        "posted_by", "content_type"
    )
    waiting = [p for p in posts.filter(posted_at__isnull=True) if _post_key(p) in order]
    waiting.sort(key=lambda p: order[_post_key(p)])
    posted = [
        p
        for p in posts.filter(posted_at__isnull=False).order_by("-posted_at")[:POSTED_SHOWN]
        if _post_key(p) in public
    ]
    this_week = posts.filter(posted_at__gte=week_start()).count()
    return PostList(
        to_post=[_row(post) for post in waiting],
        posted=[_row(post) for post in posted],
        posted_this_week=this_week,
    )


def _row(post: SocialPost) -> Row:
    return Row(post=post, kind=str(KIND_LABELS.get(post.content_type.model, "")))


def _post_key(post: SocialPost) -> tuple[int, int]:
    return post.content_type_id, post.object_id


# --- The gate --------------------------------------------------------------------------------------


def get_post_for_team(person: Any, pk: int) -> SocialPost:
    require_team_page(person)
    post = SocialPost.objects.filter(pk=pk).first()
    if post is None:
        raise Http404
    return post
