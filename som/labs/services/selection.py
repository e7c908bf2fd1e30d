"""The live selection vote of a call, at its network day: start it, close it and apply the call's
rule, publish the result. The board then confirms it (som.labs.services.confirmation).

    start_selection_vote   team   a secret approval poll over the eligible proposals, opened
    close_selection_vote   team   close_poll, then the rule: proposals selected / not selected
    publish_selection      team   the result for everybody (and the bulletin board of ballots)
    close_due_selection_vote      the same close (and publish), when the poll's closing time has
                                  passed: registered with som.voting.closers
    confirm_selection      board  in som.labs.services.confirmation: a SelectionDecision, the labs, mails

The team runs the vote; only a board member confirms it (separation of duties).

The rule's outcome is stored on the call (`Call.outcome`) when the vote closes: the votes per
proposal, the budgets used, the selected proposals and the rule's steps. `explain()` turns it into
sentences in the reader's language.
"""

import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from som.accounts.models import Person
from som.core import audit
from som.core.errors import DomainError
from som.core.money import euros
from som.core.roles import require_team
from som.labs import electorate
from som.labs.models import Call, Proposal
from som.voting import closers, rules
from som.voting import services as voting
from som.voting.models import Ballot, Poll

REFERENCE_PREFIX = "proposal:"


class SelectionError(DomainError):
    """Codes: not_team, not_board, wrong_state, no_network_day, too_few_proposals."""


def _locked(call: Call) -> Call:
    return Call.objects.select_for_update().get(pk=call.pk)


def candidates(call: Call) -> list[Proposal]:
    """The proposals on the ballot: those screened eligible, in pitch order."""
    return list(
        call.proposals.filter(status=Proposal.Status.ELIGIBLE)
        .prefetch_related("budget_lines")
        .order_by("pitch_order", "title", "pk")
    )


@transaction.atomic
def start_selection_vote(*, call: Call, by: Person) -> Poll:
    """A secret approval poll over the eligible proposals, at most `max_labs` approvals each,
    open to the checked-in attendees of the call's network day."""
    require_team(by, error=SelectionError)
    call = _locked(call)
    if call.poll_id is not None:
        raise SelectionError(_("The vote of this call has already started."), "wrong_state")
    if call.status not in (Call.Status.OPEN, Call.Status.SCREENING):
        raise SelectionError(_("This call is not waiting for a vote."), "wrong_state")
    if call.deadline > timezone.now():
        raise SelectionError(_("The call is still open for proposals."), "wrong_state")
    if call.network_day_id is None:
        raise SelectionError(_("The call has no network day to vote at."), "no_network_day")
    proposals = candidates(call)
    if len(proposals) < 2:
        raise SelectionError(
            _("A vote needs at least two eligible proposals."), "too_few_proposals"
        )
    poll = voting.create_poll(
        title=_("Selection of labs: %(call)s") % {"call": call.title},
        question=_("Which lab proposals do you support?"),
        method=Poll.Method.APPROVAL,
        secrecy=Poll.Secrecy.SECRET,
        by=by,
        options=[
            voting.OptionData(
                label=p.title, description=p.summary, reference=f"{REFERENCE_PREFIX}{p.pk}"
            )
            for p in proposals
        ],
        max_choices=min(call.max_labs or len(proposals), len(proposals)),
        electorate_kind=electorate.KIND,
        electorate_reference=str(call.network_day_id),
    )
    poll = voting.open_poll(poll=poll, by=by)
    call.poll = poll
    call.status = Call.Status.VOTING
    call.save(update_fields=["poll", "status", "updated_at"])
    audit.record(actor=by, action="call.vote_started", obj=call, changes={"poll": poll.pk})
    return poll


@transaction.atomic
def close_selection_vote(*, call: Call, by: Person) -> dict[str, Any]:
    """Close the poll (its result is frozen) and apply the call's rule to its ballots, with the
    proposals' requested budgets, the call's total budget and `max_labs`."""
    require_team(by, error=SelectionError)
    call = _locked(call)
    if call.poll is None or call.status != Call.Status.VOTING:
        raise SelectionError(_("The vote of this call is not open."), "wrong_state")
    return _close_vote(call, by=by, now=timezone.now())


