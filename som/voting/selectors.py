"""Reads about polls: the tally, the live turnout, the published ballots and receipts."""

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Sum

from som.accounts.models import Person
from som.voting import electorates
from som.voting.models import Ballot, Poll, PollResult, VoteRecord

TURNOUT_SECONDS = 1  # a big screen and a few hundred phones poll this: one COUNT a second


@dataclass(frozen=True)
class Turnout:
    voters: int
    weight: int
    electorate: electorates.Size | None


def tally(poll: Poll) -> dict[str, Any]:
    """The result as stored in PollResult: per option the weighted votes, the turnout, and per
    method: yes/no/abstain counts, or for an election who is elected (ties at the last seat are
    reported, not broken: that is for the body that holds the election)."""
    options = list(poll.options.order_by("position", "pk"))
    votes = {option.pk: 0 for option in options}
    for choices, weight in Ballot.objects.filter(poll=poll).values_list("choices", "weight"):
        for option_id in choices:
            votes[option_id] += weight
    turnout = VoteRecord.objects.filter(poll=poll).aggregate(
        voters=Count("pk"), weight=Sum("weight")
    )
    data: dict[str, Any] = {
        "method": poll.method,
        "max_choices": poll.max_choices,
        "turnout": {"voters": turnout["voters"], "weight": turnout["weight"] or 0},
        "options": [
            {
                "id": option.pk,
                "label": option.label,
                "reference": option.reference,
                "votes": votes[option.pk],
            }
            for option in options
        ],
    }
    if poll.method == Poll.Method.YES_NO_ABSTAIN:
        for option in options:
            data[option.reference] = votes[option.pk]
    if poll.method == Poll.Method.ELECTION:
        data |= _elected(data["options"], poll.max_choices or 1)
    return data


def _elected(options: list[dict[str, Any]], seats: int) -> dict[str, list[int]]:
    ranked = sorted((o for o in options if o["votes"] > 0), key=lambda o: -o["votes"])
    if len(ranked) <= seats:
        return {"elected": [o["id"] for o in ranked], "tied": []}
    last, first_out = ranked[seats - 1]["votes"], ranked[seats]["votes"]
    if last > first_out:
        return {"elected": [o["id"] for o in ranked[:seats]], "tied": []}
    return {
        "elected": [o["id"] for o in ranked if o["votes"] > last],
        "tied": [o["id"] for o in ranked if o["votes"] == last],
    }


def _turnout_key(poll_id: int) -> str:
    return f"voting:turnout:{poll_id}"


def live_turnout(poll: Poll) -> Turnout:
    """Who has voted so far: one COUNT, cached for a second."""
    key = _turnout_key(poll.pk)
    cached = cache.get(key)
    if cached is None:
        totals = VoteRecord.objects.filter(poll=poll).aggregate(
            voters=Count("pk"), weight=Sum("weight")
        )
        cached = Turnout(totals["voters"], totals["weight"] or 0, electorates.size(poll))
        cache.set(key, cached, TURNOUT_SECONDS)
    return cached  # type: ignore[no-any-return]


def forget_turnout(poll_id: int) -> None:
    cache.delete(_turnout_key(poll_id))


def has_voted(poll: Poll, person: Person) -> bool:
    return VoteRecord.objects.filter(poll=poll, voter=person).exists()


def result_of(poll: Poll) -> PollResult | None:
    return PollResult.objects.filter(poll=poll).first()


def published_ballots(poll: Poll) -> list[dict[str, Any]]:
    """The bulletin board of a secret poll: (receipt_hash, choices), ordered by hash."""
    rows = Ballot.objects.filter(poll=poll, receipt_hash__isnull=False).order_by("receipt_hash")
    return [
        {"receipt_hash": hashed, "choices": choices}
        for hashed, choices in rows.values_list("receipt_hash", "choices")
    ]


def receipt_hash(receipt: str) -> str:
    """What a voter looks for on the bulletin board: the SHA-256 of their receipt."""
    return hashlib.sha256(receipt.strip().encode()).hexdigest()


def ballot_for_receipt(poll: Poll, receipt: str) -> Ballot | None:
    return Ballot.objects.filter(poll=poll, receipt_hash=receipt_hash(receipt)).first()
