"""Every write about polls: create, add options and voters, open, cast a ballot, close (which
opens the sealed secret ballots, writes them in a random order and freezes the result) and
publish.

Casting is the hot path of a network day (PERFORMANCE.md G1-G4, G7): at most five statements, the
one-vote rules left to the unique constraints of VoteRecord (one per voter) and Representation
(one per member the vote speaks for) (a read-then-write check lets double clicks through), and
no lock that makes voters wait for each other.
"""

import datetime
import hashlib
import secrets
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from som.accounts.models import Person
from som.core import audit, records, rows
from som.core.changes import RowChanges
from som.core.errors import DomainError
from som.core.models import AuditEntry
from som.core.params import MAX_BIGINT, ids, positive_int
from som.core.roles import require_team
from som.voting import electorates, sealing, selectors
from som.voting.models import (
    Ballot,
    Poll,
    PollOption,
    PollResult,
    Representation,
    SealedBallot,
    VoteRecord,
    VoterListEntry,
)

# A receipt of a voter with weight w > 1 ends in ".w"; this bounds the hashes a lookup computes.
MAX_SECRET_WEIGHT = 1000


class PollError(DomainError):
    """A poll cannot be created or change state. Codes: invalid_poll, wrong_state, no_options,
    unknown_electorate, not_listed."""


class BallotError(DomainError):
    """A ballot is refused. Codes: unknown_poll, not_open, closed, invalid_choices,
    not_in_electorate, already_voted, already_counted."""

    # The HTTP status of each refusal, the same for the phone pages and the API.
    STATUS = {
        "unknown_poll": 404,
        "not_open": 409,
        "already_voted": 409,
        "already_counted": 409,
        "not_in_electorate": 403,
        "closed": 410,
        "invalid_choices": 422,
    }

    @property
    def status(self) -> int:
        return self.STATUS.get(self.code, 400)


class AlreadyVoted(BallotError):
    def __init__(self) -> None:
        super().__init__(_("You have already voted in this poll."), "already_voted")


@dataclass(frozen=True)
class OptionData:
    label: str
    description: str = ""
    reference: str = ""


@dataclass(frozen=True)
class Receipt:
    """What a voter gets back. `receipt` (secret polls) is shown once and stored nowhere: only
    its hash is on the ballot. `ballot_id` is for named polls."""

    poll_id: int
    weight: int
    receipt: str | None = None
    ballot_id: uuid.UUID | None = None


# --- Who manages a poll ---------------------------------------------------------------------------

# The services below check who calls them themselves (docs/decisions.md, "One kernel"), so the
# admin, a command or another app's service cannot skip the rule: a poll is managed by
# - the team;
# - the system: `by=None` is a timer (closers) or a command, never a person;
# - a person whom the calling app's own gate let do it: a meeting's secretary opens and closes a
#   motion's vote (som.governance). That app's service checks its role first and says so with
#   `authorised_by`, naming the gate it passed ("governance.secretary").


def _require_manager(by: Person | None, authorised_by: str) -> None:
    if by is None or authorised_by:
        return
    require_team(by, error=PollError)


# --- Creating and preparing a poll ---------------------------------------------------------------


@transaction.atomic
def create_poll(
    *,
    title: str,
    question: str,
    method: str,
    secrecy: str,
    by: Person | None,
    options: Sequence[OptionData] = (),
    max_choices: int | None = None,
    description: str = "",
    electorate_kind: str = "listed",
    electorate_reference: str = "",
    opens_at: datetime.datetime | None = None,
    closes_at: datetime.datetime | None = None,
    publish_on_close: bool = False,
    authorised_by: str = "",
) -> Poll:
    """A poll in draft. A yes/no/abstain poll gets its three options (references `yes`, `no`,
    `abstain`) by itself. With `closes_at`, the `close_due_polls` command closes it then (and
    publishes its result with `publish_on_close`)."""
    _require_manager(by, authorised_by)
    poll = Poll(
        title=title,
        question=question,
        description=description,
        method=method,
        max_choices=max_choices,
        secrecy=secrecy,
        electorate_kind=electorate_kind,
        electorate_reference=electorate_reference,
        opens_at=opens_at,
        closes_at=closes_at,
        publish_on_close=publish_on_close,
        created_by=by,
    )
    if method == Poll.Method.YES_NO_ABSTAIN:
        if options:
            raise PollError(_("A yes/no/abstain poll has its own three options."), "invalid_poll")
        options = _yes_no_abstain()
    try:
        poll.full_clean()
    except ValidationError as error:
        raise PollError(" ".join(error.messages), "invalid_poll") from None
    poll.save()
    _create_options(poll, options)
    audit.record(actor=by, action="poll.created", obj=poll)
    return poll


