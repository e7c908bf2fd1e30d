"""The association in the demo, all through the governance services:

- the bodies of the charter (SOM plus, SOM raad, coördinatiecel, afstemmingscel, 2015-2025) and
  the board with its chair, secretary (bestuur@som-leuven.demo) and treasurer;
- this morning's ordinary general assembly, convened 20 days ago: attendance and two proxies,
  the accounts, the discharge and the budget adopted, a secret board election, a statute
  amendment without its 2/3 quorum, the minutes published;
- the second meeting for that amendment, convened 16 days ahead;
- an extraordinary meeting whose convocation came too late and was refused (still a draft);
- tonight's extraordinary general assembly, in session with its first vote open: De Wijnpers'
  representative (contact@dewijnpers.demo) votes on a phone, with a proxy; the secretary runs it
  from the chair's page and shows the projector.
"""

import datetime

from django.conf import settings
from django.utils import timezone, translation

from som.accounts.models import Person
from som.accounts.services import create_person
from som.governance import selectors, services
from som.governance.models import Body, Mandate, Meeting, MotionKind
from som.governance.services import GovernanceError, minutes, votes
from som.voting import services as voting

CHARTER_FROM = datetime.date(2015, 6, 1)
CHARTER_UNTIL = datetime.date(2025, 12, 31)
BOARD_FROM = datetime.date(2026, 1, 15)

CHARTER_BODIES = [
    (
        "som-plus",
        "SOM plus",
        "Informeren en enthousiasmeren van de eigen onderwijsprofessionals; onderwijsuitdagingen "
        "voor SOM detecteren; de missie van SOM opvolgen en ondersteunen; input leveren voor de "
        "samenstelling van de SOM raad en voor ambities en planning.",
        "Van elke Leuvense onderwijsorganisatie, naar verhouding tot de grootte, 1 of 2 "
        "afgevaardigden met beleidsvoerend vermogen in de eigen organisatie.",
        "Minimum 2 keer per jaar en op vraag",
    ),
    (
        "som-raad",
        "SOM raad",
        "Bewaakt de visie en missie van SOM; beslist over de inhoudelijke prioriteiten binnen de "
        "werkingen (subsidiariteit) en over de besteding van de goedgekeurde middelen; bewaakt de "
        "kwaliteit; inspireert het Leuvens onderwijsbeleid; bepaalt de planning i.f.v. de ambities.",
        "Voorzitter; KU Leuven (2); UCLL (2); KS Leuven; Huis 11; CLB GO; VCLB; Steiner; CBE; "
        "coördinatoren basis (5); LOP; stadsadministratie (afdeling onderwijs); schepen van "
        "onderwijs; leerling SO (Pact3000); student (LOKO); netwerkexpert. De coördinatie is "
        "aanwezig maar niet stemgerechtigd; bij ontbrekende expertise kan de raad uitbreiden.",
        "4 keer per jaar, en 1 keer open met SOM plus",
    ),
    (
        "coordinatiecel",
        "Coördinatiecel",
        "Coördinatie van de SOM werkingen (communicatie, inhoud, organisatie); dagelijks beheer "
        "(personeel en budgetten); de roadmap realiseren, bewaken en evalueren (jaarplanning en "
        "-verslag); ideeën uit het netwerk samenbrengen tot nieuwe labo's voor de SOM raad; "
        "faciliteert en stuurt het SOM team aan.",
        "Voorzitter, coördinator, beleidsadviseur.",
        "Wekelijks, en om de 4 weken samen met de voorzitter",
    ),
    (
        "afstemmingscel-stad-leuven",
        "Afstemmingscel Stad Leuven",
        "Een vlotte samenwerking tussen stad Leuven en SOM faciliteren; de plaats van SOM in het "
        "meerjarenplan van de stad duiden; de samenwerking tussen de werkzaamheden van SOM en de "
        "afdelingen van de directie samenleving uittekenen.",
        "Schepen, coördinatie, adviseur, beleidsadviseur en afdelingshoofd afdeling onderwijs, "
        "beleidsmedewerker directie samenleving.",
        "3-wekelijks",
    ),
]

BOARD = [
    ("voorzitter@som-leuven.demo", "Marleen Janssens", Mandate.Role.CHAIR),
    ("bestuur@som-leuven.demo", "", Mandate.Role.SECRETARY),
    ("penningmeester@som-leuven.demo", "Koenraad Wuyts", Mandate.Role.TREASURER),
]
CANDIDATES = [
    ("kandidaat1@som-leuven.demo", "Hanne Verlinden"),
    ("kandidaat2@som-leuven.demo", "Rachid Bouzidi"),
    ("kandidaat3@som-leuven.demo", "Ellen Vanhove"),
]
REPRESENTATIVE = "contact@dewijnpers.demo"
PRESENT = 10  # members signed in at the morning's meeting, besides De Wijnpers


