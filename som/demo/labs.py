"""Labs in the demo, through the services.

1. The labs of the 2022-2023 annual report (the seed's Situering / Partners / Realisaties /
   Uitdagingen, lightly cleaned), entered by the team with their approved 2022-2023 entries, so the
   team's annual report page regenerates that year. Each has a lead and a couple of members
   (contact persons of member institutions, preferably its partners), so its group page is not
   empty. What became of them since (`SINCE_THE_REPORT`): most ended at their planned end, as the
   team would have entered it; the two that go on plan their end ahead of today.
2. A lab living its first months: the board's confirmation of the SOM start's call
   (som/demo/selection.py) made the selected proposals labs; "Taalrijke klas" gets a group with
   an invited expert, sessions with answers, attendance and reflections, expenses against its
   budget (approved and waiting), two published results (one presented at today's network day)
   and its yearly report entry, approved by the team. One coming session is cancelled (it stays in
   the history), a reflection has an attachment and a result a photo with the people's consent.
"""

import datetime
import struct
import zlib
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from som.accounts.models import Person
from som.core.errors import DomainError
from som.demo import selection
from som.events.models import Event, ProgrammeItem
from som.labs import selectors
from som.labs.models import Lab, ResultFile
from som.labs.services import labs as lab_services
from som.labs.services import work
from som.network.models import Speerpunt

