"""The voting engine: validation per method, the poll's states, the electorate, one vote per
voter (also under a race), secret ballots that cannot be traced back, receipts, and a result
that is frozen when the poll closes."""

import datetime
import itertools
import json
from collections.abc import Sequence

import pytest
from django.db import connection
from django.utils import timezone

from som.core.models import AuditEntry
from som.core.testing import in_threads, needs_postgres
from som.network.tests.factories import make_person
from som.voting import closers, electorates, sealing, selectors, services
from som.voting.models import Ballot, Poll, PollResult, SealedBallot, VoteRecord
from som.voting.services import BallotError, OptionData


def make_poll(
    *,
    method: str = Poll.Method.APPROVAL,
    secrecy: str = Poll.Secrecy.SECRET,
    labels: Sequence[str] = ("Labo A", "Labo B", "Labo C"),
    max_choices: int | None = 2,
    voters: Sequence = (),
    weight: int = 1,
    opened: bool = True,
    **fields,
) -> Poll:
    """A poll with its options and a voter list, open unless `opened=False`."""
    poll = services.create_poll(
        title=f"Stemming {method}",
        question="Welke labo's steun je?",
        method=method,
        secrecy=secrecy,
        max_choices=max_choices if method in ("approval", "election") else None,
        options=[] if method == "yes_no_abstain" else [OptionData(label) for label in labels],
        by=None,
        **fields,
    )
    if voters:
        services.add_voters(poll=poll, people=voters, weight=weight, by=None)
    if opened:
        services.open_poll(poll=poll, by=None)
    poll.refresh_from_db()
    return poll


def option_ids(poll: Poll) -> list[int]:
    return list(poll.options.values_list("pk", flat=True))


def refused(code: str, **kwargs) -> BallotError:
    with pytest.raises(BallotError) as error:
        services.cast_ballot(**kwargs)
    assert error.value.code == code, error.value.message
    return error.value


# --- Validation per method ----------------------------------------------------------------------


def test_an_approval_ballot_takes_one_to_k_options(teacher):
    poll = make_poll(labels=["A", "B", "C", "D"], max_choices=2, voters=[teacher])
    a, b, c, _d = option_ids(poll)
    error = refused("invalid_choices", poll=poll, voter=teacher, choices=[a, b, c])
    assert "at most 2" in error.message.lower() or "hoogstens 2" in error.message.lower()
    refused("invalid_choices", poll=poll, voter=teacher, choices=[])
    services.cast_ballot(poll=poll, voter=teacher, choices=[b, a])
    services.close_poll(poll=poll, by=None)
    assert Ballot.objects.get(poll=poll).choices == [a, b]  # sorted: click order marks nobody


def test_a_yes_no_abstain_ballot_takes_exactly_one_answer(teacher):
    poll = make_poll(method=Poll.Method.YES_NO_ABSTAIN, voters=[teacher])
    assert list(poll.options.values_list("reference", flat=True)) == ["yes", "no", "abstain"]
    yes, no, _abstain = option_ids(poll)
    refused("invalid_choices", poll=poll, voter=teacher, choices=[yes, no])
    refused("invalid_choices", poll=poll, voter=teacher, choices=[])
    services.cast_ballot(poll=poll, voter=teacher, choices=[no])


def test_a_single_choice_ballot_takes_exactly_one_option(teacher):
    poll = make_poll(method=Poll.Method.SINGLE, voters=[teacher])
    a, b, _c = option_ids(poll)
    refused("invalid_choices", poll=poll, voter=teacher, choices=[a, b])
    refused("invalid_choices", poll=poll, voter=teacher, choices=[])
    services.cast_ballot(poll=poll, voter=teacher, choices=[b])


def test_an_election_ballot_takes_at_most_one_candidate_per_seat(teacher):
    poll = make_poll(
        method=Poll.Method.ELECTION,
        labels=["An", "Bo", "Cas", "Dirk"],
        max_choices=2,
        voters=[teacher],
    )
    a, b, c, _d = option_ids(poll)
    error = refused("invalid_choices", poll=poll, voter=teacher, choices=[a, b, c])
    assert "2" in error.message
    services.cast_ballot(poll=poll, voter=teacher, choices=[a, c])


