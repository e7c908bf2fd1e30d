"""A tie is explained in a sentence (issue 16): "X and Y had 1 vote each; X was chosen, as the
call's rule says: ...". explain() reads the outcome the close stores on the call."""

from django.utils import translation

from som.labs.services.selection import explain


def outcome(rule: str, *, y_cost: str, steps: list[dict], selected: list[int]) -> dict:
    return {
        "rule": rule,
        "budget": "1000.00",
        "spent": "500.00",
        "max_labs": 1,
        "min_labs": 1,
        "voters": 2,
        "initial_share": "500.00" if rule == "equal_shares" else None,
        "final_share": None,
        "selected": selected,
        "proposals": [
            {"id": 1, "title": "Xenia", "cost": "500.00", "votes": 1},
            {"id": 2, "title": "Yvo", "cost": y_cost, "votes": 1},
        ],
        "steps": steps,
    }


def step(proposal: int, selected: bool, reason: str, remaining: str = "500.00") -> dict:
    return {
        "phase": "greedy",
        "proposal": proposal,
        "selected": selected,
        "reason": reason,
        "approvals": 1.0,
        "cost": "500.00",
        "remaining": remaining,
    }


def test_a_tie_under_the_most_votes_rule_says_who_was_chosen_and_why():
    tied = outcome(
        "greedy",
        y_cost="600.00",
        steps=[step(1, True, "most_approvals"), step(2, False, "max_projects")],
        selected=[1],
    )
    with translation.override("en"):
        lines = explain(tied)
    assert (
        "“Xenia” and “Yvo” had 1 vote each; “Xenia” was chosen, as the call's rule says: with "
        "the same votes the proposal with the smaller budget goes first (at the same budget, the "
        "one listed first on the ballot); then the maximum of 1 lab was reached." in lines
    )


def test_a_tie_that_money_decided_says_the_other_no_longer_fitted():
    tied = outcome(
        "greedy",
        y_cost="500.00",
        steps=[step(1, True, "most_approvals"), step(2, False, "does_not_fit", "400.00")],
        selected=[1],
    )
    with translation.override("en"):
        text = " ".join(explain(tied))
    assert "then “Yvo” no longer fitted the €\xa0400.00 left." in text


def test_no_tie_sentence_when_both_or_neither_were_chosen():
    both = outcome("greedy", y_cost="500.00", steps=[], selected=[1, 2])
    with translation.override("en"):
        assert not any("each;" in line for line in explain(both))


def test_a_tie_under_equal_shares_names_that_rule():
    tied = outcome("equal_shares", y_cost="600.00", steps=[], selected=[1])
    with translation.override("en"):
        text = " ".join(explain(tied))
    assert (
        "had 1 vote each; “Xenia” was chosen, as the call's rule says: a proposal is chosen" in text
    )
