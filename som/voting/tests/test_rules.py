"""The selection rules: hand-made cases with known answers, and pabutools' answers.

pabutools is not installed here (it pulls a commercial solver): its outcomes for 40 random
instances and the real pabulib files in data/ are stored in data/pabutools_reference.json by
data/make_pabutools_reference.py (see data/README.md). No database needed.
"""

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from som.voting.pabulib import read_pb
from som.voting.rules import Ballot, Project, greedy_approval, method_of_equal_shares

DATA = Path(__file__).parent / "data"
REFERENCE = json.loads((DATA / "pabutools_reference.json").read_text())
RULES = {"greedy": greedy_approval, "equal-shares": method_of_equal_shares}


def ballots(*groups: tuple[int, set[str]]) -> list[Ballot]:
    return [Ballot(frozenset(approved)) for count, approved in groups for _ in range(count)]


def majority_and_minority() -> dict:
    """60 voters want the A projects, 40 the B projects; money for three."""
    projects = [Project(f"{side}{i}", 100) for side in "AB" for i in (1, 2, 3)]
    votes = ballots((60, {"A1", "A2", "A3"}), (40, {"B1", "B2", "B3"}))
    return {"projects": projects, "budget": 300, "ballots": votes}


def test_greedy_skips_what_no_longer_fits_and_takes_the_next():
    outcome = greedy_approval(
        projects=[Project("a", 60), Project("b", 50), Project("c", 40)],
        budget=100,
        ballots=ballots((4, {"a", "b", "c"}), (1, {"a", "b"}), (1, {"a"})),
    )
    assert outcome.selected == ("a", "c")
    assert [(s.project_id, s.reason) for s in outcome.steps] == [
        ("a", "most_approvals"),
        ("b", "does_not_fit"),
        ("c", "most_approvals"),
    ]
    assert outcome.steps[1].remaining_budget == 40
    assert "does not fit the remaining budget €40.00" in outcome.steps[1].describe()
    assert outcome.spent == 100


def test_the_majority_takes_everything_with_greedy_but_not_with_equal_shares():
    assert greedy_approval(**majority_and_minority()).selected == ("A1", "A2", "A3")
    assert method_of_equal_shares(**majority_and_minority()).selected == ("A1", "A2", "B1")


def test_equal_shares_explains_shares_prices_and_budget_increases():
    outcome = method_of_equal_shares(**majority_and_minority())
    assert outcome.initial_share == 3  # €300 for 100 voters
    # With €3 each the majority buys one A project only (60 x 3 = 180); raising the shares by
    # 1% of the budget (€0.03 a voter) twelve times lets it buy a second one.
    assert outcome.final_share == Fraction("3.36")
    assert [r.verdict for r in outcome.rounds] == ["increase"] * 12 + ["exhaustive"]
    assert outcome.rounds[0].selected == ("A1", "B1")
    first, _, minority = outcome.steps
    assert first.rho == Fraction(1, 60) and first.payment == Fraction(5, 3)
    assert minority.rho == Fraction(1, 40) and minority.payment == Fraction(5, 2)
    text = "\n".join(outcome.explain())
    assert "Each voter's equal share of the budget: €3.00" in text
    assert "to €3.36, where no other project fits the budget any more" in text
    assert "each paying at most €2.50" in text


def test_equal_shares_is_completed_greedily_when_raising_shares_overshoots():
    outcome = method_of_equal_shares(
        projects=[Project("A", 60), Project("B", 50), Project("C", 30)],
        budget=100,
        ballots=ballots((6, {"A"}), (3, {"B"}), (1, {"C"})),
    )
    # With €16.70 each, B's three supporters could pay for it too: €110 in all, too much. So
    # Equal Shares keeps A (bought at €16.60), and the greedy rule adds what still fits.
    assert outcome.final_share == Fraction("16.6")
    assert outcome.rounds[-1].verdict == "over_budget"
    assert outcome.rounds[-1].selected == ("A", "B")
    assert [(s.project_id, s.phase, s.reason) for s in outcome.steps] == [
        ("A", "equal_shares", "equal_shares"),
        ("B", "completion", "does_not_fit"),
        ("C", "completion", "most_approvals"),
    ]
    assert outcome.selected == ("A", "C")
    assert "one step more would select more than the budget allows" in outcome.explain()[1]


def test_a_weighted_ballot_counts_as_that_many_voters():
    projects = [Project("x", 40), Project("y", 40), Project("z", 30)]
    weighted = [Ballot({"x"}, weight=3), Ballot({"y", "z"}), Ballot({"y"}), Ballot({"z"})]
    repeated = ballots((3, {"x"}), (1, {"y", "z"}), (1, {"y"}), (1, {"z"}))
    for rule in RULES.values():
        one = rule(projects=projects, budget=70, ballots=weighted)
        other = rule(projects=projects, budget=70, ballots=repeated)
        assert one.selected == other.selected
    assert greedy_approval(projects=projects, budget=70, ballots=weighted).selected == ("x", "z")