def test_an_option_of_another_poll_or_twice_the_same_option_is_refused(teacher):
    poll = make_poll(voters=[teacher])
    other = make_poll()
    error = refused("invalid_choices", poll=poll, voter=teacher, choices=[option_ids(other)[0]])
    assert str(option_ids(other)[0]) in error.message
    refused("invalid_choices", poll=poll, voter=teacher, choices=[option_ids(poll)[0]] * 2)
    refused("invalid_choices", poll=poll, voter=teacher, choices=[True])
    assert not VoteRecord.objects.exists()


def test_an_approval_or_election_poll_needs_its_k(team_member):
    with pytest.raises(services.PollError) as error:
        services.create_poll(
            title="x", question="x", method="approval", secrecy="secret", by=team_member
        )
    assert error.value.code == "invalid_poll"


# --- The poll's states ---------------------------------------------------------------------------


def test_a_draft_poll_and_a_poll_before_its_opening_say_not_open(teacher):
    draft = make_poll(voters=[teacher], opened=False)
    refused("not_open", poll=draft, voter=teacher, choices=[option_ids(draft)[0]])
    later = timezone.now() + datetime.timedelta(hours=1)
    scheduled = make_poll(voters=[teacher], opens_at=later)
    refused("not_open", poll=scheduled, voter=teacher, choices=[option_ids(scheduled)[0]])
    services.cast_ballot(
        poll=scheduled,
        voter=teacher,
        choices=[option_ids(scheduled)[0]],
        now=later + datetime.timedelta(minutes=1),
    )


def test_a_closed_poll_refuses_ballots(teacher, school_contact):
    poll = make_poll(voters=[teacher, school_contact])
    services.cast_ballot(poll=poll, voter=school_contact, choices=[option_ids(poll)[0]])
    services.close_poll(poll=poll, by=None)
    refused("closed", poll=poll, voter=teacher, choices=[option_ids(poll)[0]])
    services.publish_result(poll=poll, by=None)
    refused("closed", poll=poll.pk, voter=teacher, choices=[option_ids(poll)[0]])
    assert VoteRecord.objects.filter(poll=poll).count() == 1


def test_a_poll_past_its_closing_time_refuses_ballots_and_is_closed_by_close_due_polls(teacher):
    closes = timezone.now() + datetime.timedelta(minutes=5)
    poll = make_poll(voters=[teacher], closes_at=closes)
    after = closes + datetime.timedelta(seconds=1)
    refused("closed", poll=poll, voter=teacher, choices=[option_ids(poll)[0]], now=after)
    assert closers.close_due_polls(now=after).closed == [poll.pk]
    poll.refresh_from_db()
    assert poll.state == Poll.State.CLOSED and poll.result.data["turnout"]["voters"] == 0


def test_the_transitions_go_one_way(team_member):
    poll = make_poll(opened=False)
    with pytest.raises(services.PollError):
        services.close_poll(poll=poll, by=team_member)
    services.open_poll(poll=poll, by=team_member)
    for verb in (services.open_poll, services.publish_result):
        with pytest.raises(services.PollError) as error:
            verb(poll=poll, by=team_member)
        assert error.value.code == "wrong_state"
    services.close_poll(poll=poll, by=team_member)
    services.publish_result(poll=poll, by=team_member)
    poll.refresh_from_db()
    assert poll.state == Poll.State.PUBLISHED and poll.published_at is not None
    assert [
        e.action
        for e in AuditEntry.objects.filter(
            object_type="voting.poll", object_id=str(poll.pk)
        ).order_by("pk")
    ] == [
        "poll.created",
        "poll.opened",
        "poll.closed",
        "poll.published",
    ]


def test_a_poll_needs_two_options_to_open(team_member):
    poll = make_poll(labels=["Enige"], opened=False)
    with pytest.raises(services.PollError) as error:
        services.open_poll(poll=poll, by=team_member)
    assert error.value.code == "no_options"


# --- The electorate ------------------------------------------------------------------------------


def test_someone_not_in_the_electorate_is_refused_with_the_reason(teacher, outsider):
    poll = make_poll(voters=[teacher])
    error = refused("not_in_electorate", poll=poll, voter=outsider, choices=[option_ids(poll)[0]])
    assert error.message  # the provider's reason, for the person
    assert not VoteRecord.objects.exists() and not Ballot.objects.exists()


