"""The raw SQL of the hot paths, fenced against the ORM query each one replaces (issue 21).

PERFORMANCE.md's hot paths (the ballot at a network day, the door's scanner, every logged-in or
API request, the audit log) run hand-written SQL because building the ORM's query costs more
than the database needs to run it. Each test here runs the hand-written statement and the ORM
query it stands for on the same rows and checks that they agree: the same rows found, the same
values stored, the same errors raised. The tests run on the database of the session: PostgreSQL
under scripts/with_postgres.py (as CI), SQLite without DATABASE_URL; the sites have code for
both (`connection.vendor`), so run this file both ways after changing one of them.

RAW_SQL_SITES lists every site in one place; `test_no_raw_sql_outside_the_list` scans som/ for
cursors, `.raw(`, `RawSQL`, `.extra(` and `execute(` and fails on a site missing from the list
(or listed but gone). A new site needs its own equivalence test here, or, when it replaces no
query (a lock, VACUUM, a PRAGMA), a line in NOT_A_QUERY saying so.
"""

import ast
import datetime
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.db.models import Model, Q
from django.utils import timezone, translation

from som.accounts import api_tokens
from som.accounts.backends import ModelBackend
from som.accounts.models import ApiToken, Person
from som.accounts.selectors import PERSON_COLUMNS
from som.core import audit, rows
from som.core.models import AuditEntry
from som.events.models import Event, Registration
from som.events.services.check_in import _claim_ticket
from som.events.tests.factories import make_event
from som.labs import electorate
from som.network.tests.factories import make_person
from som.voting import services as voting_services
from som.voting.electorates import Eligibility, Refusal
from som.voting.models import Ballot, Poll, PollOption, Representation, VoteRecord
from som.voting.services import BallotError

# Where plain SQL replaces an ORM query: "module:function" -> the test below that fences it.
RAW_SQL_SITES = {
    "som.core.rows:insert_together": "test_insert_together_stores_what_the_orm_stores",
    "som.accounts.backends:SessionPersonMixin.get_user": "test_session_person_is_the_orms",
    "som.accounts.api_tokens:token_holder": "test_token_holder_is_the_orms",
    "som.events.services.check_in:_claim_ticket": "test_claiming_a_ticket_matches_the_orms_rows",
    "som.labs.electorate:checked_in_attendee": "test_checked_in_attendee_reads_the_orms_row",
    "som.voting.services:_poll_for_ballot": "test_poll_for_ballot_is_the_orms_poll",
}

# Plain SQL that replaces no query, so there is nothing to compare it with.
NOT_A_QUERY = {
    # PostgreSQL's advisory lock: CODA imports take turns (no ORM equivalent).
    "som.finance.services.payments:_one_import_at_a_time": "pg_advisory_xact_lock",
    # Maintenance after deleting the seals (VACUUM has no ORM equivalent).
    "som.voting.services:_vacuum_ballots": "VACUUM",
    # SQLite's write-ahead log settings and checkpoints (PRAGMA).
    "som.core.sqlite_checkpoints:on_connection_created": "PRAGMA wal_autocheckpoint",
    "som.core.sqlite_checkpoints:checkpoint": "PRAGMA wal_checkpoint",
}

SOM = Path(__file__).resolve().parents[2]
RAW_SQL = re.compile(r"cursor\(\)|\.raw\(|RawSQL|\.extra\(|execute\(|executemany\(")