def _yes_no_abstain() -> list[OptionData]:
    return [
        OptionData(_("Yes"), reference="yes"),
        OptionData(_("No"), reference="no"),
        OptionData(_("Abstain"), reference="abstain"),
    ]


def _create_options(poll: Poll, options: Sequence[OptionData]) -> None:
    PollOption.objects.bulk_create(
        PollOption(
            poll=poll,
            label=option.label,
            description=option.description,
            reference=option.reference,
            position=position,
        )
        for position, option in enumerate(options, start=1)
    )


@transaction.atomic
def add_voters(
    *,
    poll: Poll,
    people: Iterable[Person],
    by: Person | None,
    weight: int = 1,
    authorised_by: str = "",
) -> int:
    """Put people on the voter list of a `listed` poll (those already on it keep their weight).
    Possible until the poll closes, e.g. for a late arrival. Returns how many were added."""
    _require_manager(by, authorised_by)
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if poll.electorate_kind != "listed":
        raise PollError(_("This poll's electorate is not a voter list."), "not_listed")
    if poll.state not in (Poll.State.DRAFT, Poll.State.OPEN):
        raise PollError(_("This poll is closed."), "wrong_state")
    if weight < 1:
        raise PollError(_("A weight is at least 1."), "invalid_poll")
    before = poll.voter_list.count()
    VoterListEntry.objects.bulk_create(
        [VoterListEntry(poll=poll, person=person, weight=weight) for person in people],
        ignore_conflicts=True,
    )
    added = poll.voter_list.count() - before
    audit.record(actor=by, action="poll.voters_added", obj=poll, changes={"added": added})
    return added


@transaction.atomic
def revise_draft(
    *,
    poll: Poll,
    values: dict[str, Any],
    by: Person,
    options: RowChanges[PollOption] | None = None,
    voters: RowChanges[VoterListEntry] | None = None,
) -> Poll:
    """The team changes a poll with a voter list while it is a draft: its question, method,
    options and voters. Once it is open, what is voted on and who votes stay as they are; a poll
    of a lab selection or a meeting is changed on that page."""
    records.require_team(by)
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    _require_draft_of_listed(poll)
    before = records.values_of(poll)
    for name, value in values.items():
        setattr(poll, name, value)
    poll.full_clean()
    poll.save()
    changes = audit.diff(before, records.values_of(poll))
    if options:
        if poll.method == Poll.Method.YES_NO_ABSTAIN:
            raise PollError(_("A yes/no/abstain poll has its own three options."), "invalid_poll")
        changes["options"] = _revise_rows(poll, options, str)
    if voters:
        changes["voters"] = _revise_rows(poll, voters, lambda entry: entry.person.email)
    if changes:
        audit.record(actor=by, action="poll.revised", obj=poll, changes=changes)
    return poll


@transaction.atomic
def delete_draft(*, poll: Poll, by: Person) -> None:
    """A draft nobody voted in, written by mistake."""
    records.require_team(by)
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    _require_draft_of_listed(poll)
    audit.record(actor=by, action="poll.deleted", obj=poll, changes={"title": poll.title})
    poll.delete()


def _require_draft_of_listed(poll: Poll) -> None:
    if poll.electorate_kind != "listed":
        raise PollError(
            _("This poll belongs to a lab selection or a meeting: change it on that page."),
            "not_listed",
        )
    _require_state(poll, Poll.State.DRAFT)


def _revise_rows(poll: Poll, rows: RowChanges[Any], name: Any) -> dict[str, list[str]]:
    """Write a draft's added, changed and deleted options or voters; what the audit says."""
    said: dict[str, list[str]] = {"added": [], "changed": [], "deleted": []}
    for row in rows.deleted:
        if row.poll_id == poll.pk:
            said["deleted"].append(name(row))
            row.delete()
    for row in rows.added:
        row.poll = poll
    for key, saved in (("changed", [r for r, _n in rows.changed]), ("added", rows.added)):
        for row in saved:
            if row.poll_id != poll.pk:
                continue
            row.full_clean()
            row.save()
            said[key].append(name(row))
    return {key: names for key, names in said.items() if names}