def test_a_registered_electorate_kind_decides_who_votes_and_with_which_weight(
    monkeypatch, teacher, outsider
):
    monkeypatch.setattr(electorates, "_providers", dict(electorates._providers))

    def attendees(poll, person):
        if person.pk == teacher.pk:
            return electorates.Eligibility(3, "checked in, with two proxies")
        return electorates.Refusal("not checked in at " + poll.electorate_reference)

    electorates.register("test_attendees", attendees)
    poll = make_poll(
        secrecy=Poll.Secrecy.NAMED,
        electorate_kind="test_attendees",
        electorate_reference="event:7",
    )
    error = refused("not_in_electorate", poll=poll, voter=outsider, choices=[option_ids(poll)[0]])
    assert error.message == "not checked in at event:7"
    receipt = services.cast_ballot(poll=poll, voter=teacher, choices=[option_ids(poll)[0]])
    assert receipt.weight == 3 and receipt.receipt is None
    assert receipt.ballot_id is not None
    ballot = Ballot.objects.get(pk=receipt.ballot_id)
    assert (ballot.voter, ballot.weight) == (teacher, 3)


# --- One vote per voter --------------------------------------------------------------------------


@pytest.mark.parametrize("secrecy", [Poll.Secrecy.SECRET, Poll.Secrecy.NAMED])
def test_a_second_ballot_says_already_voted_and_changes_nothing(secrecy, teacher):
    poll = make_poll(voters=[teacher], secrecy=secrecy)
    a, b, _c = option_ids(poll)
    services.cast_ballot(poll=poll, voter=teacher, choices=[a])
    refused("already_voted", poll=poll, voter=teacher, choices=[b])
    services.close_poll(poll=poll, by=None)
    assert [b.choices for b in Ballot.objects.filter(poll=poll)] == [[a]]
    assert VoteRecord.objects.filter(poll=poll).count() == 1


def test_a_named_ballot_has_one_audit_entry(teacher):
    poll = make_poll(voters=[teacher], secrecy=Poll.Secrecy.NAMED)
    services.cast_ballot(poll=poll, voter=teacher, choices=[option_ids(poll)[0]])
    assert AuditEntry.objects.filter(action="ballot.cast").count() == 1


# --- Secret ballots and receipts -----------------------------------------------------------------


def test_a_secret_ballot_is_sealed_while_open_and_has_no_voter_once_closed(teacher):
    """While the poll is open only a seal is stored (no plain ballot, no audit entry that
    orders ballots); the close writes the plain ballot without voter and says how many."""
    poll = make_poll(voters=[teacher])
    receipt = services.cast_ballot(poll=poll, voter=teacher, choices=[option_ids(poll)[1]])
    assert receipt.receipt and receipt.ballot_id is None
    assert not Ballot.objects.filter(poll=poll).exists()
    sealed = SealedBallot.objects.get(poll=poll)
    assert len(bytes(sealed.sealed)) == sealing.NONCE_BYTES + sealing.PADDED_BYTES + 16
    assert not AuditEntry.objects.filter(action="ballot.cast").exists()
    services.close_poll(poll=poll, by=None)
    ballot = Ballot.objects.get(poll=poll)
    assert ballot.voter is None and ballot.receipt_hash != receipt.receipt
    assert ballot.choices == [option_ids(poll)[1]]
    assert not SealedBallot.objects.exists()
    entry = AuditEntry.objects.get(action="poll.closed")
    assert entry.changes == {"ballots": 1}


def test_every_seal_has_the_same_length_whatever_it_holds():
    small = sealing.seal(1, {"choices": [1], "receipts": ["a" * 64]})
    large = sealing.seal(1, {"choices": list(range(40)), "receipts": ["a" * 64] * 5})
    assert len(small) == len(large)
    assert sealing.unseal(1, large)["choices"] == list(range(40))


def test_a_seal_opens_only_for_its_poll_and_with_the_servers_keys(settings):
    sealed = sealing.seal(1, {"choices": [3], "receipts": []})
    with pytest.raises(sealing.SealError):
        sealing.unseal(2, sealed)
    settings.SECRET_KEY, old = "another-secret-key-" + "x" * 40, settings.SECRET_KEY
    with pytest.raises(sealing.SealError):
        sealing.unseal(1, sealed)
    settings.SECRET_KEY_FALLBACKS = [old]
    assert sealing.unseal(1, sealed)["choices"] == [3]


def test_a_poll_whose_seals_do_not_open_stays_open_with_the_reason(teacher, settings):
    poll = make_poll(voters=[teacher])
    services.cast_ballot(poll=poll, voter=teacher, choices=[option_ids(poll)[0]])
    settings.SECRET_KEY = "a-rotated-key-without-fallback-" + "y" * 40
    with pytest.raises(services.PollError) as error:
        services.close_poll(poll=poll, by=None)
    assert error.value.code == "sealed"
    poll.refresh_from_db()
    assert poll.state == Poll.State.OPEN and SealedBallot.objects.filter(poll=poll).count() == 1


