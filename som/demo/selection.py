"""Lab selection in the demo, three calls around the day the demo is loaded, all through the
services a person would go through:

1. the call of two months ago's SOM start: proposals written by co-authors from different levels,
   networks and sectors, screened, pitched, voted on by the attendees, the result published and
   confirmed by the board, so the selected proposals became labs (som/demo/labs.py follows one);
2. the call of today's network day: six eligible proposals, pitched this morning, the vote open
   with part of the hall's ballots in (the demo's teacher still has to get in at the door);
3. an open call for the network day in five months, with the lab lead's draft: one co-author
   accepted, the demo's teacher invited. Until the teacher accepts, the draft misses a co-author
   and a second education network, and the editor says so.

Every proposal is submitted through `submit_proposal`, which checks the eligibility rules, so a
screened proposal here meets them. The proposals are written during the load and the calls'
deadlines then moved to their place in the story: the demo's memberships count from the day it
is loaded, and a proposal's rules are checked on the day it was submitted.
"""

import contextlib
import datetime
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from som.accounts.models import Person
from som.events.models import Event, ProgrammeItem, Registration
from som.labs import services as proposals
from som.labs.models import Call, Lab, LabStatusChange, Proposal, SelectionDecision
from som.labs.services import calls, confirmation, selection
from som.labs.services import labs as lab_services
from som.network.models import Affiliation, Speerpunt
from som.voting import services as voting
from som.voting.models import Poll

LAB_LEAD = "trekker@ucll.demo"
TEACHER = "leraar@dewijnpers.demo"
BOARD_SECRETARY = "bestuur@som-leuven.demo"
# The lab that som/demo/labs.py follows through its first months.
FOLLOWED_LAB = "Taalrijke klas"


@dataclass(frozen=True)
class Spec:
    """A proposal of the demo. `starter` and `coauthors` are e-mail addresses or organisation
    names (then their contact person writes); `support` is the share of voters approving it."""

    title: str
    summary: str
    challenge: str
    approach: str
    starter: str
    coauthors: tuple[str, ...]
    budget: int
    speerpunten: tuple[int, ...]
    support: float = 0.5


PAST = [
    Spec(
        "Taalrijke klas",
        "Leraren van kleuter tot secundair bouwen samen aan rijke taal in elke les.",
        "Veel Leuvense leerlingen krijgen te weinig kansen om in de klas te spreken en te "
        "schrijven, en dat remt hun leren in elk vak. Leraren voelen zich daar alleen voor staan.",
        "Vier scholen en de lerarenopleiding observeren elkaars lessen met één kijkwijzer, "
        "proberen open opdrachten uit en delen wat werkt op de netwerkdagen.",
        LAB_LEAD,
        (TEACHER, "Mater Dei Kleuterschool", "Centrum voor Levende Talen"),
        24_000,
        (0, 1),
        support=0.75,
    ),
    Spec(
        "Overstap zonder struikelen",
        "Basis- en secundaire scholen maken de overstap naar het eerste jaar samen zacht.",
        "De overstap van het zesde leerjaar naar het eerste middelbaar loopt voor te veel "
        "leerlingen mis: wat de basisschool weet, komt niet aan.",
        "Leraren van het zesde en het eerste jaar wisselen klasbezoeken uit en maken samen een "
        "overdrachtsgesprek dat de CLB-medewerkers mee dragen.",
        "De Zonnewijzer (basisonderwijs)",
        ("De Zonnewijzer (secundair onderwijs)", "Sint-Pieterscollege", "CLB GO!"),
        30_000,
        (0,),
        support=0.55,
    ),
    Spec(
        "Ouders als partners",
        "Scholen en welzijn zoeken hoe ouders echt mee aan tafel zitten.",
        "Ouders die de schooltaal niet spreken of zelf slechte herinneringen aan school hebben, "
        "haken af. Scholen en huiswerkbegeleiding bereiken ze elk apart, en te laat.",
        "Een huiswerkklas, het CLB en twee basisscholen richten samen ouderkoffies in, proberen "
        "oudergesprekken met een tolk uit en maken een gids voor andere scholen.",
        "Huiswerkklas De Brug vzw",
        ("VCLB", "De Klare Bron", "Don Bosco Sint-Lambertus"),
        18_000,
        (0, 2),
        support=0.5,
    ),
    Spec(
        "Leren buiten de muren",
        "Stad, scholen en verenigingen maken van Leuven een leeromgeving.",
        "Leuven zit vol musea, ateliers en verenigingen, maar scholen vinden de weg er moeilijk "
        "naartoe en de drempel voor een uitstap is hoog.",
        "Scholen van drie niveaus ontwerpen met een kunsthogeschool leertrajecten in de stad en "
        "testen ze met hun klassen.",
        "CVO Volt",
        (
            "Paridaensinstituut secundair onderwijs",
            "De Speelkriebel",
            "LUCA - School of Arts - Campus Lemmens",
        ),
        35_000,
        (1,),
        support=0.3,
    ),
    Spec(
        "Welbevinden van leraren",
        "Teams uit drie netten werken aan werkdruk en werkplezier.",
        "Leraren haken af door werkdruk; elke school zoekt alleen naar wat helpt.",
        "Drie schoolteams proberen elk een jaar lang één maatregel uit (minder vergaderen, "
        "co-teaching, een buddy voor starters) en meten samen het effect.",
        "Heilige-Drievuldigheidscollege",
        ("Campus Redingenhof", "De Bron"),
        20_000,
        (2,),
        support=0.6,
    ),
]

