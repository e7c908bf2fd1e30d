"""The demo's public site (issue 19, som/demo/publishing.py): the 21 stories and 12 portraits of
2022-2023 the annual report counts, recent ones that never lie in the future, every portrait
approved and live, the consents behind the photos: a child's given by a parent, and a revoked one
whose photo the site no longer serves while its story stays."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from som.demo import publishing
from som.demo import publishing_texts as texts
from som.events.models import Event
from som.network.models import Consent
from som.publishing.images import image_url, may_show
from som.publishing.models import PortraitApproval, PortraitPage, SiteImage, StoryPage
from som.publishing.models.portraits import content_hash

pytestmark = pytest.mark.django_db

SCHOOL_YEAR = (
    timezone.make_aware(datetime.datetime(2022, 9, 1)),
    timezone.make_aware(datetime.datetime(2023, 7, 1)),
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _dutch_stories():
    return StoryPage.objects.filter(locale__language_code="nl")


def _check_the_site(built: publishing.Built) -> None:
    now = timezone.now()
    stories = _dutch_stories().live()
    in_the_year = stories.filter(first_published_at__range=SCHOOL_YEAR)
    assert in_the_year.count() == 21
    recent = stories.filter(first_published_at__gt=SCHOOL_YEAR[1])
    assert recent.count() >= 3
    for story in stories:
        assert story.first_published_at <= now, story.title
        assert story.last_published_at == story.first_published_at, story.title
        assert story.cover is not None and story.lead and story.body, story.title
    # Every month of the school year has its story; the recent ones lie in the last months.
    assert {story.first_published_at.month for story in in_the_year} == {
        9,
        10,
        11,
        12,
        1,
        2,
        3,
        4,
        5,
        6,
    }
    for story in recent:
        assert now - story.first_published_at < datetime.timedelta(days=120), story.title

    # The portraits: twelve of 2022-2023 and a recent one, each approved for the text that is live.
    portraits = PortraitPage.objects.live()
    assert portraits.filter(first_published_at__range=SCHOOL_YEAR).count() == 12
    assert portraits.count() == len(texts.PORTRAITS) >= 13
    for portrait in portraits:
        approval = portrait.approvals.get()
        assert approval.status == PortraitApproval.Status.APPROVED
        assert approval.content_hash == content_hash(portrait), portrait.title
        assert portrait.person_email.endswith(".demo"), portrait.person_email
        assert portrait.consent is not None and portrait.consent.allows("website")
        assert portrait.photo is not None and may_show(portrait.photo), portrait.title
        assert [block.value["question"] for block in portrait.answers] == list(texts.QUESTIONS)

    # A child's consent is given by a parent, and its photo says children are on it.
    child = Consent.objects.get(is_minor=True)
    assert child.given_by_name.startswith("Oksana") and "mama van" in child.given_by_name
    assert SiteImage.objects.get(consents=child).recognisable == SiteImage.Recognisable.MINORS

    # Every image with people on it has their consents; only the revoked one is not shown.
    hidden = [image for image in SiteImage.objects.all() if not may_show(image)]
    assert hidden == [built.revoked_image]
    revoked = Consent.objects.get(subject_name="Tom Hermans")
    assert revoked.revoked_at is not None and revoked.revoked_by_name == texts.REVOKED_BY


def _check_the_revoked_photo(built: publishing.Built) -> None:
    """The story that used the photo is still read; the photo is neither on it nor served."""
    client = Client()
    story = built.revoked_story
    page = client.get(story.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert story.title in html
    revoked_url = image_url(built.revoked_image, "width-800")
    assert client.get(revoked_url).status_code == 404
    assert f"/{built.revoked_image.pk}/" not in html
    # The same story's other photo (the people on it consent) is served: the view is not shut.
    shown = next(
        image
        for image in SiteImage.objects.exclude(pk=built.revoked_image.pk)
        if image.recognisable != SiteImage.Recognisable.NOBODY
    )
    assert client.get(image_url(shown, "width-800")).status_code == 200


def _check_english() -> None:
    english = StoryPage.objects.live().filter(locale__language_code="en")
    assert english.count() == len([s for s in texts.STORIES if s.english]) >= 2
    for story in english:
        dutch = _dutch_stories().get(translation_key=story.translation_key)
        assert dutch.title != story.title and dutch.lead != story.lead
        assert story.first_published_at == dutch.first_published_at
    with translation.override("en"):
        response = Client().get(english.first().url)
    assert response.status_code == 200


def test_the_full_demo_has_its_year_of_stories_and_portraits(
    settings, django_capture_on_commit_callbacks, media
):
    """The demo as `make demo` builds it (a minute or two): the stories link its labs and its
    last network day, its people's portraits carry their logins' addresses."""
    settings.SOM_ENV = "demo"
    settings.EMAIL_BACKEND = "som.demo.mailbox.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--no-logins", stdout=io.StringIO())
    built = publishing.Built(
        stories=list(_dutch_stories()),
        portraits=list(PortraitPage.objects.all()),
        revoked_image=SiteImage.objects.get(title="Nagesprek Dissident"),
        revoked_story=_dutch_stories().get(slug=texts.REVOKED_STORY),
    )
    _check_the_site(built)
    _check_the_revoked_photo(built)
    _check_english()

    # The stories link what the demo holds: its labs, its last network day, its organisations.
    report = _dutch_stories().get(slug="terugblik-op-de-laatste-netwerkdag")
    (day,) = report.events.all()
    assert day.kind == Event.Kind.NETWORK_DAY and day.ends_at < report.first_published_at
    assert {lab.title for lab in report.labs.all()} >= {"Taalrijke klas"}
    refugees = _dutch_stories().get(slug="zorg-voor-gevluchte-kinderen-in-de-zonnebloem")
    assert [lab.title for lab in refugees.labs.all()] == ["Vluchtelingen"]
    assert "De Zonnebloem" in {o.name for o in refugees.organisations.all()}
    teacher = PortraitPage.objects.get(slug="youssef-el-amrani")
    assert teacher.person_email == "leraar@dewijnpers.demo"
    assert teacher.organisation is not None and teacher.organisation.name == "De Wijnpers"
    assert teacher.consent.subject is not None


@pytest.mark.parametrize(
    "day",
    [
        pytest.param("2026-12-20", marks=pytest.mark.today("2026-12-20")),
        pytest.param("2027-01-02", marks=pytest.mark.today("2027-01-02")),
    ],
    ids=["20-december", "2-january"],
)
def test_recent_stories_are_never_in_the_future(day, team_member, media):
    """Built on its own on two days around the turn of the year (no labs or events: the stories
    link what exists): the recent stories lie in the past months, the year's in 2022-2023."""
    assert timezone.localdate().isoformat() == day
    built = publishing.load(team_member)
    now = timezone.now()
    assert len(built.stories) == len(texts.STORIES)
    for story in StoryPage.objects.all():
        assert story.first_published_at <= now, story.title
    recent = _dutch_stories().filter(first_published_at__gt=SCHOOL_YEAR[1])
    assert recent.count() >= 3
    assert all(now - story.first_published_at < datetime.timedelta(days=120) for story in recent)
    latest = PortraitPage.objects.order_by("-first_published_at").first()
    assert latest is not None and SCHOOL_YEAR[1] < latest.first_published_at <= now
