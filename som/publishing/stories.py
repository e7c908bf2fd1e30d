"""A lab lead writes a story for their own lab; the team reviews and publishes it.

The story is a StoryPage under the Dutch story list, never live from here: every save is a draft
revision submitted to the team's review (the Wagtail workflow "Nalezen door het team", made by
site_pages.ensure_site_pages). The team approves it in Wagtail's admin (/cms/), which publishes
it, at once or at its go_live_at (`manage.py publish_scheduled`). From the first publication on
the story is the team's: the lead's form refuses to change it.
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from som.accounts.models import Person
from som.core import audit
from som.core.errors import DomainError
from som.core.mail import send_mail_on_commit
from som.core.roles import is_team
from som.labs import permissions as lab_permissions
from som.labs import selectors as lab_selectors
from som.labs.models import Lab
from som.network.models import Speerpunt
from som.publishing.models import SiteImage, StoryIndexPage, StoryPage

REVIEW_WORKFLOW = "Nalezen door het team"
REVIEW_TASK = "Nalezen door het team"


class StoryError(DomainError):
    pass


@dataclass
class CoverData:
    file: UploadedFile
    alt: str
    credit: str = ""
    recognisable: str = SiteImage.Recognisable.NOBODY


@dataclass
class StoryData:
    title: str
    kind: str
    lead: str
    body: str
    video_url: str = ""
    speerpunten: list[Speerpunt] = field(default_factory=list)
    cover: CoverData | None = None


# --- The gates: 404 for "missing" and "not yours" alike -------------------------------------------


def get_lab_for_writer(person: Person, slug: str) -> Lab:
    """A lab whose stories the person may write: its leads (and the team, acting for them)."""
    return lab_permissions.get_lab_for_lead(person, slug)


def get_story_for_writer(person: Person, slug: str, pk: int) -> tuple[Lab, StoryPage]:
    lab = get_lab_for_writer(person, slug)
    return lab, get_object_or_404(StoryPage.objects.filter(written_for_lab=lab), pk=pk)


def stories_of_lab(lab: Lab) -> list[StoryPage]:
    """The stories written for the lab, newest first, as their writers last saved them."""
    return list(
        StoryPage.objects.filter(written_for_lab=lab)
        .select_related("latest_revision")
        .order_by("-latest_revision_created_at", "-pk")
    )


def may_still_edit(story: StoryPage) -> bool:
    """The lead's form works until the team first publishes the story (or schedules it)."""
    return not story.live and story.first_published_at is None and story.go_live_at is None


def _check_writer(lab: Lab, by: Person) -> None:
    if not (is_team(by) or lab_selectors.is_lead(lab, by)):
        raise StoryError(_("Only the lab's leads write its stories."), "not_a_lead")


# --- The writes -----------------------------------------------------------------------------------


@transaction.atomic
def write_story(*, lab: Lab, data: StoryData, by: Person) -> StoryPage:
    """A new story for `lab`, as a draft submitted to the team's review."""
    _check_writer(lab, by)
    index = _dutch_story_index()
    story = StoryPage(
        title=data.title,
        slug=_free_slug(index, data.title),
        kind=data.kind,
        lead=data.lead,
        body=_body(data, []),
        written_for_lab=lab,
        owner=by,
        live=False,
    )
    if data.cover is not None:
        story.cover = _save_cover(data.cover, by)
    index.add_child(instance=story)
    story.speerpunten.set(data.speerpunten)
    story.labs.set([lab])
    story.save()
    _submit(story, by, new=True)
    audit.record(actor=by, action="story.written", obj=story, changes={"lab": lab.slug})
    return story


@transaction.atomic
def update_story(*, story: StoryPage, data: StoryData, by: Person) -> StoryPage:
    """The lead's changes to a story the team has not published yet: a new draft revision,
    submitted to the review again."""
    story = StoryPage.objects.select_for_update().get(pk=story.pk)
    lab = story.written_for_lab
    if lab is None:
        raise StoryError(_("This story was not written for a lab."), "not_a_lab_story")
    _check_writer(lab, by)
    if not may_still_edit(story):
        raise StoryError(
            _(
                "The team has published this story: it can no longer be changed here. "
                "Write to the team if something must change."
            ),
            "already_published",
        )
    draft = story.get_latest_revision_as_object()
    draft.title = draft.draft_title = data.title
    draft.kind = data.kind
    draft.lead = data.lead
    draft.body = _body(data, list(draft.body))
    if data.cover is not None:
        draft.cover = _save_cover(data.cover, by)
    draft.speerpunten = data.speerpunten
    # A draft's row carries its latest text too (the team's list in the admin, the lead's list).
    draft.save()
    _submit(draft, by, new=False)
    audit.record(actor=by, action="story.changed", obj=draft, changes={"title": data.title})
    return draft


def _submit(story: StoryPage, by: Person, *, new: bool) -> None:
    """A draft revision, and the review: a review still open is started again on it, so the
    team always reviews what the lead saved last. The team gets a mail."""
    story.save_revision(user=by, log_action=True)
    state = story.current_workflow_state
    if state is not None:
        state.cancel(user=by)
    workflow = story.get_workflow()
    if workflow is None:
        raise StoryError(
            _("The team's review is not set up: ask the team to run manage.py site_pages."),
            "no_review",
        )
    workflow.start(story, by)
    admin_url = settings.SITE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[story.pk])
    send_mail_on_commit(
        to=[settings.SOM_TEAM_EMAIL],
        template="publishing/mail/story_review",
        context={
            "title": story.title,
            "lab": story.written_for_lab.title if story.written_for_lab else "",
            "writer": str(by),
            "url": admin_url,
            "new": new,
        },
    )


def _dutch_story_index() -> StoryIndexPage:
    index = (
        StoryIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path")
        .first()
    )
    if index is None:
        raise StoryError(
            _("The site has no story list yet: ask the team to run manage.py site_pages."),
            "no_story_index",
        )
    return index


def _free_slug(index: StoryIndexPage, title: str) -> str:
    base = slugify(title)[:200] or "story"
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _body(data: StoryData, old: list[Any]) -> list[tuple[str, Any]]:
    """The lead's text as one text block and their video; the blocks the team added (images,
    a gallery, quotes) stay after them."""
    blocks: list[tuple[str, Any]] = [("text", data.body.strip())]
    if data.video_url:
        blocks.append(("video", {"url": data.video_url, "title": data.title, "caption": ""}))
    kept = [(b.block_type, b.value) for b in old if b.block_type not in {"text", "video"}]
    return blocks + kept


def _save_cover(cover: CoverData, by: Person) -> SiteImage:
    image = SiteImage(
        title=cover.alt[:255],
        file=cover.file,
        description=cover.alt,
        credit=cover.credit,
        recognisable=cover.recognisable,
        uploaded_by_user=by,
    )
    image._set_image_file_metadata()
    image.full_clean(exclude=["file", "collection", "focal_point_x", "focal_point_y"])
    image.save()
    return image


# --- The team's review ----------------------------------------------------------------------------


def ensure_review_workflow() -> Workflow:
    """The workflow "Nalezen door het team": one approval task for the team's Wagtail group,
    assigned to every story list (both languages) unless the team assigned another one there.
    Run by site_pages.ensure_site_pages after each `migrate` (idempotent)."""
    from som.publishing.team_editors import team_group

    group = team_group()
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for index in StoryIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    return workflow