# --- The state transitions -------------------------------------------------------------------------


def _check_yes_no_abstain_options(poll: Poll) -> None:
    """A yes/no/abstain poll written in the admin gets its three options on opening."""
    references = set(poll.options.values_list("reference", flat=True))
    if not references:
        _create_options(poll, _yes_no_abstain())
    elif references != {"yes", "no", "abstain"} or poll.options.count() != 3:
        raise PollError(
            _("A yes/no/abstain poll has exactly the options yes, no and abstain."), "no_options"
        )


def _require_state(poll: Poll, *states: str) -> None:
    if poll.state not in states:
        raise PollError(
            _("This cannot be done to a poll that is %(state)s.")
            % {"state": poll.get_state_display()},
            "wrong_state",
        )


@transaction.atomic
def open_poll(
    *,
    poll: Poll,
    by: Person | None,
    now: datetime.datetime | None = None,
    authorised_by: str = "",
) -> Poll:
    """draft → open. With `opens_at` in the future the poll takes ballots from then on."""
    _require_manager(by, authorised_by)
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    _require_state(poll, Poll.State.DRAFT)
    if poll.method == Poll.Method.YES_NO_ABSTAIN:
        _check_yes_no_abstain_options(poll)
    if poll.options.count() < 2:
        raise PollError(_("A poll needs at least two options."), "no_options")
    if not electorates.is_known(poll.electorate_kind):
        raise PollError(
            _("Unknown electorate %(kind)s.") % {"kind": poll.electorate_kind},
            "unknown_electorate",
        )
    poll.state = Poll.State.OPEN
    poll.opened_at = now or timezone.now()
    poll.save(update_fields=["state", "opened_at", "updated_at"])
    audit.record(actor=by, action="poll.opened", obj=poll)
    return poll


@transaction.atomic
def close_poll(
    *,
    poll: Poll,
    by: Person | None,
    now: datetime.datetime | None = None,
    authorised_by: str = "",
) -> PollResult:
    """open → closed: no more ballots, the secret ballots are unsealed and written in a random
    order, and the result is computed and frozen.

    The row lock waits for the ballots being cast right now (each holds a share lock on the poll
    until it commits), so the result counts every ballot that was accepted, and a ballot that
    arrives later finds the poll closed.
    """
    _require_manager(by, authorised_by)
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    _require_state(poll, Poll.State.OPEN)
    now = now or timezone.now()
    changes: dict[str, object] = {}
    if poll.is_secret:
        changes["ballots"] = _unseal_ballots(poll)
        transaction.on_commit(_vacuum_ballots)
    result = PollResult.objects.create(poll=poll, data=selectors.tally(poll), computed_at=now)
    poll.state = Poll.State.CLOSED
    poll.closed_at = now
    poll.save(update_fields=["state", "closed_at", "updated_at"])
    # The only audit entry about a secret poll's ballots: how many were cast, not when.
    audit.record(actor=by, action="poll.closed", obj=poll, changes=changes)
    transaction.on_commit(lambda: selectors.forget_turnout(poll.pk))
    return result


def _unseal_ballots(poll: Poll) -> int:
    """Open the poll's sealed ballots and write them, with any plain ones, as new rows in a
    random order with new random ids, in this one transaction; delete the seals. Afterwards the
    plain ballots' physical order (PostgreSQL's ctid, SQLite's rowid) is random and they all
    carry this transaction's id (PostgreSQL's xmin), so neither matches them to the vote
    records. The receipt hashes come out of the seals, so voters find their ballot. Returns the
    number of ballots cast (a weighted one counts once)."""
    sealed = list(SealedBallot.objects.filter(poll=poll).values_list("sealed", flat=True))
    units = list(Ballot.objects.filter(poll=poll).values_list("choices", "receipt_hash"))
    for blob in sealed:
        try:
            content = sealing.unseal(poll.pk, blob)
        except sealing.SealError:
            raise PollError(
                _(
                    "The sealed ballots cannot be opened with the server's key. Put the old "
                    "SECRET_KEY back in SECRET_KEY_FALLBACKS, then close the poll again."
                ),
                "sealed",
            ) from None
        units += [(content["choices"], hashed) for hashed in content["receipts"]]
    secrets.SystemRandom().shuffle(units)
    Ballot.objects.filter(poll=poll).delete()
    SealedBallot.objects.filter(poll=poll).delete()
    Ballot.objects.bulk_create(
        [Ballot(poll=poll, choices=choices, receipt_hash=hashed) for choices, hashed in units],
        batch_size=500,
    )
    return len(sealed)