def close_due_selection_vote(poll: Poll, now: datetime.datetime) -> bool:
    """Registered with som.voting.closers: a selection vote past its closing time closes as the
    team's close does (the call's rule applied), and is published when the poll says so. Locks
    the call, then the poll, in the order the team's close does. False when it was closed
    meanwhile."""
    call = Call.objects.select_for_update().filter(poll_id=poll.pk).first()
    if call is None:  # a poll of this kind made by hand, outside a call
        return closers.close_plainly(poll, now)
    locked = closers.lock_if_due(poll.pk, now) if call.status == Call.Status.VOTING else None
    if locked is None:
        return False
    _close_vote(call, by=None, now=now)
    if locked.publish_on_close:
        _publish(call, by=None, now=now)
    return True


def _close_vote(call: Call, *, by: Person | None, now: datetime.datetime) -> dict[str, Any]:
    assert call.poll is not None
    try:
        voting.close_poll(poll=call.poll, by=by, now=now)
    except voting.PollError as error:
        raise SelectionError(error.message, "wrong_state") from None
    outcome = apply_rule(call)
    selected = set(outcome["selected"])
    ids = [p["id"] for p in outcome["proposals"]]
    call.proposals.filter(pk__in=selected).update(status=Proposal.Status.SELECTED)
    call.proposals.filter(pk__in=set(ids) - selected).update(status=Proposal.Status.NOT_SELECTED)
    call.outcome = outcome
    call.status = Call.Status.DECIDED
    call.save(update_fields=["outcome", "status", "updated_at"])
    audit.record(
        actor=by, action="call.vote_closed", obj=call, changes={"selected": sorted(selected)}
    )
    return outcome


def ballots_of(call: Call) -> tuple[list[rules.Project], list[rules.Ballot], dict[int, str]]:
    """The rule's input: a project per option (id = proposal pk, cost = requested budget), the
    poll's ballots as approval sets of proposal pks, and the proposals' titles."""
    assert call.poll is not None
    option_to_proposal: dict[int, int] = {}
    for option_id, reference in call.poll.options.values_list("pk", "reference"):
        option_to_proposal[option_id] = int(reference.removeprefix(REFERENCE_PREFIX))
    proposals = {
        p.pk: p
        for p in call.proposals.filter(pk__in=option_to_proposal.values()).prefetch_related(
            "budget_lines"
        )
    }
    order = list(option_to_proposal.values())
    projects = [
        rules.Project(pk, proposals[pk].requested_budget, proposals[pk].title) for pk in order
    ]
    ballots = [
        rules.Ballot(frozenset(option_to_proposal[o] for o in choices), weight)
        for choices, weight in Ballot.objects.filter(poll=call.poll).values_list(
            "choices", "weight"
        )
    ]
    return projects, ballots, {pk: proposals[pk].title for pk in order}