def test_the_receipt_finds_the_ballot_in_the_published_list(teacher, school_contact):
    poll = make_poll(voters=[teacher, school_contact])
    a, b, _c = option_ids(poll)
    mine = services.cast_ballot(poll=poll, voter=teacher, choices=[b])
    services.cast_ballot(poll=poll, voter=school_contact, choices=[a])
    services.close_poll(poll=poll, by=None)
    services.publish_result(poll=poll, by=None)
    board = selectors.published_ballots(poll)
    assert len(board) == 2
    assert mine.receipt is not None
    [found] = [row for row in board if row["receipt_hash"] == selectors.receipt_hash(mine.receipt)]
    assert found["choices"] == [b]
    ballot = selectors.ballot_for_receipt(poll, mine.receipt)
    assert ballot is not None and ballot.choices == [b]


def test_a_weighted_secret_ballot_is_stored_as_unit_ballots(teacher, school_contact):
    """A rare weight would point at its voter; w rows of weight 1 do not."""
    poll = make_poll(voters=[teacher], weight=3)
    services.add_voters(poll=poll, people=[school_contact], by=None)
    a, b, _c = option_ids(poll)
    receipt = services.cast_ballot(poll=poll, voter=teacher, choices=[a])
    services.cast_ballot(poll=poll, voter=school_contact, choices=[b])
    assert receipt.weight == 3 and receipt.receipt and receipt.receipt.endswith(".3")
    result = services.close_poll(poll=poll, by=None).data
    assert set(Ballot.objects.values_list("weight", flat=True)) == {1}
    hashes = services.receipt_hashes(receipt.receipt)
    assert Ballot.objects.filter(receipt_hash__in=hashes, choices=[a]).count() == 3
    assert [o["votes"] for o in result["options"]] == [3, 1, 0]
    assert result["turnout"] == {"voters": 2, "weight": 4}


def _choice_sets(options: Sequence[int], count: int) -> list[list[int]]:
    subsets = [
        sorted(combo)
        for size in range(1, len(options) + 1)
        for combo in itertools.combinations(options, size)
    ]
    return subsets[:count]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_secret_ballot_cannot_be_traced_to_its_voter_from_the_database():
    """Twenty voters vote in a known order, each with other choices. After the close, no column
    of the ballot table, no sort order and (PostgreSQL) no transaction id puts the ballots back
    in the voters' order, while the vote records (who voted) do keep it."""
    voters = [make_person() for _ in range(20)]
    poll = make_poll(labels=["A", "B", "C", "D", "E"], max_choices=5, voters=voters)
    choice_sets = _choice_sets(option_ids(poll), 20)
    start = timezone.now()
    for minute, (voter, choices) in enumerate(zip(voters, choice_sets, strict=True)):
        services.cast_ballot(
            poll=poll, voter=voter, choices=choices, now=start + datetime.timedelta(minutes=minute)
        )
    services.close_poll(poll=poll, by=None)

    ballot_table, record_table = Ballot._meta.db_table, VoteRecord._meta.db_table
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, ballot_table)
        names = {column.name for column in columns}
        assert names == {"id", "poll_id", "voter_id", "choices", "weight", "receipt_hash"}
        types = {connection.introspection.get_field_type(c.type_code, c) for c in columns}
        assert not types & {"DateTimeField", "DateField", "TimeField", "AutoField", "BigAutoField"}

        def orders(sql: str) -> list[list[int]]:
            cursor.execute(sql, [poll.pk])
            rows = cursor.fetchall()
            return [r[0] if isinstance(r[0], list) else _json(r[0]) for r in rows]

        where = f"FROM {ballot_table} WHERE poll_id = %s"
        cursor.execute(f"SELECT COUNT(*) {where} AND voter_id IS NOT NULL", [poll.pk])
        assert cursor.fetchone()[0] == 0
        sort_orders = {
            "primary key": orders(f"SELECT choices {where} ORDER BY id"),
            "receipt hash": orders(f"SELECT choices {where} ORDER BY receipt_hash"),
            "storage order": orders(f"SELECT choices {where}"),
        }
        if connection.vendor == "sqlite":
            sort_orders["rowid"] = orders(f"SELECT choices {where} ORDER BY rowid")
        if connection.vendor == "postgresql":
            sort_orders["ctid"] = orders(f"SELECT choices {where} ORDER BY ctid")
            cursor.execute(f"SELECT DISTINCT xmin::text {where}", [poll.pk])
            ballot_xids = {row[0] for row in cursor.fetchall()}
            cursor.execute(
                f"SELECT DISTINCT xmin::text FROM {record_table} WHERE poll_id = %s", [poll.pk]
            )
            record_xids = {row[0] for row in cursor.fetchall()}
            assert len(ballot_xids) == 1 and len(record_xids) == 20
            assert not ballot_xids & record_xids
        cursor.execute(
            f"SELECT voter_id FROM {record_table} WHERE poll_id = %s ORDER BY voted_at", [poll.pk]
        )
        assert [row[0] for row in cursor.fetchall()] == [v.pk for v in voters]

    for name, order in sort_orders.items():
        assert sorted(map(tuple, order)) == sorted(map(tuple, choice_sets)), name
        assert order != choice_sets, f"sorting ballots by {name} gives the voters' order"
        assert order != choice_sets[::-1], f"sorting ballots by {name} gives it backwards"


