"""The demo's calendar: last autumn's SOM start (registered and checked in, with the usual
no-shows), an Open SOM-raad, the coming spring network day with its programme, a small
community event that is full with a waiting list, and a partner's listing."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from som.accounts.models import Person
from som.accounts.services import create_person
from som.events import services
from som.events.models import Event, ProgrammeItem, Registration
from som.network.models import Affiliation, Organisation, Speerpunt
from som.network.services import add_staff_member

FIRST_NAMES = [
    "Anke",
    "Bart",
    "Charlotte",
    "Dries",
    "Elif",
    "Femke",
    "Gert",
    "Hanne",
    "Ilias",
    "Jolien",
    "Kobe",
    "Lies",
    "Mohamed",
    "Nele",
    "Olivier",
    "Paulien",
    "Rik",
    "Saar",
    "Thomas",
    "Ulla",
    "Vincent",
    "Wout",
    "Yasmina",
    "Zoë",
    "Arne",
    "Brecht",
    "Dounia",
    "Emma",
    "Frederik",
    "Greet",
]
LAST_NAMES = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smedt",
    "Dubois",
    "Lambrecht",
    "Aerts",
    "Bogaerts",
    "El Idrissi",
    "Hermans",
    "Van Dyck",
    "Vermeiren",
    "Segers",
    "Cools",
]


def load(team: Person) -> None:
    rng = random.Random(2026)  # the same demo every time
    staff = _staff(team, rng)
    speerpunten = list(Speerpunt.objects.all())
    now = timezone.now()
    som_start = _event(
        title="SOM start 2026",
        kind=Event.Kind.NETWORK_DAY,
        starts=now - datetime.timedelta(days=60),
        hours=5,
        capacity=220,
        summary="De start van het werkjaar: kennismaken, de labo's van dit jaar en een keynote.",
        speerpunten=speerpunten,
    )
    _programme(
        som_start,
        [
            (ProgrammeItem.Kind.WELCOME, "Onthaal met koffie", 0, 30, "Foyer", ""),
            (
                ProgrammeItem.Kind.KEYNOTE,
                "Samen sterker: onderwijs in een superdiverse stad",
                30,
                75,
                "Grote zaal",
                "Prof. dr. Orhan Agirdag",
            ),
            (
                ProgrammeItem.Kind.LAB_RESULTS,
                "Wat de labo's dit jaar leerden",
                90,
                150,
                "Grote zaal",
                "",
            ),
            (ProgrammeItem.Kind.NETWORKING, "Netwerkmoment en receptie", 150, 240, "Foyer", ""),
        ],
    )
    _fill(som_start, staff[:150], rng, attended_share=0.72)

    raad = _event(
        title="Open SOM-raad",
        kind=Event.Kind.COMMUNITY,
        starts=now - datetime.timedelta(days=25),
        hours=3,
        capacity=120,
        summary="Directeurs en afdelingshoofden denken mee over de koers van SOM Leuven.",
        speerpunten=speerpunten[:1],
    )
    _fill(raad, staff[40:160], rng, attended_share=0.66)

    spring = _event(
        title="SOM-netwerkdag voorjaar",
        kind=Event.Kind.NETWORK_DAY,
        starts=now + datetime.timedelta(days=110),
        hours=6,
        capacity=250,
        summary="Labovoorstellen pitchen, mee beslissen over de nieuwe labo's en samen klinken.",
        speerpunten=speerpunten,
    )
    _programme(
        spring,
        [
            (ProgrammeItem.Kind.WELCOME, "Onthaal", 0, 30, "Inkomhal", ""),
            (
                ProgrammeItem.Kind.KEYNOTE,
                "Welbevinden begint bij de leraar",
                30,
                75,
                "Aula",
                "Dr. Katrien Verschueren",
            ),
            (ProgrammeItem.Kind.PITCH, "Pitches van de labovoorstellen", 90, 180, "Aula", ""),
            (ProgrammeItem.Kind.VOTE, "Stemming: welke labo's starten?", 180, 210, "Aula", ""),
            (
                ProgrammeItem.Kind.LAB_RESULTS,
                "Resultaten van lopende labo's",
                240,
                300,
                "Zalen 1-3",
                "",
            ),
            (
                ProgrammeItem.Kind.NETWORKING,
                "Samen klinken op de successen",
                300,
                360,
                "Inkomhal",
                "",
            ),
        ],
    )
    _register_all(spring, staff[:85])

    workshop = _event(
        title="Werkwinkel: ouders als partners",
        kind=Event.Kind.COMMUNITY,
        starts=now + datetime.timedelta(days=20),
        hours=2,
        capacity=20,
        summary="Een praktijkgerichte namiddag over samenwerken met ouders.",
        speerpunten=speerpunten[2:],
        price=Decimal("15.00"),
    )
    _register_all(workshop, staff[100:125])  # 20 places: five on the waiting list

    _event(
        title="Forum Dissident: onderwijs en armoede",
        kind=Event.Kind.EXTERNAL,
        starts=now + datetime.timedelta(days=45),
        hours=3,
        capacity=None,
        summary="Een debatavond van een partner over kansengelijkheid in het onderwijs.",
        speerpunten=speerpunten[:1],
        external_url="https://www.example.org/forum-dissident",
    )


def _staff(team: Person, rng: random.Random) -> list[Person]:
    """About 170 teachers and staff of member institutions, each with an account."""
    schools = list(
        Organisation.objects.filter(memberships__status="active").distinct().order_by("name")
    )
    people = list(
        Person.objects.filter(affiliations__organisation__in=schools).distinct().order_by("pk")
    )
    for number in range(170 - len(people)):
        school = schools[number % len(schools)]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{slugify(first)}.{slugify(last)}.{number}@{school.slug}.demo"
        person = create_person(
            email=email, full_name=f"{first} {last}", password=None, email_verified=True, by=team
        )
        add_staff_member(
            organisation=school,
            email=email,
            full_name=person.full_name,
            role=Affiliation.Role.STAFF,
            job_title=rng.choice(["Leraar", "Zorgcoördinator", "Leerkracht", "Beleidsmedewerker"]),
            by=team,
        )
        people.append(person)
    return people


def _event(
    *,
    title: str,
    kind: str,
    starts: datetime.datetime,
    hours: int,
    capacity: int | None,
    summary: str,
    speerpunten: list[Speerpunt],
    price: Decimal = Decimal("0"),
    external_url: str = "",
) -> Event:
    starts = starts.replace(hour=13, minute=0, second=0, microsecond=0)
    event = Event.objects.create(
        kind=kind,
        title=title,
        slug=slugify(f"{title} {starts:%Y}"),
        summary=summary,
        description=summary,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        venue_name="" if external_url else "Romaanse Poort",
        venue_address="" if external_url else "Brusselsestraat 63, 3000 Leuven",
        external_url=external_url,
        capacity=capacity,
        price=price,
        is_published=True,
    )
    event.speerpunten.set(speerpunten)
    return event


def _programme(event: Event, items: list[tuple[str, str, int, int, str, str]]) -> None:
    for kind, title, start, end, room, speakers in items:
        ProgrammeItem.objects.create(
            event=event,
            kind=kind,
            title=title,
            starts_at=event.starts_at + datetime.timedelta(minutes=start),
            ends_at=event.starts_at + datetime.timedelta(minutes=end),
            room=room,
            speakers=speakers,
        )


def _register_all(event: Event, people: list[Person]) -> list[Registration]:
    return [services.register(event=event, person=person) for person in people]


def _fill(event: Event, people: list[Person], rng: random.Random, attended_share: float) -> None:
    """A past event: people registered while it lay ahead, then some came to the door."""
    real_start, real_end = event.starts_at, event.ends_at
    ahead = timezone.now() + datetime.timedelta(days=7)
    Event.objects.filter(pk=event.pk).update(
        starts_at=ahead, ends_at=ahead + (real_end - real_start)
    )
    event.refresh_from_db()
    registrations = _register_all(event, people)
    Event.objects.filter(pk=event.pk).update(starts_at=real_start, ends_at=real_end)
    event.refresh_from_db()
    door = Person.objects.filter(is_staff=True).first()
    assert door is not None
    for number, registration in enumerate(registrations):
        if rng.random() < attended_share:
            # Checked in on the day: people arrive from the doors opening to a little after
            # the start.
            arrived = event.doors_open_at + datetime.timedelta(minutes=number * 7 % 75)
            services.check_in(
                event=event, ticket_code=registration.ticket_code, by=door, now=arrived
            )
