"""Write pabutools_reference.json: random approval instances and pabutools' outcomes for them.

pabutools pulls a commercial solver (gurobipy), so it is not a dependency of this project. Run
this script in a throwaway virtualenv (see README.md); the tests compare our rules with the JSON
it writes. It imports nothing from this project.
"""

import json
import random
import sys
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path

from pabutools.election import (
    ApprovalBallot,
    ApprovalProfile,
    Cost_Sat,
    Instance,
    Project,
    parse_pabulib,
)
from pabutools.fractions import frac
from pabutools.rules import (
    completion_by_rule_combination,
    exhaustion_by_budget_increase,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)
from pabutools.tiebreaking import TieBreakingRule, lexico_tie_breaking

SEED = 20250505
COUNT = 40
HERE = Path(__file__).parent
# The same order backwards: an instance whose outcome is the same under both orders is one
# where ties do not decide anything.
reverse_lexico = TieBreakingRule(lambda inst, prof, proj: [-ord(c) for c in proj.name] + [1])


def greedy(instance, profile, tie_breaking=lexico_tie_breaking):
    return greedy_utilitarian_welfare(
        instance, profile, sat_class=Cost_Sat, tie_breaking=tie_breaking
    )


def equal_shares(instance, profile, tie_breaking=lexico_tie_breaking):
    return completion_by_rule_combination(
        instance,
        profile,
        [exhaustion_by_budget_increase, greedy_utilitarian_welfare],
        [
            {
                "rule": method_of_equal_shares,
                "rule_params": {"sat_class": Cost_Sat, "tie_breaking": tie_breaking},
            },
            {"sat_class": Cost_Sat, "tie_breaking": tie_breaking},
        ],
    )


def outcomes(instance, profile):
    result = {}
    for name, rule in (("greedy", greedy), ("equal-shares", equal_shares)):
        selected = [p.name for p in rule(instance, profile)]
        reverse = [p.name for p in rule(instance, profile, reverse_lexico)]
        result[name] = selected
        result[f"{name}_tie_free"] = sorted(selected) == sorted(reverse)
    return result


def random_instance(rng, index):
    n_projects = rng.randint(3, 14)
    scale = rng.choice([1, 100, 1000, 25000])
    cents = rng.random() < 0.3
    projects = []
    for j in range(n_projects):
        cost = Decimal(rng.randint(1, 60) * scale)
        if cents:
            cost += Decimal(rng.randint(0, 99)) / 100
        projects.append({"id": f"p{j + 1}", "cost": str(cost)})
    total = sum(Decimal(p["cost"]) for p in projects)
    budget = (total * Decimal(rng.uniform(0.15, 0.9))).quantize(Decimal("1"))
    # Voters in groups (a majority and minorities) that like different projects: the case in
    # which greedy and Equal Shares part ways.
    groups = [[rng.random() ** 2 for _ in projects] for _ in range(rng.randint(1, 3))]
    sizes = [rng.random() for _ in groups]
    n_ballots = rng.randint(3, 60)
    weighted = index % 5 == 4
    ballots = []
    for _ in range(n_ballots):
        popularity = rng.choices(groups, sizes)[0]
        approved = sorted(
            p["id"] for p, q in zip(projects, popularity, strict=True) if rng.random() < q
        )
        weight = rng.randint(1, 4) if weighted else 1
        ballots.append({"approved": approved, "weight": weight})
    return {
        "name": f"random-{index:02d}",
        "projects": projects,
        "budget": str(budget),
        "ballots": ballots,
    }


def as_pabutools(instance):
    projects = {p["id"]: Project(p["id"], frac(p["cost"])) for p in instance["projects"]}
    election = Instance(projects.values(), budget_limit=frac(instance["budget"]))
    ballots = []
    for ballot in instance["ballots"]:
        # A ballot of weight w counts as w voters.
        for _ in range(ballot["weight"]):
            ballots.append(ApprovalBallot(projects[i] for i in ballot["approved"]))
    return election, ApprovalProfile(ballots, instance=election)


def main():
    rng = random.Random(SEED)
    instances = []
    for index in range(COUNT):
        instance = random_instance(rng, index)
        instance["expected"] = outcomes(*as_pabutools(instance))
        instances.append(instance)
    files = {}
    for path in sorted(HERE.glob("*.pb")):
        files[path.name] = outcomes(*parse_pabulib(str(path)))
        print(path.name, files[path.name], file=sys.stderr)
    reference = {
        "pabutools_version": version("pabutools"),
        "python": sys.version.split()[0],
        "seed": SEED,
        "script": "make_pabutools_reference.py",
        "instances": instances,
        "files": files,
    }
    # One instance per line keeps the file small and its diffs readable.
    lines = [json.dumps(item, separators=(",", ":")) for item in instances]
    text = json.dumps({**reference, "instances": []}, indent=1)
    text = text.replace('"instances": []', '"instances": [\n' + ",\n".join(lines) + "\n ]")
    (HERE / "pabutools_reference.json").write_text(text + "\n")


if __name__ == "__main__":
    main()
