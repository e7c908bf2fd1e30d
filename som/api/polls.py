"""/api/v1 for polls: read a poll, cast a ballot, follow the turnout, read the result and the
bulletin board of a secret poll. Thin endpoints over som.voting's services and selectors.

Every endpoint needs a caller (session with CSRF for writes, or `Authorization: Bearer`). Who
may see a poll follows its electorate (som.voting.permissions); anybody else gets 404 on every
endpoint, as for a poll that does not exist, and so does everybody but the team for a draft.

Casting answers: 201 with the receipt (secret poll; shown once, keep it) or the ballot id (named
poll); 403 `not_in_electorate` with the reason (for someone who may see the poll but not vote in
it now); 404 `unknown_poll`, also for a poll the caller may not see; 409 `already_voted`, and 409
`not_open` for a poll that has not opened yet (the poll is there and will take the ballot later:
a conflict with its state, not a refusal of the person; the team's drafts answer it to the team);
410 `closed` (final); 422 `invalid_choices` saying what is wrong.

The result: 200 once published (the team: once closed); 409 `not_published` before that.
"""

import datetime
import uuid
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status
from ninja.utils import check_csrf

from som.accounts.models import ApiToken, Person
from som.api.auth import ApiCaller, caller, came_with_token
from som.api.errors import ApiError, answers
from som.api.schemas import BodyId, PathId
from som.voting import permissions, selectors, services
from som.voting.models import Poll

router = Router(tags=["polls"])


# --- Schemas ----------------------------------------------------------------------------------------


class OptionOut(Schema):
    id: int
    label: str
    description: str
    reference: str = Field(description="The caller's link, e.g. `proposal:12`; may be empty.")


class PollOut(Schema):
    id: int
    title: str
    question: str
    description: str
    method: str = Field(description="`approval`, `yes_no_abstain`, `single` or `election`.")
    max_choices: int | None = Field(description="k for approval, the seats for an election.")
    secrecy: str = Field(description="`named` or `secret`.")
    state: str = Field(description="`draft`, `open`, `closed` or `published`.")
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    options: list[OptionOut]
    has_voted: bool


class BallotIn(Schema):
    choices: list[BodyId] = Field(description="The ids of the chosen options.", max_length=200)


class BallotOut(Schema):
    poll: int
    weight: int
    receipt: str | None = Field(
        description="Secret polls: your receipt, shown only now. Its SHA-256 finds your ballot "
        "on the published bulletin board."
    )
    ballot: uuid.UUID | None = Field(description="Named polls: the id of your ballot.")


class TurnoutOut(Schema):
    poll: int
    state: str
    voters: int
    weight: int
    electorate_people: int | None = Field(description="Null when the electorate cannot say.")
    electorate_weight: int | None


class ResultOut(Schema):
    poll: int
    state: str
    published: bool
    computed_at: datetime.datetime
    result: dict[str, Any] = Field(
        description="`turnout` {voters, weight}; `options` [{id, label, reference, votes}] "
        "(votes weighted); yes/no/abstain: `yes`, `no`, `abstain`; election: `elected`, `tied`."
    )


class PublishedBallotOut(Schema):
    receipt_hash: str
    choices: list[int]


# --- Who is calling -------------------------------------------------------------------------------


def _require_caller(request: HttpRequest) -> Person:
    person = caller(request)
    if person is None:
        raise ApiError(401, _("Log in or send `Authorization: Bearer <key>`."))
    return person


def _require_writer(request: HttpRequest) -> Person:
    """With the session (a browser), Django's CSRF check applies too."""
    person = _require_caller(request)
    if not came_with_token(request) and check_csrf(request) is not None:
        raise ApiError(403, _("CSRF check failed: send the X-CSRFToken header."), "csrf")
    return person


def _may_see(person: Person, poll_id: int) -> bool:
    try:
        permissions.get_poll_for_reader(person, poll_id)
    except Http404:
        return False
    return True


def _poll(request: HttpRequest, poll_id: int) -> tuple[Person, Poll]:
    person = _require_caller(request)
    return person, permissions.get_poll_for_reader(person, poll_id)


