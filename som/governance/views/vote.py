"""The representative's phone page for the open vote and the projector page."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from som.accounts.requests import person_of
from som.governance import permissions, rules, selectors
from som.governance.models import AgendaItem, Meeting
from som.voting import electorates
from som.voting import selectors as voting_selectors
from som.voting import services as voting
from som.voting.models import Poll

# --- The representative's phone page ------------------------------------------------------------


def _open_item(meeting: Meeting) -> AgendaItem | None:
    return (
        meeting.items.filter(poll__state=Poll.State.OPEN)
        .select_related("poll", "motion_kind")
        .first()
    )


def _last_decided(meeting: Meeting) -> AgendaItem | None:
    return (
        meeting.items.exclude(outcome=AgendaItem.Outcome.PENDING)
        .exclude(outcome=AgendaItem.Outcome.INFORMATION)
        .select_related("poll", "motion_kind")
        .order_by("-decided_at", "-position")
        .first()
    )


@login_required
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows the open motion (or what there is to know); POST casts the ballot through the
    voting engine and answers "counted" at once, with a secret vote's receipt in this response
    only: it is kept nowhere on the server (not in the session, not in a URL), and the page is
    not stored by the browser's or a proxy's cache."""
    person = person_of(request)
    found = permissions.get_meeting_for_member(person, pk)
    item = _open_item(found)
    context: dict[str, Any] = {"meeting": found, "item": item, "state": "waiting"}
    if item is None or item.poll is None:
        context["last"] = _last_decided(found)
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
        context["state"] = "voted"
    else:
        eligibility = electorates.check(poll, person)
        if isinstance(eligibility, electorates.Refusal):
            context |= {"state": "refused", "reason": eligibility.reason}
        else:
            context |= {
                "state": "open",
                "weight": eligibility.weight,
                "reason": eligibility.reason,
                "options": list(poll.options.all()),
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
    item = _open_item(found)
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
        last = _last_decided(found)
        context["last"] = last
        if last is not None and last.motion_kind is not None:
            # In the reader's language, whatever language the vote was closed in.
            context["last_rule"] = rules.explain(
                rules.Rule.of(last.motion_kind), waived=selectors.is_quorum_waived(last)
            )
    return render(request, "governance/projector.html", context)
