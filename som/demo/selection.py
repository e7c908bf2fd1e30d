"""Lab selection in the demo: a past round fully run at "SOM start 2026" (attendees voted, the
result published, the board confirmed) and the spring network day's call with six proposals
screened and pitched, its vote ready to start.

Proposals are written through the models: co-authoring and the eligibility rules need
entitlements the demo's people do not all have, and are the proposals demo's business. Screening,
pitch slots, the vote and the confirmation go through the services.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from som.accounts.models import Person
from som.events.models import Event, ProgrammeItem
from som.labs import confirmation, selection
from som.labs import services as proposals
from som.labs.models import BudgetLine, Call, Proposal
from som.voting import services as voting

PAST = [
    ("Taalrijke klas", "Leraren van kleuter tot secundair bouwen samen aan rijke taal.", 24_000, 0.7),
    ("Overstap zonder struikelen", "Basis- en secundaire scholen maken de overstap samen zacht.", 30_000, 0.6),
    ("Ouders als partners", "Scholen en welzijn zoeken hoe ouders echt mee aan tafel zitten.", 18_000, 0.45),
    ("Leren buiten de muren", "Stad, scholen en verenigingen maken van Leuven een leeromgeving.", 35_000, 0.3),
    ("Welbevinden van leraren", "Teams uit drie netten werken aan werkdruk en werkplezier.", 20_000, 0.5),
]  # fmt: skip
UPCOMING = [
    ("Meertaligheid als troef", "Thuistalen inzetten om beter te leren, van kleuter tot hoger onderwijs."),
    ("STEM in de wijk", "Technisch onderwijs en buurtwerkingen bouwen samen aan STEM-ateliers."),
    ("Samen tegen schooluitval", "Secundaire scholen, CLB en welzijn vangen jongeren samen op."),
    ("Digitale geletterdheid voor iedereen", "Een leerlijn mediawijsheid over de netten heen."),
    ("De klas als gemeenschap", "Herstelgericht werken in basis- en secundair onderwijs."),
    ("Stage die werkt", "Hogescholen en stagescholen herdenken samen de begeleiding van stagiairs."),
]  # fmt: skip


def load(team: Person) -> None:
    # The board's secretary (a board mandate from som.demo.governance) confirms the selection.
    board = Person.objects.get(email="bestuur@som-leuven.demo")
    author = Person.objects.get(email="trekker@ucll.demo")
    _past_round(team, board, author)
    _upcoming_round(team, author)


def _call(title: str, day: Event, deadline: datetime.datetime, rule: str) -> Call:
    return Call.objects.create(
        title=title,
        description="SOM Leuven steunt drie tot vijf labo's per jaar met geld, expertise en ruimte.",
        network_day=day,
        deadline=deadline,
        total_budget=Decimal(90_000),
        max_budget_per_proposal=Decimal(40_000),
        min_labs=3,
        max_labs=4,
        rule=rule,
    )


def _submitted(call: Call, author: Person, title: str, summary: str, budget: int) -> Proposal:
    # Through the models: see the module's note.
    proposal = Proposal.objects.create(
        call=call,
        title=title,
        summary=summary,
        challenge=summary,
        duration_months=18,
        status=Proposal.Status.SUBMITTED,
        created_by=author,
        submitted_at=call.deadline - datetime.timedelta(days=3),
    )
    BudgetLine.objects.create(
        proposal=proposal, description="Vervanging en werkingsmiddelen", amount=budget
    )
    return proposal


def _past_round(team: Person, board: Person, author: Person) -> None:
    day = Event.objects.get(title="SOM start 2026")
    call = _call(
        "Labo's 2026", day, day.starts_at - datetime.timedelta(days=30), Call.Rule.EQUAL_SHARES
    )
    for title, summary, budget, _share in PAST:
        proposal = _submitted(call, author, title, summary, budget)
        proposals.screen_proposal(proposal=proposal, eligible=True, reason="", by=team)
    selection.start_selection_vote(call=call, by=team)
    call.refresh_from_db()
    assert call.poll is not None
    options = list(call.poll.options.values_list("pk", flat=True))
    rng = random.Random(2026)
    attendees = Person.objects.filter(
        registrations__event=day, registrations__checked_in_at__isnull=False
    )
    for voter in attendees:
        choices = [o for o, (*_, share) in zip(options, PAST, strict=True) if rng.random() < share]
        if choices:
            voting.cast_ballot(
                poll=call.poll.pk, voter=voter, choices=choices[: call.poll.max_choices]
            )
    selection.close_selection_vote(call=call, by=team)
    selection.publish_selection(call=call, by=team)
    confirmation.confirm_selection(
        call=call, by=board, note="Bevestigd op de vergadering van de raad van bestuur."
    )


def _upcoming_round(team: Person, author: Person) -> None:
    day = Event.objects.get(title="SOM-netwerkdag voorjaar")
    call = _call("Labo's 2027", day, timezone.now() - datetime.timedelta(days=5), Call.Rule.GREEDY)
    slot = day.programme.filter(kind=ProgrammeItem.Kind.PITCH).first()
    rng = random.Random(2027)
    for order, (title, summary) in enumerate(UPCOMING):
        proposal = _submitted(call, author, title, summary, rng.randrange(15, 40) * 1000)
        proposals.screen_proposal(proposal=proposal, eligible=True, reason="", by=team)
        if slot is not None:
            proposals.schedule_pitch(proposal=proposal, slot=slot, order=order, by=team)
    call.status = Call.Status.SCREENING
    call.save(update_fields=["status", "updated_at"])