def _json(value):
    return json.loads(value)


# --- The result ----------------------------------------------------------------------------------


def test_closing_counts_the_weighted_votes_and_the_turnout(teacher, school_contact, lab_lead):
    poll = make_poll(secrecy=Poll.Secrecy.NAMED, voters=[teacher, school_contact])
    services.add_voters(poll=poll, people=[lab_lead], weight=2, by=None)
    a, b, c = option_ids(poll)
    services.cast_ballot(poll=poll, voter=teacher, choices=[a, b])
    services.cast_ballot(poll=poll, voter=school_contact, choices=[b])
    services.cast_ballot(poll=poll, voter=lab_lead, choices=[b, c])
    data = services.close_poll(poll=poll, by=None).data
    assert [(o["id"], o["votes"]) for o in data["options"]] == [(a, 1), (b, 4), (c, 2)]
    assert data["turnout"] == {"voters": 3, "weight": 4}


def test_a_yes_no_abstain_result_has_the_three_counts(teacher, school_contact, lab_lead):
    poll = make_poll(method=Poll.Method.YES_NO_ABSTAIN, voters=[teacher, school_contact, lab_lead])
    yes, _no, abstain = option_ids(poll)
    services.cast_ballot(poll=poll, voter=teacher, choices=[yes])
    services.cast_ballot(poll=poll, voter=school_contact, choices=[yes])
    services.cast_ballot(poll=poll, voter=lab_lead, choices=[abstain])
    data = services.close_poll(poll=poll, by=None).data
    assert (data["yes"], data["no"], data["abstain"]) == (2, 0, 1)


def test_an_election_result_reports_a_tie_at_the_last_seat_without_breaking_it(
    teacher, school_contact, lab_lead
):
    poll = make_poll(
        method=Poll.Method.ELECTION,
        labels=["An", "Bo", "Cas"],
        max_choices=2,
        voters=[teacher, school_contact, lab_lead],
    )
    an, bo, cas = option_ids(poll)
    services.cast_ballot(poll=poll, voter=teacher, choices=[an, bo])
    services.cast_ballot(poll=poll, voter=school_contact, choices=[an, cas])
    services.cast_ballot(poll=poll, voter=lab_lead, choices=[an])
    data = services.close_poll(poll=poll, by=None).data
    assert data["elected"] == [an] and sorted(data["tied"]) == sorted([bo, cas])


def test_the_result_of_a_closed_poll_never_changes(teacher, school_contact, team_member):
    poll = make_poll(voters=[teacher, school_contact])
    services.cast_ballot(poll=poll, voter=teacher, choices=[option_ids(poll)[0]])
    stored = services.close_poll(poll=poll, by=team_member)
    frozen = (stored.data, stored.computed_at)
    refused("closed", poll=poll, voter=school_contact, choices=[option_ids(poll)[1]])
    with pytest.raises(services.PollError):
        services.close_poll(poll=poll, by=team_member)
    services.publish_result(poll=poll, by=team_member)
    again = PollResult.objects.get(poll=poll)
    assert (again.data, again.computed_at) == frozen
    assert selectors.tally(poll) == again.data  # recomputed from the ballots: the same


# --- Live turnout and the statement budget -------------------------------------------------------