TODAY = [
    Spec(
        "Meertaligheid als troef",
        "Thuistalen inzetten om beter te leren, van kleuter tot hoger onderwijs.",
        "Meertalige leerlingen horen vaak dat ze hun thuistaal aan de schoolpoort moeten laten, "
        "terwijl die taal hen kan helpen leren.",
        "Basisscholen, een talencentrum en de universiteit proberen talensensibilisering en "
        "vertaalopdrachten uit en volgen wat leerlingen ervan leren.",
        "Katholieke Universiteit Leuven",
        ("De Appeltuin", "Centrum voor Levende Talen"),
        32_000,
        (0, 1),
        support=0.65,
    ),
    Spec(
        "STEM in de wijk",
        "Technisch onderwijs en buurtwerkingen bouwen samen aan STEM-ateliers.",
        "Kinderen uit kansarme wijken kiezen zelden voor technische richtingen, omdat ze die "
        "nooit van dichtbij zagen.",
        "Leerlingen van een technische school geven met de huiswerkklas ateliers in de wijk, "
        "voor kinderen van de basisschool om de hoek.",
        "Vrij Technisch Instituut Leuven",
        ("Huiswerkklas De Brug vzw", "De Regenboog"),
        27_000,
        (0, 1),
        support=0.55,
    ),
    Spec(
        "Samen tegen schooluitval",
        "Secundaire scholen, CLB en volwassenenonderwijs vangen jongeren samen op.",
        "Jongeren die de school verlaten zonder diploma vallen tussen de instellingen: elk ziet "
        "een stukje van hun verhaal.",
        "Een gedeeld signaalpunt en een trajectbegeleider per jongere, van het deeltijds "
        "onderwijs tot het volwassenenonderwijs.",
        "CLB GO!",
        (
            "Centrum DBSO - Campus Redingenhof",
            "Sancta Maria Secundair onderwijs",
            "Ligo Oost-Brabant",
        ),
        38_000,
        (0,),
        support=0.5,
    ),
    Spec(
        "Digitale geletterdheid voor iedereen",
        "Een leerlijn mediawijsheid over de netten heen.",
        "Elke school maakt zijn eigen lessen over sociale media en nepnieuws; leerlingen krijgen "
        "hetzelfde drie keer en andere dingen nooit.",
        "Leraren van basis en secundair schrijven samen een leerlijn en testen die in hun klassen.",
        "Sint-Albertuscollege Haasrode",
        ("Don Bosco Heverlee Basisschool", "De Twijg"),
        16_000,
        (1,),
        support=0.4,
    ),
    Spec(
        "De klas als gemeenschap",
        "Herstelgericht werken in het buitengewoon en gewoon onderwijs.",
        "Conflicten in de klas eindigen te vaak in straf en uitsluiting, ook bij leerlingen die "
        "al veel uitsluiting kenden.",
        "Teams uit het buitengewoon en gewoon onderwijs leren herstelcirkels en proberen ze een "
        "jaar lang uit.",
        "Parkschool Buitengewoon Basisonderwijs",
        ("Ter Bank buitengewoon secundair onderwijs", "Mater Dei Lagere school"),
        21_000,
        (2,),
        support=0.45,
    ),
    Spec(
        "Stage die werkt",
        "Hogescholen en stagescholen herdenken samen de begeleiding van stagiairs.",
        "Stagiairs en hun mentoren krijgen tegenstrijdige verwachtingen van hogeschool en "
        "school; goede stagescholen haken af.",
        "Mentoren en stagebegeleiders maken samen één begeleidingsplan en een mentorentraining.",
        "UCLL",
        ("Heilig Hart Heverlee - Lagere school", "De Nova"),
        19_000,
        (1, 2),
        support=0.35,
    ),
]

