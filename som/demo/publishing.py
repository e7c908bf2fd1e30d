"""The demo's public site (issue 19): the 21 stories and 12 portraits of the school year 2022-2023
that the annual report counts, a few recent ones about today's labs and the last network day, the
pictures they use (drawn with Pillow at build time: no photo is committed) and the consents in the
register that allow showing the people on them.

The texts are data (som/demo/publishing_texts.py). The people, organisations, labs and events are
the demo's own (loader.py, labs.py, selection.py, events.py): a story about a lab links that lab, a
report of a network day links that event. Two things the demo proves:

- a consent for a child under 13, given by a parent ("mama van ...");
- a revoked consent: the story that used the photo is still there, the photo is no longer shown.

Dates: the stories of 2022-2023 carry their own dates; the recent ones are counted back from the
day the demo is built (never later than now), so the site looks alive on any day of the year."""

import contextlib
import datetime
import io
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.files.images import ImageFile
from django.db import models
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch import index as search_index
from modelsearch import signal_handlers as search_signals
from PIL import Image, ImageDraw
from wagtail.models import Locale, Page, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from som.accounts.models import Person
from som.core import invitations
from som.demo import publishing_texts as texts
from som.events.models import Event
from som.labs.models import Lab
from som.network import consents as register
from som.network.models import Consent, Organisation, Speerpunt
from som.publishing.models import (
    PortraitApproval,
    PortraitIndexPage,
    PortraitPage,
    SiteImage,
    StoryIndexPage,
    StoryPage,
)
from som.publishing.models.portraits import content_hash

# The network's palette (static/css/som.css): the accent, the deep blue, the greens and sands.
PALETTE = [
    (168, 67, 27),  # --c-accent
    (140, 55, 20),  # --c-accent-dark
    (43, 63, 74),  # --c-deep
    (31, 78, 107),  # --c-info
    (29, 94, 74),  # --c-success
    (122, 85, 0),  # --c-warning
]
LIGHT = [
    (251, 247, 242),  # --c-bg
    (252, 235, 225),  # --c-accent-soft
    (243, 217, 201),  # --c-deep-text
    (230, 240, 246),  # --c-info-soft
    (227, 241, 234),  # --c-success-soft
    (253, 243, 214),  # --c-warning-soft
]
# Small pictures keep the build quick (about 20 ms each) and the media folder light.
STORY_SIZE = (1200, 750)
PORTRAIT_SIZE = (800, 800)
TEAM_EMAIL = "team@som-leuven.demo"
# The addresses of organisations the demo gives its own domain (loader.EMAIL_DOMAINS and the
# city's); any other organisation's people write from <its slug>.demo, as in events.py.
DOMAINS = {
    "De Wijnpers": "dewijnpers.demo",
    "UCLL": "ucll.demo",
    "Stad Leuven – Dienst Onderwijs": "leuven.demo",
}


@dataclass(frozen=True)
class Built:
    """What the demo's site holds after `load`, for the guide (/demo/) and the tests."""

    stories: list[StoryPage]
    portraits: list[PortraitPage]
    revoked_image: SiteImage
    revoked_story: StoryPage


def load(team: Person) -> Built:
    with _indexed_once():
        built = _load(team)
    # The consent revoked after publication (once the indexes know where its photo is used, so
    # the team's mail lists the story): the photo stays in the story, the site no longer shows it
    # (som/publishing/images.py); the register keeps who revoked it and when.
    register.revoke_consent(
        by=team,
        consent=built.revoked_image.consents.get(subject_name=texts.REVOKED_SUBJECT),
        revoked_by_name=texts.REVOKED_BY,
        note=texts.REVOKED_NOTE,
    )
    return built


@contextlib.contextmanager
def _indexed_once() -> Iterator[None]:
    """Wagtail updates its search index and its reference index (where an image is used) after
    every save, and a published page is saved about four times. Here each object is indexed
    once, when the build is done, as the signals would have left it: a fifth of this build's CPU
    time (measured on SQLite: 6.0 s before, 4.8 s after, with the portraits' revision reused)."""
    saved: dict[tuple[type[models.Model], int], None] = {}

    def remember(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
        if not kwargs.get("raw"):
            saved[(type(instance), instance.pk)] = None

    searched = [model for model in search_index.get_indexed_models() if _auto_update(model)]
    for model in searched:
        post_save.disconnect(search_signals.post_save_signal_handler, sender=model)
    post_save.connect(remember, weak=False, dispatch_uid="demo-publishing-indexed-once")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="demo-publishing-indexed-once")
        for model in searched:
            post_save.connect(search_signals.post_save_signal_handler, sender=model)
    for model, pk in saved:
        instance = model._default_manager.filter(pk=pk).first()
        if instance is None:
            continue
        if model in searched:
            search_index.insert_or_update_object(instance)
        if ReferenceIndex.is_indexed(model):
            ReferenceIndex.create_or_update_for_object(instance)