def load(team: Person) -> None:
    # What the services write for people (titles, minutes) is in the association's language.
    with translation.override(settings.LANGUAGE_CODE):
        _load(team)


def _load(team: Person) -> None:
    _charter_bodies(team)
    secretary = _board(team)
    assembly = selectors.general_assembly()
    assert assembly is not None
    now = timezone.now()
    today = timezone.localdate()
    morning = _at(today, 9, 30)
    first = _annual_meeting(assembly, secretary, morning, now)
    votes.convene_second_meeting(
        meeting=first,
        starts_at=_at(today + datetime.timedelta(days=16), 19, 30),
        by=secretary,
    )
    second = first.second_meetings.get()
    services.send_convocation(meeting=second, by=secretary)
    _refused_late(assembly, secretary, today)
    _live_meeting(assembly, secretary, today, now)


def _coming_year(when: datetime.datetime) -> int:
    """The year a budget or a fee is decided for: this one until June, then the next."""
    local = timezone.localtime(when)
    return local.year + 1 if local.month > 6 else local.year


def _at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _person(email: str, name: str, team: Person) -> Person:
    found = Person.objects.filter(email=email).first()
    if found is not None:
        return found
    return create_person(email=email, full_name=name, password=None, email_verified=True, by=team)


def _charter_bodies(team: Person) -> None:
    for position, (slug, name, powers, composition, frequency) in enumerate(CHARTER_BODIES, 10):
        services.create_body(
            name=name,
            slug=slug,
            kind=Body.Kind.OTHER,
            powers=powers,
            composition=composition,
            meeting_frequency=frequency,
            active_from=CHARTER_FROM,
            active_until=CHARTER_UNTIL,
            position=position,
            by=team,
        )


def _board(team: Person) -> Person:
    board = selectors.board()
    assert board is not None
    secretary = None
    for email, name, role in BOARD:
        person = _person(email, name, team)
        services.appoint(body=board, person=person, role=role, starts_on=BOARD_FROM, by=team)
        if role == Mandate.Role.SECRETARY:
            secretary = person
    assert secretary is not None
    return secretary


def _kind(code: str) -> MotionKind:
    return MotionKind.objects.get(code=code)


def _seats(meeting: Meeting) -> list[selectors.Seat]:
    seats = [
        seat
        for seat in selectors.general_assembly_seats(selectors.meeting_date(meeting))
        if seat.voter is not None
    ]
    # De Wijnpers first: its representative is the demo's voter.
    return sorted(seats, key=lambda seat: seat.voter.email != REPRESENTATIVE)  # type: ignore[union-attr]


def _annual_meeting(
    assembly: Body, secretary: Person, starts_at: datetime.datetime, now: datetime.datetime
) -> Meeting:
    weeks_ago = now - datetime.timedelta(days=21)
    meeting = services.schedule_meeting(
        body=assembly,
        title=f"Algemene vergadering {starts_at.year}",
        starts_at=starts_at,
        place="Stadhuis Leuven, Grote Markt 9, raadzaal",
        online_url="https://meet.som-leuven.demo/av",
        by=secretary,
        now=weeks_ago,
    )
    candidates = [_person(email, name, secretary) for email, name in CANDIDATES]
    closed, coming = starts_at.year - 1, _coming_year(starts_at)
    agenda = [
        ("Verwelkoming en verslag van de werking", None, ""),
        (f"Jaarrekening {closed}", "accounts", f"De algemene vergadering keurt de jaarrekening {closed} goed."),
        ("Kwijting aan de bestuurders", "discharge", f"De algemene vergadering verleent de bestuurders kwijting voor {closed}."),
        (f"Begroting {coming}", "budget", f"De algemene vergadering keurt de begroting {coming} goed."),
        ("Verkiezing van twee bestuurders", "board_election", ""),
        ("Statutenwijziging: verplaatsing van de zetel", "statutes", "Artikel 2 van de statuten: de zetel verhuist naar de Vaartkom 5, 3000 Leuven."),
    ]  # fmt: skip
    for title, code, motion in agenda:
        election = code == "board_election"
        services.add_agenda_item(
            meeting=meeting,
            title=title,
            motion_kind=_kind(code) if code else None,
            motion=motion,
            seats=2 if election else None,
            candidates=candidates if election else (),
            by=secretary,
            now=weeks_ago,
        )
    services.send_convocation(meeting=meeting, by=secretary, now=now - datetime.timedelta(days=20))
    seats = _seats(meeting)
    present, givers = seats[: PRESENT + 1], seats[PRESENT + 1 : PRESENT + 3]
    for giver, holder in zip(givers, present, strict=False):
        assert giver.voter is not None
        services.give_proxy(
            meeting=meeting, giver=giver.organisation, holder=holder.organisation, by=giver.voter
        )
    for seat in present:
        services.register_presence(meeting=meeting, organisation=seat.organisation, by=secretary)
    votes.start_meeting(meeting=meeting, by=secretary)
    for item in meeting.items.exclude(motion_kind=None).select_related("motion_kind"):
        assert item.motion_kind is not None
        if item.motion_kind.code == "statutes":
            votes.record_no_quorum(item=item, by=secretary)
            continue
        poll = votes.open_vote(item=item, by=secretary)
        options = list(poll.options.order_by("position"))
        for number, seat in enumerate(present):
            assert seat.voter is not None
            if item.motion_kind.is_election:
                chosen = [options[0].pk, options[1 + number % 2].pk]
            else:
                # Mostly yes, a no and an abstention now and then.
                chosen = [options[2 if number % 5 == 0 else 1 if number % 4 == 3 else 0].pk]
            voting.cast_ballot(poll=poll, voter=seat.voter, choices=chosen)
        votes.close_vote(item=item, by=secretary)
    votes.close_meeting(meeting=meeting, by=secretary)
    draft = minutes.generate_minutes(meeting=meeting, by=secretary)
    minutes.update_minutes(
        minutes=draft,
        text=draft.text.rsplit("\n", 1)[0]
        + "\nDe voorzitter dankt de leden en sluit de vergadering om 11.45 uur.",
        by=secretary,
    )
    minutes.approve_minutes(minutes=draft, by=secretary)
    minutes.publish_minutes(minutes=draft, by=secretary)
    return meeting