# (title, status, start, end, early end reason, speerpunten positions, situering, partners,
#  realisaties, uitdagingen)
REPORT_2022_2023 = [
    (
        "Vluchtelingen",
        Lab.Status.SUSTAINED,
        datetime.date(2019, 9, 1),
        datetime.date(2023, 12, 31),
        "",
        [0, 2],
        "Het labo loopt sinds 2019. Het organiseert collaboratieve zorgnetwerken, leerlabo's en "
        "schoolbeleidstrajecten.",
        "Centrum voor Taal en Onderwijs, Praxis P, Afdeling diversiteit stad Leuven, Vrij CLB Leuven",
        "Door de Oekraïnecrisis zijn er meer en meer aanvragen van scholen. Het Steunteam "
        "Vluchtelingen heeft intussen 36 casussen op zijn conto. Een mooi inzicht biedt onze story "
        "over een casus in 'De Zonnebloem' van het afgelopen schooljaar.\n"
        "KU Leuven, Praxis P en CTO dienen een C2-aanvraag in om verder onderzoek op deze praktijk "
        "te kunnen doen en krijgen dit ook goedgekeurd. Een mooi aspect van verduurzaming!",
        "Het labo moet tegen eind 2023 verduurzaamd zijn.",
    ),
    (
        "Diverse leraarskamer",
        Lab.Status.STARTUP,
        datetime.date(2022, 9, 1),
        datetime.date(2024, 8, 31),
        "",
        [2],
        "Dit labo zit in de opstartfase. De aanleiding komt vanuit verschillende hoeken uit het "
        "SOM-netwerk: Speak Up! – jongerenambassadeurs tegen racisme kaarten racisme en "
        "discriminatie op school aan en missen de representatie van diversiteit in Leuvense "
        "lerarenteams. De lerarenopleiding lager onderwijs UCLL is bezorgd over de beperkte in- en "
        "doorstroom van studenten met diverse achtergronden. Een pilootproject met leraren met een "
        "(recent) vluchtverleden op de SOM-zomerschool 21 toonde veel potentieel voor zij-instroom. "
        "Het platform 'Meer kleur voor de klas' toonde de kracht van leraren met diverse "
        "etnisch-culturele achtergronden, en Leuvense directeurs secundair onderwijs zijn bezorgd "
        "over de onderwijsloopbanen van leerlingen uit minderheidsgroepen.",
        "UCLL (lerarenopleidingen), KU Leuven, Stroom, KSLeuven, GO! Huis 11, De Ark, "
        "De Zevensprong, Meer kleur voor de klas, Orbit vzw",
        "Kruisbestuiving via het labo tussen Speak Up! en de UCLL-lerarenopleidingen. Er ontstond "
        "dialoogruimte voor de partners om het thema te verkennen. We schreven een startnota met "
        "een gedeeld (theoretisch) kader 'leaky pipeline'. Intussen vonden 5 labosessies plaats "
        "om een richting te bepalen voor een concreet experiment.",
        "",
    ),
    (
        "Speak Up!",
        Lab.Status.RUNNING,
        datetime.date(2021, 9, 1),
        datetime.date(2023, 8, 31),
        "",
        [1, 2],
        "De ambassadeurs willen werken aan een racismewijze cultuur op elke Leuvense secundaire "
        "school, met ambassadeurs in de Leuvense scholen. Op vraag van de jongeren uit het eerste "
        "experimentjaar kregen ze nog een jaar om verder te experimenteren in de geïnteresseerde "
        "scholen. Ook de community stond nog niet helemaal op punt.",
        "Middelbare scholen Sint-Pieterscollege, De MET, Heilig Hart Heverlee, Heilige "
        "Drievuldigheidscollege en Sint-Albertuscollege, en de lerarenopleidingen van UCLL",
        "Meer Leuvense jongeren vinden de weg naar Speak Up! via hun scholen. Concreet "
        "organiseerden de jongeren: 5 bijeenkomsten van de community over scholen heen; workshops "
        "voor de Vlaamse Scholierenkoepel (januari 2023); de opstart van een Speak Up!-hub in het "
        "Sint-Pieterscollege en De MET; een kennismaking in Heilig Hart Heverlee en "
        "Sint-Albertuscollege Haasrode; workshops in het Heilige Drievuldigheidscollege; een "
        "cultuurdag in De MET; 4 workshops in de lerarenopleidingen van UCLL.",
        "Onze eerste generatie trekkers is stilaan afgestudeerd, zodat de opvolging bekeken moet "
        "worden. De draagkracht van de Speak Up!-coördinatie is beperkt, waardoor enkele aanvragen "
        "van scholen on hold moesten. We zoeken een landingsplek waar de jongeren voldoende "
        "ondersteuning krijgen.",
    ),
    (
        "Duurzame onderwijskansen",
        Lab.Status.EXPLORATION,
        datetime.date(2022, 10, 1),
        datetime.date(2024, 6, 30),
        "",
        [0],
        "In de nasleep van de zomerschool ontstond de vraag naar een structureel ingebed initiatief "
        "om dezelfde groep leerlingen ook tijdens het schooljaar te ondersteunen. KU Leuven Engage "
        "vroeg om vanuit een strategisch partnerschap met TADA Brussel een labo op te starten. Dit "
        "labo zit in een verkenningsfase.",
        "KU Leuven Engage, Tada Brussel, lagere scholen SMD-L en KS Leuven",
        "Gesprekken met de codi's van de scholen in de Leuvense binnenring over het draagvlak: een "
        "soort TADA-werking kan de nood van scholen helpen ondervangen. Na een bezoek aan TADA "
        "Schaarbeek volgde half mei een brainstorm over een Leuvens concept. Intussen ligt er een "
        "concreet voorstel om in 2024 een Leuvens toekomstatelier op te starten.",
        "Er is nog onzekerheid over de financiering en het kader waarbinnen zo'n werking past.",
    ),
    (
        "Leraar breekt uit",
        Lab.Status.FINISHED,
        datetime.date(2022, 9, 1),
        datetime.date(2023, 6, 30),
        "Het project ging op in het nieuwe subsidiekader voor innovatief onderwijs van de stad.",
        [1],
        "SOM richt zich vooral op bestuursleden, directeurs en middenkader. We verkenden een "
        "werking die rechtstreeks vertrekt vanuit innovatieve ideeën van leraren, met "
        "ondersteuning van het SOM-team en partners uit hoger onderwijs, de stad en andere domeinen.",
        "De lerarenopleidingen van UCLL en KU Leuven, de dienst onderwijs van stad Leuven",
        "Afstemming met de dienst onderwijs over het subsidiereglement, met een specifieke oproep "
        "voor leraren om ondersteuning te vragen voor innovatieve ideeën. Het SOM-team begeleidt "
        "individuele leraren: intakegesprek, matchmaking met partners en good practices delen.",
        "Er is weinig traditie van leraren die zelf zulke aanvragen indienen. In een eerste, krappe "
        "ronde kwamen weinig vragen binnen; we evalueren na de volgende subsidierondes.",
    ),
    (
        "Maakleerplek",
        Lab.Status.RUNNING,
        datetime.date(2022, 9, 1),
        datetime.date(2023, 12, 31),
        "",
        [0, 1],
        "Ontwerptraject fase 2: een nieuwe ploeg geeft maakleerplek fase 2 vorm. Als een van de "
        "bezielers is SOM gevraagd betrokken te blijven.",
        "Timelab (begeleiding van het ontwerp)",
        "Voorstelling van een helder maakleerplekproject aan de stad op 8 juni 2023.",
        "Het traject vraagt veel tijd van de SOM-coördinatie en het is niet altijd duidelijk of en "
        "hoe scholen betrokken kunnen worden. Tot eind december 2023 heeft SOM een bureau in "
        "maakleerplek.",
    ),
]


