"""A secret vote read as a database administrator would (issue 15), on PostgreSQL.

Known voters cast their ballots through the phone page (the HTTP endpoint, logged in, with the
sessions in the database and in a file cache, as in production) in a known order. Then, while
the poll is still open and again right after it closes (before any vacuum), the attacker reads:

- every row of every table, with the system columns `xmin` (the writing transaction) and `ctid`
  (the physical place), and every tuple on every page, the dead ones too (`pageinspect`), which
  is what a backup or a stolen disk holds;
- the session store (`django_session`) and the cache files;
- the audit log.

The voters' receipts and receipt hashes are the ground truth: a ballot whose hash is found next
to something that points at a voter is a linked ballot. The attacker then guesses a voter for
each ballot by every order the database offers (primary key, physical place, transaction id,
receipt hash) against every order of the vote records; a guess is right when the ballot is that
voter's. With n voters a random guess is right once on average; this test allows at most
`CHANCE_LIMIT` right guesses per order (a random permutation of 24 has 7 or more fixed points
with a probability below 1e-4). The design before the seals (ballot, vote record and audit entry
in one transaction, mixed at the close) linked 24 of 24 through the dead row versions.
"""

import pickle
import re
import zlib
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.urls import reverse

from som.core.models import AuditEntry
from som.core.testing import needs_postgres
from som.events.tests.factories import make_event
from som.labs.services import selection
from som.labs.tests.test_selection import PROPOSALS, attend, make_call
from som.network.tests.factories import make_person
from som.voting import selectors, services
from som.voting.models import Ballot, SealedBallot, VoteRecord

VOTERS = 24
CHANCE_LIMIT = 6
RECEIPT = re.compile(r'id="ballot-receipt">([^<]+)<')


@pytest.fixture
def file_cache(settings, tmp_path) -> Path:
    """Sessions in the database and in cache files, as in production."""
    location = tmp_path / "cache"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(location),
        },
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return location


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_secret_ballot_cannot_be_linked_to_its_voter_during_the_vote_or_after_it_closes(
    file_cache, team_member, lab_lead, monkeypatch
):
    needs_postgres()
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
    # Right after the close means before any vacuum: the guarantee may not depend on it.
    monkeypatch.setattr(services, "_vacuum_ballots", lambda: None)
    call = make_call(make_event(title="SOM-netwerkdag"), lab_lead, PROPOSALS)
    voters = [make_person(full_name=f"Kiezer {i}") for i in range(VOTERS)]
    assert call.network_day is not None
    attend(call.network_day, voters)
    selection.start_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    assert call.poll is not None
    poll = call.poll
    receipts = cast_through_the_phone_page(call, voters)
    hashes = {voter: selectors.receipt_hash(receipt) for voter, receipt in receipts.items()}
    secrets = set(receipts.values()) | set(hashes.values())

    # --- During the vote -------------------------------------------------------------------------
    assert not Ballot.objects.filter(poll=poll).exists(), "no plain ballot while the poll is open"
    assert nowhere_in_the_database(secrets) == []
    assert nowhere_in_sessions_or_cache(secrets, file_cache) == []
    assert not AuditEntry.objects.filter(action="ballot.cast").exists()
    seals = [
        bytes(s) for s in SealedBallot.objects.filter(poll=poll).values_list("sealed", flat=True)
    ]
    assert len(seals) == VOTERS and len({len(seal) for seal in seals}) == 1
    assert not any(b"choices" in seal or b"receipts" in seal for seal in seals)

    # --- Right after the close -------------------------------------------------------------------
    selection.close_selection_vote(call=call, by=team_member)
    assert Ballot.objects.filter(poll=poll).count() == VOTERS
    assert not SealedBallot.objects.filter(poll=poll).exists()
    assert nowhere_in_sessions_or_cache(secrets, file_cache) == []
    # Only the live ballot rows hold a receipt hash: no old row version, no other table.
    places = [where for where in where_the_hashes_are(set(hashes.values()))]
    assert {table for table, _live in places} == {Ballot._meta.db_table}, places
    assert all(live for _table, live in places), "a dead row version holds a receipt hash"

    ballot_xids = set(column(f"SELECT DISTINCT xmin::text FROM {Ballot._meta.db_table}"))
    record_xids = set(
        column(f"SELECT xmin::text FROM {VoteRecord._meta.db_table} WHERE poll_id = {poll.pk}")
    )
    assert len(ballot_xids) == 1 and not ballot_xids & record_xids

    owner = {hashed: voter.pk for voter, hashed in hashes.items()}
    for ballots_by in ("id", "ctid", "receipt_hash", "xmin::text::bigint, ctid"):
        ballot_order = column(
            f"SELECT receipt_hash FROM {Ballot._meta.db_table} WHERE poll_id = {poll.pk} "
            f"ORDER BY {ballots_by}"
        )
        for records_by in ("id", "ctid", "voted_at", "xmin::text::bigint"):
            voter_order = column(
                f"SELECT voter_id FROM {VoteRecord._meta.db_table} WHERE poll_id = {poll.pk} "
                f"ORDER BY {records_by}"
            )
            for guess in (voter_order, voter_order[::-1]):
                right = sum(
                    owner[hashed] == voter
                    for hashed, voter in zip(ballot_order, guess, strict=True)
                )
                assert right <= CHANCE_LIMIT, (ballots_by, records_by, right)