def _refused_late(assembly: Body, secretary: Person, today: datetime.date) -> None:
    """Ten days ahead is too late for a general assembly: the convocation is refused and the
    meeting stays a draft, for the secretary to move."""
    late = services.schedule_meeting(
        body=assembly,
        kind=Meeting.Kind.EXTRAORDINARY,
        title="Buitengewone algemene vergadering: samenwerking met de stad",
        starts_at=_at(today + datetime.timedelta(days=10), 19, 30),
        place="SOM-lokaal, Vaartkom 5, Leuven",
        by=secretary,
    )
    services.add_agenda_item(
        meeting=late,
        title="Samenwerkingsovereenkomst met Stad Leuven",
        motion_kind=_kind("ordinary"),
        motion="De algemene vergadering keurt de samenwerkingsovereenkomst goed.",
        by=secretary,
    )
    try:
        services.send_convocation(meeting=late, by=secretary)
    except GovernanceError:
        return
    raise AssertionError("a convocation ten days ahead must be refused")


def _live_meeting(
    assembly: Body, secretary: Person, today: datetime.date, now: datetime.datetime
) -> None:
    weeks_ago = now - datetime.timedelta(days=21)
    coming = _coming_year(now)
    meeting = services.schedule_meeting(
        body=assembly,
        kind=Meeting.Kind.EXTRAORDINARY,
        title="Buitengewone algemene vergadering: lidgeld en labo's",
        starts_at=_at(today, 19, 30),
        place="UCLL Campus Hertogstraat, aula 1",
        by=secretary,
        now=weeks_ago,
    )
    for title, motion in [
        (f"Lidgeld {coming}", "Het lidgeld blijft € 100 (standaard) en € 50 (kansentarief)."),
        (
            f"Budget voor de labo's {coming}",
            "SOM Leuven trekt € 90.000 uit voor drie tot vijf labo's.",
        ),
    ]:
        services.add_agenda_item(
            meeting=meeting,
            title=title,
            motion_kind=_kind("ordinary"),
            motion=motion,
            by=secretary,
            now=weeks_ago,
        )
    services.send_convocation(meeting=meeting, by=secretary, now=now - datetime.timedelta(days=20))
    seats = _seats(meeting)
    wijnpers, giver = seats[0], seats[-1]
    assert giver.voter is not None
    services.give_proxy(
        meeting=meeting, giver=giver.organisation, holder=wijnpers.organisation, by=giver.voter
    )
    for seat in seats[:8]:
        services.register_presence(meeting=meeting, organisation=seat.organisation, by=secretary)
    votes.start_meeting(meeting=meeting, by=secretary)
    first = meeting.items.order_by("position").first()
    assert first is not None
    poll = votes.open_vote(item=first, by=secretary)
    yes = poll.options.get(reference="yes").pk
    for seat in seats[1:5]:
        assert seat.voter is not None
        voting.cast_ballot(poll=poll, voter=seat.voter, choices=[yes])