@dataclass(frozen=True)
class Since:
    """What became of a lab of the report: its status now, from when and why; `goes_on` labs
    plan their end ahead of the day the demo is loaded."""

    status: str
    on: datetime.date
    explanation: str
    goes_on: bool = False


SINCE_THE_REPORT = {
    "Vluchtelingen": Since(
        Lab.Status.SUSTAINED,
        datetime.date(2024, 1, 1),
        "Verduurzaamd: het Steunteam Vluchtelingen werkt verder bij de partners; het labo volgt "
        "de nieuwe aanvragen van scholen op.",
        goes_on=True,
    ),
    "Diverse leraarskamer": Since(
        Lab.Status.RUNNING,
        datetime.date(2023, 9, 1),
        "Het experiment met zij-instromers met een vluchtverleden loopt in drie scholen.",
        goes_on=True,
    ),
    "Speak Up!": Since(
        Lab.Status.FINISHED,
        datetime.date(2023, 8, 31),
        "Het tweede experimentjaar is afgerond; de jongeren werken verder vanuit hun scholen.",
    ),
    "Duurzame onderwijskansen": Since(
        Lab.Status.FINISHED,
        datetime.date(2024, 6, 30),
        "Het voorstel voor een Leuvens toekomstatelier ging naar de stad; het labo sluit af.",
    ),
    "Maakleerplek": Since(
        Lab.Status.FINISHED,
        datetime.date(2023, 12, 31),
        "Fase 2 gaat verder bij de stad; SOM verliet het bureau in de maakleerplek eind 2023.",
    ),
}

SUMMARIES = {
    "Vluchtelingen": "Zorgnetwerken rond leerlingen met een vluchtverleden.",
    "Diverse leraarskamer": "Meer leraren met diverse achtergronden in Leuvense lerarenkamers.",
    "Speak Up!": "Jongerenambassadeurs werken aan een racismewijze cultuur op school.",
    "Duurzame onderwijskansen": "Een Leuvens toekomstatelier naar het voorbeeld van TADA.",
    "Leraar breekt uit": "Innovatieve ideeën van leraren zelf, met steun van SOM en partners.",
    "Maakleerplek": "Mee vorm geven aan de Leuvense maakleerplek.",
}

# Per lab of the report: its lead and members, by email (demo contacts of member institutions).
REPORT_GROUPS = {
    "Vluchtelingen": (
        "contact@de-zonnebloem.demo",
        ["contact@centrum-voor-levende-talen.demo", "contact@de-klare-bron.demo"],
    ),
    "Diverse leraarskamer": (
        "contact@de-zevensprong.demo",
        ["trekker@ucll.demo", "contact@katholieke-universiteit-leuven.demo"],
    ),
    "Speak Up!": (
        "contact@heilige-drievuldigheidscollege.demo",
        [
            "contact@sint-albertuscollege-haasrode.demo",
            "contact@heilig-hartinstituut-heverlee-secundair-onderwijs.demo",
        ],
    ),
    "Duurzame onderwijskansen": (
        "contact@katholieke-universiteit-leuven.demo",
        ["contact@de-mozaiek-kessel-lo.demo", "contact@de-appeltuin.demo"],
    ),
    "Leraar breekt uit": (
        "contact@luca-school-of-arts-campus-lemmens.demo",
        ["contact@de-regenboog.demo", "leraar@dewijnpers.demo"],
    ),
    "Maakleerplek": (
        "contact@miniemeninstituut.demo",
        ["contact@de-bron.demo", "contact@cvo-volt.demo"],
    ),
}


def load(team: Person, network_day: Event) -> None:
    _annual_report_2022_2023(team)
    _a_year_in_a_lab(team, network_day)


def _ahead(months: int) -> datetime.date:
    """The last day of the month, `months` from today: a planned end that lies ahead."""
    first = lab_services.add_months(timezone.localdate().replace(day=1), months + 1)
    return first - datetime.timedelta(days=1)