def _auto_update(model: type[models.Model]) -> bool:
    return bool(getattr(model, "search_auto_update", True))


def _load(team: Person) -> Built:
    dutch = Locale.objects.get(language_code="nl")
    story_index = StoryIndexPage.objects.get(locale=dutch)
    portrait_index = PortraitIndexPage.objects.get(locale=dutch)
    registered = {spec.key: _record_consent(spec, team) for spec in texts.CONSENTS}
    images = {spec.key: _image(spec, registered, team) for spec in texts.IMAGES}
    now = timezone.now()
    portraits = []
    for spec in texts.PORTRAITS:
        consent = _record_consent(_portrait_consent(spec), team)
        photo = _image(_portrait_photo(spec), {spec.key: consent}, team)
        portraits.append(_portrait(portrait_index, spec, photo, consent, team, now))
    by_person = {spec.key: page for spec, page in zip(texts.PORTRAITS, portraits, strict=True)}
    stories = [
        _story(story_index, spec, images, registered, by_person, team, now)
        for spec in texts.STORIES
    ]
    revoked_image = images[texts.REVOKED_IMAGE]
    revoked_story = next(
        page
        for page, spec in zip(stories, texts.STORIES, strict=True)
        if spec.slug == texts.REVOKED_STORY
    )
    return Built(stories, portraits, revoked_image, revoked_story)


# --- The consent register ------------------------------------------------------------------------


def _record_consent(spec: texts.ConsentText, team: Person) -> Consent:
    """One consent in the register, as the team records it from a signed form."""
    subject = Person.objects.filter(email=spec.email).first() if spec.email else None
    uses = ["website"]
    uses += ["newsletter"] if spec.newsletter else []
    uses += ["social_media"] if spec.social_media else []
    uses += ["annual_report"] if spec.annual_report else []
    return register.record_consent(
        by=team,
        subject_name=spec.name,
        subject=subject,
        is_minor=bool(spec.parent),
        given_by_name=spec.parent,
        uses=uses,
        note=spec.note,
    )


def _portrait_consent(spec: texts.PortraitText) -> texts.ConsentText:
    return texts.ConsentText(
        key=spec.key,
        name=spec.name,
        note=f"Portret 'Zij maken onderwijs': foto en tekst ({spec.name})",
        email=_email_of(spec),
    )


# --- Pictures -------------------------------------------------------------------------------------


def _image(spec: texts.ImageText, consents: dict[str, Consent], team: Person) -> SiteImage:
    size = PORTRAIT_SIZE if spec.portrait else STORY_SIZE
    data = _picture(spec.key, size, people=spec.people, portrait=spec.portrait)
    image = SiteImage(
        title=spec.title,
        description=spec.alt,
        credit=spec.credit,
        recognisable=(
            SiteImage.Recognisable.MINORS
            if spec.minors
            else SiteImage.Recognisable.PEOPLE
            if spec.people
            else SiteImage.Recognisable.NOBODY
        ),
        uploaded_by_user=team,
        file=ImageFile(io.BytesIO(data), name=f"{spec.key}.jpg"),
    )
    image._set_image_file_metadata()
    image.save()
    image.consents.set([consents[key] for key in spec.consents])
    return image


