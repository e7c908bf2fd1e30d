"""The demo's calendar, around the day it is loaded: two months ago the SOM start (registered and
checked in, with the usual no-shows), an Open SOM-raad, today a network day that is going on (its
doors open, most people checked in, the demo's teacher still outside), a network day five months
ahead for the open call, a small community event that is full with a waiting list, and a
partner's listing. Network days are free for the staff of members (two a calendar year, the
entry rules of som.events.entry) and cost others a price; the workshop has a member price."""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from som.accounts.models import Person
from som.accounts.services import create_person
from som.events import services
from som.events.models import Event, ProgrammeItem, Registration
from som.network.models import Affiliation, Organisation, Speerpunt
from som.network.services import add_staff_member

TEACHER = "leraar@dewijnpers.demo"
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


# Network days are free for the staff of members, lab members and invited experts, two a calendar
# year (the brochure: "gratis toegang tot 2 SOM-netwerkdagen per jaar"); whoever else comes, or
# comes a third time that year, pays this.
NETWORK_DAY_PRICE = Decimal("25.00")
SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "voorjaar", 4: "voorjaar", 5: "voorjaar"}
SEASONS |= {6: "zomer", 7: "zomer", 8: "zomer", 9: "najaar", 10: "najaar", 11: "najaar"}


@dataclass(frozen=True)
class Calendar:
    """The three network days of the demo's story, for the lab selection and the labs."""

    som_start: Event  # two months ago: last round's pitches and vote
    today: Event  # going on now: the doors are open, the pitches done, the vote about to start
    next_day: Event  # in five months: the open call's proposals are pitched there


def load(team: Person) -> Calendar:
    rng = random.Random(2026)  # the same demo every time
    staff = _staff(team, rng)
    speerpunten = list(Speerpunt.objects.all())
    now = timezone.now()
    som_start = _event(
        title=f"SOM start {timezone.localtime(now - datetime.timedelta(days=60)):%Y}",
        kind=Event.Kind.NETWORK_DAY,
        starts=_at_one(now - datetime.timedelta(days=60)),
        hours=5,
        capacity=220,
        summary="De start van het werkjaar: kennismaken, de labovoorstellen en een keynote.",
        speerpunten=speerpunten,
        price=NETWORK_DAY_PRICE,
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
            (ProgrammeItem.Kind.PITCH, "Pitches van de labovoorstellen", 90, 160, "Grote zaal", ""),
            (
                ProgrammeItem.Kind.VOTE,
                "Stemming: welke labo's starten?",
                160,
                180,
                "Grote zaal",
                "",
            ),
            (ProgrammeItem.Kind.NETWORKING, "Netwerkmoment en receptie", 180, 300, "Foyer", ""),
        ],
    )
    _fill(som_start, staff[:150], rng, attended_share=0.72)

    raad = _event(
        title="Open SOM-raad",
        kind=Event.Kind.COMMUNITY,
        starts=_at_one(now - datetime.timedelta(days=25)),
        hours=3,
        capacity=120,
        summary="Directeurs en afdelingshoofden denken mee over de koers van SOM Leuven.",
        speerpunten=speerpunten[:1],
    )
    _fill(raad, staff[40:160], rng, attended_share=0.66)

    today = _todays_network_day(now, speerpunten)
    # The demo's teacher comes to the door with the ticket from the mailbox (see /demo/).
    _fill(today, staff[:85], rng, attended_share=0.8, keep_out={TEACHER})

    next_day = _event(
        title=_network_day_title(now + datetime.timedelta(days=150)),
        kind=Event.Kind.NETWORK_DAY,
        starts=_at_one(now + datetime.timedelta(days=150)),
        hours=6,
        capacity=250,
        summary="De labovoorstellen van de open oproep pitchen, de labo's tonen hun resultaten.",
        speerpunten=speerpunten,
        price=NETWORK_DAY_PRICE,
    )
    _programme(
        next_day,
        [
            (ProgrammeItem.Kind.WELCOME, "Onthaal", 0, 30, "Inkomhal", ""),
            (ProgrammeItem.Kind.PITCH, "Pitches van de labovoorstellen", 30, 120, "Aula", ""),
            (ProgrammeItem.Kind.VOTE, "Stemming: welke labo's starten?", 120, 150, "Aula", ""),
            (ProgrammeItem.Kind.LAB_RESULTS, "Resultaten van de labo's", 180, 270, "Zalen 1-3", ""),
            (ProgrammeItem.Kind.NETWORKING, "Samen klinken", 270, 360, "Inkomhal", ""),
        ],
    )

    workshop = _event(
        title="Werkwinkel: ouders als partners",
        kind=Event.Kind.COMMUNITY,
        starts=_at_one(now + datetime.timedelta(days=20)),
        hours=2,
        capacity=20,
        summary="Een praktijkgerichte namiddag over samenwerken met ouders.",
        speerpunten=speerpunten[2:],
        price=Decimal("15.00"),
        member_price=Decimal("10.00"),  # what staff of members pay (the entry rules)
    )
    _register_all(workshop, staff[100:125])  # 20 places: five on the waiting list

    _event(
        title="Forum Dissident: onderwijs en armoede",
        kind=Event.Kind.EXTERNAL,
        starts=_at_one(now + datetime.timedelta(days=45)),
        hours=3,
        capacity=None,
        summary="Een debatavond van een partner over kansengelijkheid in het onderwijs.",
        speerpunten=speerpunten[:1],
        external_url="https://www.example.org/forum-dissident",
    )
    return Calendar(som_start=som_start, today=today, next_day=next_day)