def _annual_report_2022_2023(team: Person) -> None:
    speerpunten = list(Speerpunt.objects.order_by("position"))
    for (
        title,
        status,
        start,
        end,
        reason,
        points,
        situation,
        partners,
        done,
        challenges,
    ) in REPORT_2022_2023:
        # An ended lab takes no members: the finished one is entered running, then closed.
        ended = status in (Lab.Status.FINISHED, Lab.Status.STOPPED)
        since = SINCE_THE_REPORT.get(title)
        lab = lab_services.create_lab(
            data=lab_services.LabData(
                title=title,
                starts_on=start,
                planned_end_on=_ahead(9) if since and since.goes_on else end,
                early_end_reason=reason,
                summary=SUMMARIES[title],
                challenge=situation,
                partners="\n".join(p.strip() for p in partners.split(",")),
                speerpunten=[speerpunten[i] for i in points if i < len(speerpunten)],
            ),
            granted=Decimal(15_000),
            status=Lab.Status.RUNNING if ended else status,
            by=team,
            explanation="Labo van voor het platform, overgenomen uit het jaarverslag 2022-2023.",
        )
        lead, members = REPORT_GROUPS.get(title, ("", []))
        if lead:
            _try_invite(lab, lead, team, as_lead=True)
        for email in members:
            _try_invite(lab, email, team)
        if ended:
            lab_services.change_status(
                lab=lab, to_status=status, changed_on=end, explanation=reason, by=team
            )
        entry = work.draft_year_entry(lab=lab, school_year="2022-2023", by=team)
        work.update_year_entry(
            entry=entry,
            data=work.YearEntryData(
                situation=situation, partners=partners, achievements=done, challenges=challenges
            ),
            by=team,
        )
        work.approve_year_entry(entry=entry, by=team)
        if since is not None and since.status != lab.status:
            lab_services.change_status(
                lab=lab,
                to_status=since.status,
                changed_on=since.on,
                explanation=since.explanation,
                by=team,
            )


def _try_invite(lab: Lab, email: str, by: Person, **kwargs: bool) -> None:
    """Invite and accept; the demo's people without a basis are simply not invited."""
    person = Person.objects.filter(email=email).first()
    if person is None:
        return
    try:
        invitation = lab_services.invite_member(lab=lab, email=email, by=by, **kwargs)
        lab_services.accept_lab_invitation(member=invitation, person=person)
    except DomainError:
        pass