def apply_rule(call: Call) -> dict[str, Any]:
    """Run the call's rule on its closed poll; the JSON stored on `Call.outcome`."""
    projects, ballots, titles = ballots_of(call)
    rule = (
        rules.method_of_equal_shares
        if call.rule == Call.Rule.EQUAL_SHARES
        else rules.greedy_approval
    )
    votes = {p.id: 0 for p in projects}
    for ballot in ballots:
        for pid in ballot.approved:
            votes[pid] += int(ballot.weight)
    # A proposal nobody voted for is never selected, even when money is left: the rules as
    # published (and pabutools) would add it while completing the budget, but a lab the room
    # did not support is not what a network day's vote means (docs/decisions.md).
    outcome = rule(
        projects=[p for p in projects if votes[p.id] > 0],
        budget=call.total_budget,
        ballots=ballots,
        max_projects=call.max_labs or None,
    )
    unsupported = [
        {"phase": "votes", "proposal": p.id, "selected": False, "reason": "no_votes",
         "approvals": 0.0, "cost": _money(p.cost), "remaining": None}
        for p in projects
        if votes[p.id] == 0
    ]  # fmt: skip
    return {
        "rule": call.rule,
        "budget": _money(outcome.budget),
        "spent": _money(outcome.spent),
        "max_labs": call.max_labs,
        "min_labs": call.min_labs,
        "voters": len(ballots),
        "initial_share": _money(outcome.initial_share),
        "final_share": _money(outcome.final_share),
        "selected": list(outcome.selected),
        "proposals": [
            {"id": p.id, "title": titles[int(p.id)], "cost": _money(p.cost), "votes": votes[p.id]}
            for p in projects
        ],
        "steps": [
            {
                "phase": step.phase,
                "proposal": step.project_id,
                "selected": step.selected,
                "reason": step.reason,
                "approvals": float(step.approvals),
                "cost": _money(step.cost),
                "remaining": _money(step.remaining_budget),
            }
            for step in outcome.steps
        ]
        + unsupported,
    }