def test_greedy_stops_at_the_maximum_number_of_labs():
    outcome = greedy_approval(
        projects=[Project(n, 10) for n in "abcd"],
        budget=100,
        ballots=ballots((4, {"a"}), (3, {"b"}), (2, {"c"}), (1, {"d"})),
        max_projects=2,
    )
    assert outcome.selected == ("a", "b")
    assert [s.reason for s in outcome.steps[2:]] == ["max_projects", "max_projects"]
    assert outcome.steps[2].describe().endswith("maximum number of labs reached")


def test_equal_shares_stops_at_the_maximum_number_of_labs():
    outcome = method_of_equal_shares(**majority_and_minority(), max_projects=2)
    assert outcome.selected == ("A1", "B1")


def test_ties_go_to_the_cheaper_project_then_to_the_order_given():
    projects = [Project("first", 50), Project("second", 50), Project("cheap", 40)]
    votes = ballots((2, {"first", "second", "cheap"}))
    outcome = greedy_approval(projects=projects, budget=90, ballots=votes)
    assert outcome.selected == ("cheap", "first")
    outcome = method_of_equal_shares(projects=projects, budget=90, ballots=votes)
    assert outcome.selected == ("cheap", "first")


def test_name_ties_order_ids_as_text_like_pabutools():
    projects = [Project("9", 50), Project("10", 50)]
    votes = ballots((2, {"9", "10"}))
    assert greedy_approval(projects=projects, budget=50, ballots=votes).selected == ("9",)
    by_name = greedy_approval(projects=projects, budget=50, ballots=votes, tie_break="name")
    assert by_name.selected == ("10",)


def test_a_project_nobody_approved_is_taken_last_if_it_fits_as_pabutools_does():
    outcome = greedy_approval(
        projects=[Project("liked", 50), Project("unloved", 10)],
        budget=100,
        ballots=ballots((3, {"liked"})),
    )
    assert outcome.selected == ("liked", "unloved")


def test_without_ballots_equal_shares_falls_back_to_greedy():
    outcome = method_of_equal_shares(projects=[Project("a", 10)], budget=10, ballots=[])
    assert outcome.selected == ("a",)
    assert outcome.initial_share is None


def test_amounts_may_be_decimal_euros():
    outcome = greedy_approval(
        projects=[Project("a", Decimal("33.34")), Project("b", Decimal("66.66"))],
        budget=Decimal("100.00"),
        ballots=ballots((1, {"a", "b"})),
    )
    assert outcome.selected == ("a", "b")
    assert outcome.spent == 100


@pytest.mark.parametrize(
    ("projects", "votes", "message"),
    [
        ([Project("a", 1)], [Ballot({"b"})], "unknown projects"),
        ([Project("a", 1), Project("a", 2)], [], "appears twice"),
        ([Project("a", 1)], [Ballot({"a"}, weight=0)], "weight must be positive"),
        ([Project("a", -1)], [], "negative cost"),
    ],
)
def test_bad_input_is_refused(projects, votes, message):
    with pytest.raises(ValueError, match=message):
        greedy_approval(projects=projects, budget=10, ballots=votes)


def _random_instance(item: dict) -> dict:
    return {
        "projects": [Project(p["id"], Decimal(p["cost"])) for p in item["projects"]],
        "budget": Decimal(item["budget"]),
        "ballots": [Ballot(frozenset(b["approved"]), b["weight"]) for b in item["ballots"]],
    }


CASES = [
    pytest.param(item, rule, id=f"{item['name']}-{rule}")
    for item in REFERENCE["instances"]
    for rule in RULES
]


@pytest.mark.parametrize(("item", "rule"), CASES)
def test_random_instances_give_what_pabutools_gives(item, rule):
    instance = _random_instance(item)
    expected = item["expected"][rule]
    # With pabutools' tie-breaking the outcome is the same, in the same order, ties or not.
    assert list(RULES[rule](**instance, tie_break="name").selected) == expected
    if item["expected"][f"{rule}_tie_free"]:
        assert sorted(RULES[rule](**instance).selected) == sorted(expected)


def test_the_reference_covers_enough_instances_where_the_rules_differ():
    instances = REFERENCE["instances"]
    assert len(instances) >= 30
    tie_free = [i for i in instances if i["expected"]["equal-shares_tie_free"]]
    assert len(tie_free) >= 30
    assert sum(i["expected"]["greedy"] != i["expected"]["equal-shares"] for i in instances) >= 10


@pytest.mark.parametrize("name", sorted(REFERENCE["files"]))
@pytest.mark.parametrize("rule", sorted(RULES))
def test_real_pabulib_files_give_what_pabutools_gives(name, rule):
    instance = read_pb(DATA / name)
    outcome = RULES[rule](
        projects=instance.projects, budget=instance.budget, ballots=instance.ballots
    )
    assert list(outcome.selected) == REFERENCE["files"][name][rule]