def _picture(seed: str, size: tuple[int, int], *, people: int, portrait: bool) -> bytes:
    """An illustration in the network's colours: soft shapes, and the silhouettes of `people`
    (a head and shoulders each) where the picture stands for a photo of people."""
    rng = random.Random(seed)
    width, height = size
    picture = Image.new("RGB", size, rng.choice(LIGHT))
    draw = ImageDraw.Draw(picture)
    for _ in range(rng.randint(5, 8)):
        colour = rng.choice(PALETTE + LIGHT)
        x, y = rng.randint(-width // 4, width), rng.randint(-height // 4, height)
        r = rng.randint(height // 8, height // 2)
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.rounded_rectangle((x - r, y - r // 2, x + r, y + r // 2), r // 4, fill=colour)
    if portrait:
        _silhouette(draw, width // 2, height, height * 0.62, rng.choice(PALETTE[:4]))
    elif people:
        step = width / (people + 1)
        for n in range(people):
            tall = height * rng.uniform(0.45, 0.62)
            _silhouette(draw, int(step * (n + 1)), height, tall, rng.choice(PALETTE))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _silhouette(draw: ImageDraw.ImageDraw, x: int, floor: int, tall: float, colour: tuple) -> None:
    head = tall * 0.2
    top = floor - tall
    draw.ellipse((x - head, top, x + head, top + 2 * head), fill=colour)
    shoulders = tall * 0.42
    draw.rounded_rectangle(
        (x - shoulders, top + 2.2 * head, x + shoulders, floor + head), int(head), fill=colour
    )


def _portrait_photo(spec: texts.PortraitText) -> texts.ImageText:
    return texts.ImageText(
        key=spec.key,
        title=f"Portret {spec.name}",
        alt=f"{spec.name}, {spec.role.lower()}",
        credit=spec.credit,
        people=1,
        consents=(spec.key,),
        portrait=True,
    )


# --- Pages ----------------------------------------------------------------------------------------


def _at_ten(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _published_on(
    day: datetime.date | None, days_ago: int | None, now: datetime.datetime
) -> datetime.datetime:
    """The story's own date, or `days_ago` before now (10:00 that day, and never after now)."""
    if day is not None:
        return _at_ten(day)
    assert days_ago is not None
    local = timezone.localtime(now - datetime.timedelta(days=days_ago))
    return min(local.replace(hour=10, minute=0, second=0, microsecond=0), now)


def _publish(
    page: Page, when: datetime.datetime, team: Person, revision: Revision | None = None
) -> None:
    (revision or page.save_revision(user=team)).publish(user=team)
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=when, last_published_at=when, latest_revision_created_at=when
    )
    page.first_published_at = page.last_published_at = when


def _speerpunten(positions: Iterable[int]) -> list[Speerpunt]:
    all_of_them = list(Speerpunt.objects.order_by("position"))
    return [all_of_them[i] for i in positions if i < len(all_of_them)]


def _organisations(names: Iterable[str]) -> list[Organisation]:
    return list(Organisation.objects.filter(name__in=list(names)))


def _labs(titles: Iterable[str]) -> list[Lab]:
    return list(Lab.objects.filter(title__in=list(titles)))


def _events(keys: Iterable[str]) -> list[Event]:
    """The demo's events a recent story reports on: the last network day that is over (the SOM
    start of events.py) and the Open SOM-raad."""
    now = timezone.now()
    found = []
    for key in keys:
        if key == "som_start":
            event = (
                Event.objects.filter(kind=Event.Kind.NETWORK_DAY, ends_at__lt=now)
                .order_by("-starts_at")
                .first()
            )
        else:
            event = Event.objects.filter(title="Open SOM-raad", ends_at__lt=now).first()
        if event is not None:
            found.append(event)
    return found


def _story_date(spec: texts.StoryText, now: datetime.datetime) -> datetime.datetime:
    """A report of an event follows it by a couple of days (but is never dated after now)."""
    events = _events(spec.events)
    if spec.days_ago is not None and events:
        after = timezone.localtime(events[0].ends_at) + datetime.timedelta(days=spec.days_ago)
        return min(after.replace(hour=10, minute=0, second=0, microsecond=0), now)
    return _published_on(spec.on, spec.days_ago, now)


def _body(
    spec: texts.StoryText,
    images: dict[str, SiteImage],
    consents: dict[str, Consent],
    paragraphs: tuple[str, ...],
) -> list[tuple[str, object]]:
    blocks: list[tuple[str, object]] = [("text", "\n\n".join(paragraphs[:2]))]
    if spec.quote is not None:
        quote = spec.quote
        blocks.append(
            (
                "quote",
                {
                    "text": quote.text,
                    "name": quote.name,
                    "role": quote.role,
                    "consent": consents[quote.consent].pk,
                },
            )
        )
    if spec.image is not None:
        key, caption = spec.image
        blocks.append(("image", {"image": images[key], "caption": caption}))
    if len(paragraphs) > 2:
        blocks.append(("text", "\n\n".join(paragraphs[2:])))
    if spec.gallery:
        keys, caption = spec.gallery
        blocks.append(("gallery", {"images": [images[k] for k in keys], "caption": caption}))
    if spec.video is not None:
        url, title = spec.video
        blocks.append(("video", {"url": url, "title": title, "caption": ""}))
    return blocks


def _story(
    index: StoryIndexPage,
    spec: texts.StoryText,
    images: dict[str, SiteImage],
    consents: dict[str, Consent],
    portraits: dict[str, PortraitPage],
    team: Person,
    now: datetime.datetime,
) -> StoryPage:
    page = StoryPage(
        title=spec.title,
        slug=spec.slug,
        kind=spec.kind,
        lead=spec.lead,
        cover=images[spec.cover],
        body=_body(spec, images, consents, spec.paragraphs),
        owner=team,
    )
    page.speerpunten.set(_speerpunten(spec.speerpunten))
    page.labs.set(_labs(spec.labs))
    page.organisations.set(_organisations(spec.organisations))
    page.events.set(_events(spec.events))
    page.portraits.set([portraits[key] for key in spec.portraits if key in portraits])
    index.add_child(instance=page)
    when = _story_date(spec, now)
    _publish(page, when, team)
    if spec.english is not None:
        _translate(page, spec, images, consents, when, team)
    return page


def _translate(
    page: StoryPage,
    spec: texts.StoryText,
    images: dict[str, SiteImage],
    consents: dict[str, Consent],
    when: datetime.datetime,
    team: Person,
) -> StoryPage:
    """The story's English twin under the English story list (Wagtail's copy_for_translation)."""
    assert spec.english is not None
    english = Locale.objects.get(language_code="en")
    translation = page.copy_for_translation(english, copy_parents=False, alias=False).specific
    translation.title = spec.english.title
    translation.slug = spec.english.slug
    translation.lead = spec.english.lead
    quote = spec.quote
    translated = spec
    if quote is not None and spec.english.quote:
        translated = texts.replace_quote(spec, spec.english.quote)
    translation.body = _body(translated, images, consents, spec.english.paragraphs)
    _publish(translation, when, team)
    return translation


def _email_of(spec: texts.PortraitText) -> str:
    if spec.email:
        return spec.email
    domain = DOMAINS.get(spec.organisation)
    if domain is None:
        organisation = Organisation.objects.filter(name=spec.organisation).first()
        domain = f"{organisation.slug}.demo" if organisation else "som-leuven.demo"
    first, _, last = spec.name.partition(" ")
    local = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
    return f"{local}@{domain}"


def _portrait(
    index: PortraitIndexPage,
    spec: texts.PortraitText,
    photo: SiteImage,
    consent: Consent,
    team: Person,
    now: datetime.datetime,
) -> PortraitPage:
    organisation = Organisation.objects.filter(name=spec.organisation).first()
    page = PortraitPage(
        title=spec.name,
        slug=spec.key,
        person_name=spec.name,
        role=spec.role,
        organisation=organisation,
        organisation_name="" if organisation else spec.organisation,
        person_email=_email_of(spec),
        photo=photo,
        consent=consent,
        answers=[
            ("qa", {"question": question, "answer": answer})
            for question, answer in zip(texts.QUESTIONS, spec.answers, strict=True)
        ],
        owner=team,
        live=False,
    )
    index.add_child(instance=page)
    # A portrait goes live only with a text its person approved (PortraitPage.save).
    when = _published_on(spec.on, spec.days_ago, now)
    approval = _approve_portrait(page, team, when)
    _publish(page, when, team, Revision.objects.get(pk=approval.revision_id))
    return page


def _approve_portrait(
    portrait: PortraitPage, team: Person, published: datetime.datetime
) -> PortraitApproval:
    """The person's approval of the portrait's text and photo, before it is published: asked by
    the team, answered yes (what som/publishing/portraits.py records when they follow the link in
    the mail; the demo has no person to click it). Bound to the text by its `content_hash`."""
    draft = PortraitPage.objects.get(pk=portrait.pk)
    revision = draft.save_revision(user=team)
    _token, token_hash = invitations.new_token()
    asked = published - datetime.timedelta(days=4)
    approval = PortraitApproval.objects.create(
        portrait=draft,
        email=draft.person_email,
        secret_hash=token_hash,
        content_hash=content_hash(revision.as_object()),
        revision_id=revision.pk,
        status=PortraitApproval.Status.APPROVED,
        asked_by=team,
        answered_at=published - datetime.timedelta(days=1),
        expires_at=asked + datetime.timedelta(days=30),
    )
    PortraitApproval.objects.filter(pk=approval.pk).update(created_at=asked, updated_at=asked)
    return approval


# --- What to try (/demo/) -------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteTour:
    """The links of the guide's section on the public site, read from the database (None when
    the demo has no such page any more: a visitor may unpublish or delete one)."""

    story: StoryPage | None
    portrait: PortraitPage | None
    revoked_story: StoryPage | None
    revoked_consent: Consent | None
    home_edit_url: str
    team_email: str = TEAM_EMAIL


def tour() -> SiteTour:
    from django.urls import reverse

    from som.publishing.models import HomePage

    stories = StoryPage.objects.live().filter(locale__language_code="nl")
    home = HomePage.objects.filter(locale__language_code="nl").first()
    return SiteTour(
        story=stories.order_by("-first_published_at").first(),
        portrait=PortraitPage.objects.live()
        .filter(locale__language_code="nl")
        .order_by("-first_published_at")
        .first(),
        revoked_story=stories.filter(slug=texts.REVOKED_STORY).first(),
        revoked_consent=Consent.objects.filter(
            subject_name=texts.REVOKED_SUBJECT, revoked_at__isnull=False
        ).first(),
        home_edit_url=reverse("wagtailadmin_pages:edit", args=[home.pk]) if home else "",
    )