def _png(width: int = 240, height: int = 160) -> bytes:
    """A small plain PNG (a soft stripe pattern), written by hand so the demo needs no imaging
    library."""
    rows = b"".join(
        b"\x00" + bytes((250, 236, 224) if (y // 20) % 2 else (236, 160, 120)) * width
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _receipt(name: str) -> SimpleUploadedFile:
    content = b"%PDF-1.4\n% demo kasticket\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _a_year_in_a_lab(team: Person, network_day: Event) -> None:
    lab = Lab.objects.select_related("proposal__created_by").get(
        title=selection.FOLLOWED_LAB, proposal__isnull=False
    )
    assert lab.proposal is not None
    lead = lab.proposal.created_by
    start = lab.starts_on
    lab_services.update_lab(
        lab=lab,
        data=lab_services.LabData(
            title=lab.title,
            summary=lab.summary,
            challenge=lab.challenge
            + "\n\nWe zoeken samen hoe leraren van kleuter tot secundair taal rijker maken in elke "
            "les, en we proberen het uit in onze eigen klassen.",
            starts_on=start,
            planned_end_on=lab.planned_end_on,
            partners=lab.partners + "\nCentrum voor Taal en Onderwijs (KU Leuven)",
            speerpunten=list(lab.speerpunten.all()),
        ),
        by=lead,
    )
    lab_services.change_status(
        lab=lab,
        to_status=Lab.Status.EXPLORATION,
        changed_on=start + datetime.timedelta(days=21),
        explanation="De groep is samengesteld; we verkennen de vraag in elke school.",
        by=lead,
    )
    for email in ("contact@dewijnpers.demo", "bestuur@som-leuven.demo"):
        _try_invite(lab, email, lead)
    expert = Person.objects.filter(email="expert@kuleuven.demo").first()
    if expert is None:
        from som.accounts.services import create_person

        expert = create_person(
            email="expert@kuleuven.demo",
            full_name="Prof. Evelien Van den Broeck",
            email_verified=True,
            by=team,
        )
    _try_invite(lab, expert.email, lead, is_expert=True)
    members = [m.person for m in selectors.current_members(lab)]

    now = timezone.now()
    past_sessions = [
        (40, "Kennismaking en de vraag van elke school", "De Wijnpers, Leuven"),
        (25, "Observaties in de klas delen", "UCLL Campus Gasthuisberg"),
        (9, "Een eerste experiment kiezen", ""),
    ]
    for days, title, place in past_sessions:
        session = work.plan_session(
            lab=lab,
            data=work.SessionData(
                title=title,
                starts_at=now - datetime.timedelta(days=days, hours=-2),
                ends_at=now - datetime.timedelta(days=days, hours=-4),
                place=place,
                online_url="" if place else "https://meet.example.org/taalrijke-klas",
                agenda="1. Terugblik\n2. Wat zagen we in de klassen?\n3. Afspraken",
                is_public=True,
            ),
            by=lead,
        )
        work.record_session(
            session=session,
            by=lead,
            attended=[p.pk for p in members[: max(2, len(members) - (days % 2))]],
            reflection=work.ReflectionData(
                title=title,
                tried="We legden de observaties van vier klassen naast elkaar.",
                learnt="Leerlingen praten meer als de opdracht open is en de leraar minder zegt.",
                next_steps="Elke school probeert twee weken lang open opdrachten in één vak.",
                is_public=days == 25,
            ),
            uploads=[_receipt("observaties.pdf")] if days == 25 else [],
        )
    for days, title in ((12, "Klasbezoek in Atheneum De Ring"), (40, "Tussentijdse evaluatie")):
        session = work.plan_session(
            lab=lab,
            data=work.SessionData(
                title=title,
                starts_at=now + datetime.timedelta(days=days),
                place="Atheneum De Ring, Leuven",
                agenda="Samen kijken, samen bespreken.",
            ),
            by=lead,
        )
        for n, person in enumerate(members[1:]):
            work.answer_session(session=session, person=person, coming=n % 3 != 2)
    visit = work.plan_session(
        lab=lab,
        data=work.SessionData(
            title="Werkbezoek Centrum voor Taal en Onderwijs",
            starts_at=now + datetime.timedelta(days=20),
            place="Centrum voor Taal en Onderwijs, Leuven",
        ),
        by=lead,
    )
    for person in members[1:3]:
        work.answer_session(session=visit, person=person, coming=True)
    work.cancel_session(
        session=visit, by=lead, reason="Het CTO kan die dag niet; we plannen het later opnieuw."
    )

    budget_lines = [
        (35, "Vervanging leraren voor de klasbezoeken", "1250.00", True),
        (25, "Broodjes en koffie labosessie", "86.40", True),
        (8, "Boeken over taalrijk lesgeven", "212.35", False),
    ]
    for days, description, amount, approve in budget_lines:
        expense = work.submit_lab_expense(
            lab=lab,
            spent_on=timezone.localdate() - datetime.timedelta(days=days),
            amount=Decimal(amount),
            description=description,
            receipt=_receipt("kasticket.pdf"),
            by=lead,
        )
        if approve:
            work.approve_lab_expense(lab=lab, expense=expense, by=team)

    slot = network_day.programme.filter(kind=ProgrammeItem.Kind.LAB_RESULTS).first()
    results = [
        work.ResultData(
            title="Startnota: wat is een taalrijke klas?",
            summary="Het kader waarmee we in vier scholen kijken naar taal in elke les.",
            body="Na drie sessies schreven we **samen** een startnota.\n\n"
            "- Taal is de taak van elke leraar, niet alleen van de taalleraar\n"
            "- Open opdrachten geven leerlingen meer spreekkansen\n"
            "- We kijken met dezelfde kijkwijzer in elke klas",
            links="https://www.samenonderwijsmaken.be",
        ),
        work.ResultData(
            title="Kijkwijzer taalrijke klas (tussentijds)",
            summary="Een kijkwijzer van één pagina die leraren zelf gebruiken bij een klasbezoek.",
            body="De kijkwijzer is getest in zes klassen. We stellen hem voor op de netwerkdag.",
            programme_item=slot,
        ),
    ]
    for n, data in enumerate(results):
        result = work.save_result(lab=lab, data=data, by=lead)
        if n == 0:
            work.add_result_file(
                result=result,
                upload=SimpleUploadedFile("labosessie.png", _png(), content_type="image/png"),
                by=lead,
                caption="De labogroep legt de observaties naast elkaar.",
                is_photo=True,
                recognisable=ResultFile.Recognisable.ADULTS,
                consent=True,
            )
        work.publish_result(result=result, by=lead)

    year = selectors.school_year_of(timezone.localdate())
    entry = work.draft_year_entry(lab=lab, school_year=year, by=lead)
    work.approve_year_entry(entry=entry, by=team)
