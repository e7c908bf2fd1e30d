"""The stories tests' world: two labs with their own leads, published stories made the way the
team's editor makes them (a revision, published), and the team's approval of a lab story through
the review workflow as Wagtail's admin does it."""

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image
from wagtail.models import Locale

from som.accounts.models import Person
from som.labs.models import Lab
from som.labs.services import labs as lab_services
from som.network.tests.factories import make_person
from som.publishing.models import StoryIndexPage, StoryPage
from som.publishing.stories import StoryData


def _lab(title: str, team: Person) -> Lab:
    today = timezone.localdate()
    data = lab_services.LabData(
        title=title,
        summary="Samenvatting",
        challenge="De uitdaging.",
        starts_on=today - datetime.timedelta(days=30),
        planned_end_on=today + datetime.timedelta(days=400),
        partners="",
    )
    return lab_services.create_lab(data=data, granted=Decimal("1000"), by=team)


def make_lead(lab: Lab, person: Person, team: Person) -> None:
    member = lab_services.invite_member(
        lab=lab, email=person.email, by=team, is_expert=True, as_lead=True
    )
    lab_services.accept_lab_invitation(member=member, person=person)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def story_lab(team_member, lab_lead) -> Lab:
    lab = _lab("Diverse leraarskamer", team_member)
    make_lead(lab, lab_lead, team_member)
    return lab


@pytest.fixture
def other_lead(db) -> Person:
    return make_person(email="trekker@anderlab.be", full_name="Olga Ander")


@pytest.fixture
def other_lab(team_member, other_lead) -> Lab:
    lab = _lab("Taalrijke klas", team_member)
    make_lead(lab, other_lead, team_member)
    return lab


def story_data(**changes: Any) -> StoryData:
    fields: dict[str, Any] = {
        "title": "Wat we leerden in de leraarskamer",
        "kind": StoryPage.Kind.ACCOUNT,
        "lead": "Een verslag van onze eerste labsessie.",
        "body": "## Wat we probeerden\n\nWe kookten samen.",
    }
    fields.update(changes)
    return StoryData(**fields)


def png_upload(name: str = "cover.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def index_in(language: str) -> StoryIndexPage:
    return StoryIndexPage.objects.get(locale__language_code=language)


def published_story(
    title: str,
    *,
    language: str = "nl",
    when: datetime.datetime | None = None,
    labs: tuple[Lab, ...] = (),
    **fields: Any,
) -> StoryPage:
    """A story the team wrote and published in Wagtail's editor."""
    fields.setdefault("lead", f"Over {title}.")
    story = StoryPage(
        title=title, slug=slugify(title), body=[("text", "Tekst.")], live=False, **fields
    )
    index_in(language).add_child(instance=story)
    if labs:
        story.labs.set(labs)
        story.save()
    story.save_revision().publish()
    if when is not None:
        StoryPage.objects.filter(pk=story.pk).update(
            first_published_at=when, last_published_at=when
        )
    # The row as published (publish() saved another instance of it).
    return StoryPage.objects.get(pk=story.pk)


def translate(story: StoryPage, title: str) -> StoryPage:
    english = Locale.objects.get(language_code="en")
    translation = story.copy_for_translation(english, copy_parents=False, alias=False)
    translation.title = title
    translation.slug = slugify(title)
    translation.save_revision().publish()
    return StoryPage.objects.get(pk=translation.pk)


def approve(story: StoryPage, team: Person) -> StoryPage:
    """The team's approval in the review workflow (publishes the latest revision)."""
    story = StoryPage.objects.get(pk=story.pk)
    task_state = story.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, team, "approve")
    return StoryPage.objects.get(pk=story.pk)