def cast_through_the_phone_page(call, voters) -> dict:
    """Each voter logs in and votes on the ballot page, in this order, with a choice that varies;
    the receipt is read from the page, as the voter reads it."""
    url = reverse("labs:ballot", kwargs={"call_id": call.pk})
    options = list(call.poll.options.values_list("pk", flat=True))
    receipts = {}
    for index, voter in enumerate(voters):
        client = Client()
        client.force_login(voter)
        chosen = [options[index % len(options)], options[(index // 2) % len(options)]]
        response = client.post(url, {"choice": sorted(set(chosen))})
        assert response.status_code == 200 and "Location" not in response
        found = RECEIPT.search(response.content.decode())
        assert found, "the page shows the receipt"
        receipts[voter] = found.group(1).strip()
    return receipts


def column(sql: str) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


def tables() -> list[str]:
    return column(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname"
    )


def page_tuples(table: str) -> list[tuple[bool, bytes]]:
    """Every tuple on the table's pages, live or dead: (live, raw data)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [table])
        pages = cursor.fetchone()[0]
        found = []
        for page in range(pages):
            cursor.execute(
                "SELECT t_xmax, t_data FROM heap_page_items(get_raw_page(%s, %s)) "
                "WHERE t_data IS NOT NULL",
                [table, page],
            )
            found += [(str(xmax) == "0", bytes(data)) for xmax, data in cursor.fetchall()]
        return found


def nowhere_in_the_database(secrets: set[str]) -> list[str]:
    """Where a secret turns up: in a row's text, or in the raw bytes of any tuple."""
    hits = []
    for table in tables():
        for text in column(f'SELECT t::text FROM "{table}" t'):
            hits += [f"{table}: row" for secret in secrets if secret in text]
        for _live, data in page_tuples(table):
            hits += [f"{table}: tuple" for secret in secrets if secret.encode() in data]
    return hits


def where_the_hashes_are(hashes: set[str]) -> list[tuple[str, bool]]:
    return [
        (table, live)
        for table in tables()
        for live, data in page_tuples(table)
        if any(hashed.encode() in data for hashed in hashes)
    ]


def nowhere_in_sessions_or_cache(secrets: set[str], cache_dir: Path) -> list[str]:
    hits = []
    for session in Session.objects.all():
        text = str(session.get_decoded()) + session.session_data
        hits += [f"session {session.pk}" for secret in secrets if secret in text]
    for path in cache_dir.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        with path.open("rb") as handle:
            try:
                pickle.load(handle)  # the expiry
                raw += repr(pickle.loads(zlib.decompress(handle.read()))).encode()
            except Exception:
                pass
        hits += [f"cache {path.name}" for secret in secrets if secret.encode() in raw]
    return hits