def _money(amount: Fraction | Decimal | int | None) -> str | None:
    if amount is None:
        return None
    value = Fraction(amount)
    return str((Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01")))


@transaction.atomic
def publish_selection(*, call: Call, by: Person) -> Call:
    require_team(by, error=SelectionError)
    call = _locked(call)
    if call.poll is None or call.poll.state != Poll.State.CLOSED:
        raise SelectionError(_("Only a closed vote can be published."), "wrong_state")
    _publish(call, by=by, now=timezone.now())
    return call


def _publish(call: Call, *, by: Person | None, now: datetime.datetime) -> None:
    assert call.poll is not None
    voting.publish_result(poll=call.poll, by=by, now=now)
    audit.record(actor=by, action="call.result_published", obj=call)


# --- Plain language --------------------------------------------------------------------------------


def explain(outcome: dict[str, Any]) -> list[str]:
    """Why these proposals: the rule, the budget, the number of labs and each step."""
    if not outcome:
        return []
    titles = {p["id"]: p["title"] for p in outcome["proposals"]}
    lines = [_rule_sentence(outcome)]
    if outcome["rule"] == Call.Rule.EQUAL_SHARES and outcome.get("initial_share"):
        lines.append(
            _("Each voter started with an equal share of the budget: %(share)s.")
            % {"share": euros(outcome["initial_share"])}
        )
    lines += [_step_sentence(step, titles, outcome) for step in outcome["steps"]]
    lines += _tie_sentences(outcome)
    count = len(outcome["selected"])
    lines.append(
        ngettext(
            "Selected: %(n)d lab, for %(spent)s of the %(budget)s budget.",
            "Selected: %(n)d labs, for %(spent)s of the %(budget)s budget.",
            count,
        )
        % {"n": count, "spent": euros(outcome["spent"]), "budget": euros(outcome["budget"])}
    )
    if count < outcome.get("min_labs", 0):
        lines.append(
            _("That is fewer than the %(min)d labs the call aims for: the board decides.")
            % {"min": outcome["min_labs"]}
        )
    return lines


def _tie_sentences(outcome: dict[str, Any]) -> list[str]:
    """A sentence for each group of proposals with the same votes of which some were selected
    and some not: which rule put one before the other (som.voting.rules, tie_break "cost": the
    smaller budget first, then the one listed first on the ballot) and what stopped the others."""
    selected = set(outcome["selected"])
    by_votes: dict[int, list[dict[str, Any]]] = {}
    for proposal in outcome["proposals"]:  # in the order of the ballot
        if proposal["votes"] > 0:
            by_votes.setdefault(proposal["votes"], []).append(proposal)
    steps = {step["proposal"]: step for step in outcome["steps"] if not step["selected"]}
    sentences = []
    for votes, tied in sorted(by_votes.items(), reverse=True):
        chosen = [p for p in tied if p["id"] in selected]
        if not chosen or len(chosen) == len(tied):
            continue
        then = [_why_not(steps[p["id"]], p["title"], outcome) for p in tied if p["id"] in steps]
        sentences.append(
            ngettext(
                "%(tied)s had %(votes)s each; %(chosen)s was chosen, as the call's rule says: "
                "%(rule)s.",
                "%(tied)s had %(votes)s each; %(chosen)s were chosen, as the call's rule says: "
                "%(rule)s.",
                len(chosen),
            )
            % {
                "tied": _titles([p["title"] for p in tied]),
                "votes": ngettext("%(n)d vote", "%(n)d votes", votes) % {"n": votes},
                "chosen": _titles([p["title"] for p in chosen]),
                "rule": "; ".join([_tie_rule(outcome), *then]),
            }
        )
    return sentences


def _tie_rule(outcome: dict[str, Any]) -> str:
    if outcome["rule"] == Call.Rule.EQUAL_SHARES:
        return _(
            "a proposal is chosen when its supporters can pay for it from their shares, and "
            "at the same price the one with the smaller budget goes first (at the same budget, "
            "the one listed first on the ballot)"
        )
    return _(
        "with the same votes the proposal with the smaller budget goes first (at the same "
        "budget, the one listed first on the ballot)"
    )


def _why_not(step: dict[str, Any], title: str, outcome: dict[str, Any]) -> str:
    if step["reason"] == "does_not_fit":
        return _("then “%(title)s” no longer fitted the %(left)s left") % {
            "title": title,
            "left": euros(step["remaining"]),
        }
    return ngettext(
        "then the maximum of %(max)d lab was reached",
        "then the maximum of %(max)d labs was reached",
        outcome["max_labs"],
    ) % {"max": outcome["max_labs"]}


def _titles(titles: list[str]) -> str:
    quoted = [f"“{title}”" for title in titles]
    return str(get_text_list(quoted, _("and")))


def _rule_sentence(outcome: dict[str, Any]) -> str:
    values = {"budget": euros(outcome["budget"]), "max": outcome["max_labs"]}
    if outcome["rule"] == Call.Rule.EQUAL_SHARES:
        return (
            _(
                "The rule: Method of Equal Shares. Every voter gets an equal share of the "
                "%(budget)s budget; a proposal is chosen when its supporters can pay for it "
                "together, the one that costs each supporter least first; then the shares are "
                "raised step by step, and what still fits is added by number of votes. At most "
                "%(max)d labs."
            )
            % values
        )
    return (
        _(
            "The rule: most votes first. The proposals are taken in order of votes; one that "
            "no longer fits the remaining budget is skipped; at most %(max)d labs within the "
            "%(budget)s budget."
        )
        % values
    )


def _step_sentence(step: dict[str, Any], titles: dict[int, str], outcome: dict[str, Any]) -> str:
    approvals = round(step["approvals"])
    values = {
        "title": titles.get(step["proposal"], str(step["proposal"])),
        "votes": ngettext("%(n)d vote", "%(n)d votes", approvals) % {"n": approvals},
        "cost": euros(step["cost"]),
        "left": euros(step["remaining"]),
        "max": outcome["max_labs"],
    }
    reason = step["reason"]
    if reason == "equal_shares":
        return (
            _(
                "“%(title)s” (%(votes)s, %(cost)s): selected, its supporters could pay for it "
                "from their shares; %(left)s left."
            )
            % values
        )
    if reason == "most_approvals":
        return _("“%(title)s” (%(votes)s, %(cost)s): selected; %(left)s left.") % values
    if reason == "no_votes":
        return _("“%(title)s” (%(cost)s): not selected, nobody voted for it.") % values
    if reason == "does_not_fit":
        return (
            _("“%(title)s” (%(votes)s, %(cost)s): not selected, does not fit the %(left)s left.")
            % values
        )
    return (
        _(
            "“%(title)s” (%(votes)s, %(cost)s): not selected, the maximum of %(max)d labs is reached."
        )
        % values
    )