# --- The list --------------------------------------------------------------------------------


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(SOM.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _functions(tree: ast.AST) -> list[tuple[int, int, str]]:
    """(first line, last line, qualified name) of every function, methods as Class.name."""
    found: list[tuple[int, int, str]] = []

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    found.append((child.lineno, child.end_lineno or child.lineno, name))
                walk(child, f"{name}.")
            else:
                walk(child, prefix)

    walk(tree, "")
    return found


def raw_sql_sites_in_the_source() -> set[str]:
    sites = set()
    for path in sorted(SOM.rglob("*.py")):
        if "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if not RAW_SQL.search(text):
            continue
        functions = _functions(ast.parse(text))
        for number, line in enumerate(text.splitlines(), start=1):
            if RAW_SQL.search(line.split("#")[0]):
                around = [f for f in functions if f[0] <= number <= f[1]]
                # The innermost function: the one that starts last.
                name = max(around)[2] if around else "<module>"
                sites.add(f"{_module_of(path)}:{name}")
    return sites


def test_no_raw_sql_outside_the_list():
    """A new site gets an equivalence test here (or a line in NOT_A_QUERY); a moved one
    gets its new name."""
    assert raw_sql_sites_in_the_source() == set(RAW_SQL_SITES) | set(NOT_A_QUERY)


def test_every_listed_site_has_its_test():
    names = set(globals())
    assert {test for test in RAW_SQL_SITES.values() if test not in names} == set()
    assert len(RAW_SQL_SITES) == 6


# --- core.rows.insert_together: the audit log and the ballots ---------------------------------


def _poll(**fields: Any) -> Poll:
    defaults: dict[str, Any] = {
        "title": "Welk labo?",
        "question": "Welk labo steun je?",
        "method": Poll.Method.APPROVAL,
        "max_choices": 2,
        "secrecy": Poll.Secrecy.NAMED,
    }
    return Poll.objects.create(**{**defaults, **fields})


def _stored(model: Any, poll: Poll, *leave_out: str) -> list[dict[str, Any]]:
    values = model.objects.filter(poll=poll).order_by("voter_id", "pk").values()
    return [
        {k: v for k, v in row.items() if k not in ("id", "poll_id", *leave_out)} for row in values
    ]


def _ballot_rows(
    poll: Poll, voter: Person, now: datetime.datetime
) -> dict[type[Model], list[dict[str, Any]]]:
    return {
        VoteRecord: [{"poll": poll.pk, "voter": voter.pk, "weight": 3, "voted_at": now}],
        Representation: [
            {"poll": poll.pk, "voter": voter.pk, "constituent": "organisation:12"},
            {"poll": poll.pk, "voter": voter.pk, "constituent": "organisation:13"},
        ],
        Ballot: [
            {
                "id": uuid.uuid4(),
                "poll": poll.pk,
                "voter": voter.pk,
                "choices": [3, 1],
                "weight": 3,
                "receipt_hash": None,
            }
        ],
    }


def _orm_create(model: Any, row: dict[str, Any]) -> None:
    fields = {(f"{k}_id" if k in ("poll", "voter") else k): v for k, v in row.items()}
    if model is Ballot:
        fields["id"] = uuid.uuid4()
    model.objects.create(**fields)


@pytest.mark.django_db
def test_insert_together_stores_what_the_orm_stores(teacher):
    now = timezone.now()
    by_sql, by_orm = _poll(), _poll()
    entry = audit.entry(actor=teacher, action="ballot.cast", obj=by_sql, changes={"é": [1, None]})
    sql_rows = _ballot_rows(by_sql, teacher, now)
    rows.insert_together(*sql_rows.items(), (AuditEntry, [entry]))
    for model, batch in _ballot_rows(by_orm, teacher, now).items():
        for row in batch:
            _orm_create(model, row)
    actor = entry.pop("actor")
    AuditEntry.objects.create(**entry, actor_id=actor)

    for model in (VoteRecord, Representation):
        assert _stored(model, by_sql) == _stored(model, by_orm)
        assert len(_stored(model, by_sql)) == len(sql_rows[model])
    assert _stored(Ballot, by_sql) == _stored(Ballot, by_orm)
    assert Ballot.objects.get(poll=by_sql).choices == [3, 1]
    written, created = AuditEntry.objects.filter(action="ballot.cast").order_by("pk").values()
    # `at` is auto_now_add: the ORM's create stamps its own moment, the row keeps the entry's.
    assert {k: v for k, v in written.items() if k not in ("id", "at")} == {
        k: v for k, v in created.items() if k not in ("id", "at")
    }
    assert written["at"] == entry["at"]
    assert VoteRecord.objects.get(poll=by_sql).voted_at == now


@pytest.mark.django_db
def test_insert_together_raises_the_orms_error_and_writes_nothing(teacher):
    """The one-vote rule: a second vote record breaks the unique constraint, with the same
    IntegrityError as the ORM's create, and the batches after it are not written."""
    now = timezone.now()
    poll = _poll()
    record = {"poll": poll.pk, "voter": teacher.pk, "weight": 1, "voted_at": now}
    rows.insert(VoteRecord, [record])
    entry = audit.entry(actor=teacher, action="ballot.cast", obj=poll)

    with pytest.raises(IntegrityError) as by_sql, transaction.atomic():
        rows.insert_together((VoteRecord, [record]), (AuditEntry, [entry]))
    with pytest.raises(IntegrityError) as by_orm, transaction.atomic():
        _orm_create(VoteRecord, record)

    assert type(by_sql.value) is type(by_orm.value)
    assert "voting_one_vote_per_voter" in str(by_sql.value) or connection.vendor == "sqlite"
    assert VoteRecord.objects.filter(poll=poll).count() == 1
    assert not AuditEntry.objects.filter(action="ballot.cast").exists()


@pytest.mark.django_db
def test_insert_together_refuses_what_the_orm_refuses(teacher):
    """A foreign key to nothing, as for the ORM (PostgreSQL checks it at the statement,
    SQLite at the commit: both inside the atomic block here, which commits nothing)."""
    poll = _poll()
    record = {"poll": poll.pk, "voter": 999_999_999, "weight": 1, "voted_at": timezone.now()}
    for insert in (
        lambda: rows.insert(VoteRecord, [record]),
        lambda: _orm_create(VoteRecord, record),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            _checked(insert)


def _checked(insert: Any) -> None:
    insert()
    connection.check_constraints(table_names=[VoteRecord._meta.db_table])


# --- accounts.backends: the session's person -------------------------------------------------


def _columns(person: Person | None) -> tuple[Any, ...] | None:
    if person is None:
        return None
    return tuple((column, getattr(person, column)) for column in PERSON_COLUMNS)


@pytest.mark.django_db
def test_session_person_is_the_orms(team_member, teacher):
    gone = make_person(email="weg@delinde.be", full_name="Walter Weg")
    Person.objects.filter(pk=gone.pk).update(is_active=False)
    backend = ModelBackend()
    for user_id in (team_member.pk, teacher.pk, gone.pk, 999_999_999, str(teacher.pk)):
        by_orm = Person.objects.filter(pk=int(user_id), is_active=True).first()
        by_sql = backend.get_user(user_id)
        assert _columns(by_sql) == _columns(by_orm), user_id
    for flag in ("is_staff", "is_superuser", "is_active"):
        assert type(getattr(backend.get_user(team_member.pk), flag)) is bool
    assert backend.get_user("abc") is None
    assert backend.get_user(None) is None


# --- accounts.api_tokens: every API request ---------------------------------------------------


@pytest.mark.django_db
def test_token_holder_is_the_orms(team_member, teacher):
    # A whole second: time_machine keeps the moment as a float, exact to the second.
    now = timezone.now().replace(microsecond=0)
    gone = make_person(email="weg@delinde.be", full_name="Walter Weg")
    tokens = {
        "valid": api_tokens.create_api_token(person=team_member),
        "used_just_now": api_tokens.create_api_token(person=team_member),
        "used_long_ago": api_tokens.create_api_token(person=teacher),
        "revoked": api_tokens.create_api_token(person=teacher),
        "expires_now": api_tokens.create_api_token(person=teacher),
        "expires_in_a_moment": api_tokens.create_api_token(person=teacher),
        "inactive_person": api_tokens.create_api_token(person=gone),
    }
    precision = api_tokens.LAST_USED_PRECISION
    ApiToken.objects.filter(pk=tokens["used_just_now"][0].pk).update(last_used_at=now)
    ApiToken.objects.filter(pk=tokens["used_long_ago"][0].pk).update(
        last_used_at=now - precision - datetime.timedelta(seconds=1)
    )
    ApiToken.objects.filter(pk=tokens["revoked"][0].pk).update(revoked_at=now)
    ApiToken.objects.filter(pk=tokens["expires_now"][0].pk).update(expires_at=now)
    ApiToken.objects.filter(pk=tokens["expires_in_a_moment"][0].pk).update(
        expires_at=now + datetime.timedelta(microseconds=1)
    )
    Person.objects.filter(pk=gone.pk).update(is_active=False)

    secrets = {name: secret for name, (_token, secret) in tokens.items()}
    secrets["unknown"] = api_tokens.TOKEN_PREFIX + "not-a-key"
    with time_machine.travel(now, tick=False):
        for name, secret in secrets.items():
            by_orm = (
                ApiToken.objects.select_related("person")
                .filter(
                    token_hash=api_tokens._hash(secret),
                    revoked_at__isnull=True,
                    expires_at__gt=now,
                    person__is_active=True,
                )
                .first()
            )
            unrecorded = by_orm is not None and (
                ApiToken.objects.filter(pk=by_orm.pk)
                .filter(Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - precision))
                .exists()
            )
            before = by_orm.last_used_at if by_orm else None
            holder = api_tokens.token_holder(secret)
            if by_orm is None:
                assert holder is None, name
                continue
            assert holder is not None, name
            assert (holder.token_id, holder.prefix) == (by_orm.pk, by_orm.prefix), name
            assert holder.scopes == frozenset(by_orm.scopes.split()), name
            assert _columns(holder.person) == _columns(by_orm.person), name
            used = ApiToken.objects.get(pk=by_orm.pk).last_used_at
            assert used == (now if unrecorded else before), name
        found = {name for name, secret in secrets.items() if api_tokens.token_holder(secret)}
    assert found == {"valid", "used_just_now", "used_long_ago", "expires_in_a_moment"}


# --- events: the door's claim of a ticket ------------------------------------------------------


def _register(event: Event, person: Person, code: str, **fields: Any) -> Registration:
    return Registration.objects.create(
        event=event,
        person=person,
        status=fields.pop("status", Registration.Status.REGISTERED),
        basis=Registration.Basis.FREE_EVENT,
        ticket_code=code,
        **fields,
    )


def _orm_claimable(event: Event | None, code: str, now: datetime.datetime) -> Registration | None:
    """The registrations the UPDATE may claim, as the ORM finds them (the doors' window as
    Event.doors_are_open says it)."""
    found = (
        Registration.objects.select_related("event", "person", "organisation")
        .filter(ticket_code=code, status=Registration.Status.REGISTERED, checked_in_at=None)
        .first()
    )
    if found is None:
        return None
    if event is not None:
        return found if found.event_id == event.pk else None
    return found if found.event.doors_are_open(now) else None


class _Undo(Exception):
    pass


@pytest.mark.django_db
def test_claiming_a_ticket_matches_the_orms_rows(team_member, teacher, school):
    # Whole seconds: SQLite compares the window to the second.
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=1)
    today = make_event(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=6), doors_open_minutes=60
    )
    other = make_event(
        starts_at=starts + datetime.timedelta(days=7),
        ends_at=starts + datetime.timedelta(days=7, hours=2),
    )
    people = [make_person(email=f"p{n}@delinde.be", full_name=f"Persoon {n}") for n in range(5)]
    _register(today, teacher, "T-IN", organisation=school)
    _register(today, people[0], "T-NO-ORG")
    _register(today, people[1], "T-WAIT", status=Registration.Status.WAITING)
    _register(today, people[2], "T-GONE", status=Registration.Status.CANCELLED)
    _register(today, people[3], "T-DONE", checked_in_at=starts, checked_in_by=team_member)
    _register(other, people[4], "T-OTHER")
    codes = ["T-IN", "T-NO-ORG", "T-WAIT", "T-GONE", "T-DONE", "T-OTHER", "T-NONE"]
    moments = [
        today.doors_open_at - datetime.timedelta(seconds=1),
        today.doors_open_at,
        starts,
        today.ends_at,
        today.ends_at + datetime.timedelta(seconds=1),
    ]

    claimed = 0
    for now in moments:
        for event in (None, today, other):
            for code in codes:
                expected = _orm_claimable(event, code, now)
                try:
                    with transaction.atomic():
                        got = _claim_ticket(event, code, now, team_member)
                        stored = Registration.objects.filter(ticket_code=code).first()
                        raise _Undo
                except _Undo:
                    pass
                case = (now, event and event.slug, code)
                if expected is None:
                    assert got is None, case
                    continue
                claimed += 1
                assert got is not None, case
                assert got.pk == expected.pk, case
                assert (got.event_id, got.person_id, got.organisation_id, got.basis) == (
                    expected.event_id,
                    expected.person_id,
                    expected.organisation_id,
                    expected.basis,
                ), case
                assert (got.person.full_name, got.person.email) == (
                    expected.person.full_name,
                    expected.person.email,
                ), case
                assert (got.event.title, got.event.slug) == (
                    expected.event.title,
                    expected.event.slug,
                ), case
                org = got.organisation.name if got.organisation else None
                assert org == (expected.organisation.name if expected.organisation else None)
                assert stored is not None
                assert (stored.checked_in_at, stored.checked_in_by_id, stored.updated_at) == (
                    now,
                    team_member.pk,
                    now,
                ), case
    assert claimed > 0  # the fence fenced something
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1