DRAFT = Spec(
    "Leesplezier van kleuter tot lerarenopleiding",
    "Voorlezen en vrij lezen een vaste plaats geven, van de kleuterklas tot de lerarenopleiding.",
    "Leesplezier daalt bij Vlaamse leerlingen, en aankomende leraren lezen zelf weinig.",
    "Kleuterleraren, leraren Nederlands en de lerarenopleiding starten samen leesclubs.",
    LAB_LEAD,
    ("Don Bosco Heverlee Basisschool",),
    22_000,
    (1,),
)


def load(team: Person, som_start: Event, today: Event, next_day: Event) -> None:
    board = Person.objects.get(email=BOARD_SECRETARY)
    _past_round(team, board, som_start)
    _todays_round(team, today)
    _open_call(team, next_day)


# --- The steps -------------------------------------------------------------------------------------


def author(reference: str) -> Person:
    """A person by e-mail address, or the contact person of the organisation so named."""
    if "@" in reference:
        return Person.objects.get(email=reference)
    affiliation = (
        Affiliation.objects.filter(
            organisation__name=reference, role=Affiliation.Role.CONTACT, until__isnull=True
        )
        .select_related("person")
        .order_by("pk")
        .first()
    )
    assert affiliation is not None, f"{reference} has no contact person in the demo"
    return affiliation.person


def _call(team: Person, day: Event, deadline: datetime.datetime, rule: str) -> Call:
    return calls.open_call(
        data=calls.CallData(
            title=f"Labovoorstellen {day.title}",
            description="SOM Leuven steunt drie tot vijf labo's per jaar met geld, expertise en "
            "ruimte. Dien een voorstel in met collega's van andere niveaus, netten of sectoren.",
            network_day=day,
            deadline=deadline,
            total_budget=Decimal(90_000),
            max_budget_per_proposal=Decimal(40_000),
            min_labs=3,
            max_labs=4,
            rule=rule,
        ),
        by=team,
        now=deadline - datetime.timedelta(days=45),
    )


@contextlib.contextmanager
def _open_while_written(call: Call) -> Iterator[None]:
    """The call takes proposals for as long as the block runs, then gets its real deadline."""
    deadline = call.deadline
    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() + datetime.timedelta(hours=1))
    call.refresh_from_db()
    yield
    Call.objects.filter(pk=call.pk).update(deadline=deadline)
    call.refresh_from_db()


