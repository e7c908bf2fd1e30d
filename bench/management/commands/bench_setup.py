"""Load what `make bench` measures, on top of `load_demo`, and write a JSON description.

- the reference rows: 200 labs (the list shows 20) and one poll;
- a published network day with ~300 registrations, made through the events services (the event
  page measured against the reference detail page);
- a pool of distinct ticket codes for the door: unpublished events of 300 registrations each
  (bulk-created: the load needs thousands of unused tickets, more than one event has), written to
  a file, one code a line, event by event;
- a team member's API token for `POST /api/v1/checkins`.
"""

import datetime
import json
import math
from importlib import import_module
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from bench.models import BenchLab, BenchPoll
from som.accounts.models import Person
from som.accounts.services import create_api_token, create_person
from som.events import services
from som.events.models import Event, ProgrammeItem, Registration
from som.labs.models import Lab

PER_EVENT = 300
DETAIL_URL_NAMES = ("events:detail", "events:event", "events:event_detail", "events:event-detail")


class Command(BaseCommand):
    help = "Load the benchmark data (after load_demo) and write its description as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tickets", type=int, default=3000, help="unused door tickets")
        parser.add_argument("--out", required=True, help="directory for setup.json and codes")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        # Dutch first: the measured paths are the ones a visitor sees (/agenda/, not /calendar/).
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            translation.override("nl"),
        ):
            description = self._load(out, options["tickets"])
        (out / "setup.json").write_text(json.dumps(description, indent=2))
        self.stdout.write(json.dumps(description))

    def _load(self, out: Path, tickets: int) -> dict[str, Any]:
        today = datetime.date(2026, 9, 1)
        with transaction.atomic():
            BenchLab.objects.bulk_create(
                BenchLab(
                    title=f"Lab {i:03d}: samen leren over de grenzen van onderwijsniveaus",
                    slug=f"lab-{i:03d}",
                    summary="Leraren, begeleiders en onderzoekers uit drie netten zoeken samen "
                    "hoe leerlingen vlotter de overstap naar het secundair maken.",
                    starts_on=today + datetime.timedelta(days=i),
                )
                for i in range(200)
            )
            poll = BenchPoll.objects.create(question="Kiezen we dit lab?")
        lab = BenchLab.objects.order_by("pk")[100]

        team = Person.objects.filter(is_staff=True, is_active=True).order_by("pk").first()
        if team is None:
            team = create_person(
                email="bench-team@bench.invalid", full_name="Bench Team", is_staff=True
            )
        _token, secret = create_api_token(person=team, name="bench")

        now = timezone.now()
        starts = now + datetime.timedelta(hours=2)
        people = [
            create_person(email=f"bezoeker{i:03d}@bench.invalid", full_name=f"Bezoeker {i:03d}")
            for i in range(PER_EVENT)
        ]
        show = Event.objects.create(
            kind=Event.Kind.NETWORK_DAY,
            title="Netwerkdag (benchmark)",
            slug="netwerkdag-benchmark",
            summary="Pitches van labvoorstellen, resultaten van lopende labs en een keynote.",
            description="Een volle namiddag: keynote, pitches, resultaten en netwerken.",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=5),
            venue_name="Romaanse Poort",
            venue_address="Brusselsestraat 63, 3000 Leuven",
            capacity=400,
            is_published=True,
        )
        for minutes, kind, title in [
            (0, ProgrammeItem.Kind.WELCOME, "Welkom"),
            (30, ProgrammeItem.Kind.KEYNOTE, "Keynote"),
            (90, ProgrammeItem.Kind.PITCH, "Pitches van labvoorstellen"),
            (180, ProgrammeItem.Kind.LAB_RESULTS, "Resultaten van de labs"),
            (240, ProgrammeItem.Kind.NETWORKING, "Netwerkdrink"),
        ]:
            ProgrammeItem.objects.create(
                event=show,
                kind=kind,
                title=title,
                starts_at=starts + datetime.timedelta(minutes=minutes),
                ends_at=starts + datetime.timedelta(minutes=minutes + 30),
                room="Zaal 1",
            )
        for person in people:
            services.register(event=show, person=person, by=team)

        # The door's ticket pool: same people, one registration each per (unpublished) event,
        # started now, so its doors are open while the benchmark scans.
        codes: list[str] = []
        for number in range(math.ceil(tickets / PER_EVENT)):
            with transaction.atomic():
                door = Event.objects.create(
                    kind=Event.Kind.COMMUNITY,
                    title=f"Deur {number:03d} (benchmark)",
                    slug=f"deur-{number:03d}-benchmark",
                    starts_at=now,
                    ends_at=now + datetime.timedelta(hours=5),
                    is_published=False,
                )
                registrations = [
                    Registration(
                        event=door,
                        person=person,
                        status=Registration.Status.REGISTERED,
                        basis=Registration.Basis.FREE_EVENT,
                        registered_by=team,
                        ticket_code=services.new_ticket_code(),
                    )
                    for person in people
                ]
                Registration.objects.bulk_create(registrations)
            codes += [registration.ticket_code for registration in registrations]
        (out / "codes.txt").write_text("\n".join(codes) + "\n")

        return {
            "token": secret,
            # A logged-in member (not the team: no second factor) sees the pages uncached (G5).
            "member_session": _session(people[0]),
            "team_email": team.email,
            "poll_id": poll.pk,
            "lab_pk": lab.pk,
            "show_event": show.slug,
            "show_registrations": show.registrations.count(),
            "door_events": math.ceil(tickets / PER_EVENT),
            "codes_file": str(out / "codes.txt"),
            "codes": len(codes),
            "urls": {
                "hello": reverse("bench-hello"),
                "labs20": reverse("bench-labs20"),
                "detail": reverse("bench-detail", args=[lab.pk]),
                "vote_bare": reverse("bench-vote", args=[poll.pk]),
                "home": "/",  # the home page (Wagtail)
                "calendar": _reverse("events:calendar"),
                "event_detail": _event_url(show),
                "labs": _reverse("labs:overview"),
                "lab_page": _lab_url(),
                "stories": _stories_url(),
                "story_page": _story_url(),
                "checkin": "/api/v1/checkins",
            },
        }


def _session(person: Person) -> str:
    """A logged-in session, as after a login, in the project's session engine."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(person.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = person.get_session_auth_hash()
    store.create()
    return str(store.session_key)


def _stories_url() -> str | None:
    """The public story list (Wagtail's StoryIndexPage, Dutch), as the demo fills it."""
    from som.publishing.models import StoryIndexPage

    index = StoryIndexPage.objects.live().filter(locale__language_code="nl").first()
    return index.url if index else None


def _story_url() -> str | None:
    """The newest public story with a cover and blocks: the page most shared links open."""
    from som.publishing.selectors import public_stories

    story = public_stories().filter(cover__isnull=False).first()
    return story.url if story else None


def _lab_url() -> str | None:
    """The public page of the demo's newest lab (sessions, results, partners)."""
    lab = Lab.objects.order_by("-pk").first()
    return _reverse("labs:lab", slug=lab.slug) if lab else None


def _reverse(name: str, **kwargs: Any) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def _event_url(event: Event) -> str | None:
    get_absolute_url = getattr(event, "get_absolute_url", None)
    if get_absolute_url is not None:
        try:
            return str(get_absolute_url())
        except NoReverseMatch:
            pass
    for name in DETAIL_URL_NAMES:
        for kwargs in ({"slug": event.slug}, {"pk": event.pk}):
            url = _reverse(name, **kwargs)
            if url is not None:
                return url
    return None