# --- labs.electorate: a ballot at a network day ----------------------------------------------


def _orm_attendee(event_id: int, person: Person) -> str:
    found = Registration.objects.filter(event_id=event_id, person=person).first()
    if found is None:
        return "not_registered"
    if found.status == Registration.Status.CANCELLED:
        return "cancelled"
    if found.checked_in_at is None:
        return "not_checked_in"
    return "eligible"


def _sql_attendee(event_id: int, person: Person) -> str:
    poll = Poll(electorate_reference=f"event:{event_id}")
    with translation.override("en"):
        answer = electorate.checked_in_attendee(poll, person)
    if isinstance(answer, Eligibility):
        assert answer.weight == 1
        return "eligible"
    assert isinstance(answer, Refusal)
    reasons = {
        "You are not registered": "not_registered",
        "was cancelled": "cancelled",
        "not been checked in": "not_checked_in",
    }
    (reason,) = [code for words, code in reasons.items() if words in answer.reason]
    return reason


@pytest.mark.django_db
def test_checked_in_attendee_reads_the_orms_row(teacher, expert, lab_lead, outsider):
    day, other = make_event(), make_event()
    now = timezone.now()
    _register(day, teacher, "A-IN", checked_in_at=now)
    _register(day, expert, "A-NOT-YET")
    _register(day, lab_lead, "A-GONE", status=Registration.Status.CANCELLED, checked_in_at=now)
    _register(other, outsider, "A-OTHER", checked_in_at=now)
    _register(day, outsider, "A-WAIT", status=Registration.Status.WAITING)
    outcomes = set()
    for event in (day, other):
        for person in (teacher, expert, lab_lead, outsider):
            expected = _orm_attendee(event.pk, person)
            assert _sql_attendee(event.pk, person) == expected, (event.slug, person)
            outcomes.add(expected)
    assert outcomes == {"eligible", "not_registered", "cancelled", "not_checked_in"}


