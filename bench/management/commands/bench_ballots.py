"""The ballot benchmark's data and its correctness count (make bench, G1-G3).

    manage.py bench_ballots setup --voters 600 --pairs 40000 --out DIR
    manage.py bench_ballots verify --setup DIR/ballots.json

`setup` makes a network day with `--voters` checked-in attendees (bulk-created: for the bench
only), one logged-in session each, and enough open secret approval polls over that electorate
(`network_day_attendees`, as the live vote at a network day) for `--pairs` distinct (poll, voter)
ballots. It writes DIR/ballots.json and DIR/ballot-pairs.txt: one ballot a line,
`path<TAB>sessionid<TAB>body`, voters of one poll after another. Every request carries the same
CSRF token (cookie and header), as a browser's fetch would.

It also makes G11's call: a lab call on that network day with six screened proposals and its
selection vote started (`som.labs.services.selection`), so the phone's ballot page (`labs:ballot`) is open
to the same voters; ballots.json lists its addresses and the sessions of the voters kept for the
phone journeys (they vote nowhere else in the bench).

`verify` prints, as JSON, what the database holds for those polls: vote records, ballots and
duplicate (poll, voter) pairs.
"""

import datetime
import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.db.models import Count
from django.middleware.csrf import _get_new_csrf_string  # type: ignore[attr-defined]
from django.urls import reverse
from django.utils import timezone, translation

from som.accounts.models import Person
from som.events import services as events
from som.events.models import Event, Registration
from som.labs.models import BudgetLine, Call, Proposal
from som.labs.services import selection
from som.voting import services as voting
from som.voting.models import Ballot, Poll, SealedBallot, VoteRecord

OPTIONS = ["Taalrijke klas", "Overstap naar het secundair", "Ouders als partners",
           "Welbevinden van leraren", "Buiten leren", "Meertaligheid als troef"]  # fmt: skip
# G11's call: the proposals pitched at the network day, as the demo's spring call words them.
PROPOSALS = [
    ("Meertaligheid als troef", "Thuistalen inzetten om beter te leren, van kleuter tot hoger onderwijs."),
    ("STEM in de wijk", "Technisch onderwijs en buurtwerkingen bouwen samen aan STEM-ateliers."),
    ("Samen tegen schooluitval", "Secundaire scholen, CLB en welzijn vangen jongeren samen op."),
    ("Digitale geletterdheid voor iedereen", "Een leerlijn mediawijsheid over de netten heen."),
    ("De klas als gemeenschap", "Herstelgericht werken in basis- en secundair onderwijs."),
    ("Stage die werkt", "Hogescholen en stagescholen herdenken samen de begeleiding van stagiairs."),
]  # fmt: skip
# Voters kept out of the load's ballots for G11's phone journeys (one each).
JOURNEY_VOTERS = 40