def _todays_network_day(now: datetime.datetime, speerpunten: list[Speerpunt]) -> Event:
    """Started three hours ago (not before midnight): the doors are open for three more hours,
    the pitches are done and the vote is next on the programme."""
    local = timezone.localtime(now)
    starts = max(
        local.replace(minute=local.minute - local.minute % 15, second=0, microsecond=0)
        - datetime.timedelta(hours=3),
        local.replace(hour=0, minute=0, second=0, microsecond=0),
    )
    day = _event(
        title=_network_day_title(now),
        kind=Event.Kind.NETWORK_DAY,
        starts=starts,
        hours=6,
        capacity=250,
        summary="Labovoorstellen pitchen, mee beslissen over de nieuwe labo's en samen klinken.",
        speerpunten=speerpunten,
        price=NETWORK_DAY_PRICE,
    )
    _programme(
        day,
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
            (ProgrammeItem.Kind.PITCH, "Pitches van de labovoorstellen", 90, 170, "Aula", ""),
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
    return day


def _network_day_title(when: datetime.datetime) -> str:
    local = timezone.localtime(when)
    return f"SOM-netwerkdag {SEASONS[local.month]} {local:%Y}"


def _at_one(when: datetime.datetime) -> datetime.datetime:
    """13:00 local time on the day of `when`."""
    return timezone.localtime(when).replace(hour=13, minute=0, second=0, microsecond=0)


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
    member_price: Decimal | None = None,
    external_url: str = "",
) -> Event:
    year = f"{timezone.localtime(starts):%Y}"
    event = Event.objects.create(
        kind=kind,
        title=title,
        slug=slugify(title if year in title else f"{title} {year}"),
        summary=summary,
        description=summary,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        venue_name="" if external_url else "Romaanse Poort",
        venue_address="" if external_url else "Brusselsestraat 63, 3000 Leuven",
        external_url=external_url,
        capacity=capacity,
        price=price,
        member_price=member_price,
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


def _fill(
    event: Event,
    people: list[Person],
    rng: random.Random,
    attended_share: float,
    keep_out: frozenset[str] | set[str] = frozenset(),
) -> None:
    """An event that began: people registered while it lay ahead, then some came to the door
    (from the doors opening to a little after the start, and never later than now)."""
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
    now = timezone.now()
    for number, registration in enumerate(registrations):
        if registration.person.email in keep_out or rng.random() >= attended_share:
            continue
        arrived = event.doors_open_at + datetime.timedelta(minutes=number * 7 % 75)
        if arrived > now:
            continue
        services.check_in(event=event, ticket_code=registration.ticket_code, by=door, now=arrived)
