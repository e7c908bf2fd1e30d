"""The pages of a call's live vote at its network day.

    ballot     (phone, any logged-in person) approve up to k pitched proposals; works without JS
    screen     (projector, the team) short link + QR to the ballot, live turnout, then the result
    selection  (the team and the board) the team starts, closes, publishes; a board member confirms
    result     (everybody once published; the team once closed) votes, selection and why

Every page fetches its call through one gate of som.labs.permissions that answers 404 for "missing" and "not yours" alike.
"""

from collections.abc import Callable
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy

from som.accounts.models import Person
from som.accounts.requests import person_of
from som.core.money import euros
from som.core.roles import is_team
from som.labs import permissions, selectors
from som.labs.models import Call
from som.labs.services import confirmation, selection
from som.voting import electorates
from som.voting import permissions as voting_permissions
from som.voting import selectors as voting_selectors
from som.voting import services as voting
from som.voting.models import Poll

# --- The ballot, on a phone --------------------------------------------------------------------------


@login_required
def ballot(request: HttpRequest, call_id: int) -> HttpResponse:
    """GET shows what the person can do now; POST casts the ballot and answers "counted" at
    once (one round trip less on a crowded network), with the receipt in this response only:
    kept nowhere on the server (not in the session, not in a URL) and not stored by the
    browser's or a proxy's cache."""
    person = person_of(request)
    call = permissions.get_call_for_vote(call_id)
    poll = call.poll
    context: dict[str, Any] = {"call": call, "poll": poll, "state": "not_started"}
    if poll is None or poll.state == Poll.State.DRAFT:
        return render(request, "labs/ballot.html", context)
    status = 200
    if request.method == "POST":
        sent = voting.cast_from_form(
            poll=poll.pk, voter=person, values=request.POST.getlist("choice")
        )
        status = sent.status
        if sent.error is not None:
            error = sent.error
            context |= {"error": error.message, "error_code": error.code, "chosen": sent.chosen}
        else:
            receipt = sent.receipt
            assert receipt is not None
            context |= {"state": "voted", "receipt": receipt.receipt or str(receipt.ballot_id)}
            response = render(request, "labs/ballot.html", context)
            patch_cache_control(response, no_store=True, private=True)
            return response
    # Who is outside the vote's electorate (not registered for the network day) finds nothing
    # here; asked only when no ballot was accepted, so a vote costs no extra query.
    if not voting_permissions.may_see(person, poll):
        raise Http404
    context |= _ballot_state(poll, person, context.get("error_code"))
    return render(request, "labs/ballot.html", context, status=status)


def _ballot_state(poll: Poll, person: Person, error_code: str | None) -> dict[str, Any]:
    if poll.state in (Poll.State.CLOSED, Poll.State.PUBLISHED) or error_code == "closed":
        return {"state": "closed", "published": poll.state == Poll.State.PUBLISHED}
    if error_code == "already_voted" or voting_selectors.has_voted(poll, person):
        return {"state": "voted"}
    eligibility = electorates.check(poll, person)
    if isinstance(eligibility, electorates.Refusal):
        return {"state": "refused", "reason": eligibility.reason}
    return {"state": "open", "options": list(poll.options.all())}


# --- The big screen ------------------------------------------------------------------------------------


@login_required
def screen(request: HttpRequest, call_id: int) -> HttpResponse:
    call = permissions.get_call_for_screen(person_of(request), call_id)
    poll = call.poll
    ballot_url = request.build_absolute_uri(reverse("labs:ballot", kwargs={"call_id": call.pk}))
    qr = segno.make(ballot_url, error="m")
    context: dict[str, Any] = {
        "call": call,
        "poll": poll,
        "ballot_url": ballot_url,
        # The address to type, without the scheme or the last slash (the server adds it back).
        "short_url_parts": ballot_url.split("://", 1)[-1].rstrip("/").split("/"),
        "qr_svg": qr.svg_inline(scale=8, border=2, omitsize=True, dark="#1a1a1a", light="#fff"),
        "turnout": voting_selectors.live_turnout(poll) if poll else None,
        "showing_result": bool(call.outcome)
        and poll is not None
        and poll.state in (Poll.State.CLOSED, Poll.State.PUBLISHED),
    }
    if context["showing_result"]:
        context |= _outcome_context(call)
    return render(request, "labs/screen.html", context)