def test_live_turnout_is_one_count_and_cached(teacher, django_assert_num_queries):
    poll = make_poll(voters=[teacher])
    with django_assert_num_queries(2):  # the count, and the size of the voter list
        assert selectors.live_turnout(poll).voters == 0
    services.cast_ballot(poll=poll, voter=teacher, choices=[option_ids(poll)[0]])
    with django_assert_num_queries(0):
        assert selectors.live_turnout(poll).voters == 0  # cached for a second
    selectors.forget_turnout(poll.pk)
    turnout = selectors.live_turnout(poll)
    assert (turnout.voters, turnout.weight) == (1, 1)
    assert turnout.electorate == electorates.Size(people=1, weight=1)


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("secrecy", [Poll.Secrecy.SECRET, Poll.Secrecy.NAMED])
def test_a_ballot_takes_at_most_five_statements(secrecy, django_assert_max_num_queries):
    """The poll with its options, the voter list, the vote record, the ballot (one INSERT for a
    weight of 2 too: a seal for a secret poll), the audit entry (named polls only); on
    PostgreSQL the INSERTs in one round trip.
    SQLite's driver also logs BEGIN IMMEDIATE and COMMIT, which PostgreSQL's sends without a
    statement: they are not counted."""
    voter = make_person()
    poll = make_poll(secrecy=secrecy, voters=[voter], weight=2)
    first = option_ids(poll)[0]
    with django_assert_max_num_queries(5 + 2) as captured:
        services.cast_ballot(poll=poll.pk, voter=voter, choices=[first])
    statements = [
        q["sql"] for q in captured.captured_queries if not q["sql"].startswith(TRANSACTION_CONTROL)
    ]
    assert len(statements) <= 5, statements
    inserts = 2 if secrecy == Poll.Secrecy.SECRET else 3
    assert sum(sql.count("INSERT INTO") for sql in statements) == inserts, statements
    if connection.vendor == "postgresql":
        assert len(statements) == 3, statements


# --- Races (PostgreSQL) ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_submission_by_one_voter_at_once_gives_one_ballot():
    needs_postgres()
    voter = make_person()
    poll = make_poll(voters=[voter])
    choices = [option_ids(poll)[0]]
    errors = in_threads(
        8, lambda i: services.cast_ballot(poll=poll.pk, voter=voter, choices=choices)
    )
    assert len(errors) == 7
    assert {getattr(error, "code", repr(error)) for error in errors} == {"already_voted"}
    assert VoteRecord.objects.filter(poll=poll).count() == 1
    assert SealedBallot.objects.filter(poll=poll).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_voters_speaking_for_one_member_at_once_count_it_once(monkeypatch):
    """Eight people whose ballots all speak for the same organisation (its representative, and
    holders of a proxy it withdrew, as the electorate saw it a moment ago) vote at the same
    moment: one ballot counts, the others are told the member was counted."""
    needs_postgres()
    monkeypatch.setattr(electorates, "_providers", dict(electorates._providers))
    electorates.register(
        "test_members",
        lambda poll, person: electorates.Eligibility(
            1, "for the member", constituents=("organisation:1",)
        ),
    )
    voters = [make_person() for _ in range(8)]
    poll = make_poll(electorate_kind="test_members")
    choices = [option_ids(poll)[0]]
    errors = in_threads(
        8, lambda i: services.cast_ballot(poll=poll.pk, voter=voters[i], choices=choices)
    )
    assert len(errors) == 7
    assert {getattr(error, "code", repr(error)) for error in errors} == {"already_counted"}
    assert VoteRecord.objects.filter(poll=poll).count() == 1
    assert SealedBallot.objects.filter(poll=poll).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_closing_while_ballots_arrive_counts_exactly_the_accepted_ballots():
    needs_postgres()
    voters = [make_person() for _ in range(12)]
    poll = make_poll(voters=voters)
    accepted: list[str | None] = []

    def act(index):
        if index == 6:
            services.close_poll(poll=poll, by=None)
            return
        try:
            receipt = services.cast_ballot(
                poll=poll.pk, voter=voters[index], choices=[option_ids(poll)[0]]
            )
            accepted.append(receipt.receipt)
        except BallotError as error:
            assert error.code == "closed"  # noqa: PT017 (a thread either casts or is refused)

    assert in_threads(12, act) == []
    result = PollResult.objects.get(poll=poll).data
    assert result["turnout"]["voters"] == len(accepted) == VoteRecord.objects.count()
    assert result["options"][0]["votes"] == len(accepted) == Ballot.objects.count()
