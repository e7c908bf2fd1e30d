"""The representative's phone page for the open vote and the projector page."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from som.accounts.requests import person_of
from som.governance import permissions, rules, selectors
from som.voting import electorates
from som.voting import selectors as voting_selectors
from som.voting import services as voting
from som.voting.models import Poll, PollOption

# --- The representative's phone page ------------------------------------------------------------


class PhoneState(StrEnum):
    """What the phone page shows (also its `data-state`)."""

    WAITING = "waiting"  # no vote is open
    VOTED = "voted"
    REFUSED = "refused"  # may not vote on this motion
    OPEN = "open"  # may vote now

    @property
    def is_waiting(self) -> bool:
        return self is PhoneState.WAITING

    @property
    def is_voted(self) -> bool:
        return self is PhoneState.VOTED

    @property
    def is_refused(self) -> bool:
        return self is PhoneState.REFUSED

    @property
    def is_open(self) -> bool:
        return self is PhoneState.OPEN


@dataclass(frozen=True)
class BallotChoice:
    """An option on the phone page, its label in the reader's language."""

    pk: int
    label: str


def _choice(option: PollOption) -> BallotChoice:
    fixed = {"yes": _("Yes"), "no": _("No"), "abstain": _("Abstain")}
    return BallotChoice(option.pk, fixed.get(option.reference, option.label))


@login_required
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows the open motion (or what there is to know); POST casts the ballot through the
    voting engine and answers "counted" at once, with a secret vote's receipt in this response
    only: it is kept nowhere on the server (not in the session, not in a URL), and the page is
    not stored by the browser's or a proxy's cache."""
    person = person_of(request)
    found = permissions.get_meeting_for_member(person, pk)
    item = selectors.open_item(found)
    context: dict[str, Any] = {"meeting": found, "item": item, "state": PhoneState.WAITING}
    if item is None or item.poll is None:
        context["last"] = selectors.last_decided(found)
        return render(request, "governance/vote.html", context)
    poll = item.poll
    status = 200
    if request.method == "POST":
        sent = voting.cast_from_form(
            poll=poll.pk, voter=person, values=request.POST.getlist("choice")
        )
        status = sent.status
        if sent.error is not None:
            context |= {"error": sent.error.message, "error_code": sent.error.code}
        else:
            assert sent.receipt is not None
            context |= {"counted": True, "receipt": sent.receipt.receipt}
    assert item.motion_kind is not None
    context["rule"] = rules.explain(
        rules.Rule.of(item.motion_kind), waived=selectors.is_quorum_waived(item)
    )
    if voting_selectors.has_voted(poll, person) or context.get("error_code") == "already_voted":
        context["state"] = PhoneState.VOTED
    else:
        eligibility = electorates.check(poll, person)
        if isinstance(eligibility, electorates.Refusal):
            context |= {"state": PhoneState.REFUSED, "reason": eligibility.reason}
        else:
            context |= {
                "state": PhoneState.OPEN,
                "weight": eligibility.weight,
                "reason": eligibility.reason,
                "options": [_choice(option) for option in selectors.ballot_options(poll)],
                "is_election": poll.method == Poll.Method.ELECTION,
            }
    response = render(request, "governance/vote.html", context, status=status)
    if context.get("counted"):
        patch_cache_control(response, no_store=True, private=True)
    return response


# --- The projector ------------------------------------------------------------------------------


@login_required
def projector(request: HttpRequest, pk: int) -> HttpResponse:
    """The open motion with the turnout, else the last decision: the result, the rule in plain
    words, passed or not. It follows the meeting by itself (static/js/screen.js)."""
    found = permissions.get_meeting_for_member(person_of(request), pk)
    item = selectors.open_item(found)
    context: dict[str, Any] = {"meeting": found, "item": item}
    if item is not None and item.poll is not None:
        assert item.motion_kind is not None
        context |= {
            "turnout": voting_selectors.live_turnout(item.poll),
            "rule": rules.explain(
                rules.Rule.of(item.motion_kind), waived=selectors.is_quorum_waived(item)
            ),
        }
    else:
        last = selectors.last_decided(found)
        context["last"] = last
        if last is not None and last.motion_kind is not None:
            # In the reader's language, whatever language the vote was closed in.
            context["last_rule"] = rules.explain(
                rules.Rule.of(last.motion_kind), waived=selectors.is_quorum_waived(last)
            )
    return render(request, "governance/projector.html", context)