# --- voting: the poll a ballot is cast in -----------------------------------------------------


def _orm_poll_for_ballot(poll_id: int, now: datetime.datetime) -> tuple[Any, ...]:
    poll = Poll.objects.filter(pk=poll_id).first()
    if poll is None:
        raise BallotError("There is no such poll.", "unknown_poll")
    fields = (
        "id",
        "title",
        "method",
        "max_choices",
        "secrecy",
        "state",
        "electorate_kind",
        "electorate_reference",
    )
    return (
        tuple(getattr(poll, name) for name in fields),
        set(poll.options.values_list("pk", flat=True)),
        (
            poll.opens_at is not None and poll.opens_at > now,
            poll.closes_at is not None and poll.closes_at <= now,
        ),
    )


def _sql_poll_for_ballot(poll_id: int, now: datetime.datetime) -> tuple[Any, ...]:
    poll, option_ids, timing = voting_services._poll_for_ballot(poll_id, now)
    fields = (
        poll.id,
        poll.title,
        poll.method,
        poll.max_choices,
        poll.secrecy,
        poll.state,
        poll.electorate_kind,
        poll.electorate_reference,
    )
    return fields, option_ids, (timing.before_opening, timing.after_closing)


@pytest.mark.django_db
def test_poll_for_ballot_is_the_orms_poll():
    now = timezone.now()
    second = datetime.timedelta(microseconds=1)
    polls = [
        _poll(state=Poll.State.OPEN),
        _poll(state=Poll.State.OPEN, opens_at=now + second, closes_at=now + 2 * second),
        _poll(state=Poll.State.OPEN, opens_at=now, closes_at=now + second),
        _poll(state=Poll.State.OPEN, opens_at=now - second, closes_at=now),
        _poll(state=Poll.State.CLOSED, opens_at=now - 2 * second, closes_at=now - second),
        _poll(
            state=Poll.State.DRAFT,
            method=Poll.Method.YES_NO_ABSTAIN,
            max_choices=None,
            secrecy=Poll.Secrecy.SECRET,
            electorate_kind="network_day_attendees",
            electorate_reference="event:12",
        ),
    ]
    for poll in polls[:5]:
        for position, label in enumerate(("Labo A", "Labo B", "Labo C")):
            PollOption.objects.create(poll=poll, label=label, position=position)
    for poll in polls:
        with transaction.atomic():
            assert _sql_poll_for_ballot(poll.pk, now) == _orm_poll_for_ballot(poll.pk, now)
    assert _orm_poll_for_ballot(polls[5].pk, now)[1] == set()  # a poll without options

    missing = max(poll.pk for poll in polls) + 1000
    for poll_id in (missing, 0, -1):
        with pytest.raises(BallotError) as by_sql, transaction.atomic():
            _sql_poll_for_ballot(poll_id, now)
        with pytest.raises(BallotError) as by_orm:
            _orm_poll_for_ballot(poll_id, now)
        assert by_sql.value.code == by_orm.value.code == "unknown_poll"