class Command(BaseCommand):
    help = "Load the ballot benchmark (setup) or count its ballots (verify)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["setup", "verify"])
        parser.add_argument("--voters", type=int, default=600)
        parser.add_argument("--pairs", type=int, default=20_000)
        parser.add_argument("--out", help="setup: directory for ballots.json and the pairs")
        parser.add_argument("--setup", help="verify: the ballots.json that setup wrote")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "setup":
            out = Path(options["out"])
            description = self._setup(out, options["voters"], options["pairs"])
            (out / "ballots.json").write_text(json.dumps(description, indent=2))
            self.stdout.write(json.dumps({k: v for k, v in description.items() if k != "polls"}))
        else:
            description = json.loads(Path(options["setup"]).read_text())
            self.stdout.write(json.dumps(self._count(description["polls"])))

    def _setup(self, out: Path, voters: int, pairs: int) -> dict[str, Any]:
        now = timezone.now()
        team = Person.objects.filter(is_staff=True, is_active=True).order_by("pk").first()
        with transaction.atomic():
            day = Event.objects.create(
                kind=Event.Kind.NETWORK_DAY,
                title="Netwerkdag (stembenchmark)",
                slug="netwerkdag-stembenchmark",
                starts_at=now,
                ends_at=now + datetime.timedelta(hours=5),
                is_published=False,
            )
            people = [
                Person(email=f"kiezer{i:04d}@bench.invalid", full_name=f"Kiezer {i:04d}")
                for i in range(voters)
            ]
            for person in people:
                person.set_unusable_password()
            people = Person.objects.bulk_create(people)
            Registration.objects.bulk_create(
                Registration(
                    event=day,
                    person=person,
                    status=Registration.Status.REGISTERED,
                    basis=Registration.Basis.FREE_EVENT,
                    ticket_code=events.new_ticket_code(),
                    checked_in_at=now,
                )
                for person in people
            )
        sessions = [_session(person) for person in people]
        assert team is not None, "the demo's team starts the call's vote: load_demo first"
        journey = _selection_call(day, team, people[0])
        journey["sessions"] = sessions[-JOURNEY_VOTERS:]
        sessions = sessions[:-JOURNEY_VOTERS]
        polls: list[dict[str, Any]] = []
        for number in range(math.ceil(pairs / len(sessions))):
            poll = voting.create_poll(
                title=f"Stembenchmark {number:03d}",
                question="Welke labovoorstellen steun je?",
                method=Poll.Method.APPROVAL,
                secrecy=Poll.Secrecy.SECRET,
                by=team,
                options=[voting.OptionData(label) for label in OPTIONS],
                max_choices=3,
                electorate_kind="network_day_attendees",
                electorate_reference=str(day.pk),
            )
            voting.open_poll(poll=poll, by=team)
            options = list(poll.options.values_list("pk", flat=True))
            polls.append({"id": poll.pk, "options": options})
        csrf = _get_new_csrf_string()
        lines = []
        for number, poll_data in enumerate(polls):
            choices = poll_data["options"][number % 3 : number % 3 + 2]
            body = json.dumps({"choices": choices}, separators=(",", ":"))
            path = f"/api/v1/polls/{poll_data['id']}/ballots"
            lines += [f"{path}\t{session}\t{body}" for session in sessions]
        (out / "ballot-pairs.txt").write_text("\n".join(lines) + "\n")
        return {
            "event": day.pk,
            "voters": voters,
            "polls": [p["id"] for p in polls],
            "pairs": len(lines),
            "pairs_file": str(out / "ballot-pairs.txt"),
            "csrf": csrf,
            "journey": journey,
        }

    def _count(self, polls: list[int]) -> dict[str, int]:
        records = VoteRecord.objects.filter(poll_id__in=polls)
        duplicates = (
            records.values("poll_id", "voter_id").annotate(n=Count("pk")).filter(n__gt=1).count()
        )
        return {
            "vote_records": records.count(),
            # A secret poll's ballots are sealed until it closes: one seal per ballot cast.
            "ballots": Ballot.objects.filter(poll_id__in=polls).count()
            + SealedBallot.objects.filter(poll_id__in=polls).count(),
            "duplicates": duplicates,
        }


def _selection_call(day: Event, team: Person, author: Person) -> dict[str, Any]:
    """G11: a call on the network day with its selection vote started; its ballot's addresses."""
    call = Call.objects.create(
        title="Labo's (stembenchmark)",
        network_day=day,
        deadline=timezone.now() - datetime.timedelta(days=7),
        total_budget=Decimal(90_000),
        max_budget_per_proposal=Decimal(40_000),
        min_labs=3,
        max_labs=3,
        status=Call.Status.SCREENING,
    )
    # Screened eligible through the models, as the demo's and the tests' calls: the screening
    # service needs entitlements the bench's people do not have.
    for order, (title, summary) in enumerate(PROPOSALS):
        proposal = Proposal.objects.create(
            call=call,
            title=title,
            summary=summary,
            status=Proposal.Status.ELIGIBLE,
            created_by=author,
            pitch_order=order,
        )
        BudgetLine.objects.create(proposal=proposal, description="Werking", amount=25_000)
    selection.start_selection_vote(call=call, by=team)
    urls = {}
    for language in ("nl", "en"):
        with translation.override(language):
            urls[language] = reverse("labs:ballot", kwargs={"call_id": call.pk})
    return {"call": call.pk, "urls": urls}


def _session(person: Person) -> str:
    """A logged-in session, as after a login (what the phone's cookie carries)."""
    store = SessionStore()
    store[SESSION_KEY] = str(person.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = person.get_session_auth_hash()
    store.create()
    assert store.session_key is not None
    return store.session_key