def _vacuum_ballots() -> None:
    """Remove the deleted seals' old row versions from PostgreSQL's pages now rather than at the
    next autovacuum (VACUUM cannot run inside a transaction: skipped there, e.g. in tests)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {SealedBallot._meta.db_table}, {Ballot._meta.db_table}")


@transaction.atomic
def publish_result(
    *,
    poll: Poll,
    by: Person | None,
    now: datetime.datetime | None = None,
    authorised_by: str = "",
) -> Poll:
    """closed → published: everybody who may see the poll sees its result, and for a secret
    poll the list of ballots (receipt hash and choices)."""
    _require_manager(by, authorised_by)
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    _require_state(poll, Poll.State.CLOSED)
    poll.state = Poll.State.PUBLISHED
    poll.published_at = now or timezone.now()
    poll.save(update_fields=["state", "published_at", "updated_at"])
    audit.record(actor=by, action="poll.published", obj=poll)
    return poll


# --- Casting a ballot -----------------------------------------------------------------------------


def cast_ballot(
    *,
    poll: Poll | int,
    voter: Person,
    choices: Sequence[int],
    now: datetime.datetime | None = None,
) -> Receipt:
    """One ballot per voter and poll; a second one (also a concurrent double click) raises
    AlreadyVoted. One vote per member the ballot speaks for: when one of them was counted in
    the meantime, BallotError("already_counted"). The poll (or its id) is read again with its
    options, under a share lock.

    Statements: the poll with its options, the electorate's check (one for `listed`), then the
    vote record, the members it speaks for, and the ballot: a secret one sealed, with no audit
    entry (the vote record says who voted; nothing may say when which ballot came); a named one
    with its audit entry. The inserts travel to PostgreSQL in one round trip.
    """
    poll_id = poll if isinstance(poll, int) else poll.pk
    now = now or timezone.now()
    try:
        with transaction.atomic():
            current, option_ids, timing = _poll_for_ballot(poll_id, now)
            _check_open(current, timing)
            chosen = _checked_choices(current, option_ids, choices)
            eligibility = electorates.check(current, voter)
            if isinstance(eligibility, electorates.Refusal):
                # A voter whose members are all counted may be refused because they voted.
                if VoteRecord.objects.filter(poll_id=poll_id, voter_id=voter.pk).exists():
                    raise AlreadyVoted()
                raise BallotError(eligibility.reason, "not_in_electorate")
            if current.is_secret and eligibility.weight > MAX_SECRET_WEIGHT:
                raise BallotError(
                    _("This weight is too large for a secret poll."), "not_in_electorate"
                )
            return _write_ballot(current, voter, chosen, eligibility, now)
    except IntegrityError:
        # Leaving the atomic block by the exception rolled it all back. Which rule broke:
        # the voter's own vote (a double click), or a member's vote cast by somebody else?
        if VoteRecord.objects.filter(poll_id=poll_id, voter_id=voter.pk).exists():
            raise AlreadyVoted() from None
        raise BallotError(
            _(
                "A member you vote for was counted in this poll a moment ago, by somebody "
                "else. Reload the page to see what you can still vote for."
            ),
            "already_counted",
        ) from None


def _write_ballot(
    poll: Poll,
    voter: Person,
    chosen: list[int],
    eligibility: electorates.Eligibility,
    now: datetime.datetime,
) -> Receipt:
    """The vote record, the members it speaks for and the ballot, in one round trip."""
    weight = eligibility.weight
    record = {"poll": poll.pk, "voter": voter.pk, "weight": weight, "voted_at": now}
    speaks_for = [
        {"poll": poll.pk, "voter": voter.pk, "constituent": constituent}
        for constituent in eligibility.constituents
    ]
    if poll.is_secret:
        receipt = new_receipt(weight)
        content = {"choices": chosen, "receipts": receipt_hashes(receipt)}
        sealed = {"id": uuid.uuid4(), "poll": poll.pk, "sealed": sealing.seal(poll.pk, content)}
        rows.insert_together(
            (VoteRecord, [record]), (Representation, speaks_for), (SealedBallot, [sealed])
        )
        return Receipt(poll_id=poll.pk, weight=weight, receipt=receipt)
    ballot_id = uuid.uuid4()
    ballot = {"id": ballot_id, "poll": poll.pk, "voter": voter.pk, "choices": chosen,
              "weight": weight, "receipt_hash": None}  # fmt: skip
    # Names the poll, never the choices: who voted is in VoteRecord anyway.
    cast = audit.entry(actor=voter, action="ballot.cast", obj=poll)
    rows.insert_together(
        (VoteRecord, [record]),
        (Representation, speaks_for),
        (Ballot, [ballot]),
        (AuditEntry, [cast]),
    )
    return Receipt(poll_id=poll.pk, weight=weight, ballot_id=ballot_id)


# The poll's columns a ballot needs (the rest loads on first access), and where `now` stands
# against its opening and closing times: worked out by the database, so no date conversions here.
_POLL_FOR_BALLOT = (
    "SELECT p.id, p.title, p.method, p.max_choices, p.secrecy, p.state, p.electorate_kind, "
    "p.electorate_reference, "
    "CASE WHEN p.opens_at IS NOT NULL AND p.opens_at > %s THEN 1 ELSE 0 END, "
    "CASE WHEN p.closes_at IS NOT NULL AND p.closes_at <= %s THEN 1 ELSE 0 END, "
    f"o.id FROM {Poll._meta.db_table} p "
    f"LEFT JOIN {PollOption._meta.db_table} o ON o.poll_id = p.id WHERE p.id = %s"
)


@dataclass(frozen=True)
class _Timing:
    before_opening: bool
    after_closing: bool


def _poll_for_ballot(poll_id: int, now: datetime.datetime) -> tuple[Poll, set[int], _Timing]:
    """The poll and its option ids in one statement, in plain SQL (the ballot's hot path: the
    ORM's query costs more to build than to run). On PostgreSQL the poll row gets a KEY SHARE
    lock: ballots do not wait for each other, but `close_poll`'s FOR UPDATE waits for them, and
    a ballot that comes after the close sees the poll closed. (SQLite's IMMEDIATE transactions
    already run one writer at a time.)"""
    if not 0 < poll_id <= MAX_BIGINT:  # SQLite raises OverflowError on an id past 64 bits
        raise BallotError(_("There is no such poll."), "unknown_poll")
    lock = " FOR KEY SHARE OF p" if connection.vendor == "postgresql" else ""
    stamp = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(_POLL_FOR_BALLOT + lock, [stamp, stamp, poll_id])
        found = cursor.fetchall()
    if not found:
        raise BallotError(_("There is no such poll."), "unknown_poll")
    first = found[0]
    poll = rows.instance(
        Poll,
        **dict(zip(("id", "title", "method", "max_choices", "secrecy", "state",
                    "electorate_kind", "electorate_reference"), first[:8], strict=True)),
    )  # fmt: skip
    option_ids = {row[10] for row in found if row[10] is not None}
    return poll, option_ids, _Timing(bool(first[8]), bool(first[9]))


def _check_open(poll: Poll, timing: _Timing) -> None:
    if poll.state == Poll.State.DRAFT or (poll.state == Poll.State.OPEN and timing.before_opening):
        message = _("This poll is not open yet.")
        if timing.before_opening and poll.opens_at:
            opens = formats.date_format(timezone.localtime(poll.opens_at), "DATETIME_FORMAT")
            message += " " + _("It opens at %(time)s.") % {"time": opens}
        raise BallotError(message, "not_open")
    if poll.state != Poll.State.OPEN or timing.after_closing:
        raise BallotError(_("This poll is closed."), "closed")


def choices_from_form(values: Iterable[str]) -> list[int]:
    """The option ids a ballot form sent (`request.POST.getlist("choice")`). One that is not an
    id ("²", "abc") refuses the ballot with BallotError("invalid_choices"): a ballot is never
    read in part."""
    chosen = ids(values)
    if chosen is None:
        raise BallotError(_("Choices are option ids (numbers)."), "invalid_choices")
    return chosen


@dataclass
class FormBallot:
    """A ballot sent from a phone page's form: what the page shows next and with which status."""

    chosen: list[int]
    receipt: Receipt | None = None
    error: BallotError | None = None

    @property
    def status(self) -> int:
        return self.error.status if self.error else 200


def cast_from_form(*, poll: Poll | int, voter: Person, values: Iterable[str]) -> FormBallot:
    """Cast the ballot a form sent (`request.POST.getlist("choice")`); a refusal is returned,
    not raised, with the choices as read, so the page can show them again."""
    chosen: list[int] = []
    try:
        chosen = choices_from_form(values)
        return FormBallot(chosen, receipt=cast_ballot(poll=poll, voter=voter, choices=chosen))
    except BallotError as error:
        return FormBallot(chosen, error=error)


def _checked_choices(poll: Poll, option_ids: set[int], choices: Sequence[int]) -> list[int]:
    """The choices, sorted (the order a voter clicked in must not mark their ballot), or
    BallotError("invalid_choices") saying what is wrong."""

    def refuse(message: str) -> BallotError:
        return BallotError(message, "invalid_choices")

    if any(not isinstance(c, int) or isinstance(c, bool) for c in choices):
        raise refuse(_("Choices are option ids (numbers)."))
    unknown = sorted(set(choices) - option_ids)
    if unknown:
        raise refuse(
            _("Not an option of this poll: %(ids)s.") % {"ids": ", ".join(map(str, unknown))}
        )
    if len(set(choices)) != len(choices):
        raise refuse(_("Choose each option at most once."))
    count = len(choices)
    method = poll.method
    if method == Poll.Method.YES_NO_ABSTAIN and count != 1:
        raise refuse(_("Answer with exactly one of yes, no or abstain."))
    if method == Poll.Method.SINGLE and count != 1:
        raise refuse(_("Choose exactly one option."))
    if method in (Poll.Method.APPROVAL, Poll.Method.ELECTION):
        limit = poll.max_choices or 1
        if count == 0:
            raise refuse(_("Choose at least one option."))
        if count > limit:
            if method == Poll.Method.ELECTION:
                message = ngettext(
                    "Choose at most %(n)d candidate: there is %(n)d seat.",
                    "Choose at most %(n)d candidates: there are %(n)d seats.",
                    limit,
                )
            else:
                message = ngettext(
                    "Choose at most %(n)d option.", "Choose at most %(n)d options.", limit
                )
            raise refuse(message % {"n": limit})
    return sorted(choices)


# --- Receipts -------------------------------------------------------------------------------------


def new_receipt(weight: int) -> str:
    """A random code for the voter. With weight w > 1 it ends in `.w`: the ballot is stored as w
    rows of weight 1, each with its own hash (see receipt_hashes)."""
    code = secrets.token_urlsafe(16)
    return code if weight == 1 else f"{code}.{weight}"


def receipt_hashes(receipt: str) -> list[str]:
    """The SHA-256 hashes under which a receipt's ballot rows are stored: the first is the hash
    of the receipt itself (what a voter checks on the bulletin board), the others of
    `receipt#i`."""
    units = 1
    if "." in receipt:
        tail = receipt.rsplit(".", 1)[1]
        units = min(positive_int(tail, 1), MAX_SECRET_WEIGHT)
    texts = [receipt] + [f"{receipt}#{i}" for i in range(1, units)]
    return [hashlib.sha256(text.encode()).hexdigest() for text in texts]


# --- A show of hands, recorded by the secretary ---------------------------------------------------


@transaction.atomic
def record_show_of_hands(
    *,
    poll: Poll,
    votes: Sequence[tuple[Person, Sequence[int]]],
    by: Person,
    now: datetime.datetime | None = None,
    authorised_by: str = "",
) -> int:
    """The secretary enters what each voter showed by hand in a named poll: every vote goes
    through `cast_ballot` (the voter's electorate check and weight, the one-vote rule), all or
    nothing, and one audit entry says who recorded them. Returns how many were recorded."""
    _require_manager(by, authorised_by)
    if Poll.objects.filter(pk=poll.pk, secrecy=Poll.Secrecy.SECRET).exists():
        raise PollError(_("A secret vote cannot be taken by a show of hands."), "invalid_poll")
    for voter, choices in votes:
        cast_ballot(poll=poll.pk, voter=voter, choices=choices, now=now)
    audit.record(
        actor=by,
        action="poll.show_of_hands_recorded",
        obj=poll,
        changes={"voters": sorted(voter.pk for voter, _choices in votes)},
    )
    return len(votes)