def write(call: Call, spec: Spec, *, submit: bool = True) -> Proposal:
    starter = author(spec.starter)
    proposal = proposals.start_proposal(call=call, by=starter, title=spec.title)
    speerpunten = list(Speerpunt.objects.order_by("position"))
    proposals.update_proposal(
        proposal=proposal,
        by=starter,
        data=proposals.ProposalData(
            title=spec.title,
            summary=spec.summary,
            challenge=spec.challenge,
            beyond_one_school="Geen school lost dit alleen op: elke partner ziet een ander stuk "
            "van de vraag, van een ander niveau, net of sector.",
            approach=spec.approach,
            duration_months=18,
            expertise_needed="Een onderzoeker die mee observeert en de resultaten helpt delen.",
            room_needed="Een vergaderzaal voor vier labosessies per jaar.",
            speerpunten=[speerpunten[i] for i in spec.speerpunten if i < len(speerpunten)],
            budget_lines=[
                proposals.BudgetLineData(
                    "Vervanging van leraren voor de labosessies", Decimal(spec.budget * 2 // 3)
                ),
                proposals.BudgetLineData(
                    "Materiaal, verplaatsingen en delen van de resultaten",
                    Decimal(spec.budget - spec.budget * 2 // 3),
                ),
            ],
        ),
    )
    for reference in spec.coauthors:
        person = author(reference)
        invitation = proposals.invite_coauthor(proposal=proposal, email=person.email, by=starter)
        proposals.accept_invitation(coauthor=invitation, person=person)
    if submit:
        proposals.submit_proposal(proposal=proposal, by=starter)
    return proposal


def _screen_and_schedule(call: Call, team: Person, day: Event) -> None:
    slot = day.programme.get(kind=ProgrammeItem.Kind.PITCH)
    for order, proposal in enumerate(call.proposals.order_by("pk")):
        proposals.screen_proposal(proposal=proposal, eligible=True, reason="", by=team)
        proposals.schedule_pitch(proposal=proposal, slot=slot, order=order, by=team)


def _vote(
    call: Call, specs: Sequence[Spec], day: Event, rng: random.Random, turnout: float
) -> Poll:
    """Part of the checked-in attendees approve the proposals, each as much as its `support`."""
    call.refresh_from_db()
    poll = call.poll
    assert poll is not None
    support = {spec.title: spec.support for spec in specs}
    options = [(option.pk, support[option.label]) for option in poll.options.all()]
    attendees = Person.objects.filter(
        registrations__event=day, registrations__checked_in_at__isnull=False
    ).exclude(registrations__status=Registration.Status.CANCELLED)
    for voter in attendees.order_by("pk"):
        if rng.random() >= turnout:
            continue
        choices = [option for option, share in options if rng.random() < share]
        if choices:
            voting.cast_ballot(poll=poll.pk, voter=voter, choices=choices[: poll.max_choices])
    return poll


def _past_round(team: Person, board: Person, day: Event) -> None:
    call = _call(team, day, day.starts_at - datetime.timedelta(days=30), Call.Rule.EQUAL_SHARES)
    with _open_while_written(call):
        for spec in PAST:
            write(call, spec)
    calls.close_call(call=call, by=team, now=call.deadline)
    _screen_and_schedule(call, team, day)
    selection.start_selection_vote(call=call, by=team)
    poll = _vote(call, PAST, day, random.Random(2026), turnout=1.0)
    selection.close_selection_vote(call=call, by=team)
    selection.publish_selection(call=call, by=team)
    confirmation.confirm_selection(
        call=call, by=board, note="Bevestigd op de vergadering van de raad van bestuur."
    )
    assert Lab.objects.filter(proposal__call=call, title=FOLLOWED_LAB).exists()
    _as_it_happened(call, poll, day)


def _as_it_happened(call: Call, poll: Poll, day: Event) -> None:
    """Put the vote at the network day's vote slot and the board's confirmation two weeks later,
    where the labs start: the services wrote them at the moment of loading."""
    slot = day.programme.get(kind=ProgrammeItem.Kind.VOTE)
    Poll.objects.filter(pk=poll.pk).update(
        opened_at=slot.starts_at,
        closed_at=slot.ends_at,
        published_at=slot.ends_at + datetime.timedelta(minutes=5),
    )
    confirmed_at = day.starts_at + datetime.timedelta(days=14, hours=7)
    SelectionDecision.objects.filter(call=call).update(decided_at=confirmed_at)
    starts_on = timezone.localdate(confirmed_at)
    for lab in Lab.objects.filter(proposal__call=call).select_related("proposal"):
        assert lab.proposal is not None
        lab_services.update_lab(
            lab=lab,
            data=lab_services.LabData(
                title=lab.title,
                summary=lab.summary,
                challenge=lab.challenge,
                starts_on=starts_on,
                planned_end_on=lab_services.add_months(starts_on, lab.proposal.duration_months),
                partners="\n".join(lab_partners(lab.proposal)),
                speerpunten=list(lab.speerpunten.all()),
            ),
            by=lab.proposal.created_by,
        )
        change = LabStatusChange.objects.get(lab=lab, from_status="")
        change.changed_on = starts_on
        change.facts = {**change.facts, "decided_on": starts_on.isoformat()}
        change.save(update_fields=["changed_on", "facts"])


def lab_partners(proposal: Proposal) -> list[str]:
    """The organisations of the proposal's authors, as the lab's partners."""
    names: list[str] = []
    for coauthor in proposal.coauthors.filter(accepted_at__isnull=False).select_related("person"):
        for affiliation in Affiliation.objects.filter(
            person=coauthor.person, until__isnull=True
        ).select_related("organisation"):
            if affiliation.organisation.name not in names:
                names.append(affiliation.organisation.name)
    return names


def _todays_round(team: Person, day: Event) -> None:
    call = _call(team, day, timezone.now() - datetime.timedelta(days=14), Call.Rule.GREEDY)
    with _open_while_written(call):
        for spec in TODAY:
            write(call, spec)
    calls.close_call(call=call, by=team, now=call.deadline)
    _screen_and_schedule(call, team, day)
    selection.start_selection_vote(call=call, by=team)
    _vote(call, TODAY, day, random.Random(2027), turnout=0.6)


def _open_call(team: Person, day: Event) -> None:
    call = _call(team, day, day.starts_at - datetime.timedelta(days=30), Call.Rule.GREEDY)
    draft = write(call, DRAFT, submit=False)
    proposals.invite_coauthor(proposal=draft, email=TEACHER, by=author(DRAFT.starter))