def _outcome_context(call: Call) -> dict[str, Any]:
    outcome = call.outcome
    selected = set(outcome["selected"])
    most = max((p["votes"] for p in outcome["proposals"]), default=0) or 1
    rows = sorted(
        (
            {
                **p,
                "selected": p["id"] in selected,
                "percent": round(100 * p["votes"] / most),
                "euros": euros(p["cost"]),
            }
            for p in outcome["proposals"]
        ),
        key=lambda row: (-row["votes"], row["title"]),
    )
    return {"rows": rows, "explanation": selection.explain(outcome), "outcome": outcome}


# --- The team's control page ---------------------------------------------------------------------------

ACTIONS: dict[str, tuple[Callable[..., Any], Any]] = {
    "start": (selection.start_selection_vote, gettext_lazy("The vote is open.")),
    "close": (
        selection.close_selection_vote,
        gettext_lazy("The vote is closed and the rule applied."),
    ),
    "publish": (selection.publish_selection, gettext_lazy("The result is published.")),
    "confirm": (
        confirmation.confirm_selection,
        gettext_lazy("The board's decision is recorded and the authors are told."),
    ),
}


@login_required
def control(request: HttpRequest, call_id: int) -> HttpResponse:
    person = person_of(request)
    call = permissions.get_call_for_control(person, call_id)
    if request.method == "POST":
        name = request.POST.get("action", "")
        action = ACTIONS.get(name)
        if action is None:
            raise Http404
        service, done = action
        extra = {"note": request.POST.get("note", "")[:2000]} if name == "confirm" else {}
        try:
            service(call=call, by=person, **extra)
        except selection.SelectionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, str(done))
        return redirect("labs:selection", call_id=call.pk)
    poll = call.poll
    context: dict[str, Any] = {
        "call": call,
        "poll": poll,
        "is_team": is_team(person),
        "is_board": permissions.is_board(person),
        "candidates": selection.candidates(call) if poll is None else [],
        "turnout": voting_selectors.live_turnout(poll) if poll else None,
    }
    if call.outcome:
        context |= _outcome_context(call)
    return render(request, "labs/selection.html", context)


# --- The result, for everybody -------------------------------------------------------------------------


def result(request: HttpRequest, call_id: int) -> HttpResponse:
    person = request.user if isinstance(request.user, Person) else None
    call = permissions.get_call_for_result(person, call_id)
    assert call.poll is not None
    poll = call.poll
    context: dict[str, Any] = {"call": call, "poll": poll} | _outcome_context(call)
    # The outcome is public once published; the bulletin board of ballots is for the vote's
    # electorate (as GET /api/v1/polls/{id}/ballots).
    if poll.state == Poll.State.PUBLISHED and voting_permissions.may_see(person, poll):
        labels = selectors.option_labels(poll)
        context["board"] = [
            {"receipt_hash": row["receipt_hash"], "choices": [labels[c] for c in row["choices"]]}
            for row in voting_selectors.published_ballots(poll)
        ]
        # The receipt comes by POST only: never in a URL, so never in an access log or history.
        receipt = request.POST.get("receipt", "").strip() if request.method == "POST" else ""
        if receipt:
            found = voting_selectors.ballot_for_receipt(poll, receipt)
            context["receipt_checked"] = True
            context["receipt_choices"] = [labels[c] for c in found.choices] if found else None
    response = render(request, "labs/selection_result.html", context)
    if request.method == "POST":
        patch_cache_control(response, no_store=True, private=True)
    return response