# --- Endpoints --------------------------------------------------------------------------------------


@router.get(
    "/polls/{poll_id}",
    response=answers({200: PollOut}, 404),
    summary="One poll, with its options",
)
def get_poll(request: HttpRequest, poll_id: PathId) -> dict[str, Any]:
    person, poll = _poll(request, poll_id)
    return {
        "id": poll.pk,
        "title": poll.title,
        "question": poll.question,
        "description": poll.description,
        "method": poll.method,
        "max_choices": poll.max_choices,
        "secrecy": poll.secrecy,
        "state": poll.state,
        "opens_at": poll.opens_at,
        "closes_at": poll.closes_at,
        "options": list(poll.options.all()),
        "has_voted": selectors.has_voted(poll, person),
    }


@router.post(
    "/polls/{poll_id}/ballots",
    response=answers({201: BallotOut}, 404, 409, 410, 413),
    summary="Cast your ballot",
    auth=ApiCaller(ApiToken.Scope.VOTE),
)
def cast_ballot(request: HttpRequest, poll_id: PathId, payload: BallotIn) -> Status[dict[str, Any]]:
    """See the module's note for the answers. The poll is read by the service itself (with the
    lock that keeps a closing poll consistent), so a draft answers 409 `not_open` here."""
    person = _require_writer(request)
    try:
        receipt = services.cast_ballot(poll=poll_id, voter=person, choices=payload.choices)
    except services.BallotError as error:
        if error.code != "unknown_poll" and not _may_see(person, poll_id):
            # Only refusals pay for this check: whoever may vote may see the poll.
            return Status(404, {"detail": _("There is no such poll."), "code": "unknown_poll"})
        return Status(error.status, {"detail": error.message, "code": error.code})
    return Status(
        201,
        {
            "poll": receipt.poll_id,
            "weight": receipt.weight,
            "receipt": receipt.receipt,
            "ballot": receipt.ballot_id,
        },
    )


@router.get(
    "/polls/{poll_id}/turnout",
    response=answers({200: TurnoutOut}, 404),
    summary="How many have voted (live, refreshed every second)",
)
def turnout(request: HttpRequest, poll_id: PathId) -> dict[str, Any]:
    _person, poll = _poll(request, poll_id)
    live = selectors.live_turnout(poll)
    return {
        "poll": poll.pk,
        "state": poll.state,
        "voters": live.voters,
        "weight": live.weight,
        "electorate_people": live.electorate.people if live.electorate else None,
        "electorate_weight": live.electorate.weight if live.electorate else None,
    }


@router.get(
    "/polls/{poll_id}/result",
    response=answers({200: ResultOut}, 404, 409),
    summary="The result, once published",
)
def result(request: HttpRequest, poll_id: PathId) -> Status[dict[str, Any]]:
    person, poll = _poll(request, poll_id)
    stored = selectors.result_of(poll)
    if stored is None or not permissions.may_read_result(person, poll):
        return Status(
            409,
            {"detail": _("The result of this poll is not published yet."), "code": "not_published"},
        )
    return Status(
        200,
        {
            "poll": poll.pk,
            "state": poll.state,
            "published": poll.state == Poll.State.PUBLISHED,
            "computed_at": stored.computed_at,
            "result": stored.data,
        },
    )


@router.get(
    "/polls/{poll_id}/ballots",
    response=answers({200: list[PublishedBallotOut]}, 404, 409),
    summary="The bulletin board of a secret poll: every ballot, by receipt hash",
)
def published_ballots(request: HttpRequest, poll_id: PathId) -> Status[Any]:
    """After publication. Find your ballot by the SHA-256 (hex) of your receipt. A named poll has
    no bulletin board (404)."""
    _person, poll = _poll(request, poll_id)
    if not poll.is_secret:
        return Status(
            404, {"detail": _("A named poll has no bulletin board."), "code": "named_poll"}
        )
    if poll.state != Poll.State.PUBLISHED:
        return Status(
            409,
            {"detail": _("The ballots are published with the result."), "code": "not_published"},
        )
    return Status(200, list(selectors.published_ballots(poll)))
