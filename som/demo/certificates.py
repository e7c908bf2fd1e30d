"""The demo's attendance certificates: a study afternoon five weeks ago (with a coffee break, so
its certificate states the programme's hours without it) that the demo's teacher and two
colleagues of De Wijnpers registered for through the registration page (sharing their
certificate with the school's contact person) and came to. The teacher's certificate of it is
issued (its check page is in the demo's guide); the others are issued on their first download,
by the teacher from My SOM or by the contact person for the school's staff."""

import datetime

from django.utils import timezone

from som.accounts.models import Person
from som.demo import events as demo_events
from som.events import services
from som.events.models import Certificate, Event, ProgrammeItem
from som.events.services import certificates
from som.network.models import Affiliation, Organisation, Speerpunt

TITLE = "Studienamiddag: evalueren met rubrics"
SCHOOL = "De Wijnpers"


def load(team: Person) -> None:
    starts = demo_events._at_one(timezone.now() - datetime.timedelta(days=35))
    event = demo_events._event(
        title=TITLE,
        kind=Event.Kind.COMMUNITY,
        starts=starts,
        hours=3,
        capacity=40,
        summary="Rubrics maken en gebruiken, met voorbeelden uit het basis- en secundair onderwijs.",
        speerpunten=list(Speerpunt.objects.all()[:1]),
    )
    demo_events._programme(
        event,
        [
            (ProgrammeItem.Kind.WELCOME, "Onthaal", 0, 15, "Zaal 1", ""),
            (ProgrammeItem.Kind.KEYNOTE, "Waarom rubrics?", 15, 75, "Zaal 1", "Hilde Maes"),
            (ProgrammeItem.Kind.BREAK, "Koffiepauze", 75, 95, "Foyer", ""),
            (ProgrammeItem.Kind.WORKSHOP, "Zelf een rubric maken", 95, 165, "Zaal 1", ""),
        ],
    )
    teacher = Person.objects.get(email=demo_events.TEACHER)
    for person in [teacher, *_colleagues(teacher)]:
        registration = services.register(
            event=event,
            person=person,
            now=starts - datetime.timedelta(days=14),
            shares_certificate=True,  # the registration page's terms
        )
        services.check_in(
            event=event,
            ticket_code=registration.ticket_code,
            by=team,
            now=starts - datetime.timedelta(minutes=10),
        )
        if person == teacher:
            certificates.issue_certificate(registration=registration, by=teacher)


def _colleagues(teacher: Person) -> list[Person]:
    school = Organisation.objects.get(name=SCHOOL)
    return list(
        Person.objects.filter(
            affiliations__organisation=school,
            affiliations__role=Affiliation.Role.STAFF,
            affiliations__until__isnull=True,
        )
        .exclude(pk=teacher.pk)
        .distinct()
        .order_by("pk")[:2]
    )


def teachers_certificate() -> Certificate | None:
    """The issued certificate the guide shows the check page of."""
    return (
        Certificate.objects.filter(registration__person__email=demo_events.TEACHER)
        .order_by("-created_at")
        .first()
    )
