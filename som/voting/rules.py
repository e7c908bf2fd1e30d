"""Selection rules for a call: greedy approval and the Method of Equal Shares.

Pure functions, no Django. Both rules take the same input: the projects (an id and a cost in
euros), the budget, the approval ballots (each a set of project ids with a weight, default 1)
and an optional maximum number of projects; both return an `Outcome` with the selected ids in
selection order and one `Step` per decision, so the result can be explained in plain language.

`greedy_approval` takes the projects by (weighted) number of approvals, skipping what no longer
fits the remaining budget. `method_of_equal_shares` (Peters & Skowron) gives every voter an
equal share of the budget; a project is bought when its supporters can pay for it, cheapest
price per unit of satisfaction (rho) first, with cost satisfaction (a voter's satisfaction is the
cost of the approved projects). It is completed by raising the voters' shares in steps of 1% of
the budget ("add-one") while the result still fits the real budget, and then greedily.

Without a maximum, the results are exactly those of pabutools (the reference implementation):
`greedy_utilitarian_welfare(sat_class=Cost_Sat)` and `completion_by_rule_combination` of
`exhaustion_by_budget_increase(rule=method_of_equal_shares, sat_class=Cost_Sat)` followed by
`greedy_utilitarian_welfare(sat_class=Cost_Sat)`, including their quirks: the greedy step also
takes projects nobody approved, last, if they still fit; a project costing nothing counts as
having no approvals; the budget increase runs until the total voter budget reaches
budget * (total weight + 1). A ballot of weight w counts as w voters. Arithmetic is exact
(`fractions.Fraction`).

Ties (equal approvals in the greedy rule, equal rho in Equal Shares) are broken by a fixed order
of the projects, chosen with `tie_break`:

- ``"cost"`` (default): the cheaper project first, then the one given earlier in `projects`;
- ``"name"``: the project whose id, as text, comes first (``"10"`` before ``"9"``) — the
  lexicographic tie-breaking of pabutools, for comparisons with it.

With a maximum number of projects, both rules stop selecting when it is reached; for Equal
Shares a result with the maximum number of projects also counts as complete in the add-one
step. pabutools has no such maximum.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from typing import Literal, TypeAlias

ProjectId: TypeAlias = str | int
Amount: TypeAlias = int | Decimal | Fraction
TieBreak: TypeAlias = Literal["cost", "name"]
Phase: TypeAlias = Literal["greedy", "equal_shares", "completion"]
Reason: TypeAlias = Literal["most_approvals", "does_not_fit", "max_projects", "equal_shares"]
Verdict: TypeAlias = Literal["exhaustive", "over_budget", "increase", "bound_reached"]


@dataclass(frozen=True)
class Project:
    id: ProjectId
    cost: Amount
    name: str = ""


@dataclass(frozen=True)
class Ballot:
    approved: AbstractSet[ProjectId]
    weight: Amount = 1
    voter_id: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "approved", frozenset(self.approved))


@dataclass(frozen=True)
class Step:
    """One decision: a project selected or skipped, and why."""

    phase: Phase
    project_id: ProjectId
    selected: bool
    reason: Reason
    approvals: Fraction
    cost: Fraction
    remaining_budget: Fraction
    rho: Fraction | None = None  # Equal Shares: price per euro of satisfaction
    payment: Fraction | None = None  # Equal Shares: rho * cost, what a supporter pays at most

    def describe(self) -> str:
        approvals = "1 approval" if self.approvals == 1 else f"{_number(self.approvals)} approvals"
        head = f"{self.project_id} ({euros(self.cost)}, {approvals})"
        if self.reason == "most_approvals":
            return f"{head}: selected, most approvals that still fits; {euros(self.remaining_budget)} left"
        if self.reason == "does_not_fit":
            return (
                f"{head}: skipped, does not fit the remaining budget {euros(self.remaining_budget)}"
            )
        if self.reason == "max_projects":
            return f"{head}: skipped, maximum number of labs reached"
        assert self.rho is not None and self.payment is not None
        return (
            f"{head}: selected, its supporters can pay it from their shares at "
            f"ρ = {float(self.rho):.6g}, each paying at most {euros(self.payment)}"
        )


@dataclass(frozen=True)
class BudgetRound:
    """One run of Equal Shares in the add-one completion, with the verdict on its result."""

    total_budget: Fraction  # the virtual budget shared among the voters
    share: Fraction  # each voter's share per unit of weight
    selected: tuple[ProjectId, ...]
    cost: Fraction
    verdict: Verdict


@dataclass(frozen=True)
class Outcome:
    rule: Literal["greedy", "equal-shares"]
    selected: tuple[ProjectId, ...]
    steps: tuple[Step, ...]
    budget: Fraction
    spent: Fraction
    initial_share: Fraction | None = None  # Equal Shares: budget / total weight
    final_share: Fraction | None = None  # Equal Shares: the share after the add-one increases
    rounds: tuple[BudgetRound, ...] = field(default=())

    def explain(self) -> list[str]:
        lines: list[str] = []
        if self.initial_share is not None and self.final_share is not None:
            lines.append(f"Each voter's equal share of the budget: {euros(self.initial_share)}")
            if self.final_share != self.initial_share:
                lines.append(
                    f"Shares raised step by step (1% of the budget each time) to "
                    f"{euros(self.final_share)}, {_STOPPED[self.rounds[-1].verdict]}"
                )
        lines.extend(step.describe() for step in self.steps)
        lines.append(f"Spent {euros(self.spent)} of {euros(self.budget)}")
        return lines


def greedy_approval(
    *,
    projects: Sequence[Project],
    budget: Amount,
    ballots: Iterable[Ballot],
    max_projects: int | None = None,
    tie_break: TieBreak = "cost",
) -> Outcome:
    """Most approvals first, skipping what no longer fits, until `max_projects`."""
    election = _Election(projects, budget, ballots, tie_break)
    steps = _greedy_steps(election, [], max_projects, "greedy")
    return _outcome("greedy", election, steps)


def method_of_equal_shares(
    *,
    projects: Sequence[Project],
    budget: Amount,
    ballots: Iterable[Ballot],
    max_projects: int | None = None,
    tie_break: TieBreak = "cost",
) -> Outcome:
    """Equal Shares with cost satisfaction, completed by add-one and then greedily."""
    election = _Election(projects, budget, ballots, tie_break)
    steps, rounds = _add_one(election, max_projects)
    chosen = [step.project_id for step in steps]
    if not election.is_exhaustive(chosen, max_projects):
        steps += _greedy_steps(election, chosen, max_projects, "completion")
    initial_share = final_share = None
    if election.total_weight:
        initial_share = election.budget / election.total_weight
        final_share = initial_share
        kept = [r for r in rounds if r.verdict != "over_budget"]
        if kept:
            final_share = kept[-1].share
    return _outcome("equal-shares", election, steps, initial_share, final_share, rounds)


_STOPPED: dict[Verdict, str] = {
    "exhaustive": "where no other project fits the budget any more",
    "over_budget": "as one step more would select more than the budget allows",
    "bound_reached": "the most the add-one rule allows",
    "increase": "",
}


def euros(amount: Fraction) -> str:
    """The explanation's plain-text amount ("€1,234.50"): the English text of a pure module (no
    Django, no active language) that the pb_outcome command prints next to pabutools' results.
    Not an amount shown to members: pages, mails and PDFs use som.core.money.euros."""
    cents = (Decimal(amount.numerator) / Decimal(amount.denominator)).quantize(Decimal("0.01"))
    return f"€{cents:,}"


def _number(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):.4g}"


class _Election:
    def __init__(
        self,
        projects: Sequence[Project],
        budget: Amount,
        ballots: Iterable[Ballot],
        tie_break: TieBreak,
    ) -> None:
        self.budget = Fraction(budget)
        if self.budget < 0:
            raise ValueError("The budget cannot be negative.")
        self.costs: dict[ProjectId, Fraction] = {}
        for project in projects:
            if project.id in self.costs:
                raise ValueError(f"Project {project.id!r} appears twice.")
            self.costs[project.id] = Fraction(project.cost)
            if self.costs[project.id] < 0:
                raise ValueError(f"Project {project.id!r} has a negative cost.")
        # Voters with the same ballot pay the same at every step: one voter with their weights.
        weights: dict[frozenset[ProjectId], Fraction] = {}
        self.approvals = dict.fromkeys(self.costs, Fraction(0))
        for ballot in ballots:
            weight = Fraction(ballot.weight)
            if weight <= 0:
                raise ValueError("A ballot's weight must be positive.")
            unknown = set(ballot.approved) - self.costs.keys()
            if unknown:
                raise ValueError(f"A ballot approves unknown projects: {sorted(map(str, unknown))}")
            approved = frozenset(ballot.approved)
            weights[approved] = weights.get(approved, Fraction(0)) + weight
            for project_id in approved:
                self.approvals[project_id] += weight
        self.voters = [(weight, approved) for approved, weight in weights.items()]
        self.total_weight = sum((weight for weight, _ in self.voters), Fraction(0))
        self.supporters = {
            pid: [i for i, (_, approved) in enumerate(self.voters) if pid in approved]
            for pid in self.costs
            if self.greedy_score(pid) > 0
        }
        ids = list(self.costs)
        if tie_break == "cost":
            ordered = sorted(ids, key=lambda pid: (self.costs[pid], ids.index(pid)))
        else:
            ordered = sorted(ids, key=str)
        self.rank = {pid: position for position, pid in enumerate(ordered)}

    def cost_of(self, chosen: Iterable[ProjectId]) -> Fraction:
        return sum((self.costs[pid] for pid in chosen), Fraction(0))

    def is_exhaustive(self, chosen: Sequence[ProjectId], max_projects: int | None) -> bool:
        if max_projects is not None and len(chosen) >= max_projects:
            return True
        left = self.budget - self.cost_of(chosen)
        return all(pid in chosen or cost > left for pid, cost in self.costs.items())

    def greedy_score(self, project_id: ProjectId) -> Fraction:
        # Cost satisfaction per euro: the approvals, but nothing for a project that costs nothing.
        return self.approvals[project_id] if self.costs[project_id] > 0 else Fraction(0)


def _greedy_steps(
    election: _Election, chosen: list[ProjectId], max_projects: int | None, phase: Phase
) -> list[Step]:
    steps: list[Step] = []
    chosen = list(chosen)
    remaining = election.budget - election.cost_of(chosen)
    candidates = [pid for pid in election.costs if pid not in chosen]
    candidates.sort(key=lambda pid: (-election.greedy_score(pid), election.rank[pid]))
    for pid in candidates:
        cost = election.costs[pid]
        reason: Reason
        if max_projects is not None and len(chosen) >= max_projects:
            reason = "max_projects"
        elif cost <= remaining:
            reason = "most_approvals"
            remaining -= cost
            chosen.append(pid)
        else:
            reason = "does_not_fit"
        selected = reason == "most_approvals"
        approvals = election.approvals[pid]
        steps.append(Step(phase, pid, selected, reason, approvals, cost, remaining))
    return steps


def _add_one(
    election: _Election, max_projects: int | None
) -> tuple[list[Step], tuple[BudgetRound, ...]]:
    """Run Equal Shares with the budget raised by 1% at a time, as pabutools'
    `exhaustion_by_budget_increase`: stop at the first result that is exhaustive, or keep the
    previous result as soon as one no longer fits the real budget."""
    if election.total_weight == 0:
        return [], ()
    increment = election.budget / 100
    bound = election.budget * (election.total_weight + 1)
    candidates = {pid for pid in election.costs if election.greedy_score(pid) > 0}
    all_fit = election.cost_of(candidates) <= election.budget
    rounds: list[BudgetRound] = []
    previous: list[Step] = []
    virtual_budget = election.budget
    while virtual_budget <= bound:
        steps = _equal_shares(election, virtual_budget, max_projects)
        chosen = [step.project_id for step in steps]
        cost = election.cost_of(chosen)
        verdict: Verdict = "increase"
        if cost > election.budget:
            verdict = "over_budget"
        elif election.is_exhaustive(chosen, max_projects):
            verdict = "exhaustive"
        share = virtual_budget / election.total_weight
        rounds.append(BudgetRound(virtual_budget, share, tuple(chosen), cost, verdict))
        if verdict == "over_budget":
            return previous, tuple(rounds)
        if verdict == "exhaustive" or increment == 0:
            return steps, tuple(rounds)
        previous = steps
        if all_fit and set(chosen) == candidates:
            # Every approved project is bought and together they fit: no later result can be
            # exhaustive or too expensive, so only the last run before the bound counts.
            last = virtual_budget + math.floor((bound - virtual_budget) / increment) * increment
            if last > virtual_budget:
                virtual_budget = last
                continue
        virtual_budget += increment
    rounds[-1] = replace(rounds[-1], verdict="bound_reached")
    return previous, tuple(rounds)


def _equal_shares(
    election: _Election, virtual_budget: Fraction, max_projects: int | None
) -> list[Step]:
    share = virtual_budget / election.total_weight
    money = [share for _ in election.voters]
    supporters = {pid: list(voters) for pid, voters in election.supporters.items()}
    steps: list[Step] = []
    left = election.budget
    while supporters and (max_projects is None or len(steps) < max_projects):
        best: tuple[Fraction, int, ProjectId] | None = None
        for pid, voters in list(supporters.items()):
            cost = election.costs[pid]
            if sum(election.voters[i][0] * money[i] for i in voters) < cost:
                del supporters[pid]  # budgets only shrink: it stays unaffordable
                continue
            rho = _rho(election, money, voters, cost)
            if best is None or (rho, election.rank[pid]) < best[:2]:
                best = (rho, election.rank[pid], pid)
        if best is None:
            break
        rho, _, pid = best
        cost = election.costs[pid]
        for i in supporters.pop(pid):
            money[i] -= min(money[i], rho * cost)
        left -= cost
        approvals = election.approvals[pid]
        steps.append(
            Step("equal_shares", pid, True, "equal_shares", approvals, cost, left, rho, rho * cost)
        )
    return steps


def _rho(election: _Election, money: list[Fraction], voters: list[int], cost: Fraction) -> Fraction:
    """The smallest rho at which the supporters pay `cost`, each min(their money, rho * cost)."""
    paid_in_full = Fraction(0)
    satisfaction = sum((election.voters[i][0] for i in voters), Fraction(0)) * cost
    for i in sorted(voters, key=lambda i: money[i]):
        rho = (cost - paid_in_full) / satisfaction
        if rho * cost <= money[i]:
            return rho
        weight = election.voters[i][0]
        paid_in_full += weight * money[i]
        satisfaction -= weight * cost
    raise AssertionError("unreachable: the supporters can afford the project")


def _outcome(
    rule: Literal["greedy", "equal-shares"],
    election: _Election,
    steps: list[Step],
    initial_share: Fraction | None = None,
    final_share: Fraction | None = None,
    rounds: tuple[BudgetRound, ...] = (),
) -> Outcome:
    selected = tuple(step.project_id for step in steps if step.selected)
    spent = election.cost_of(selected)
    return Outcome(
        rule, selected, tuple(steps), election.budget, spent, initial_share, final_share, rounds
    )
