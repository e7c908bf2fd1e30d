"""Read and write pabulib `.pb` files, the research standard for participatory-budgeting data.

A `.pb` file has three sections, META, PROJECTS and VOTES, each a title line, a header line and
';'-separated rows (quoted as in CSV). We read approval instances only (vote_type `approval`,
or `choose-1`, which is an approval ballot of one project) and refuse the others. Besides the
standard columns we read and write an optional `weight` column in VOTES (our extension, for
weighted electorates; other tools ignore it, so they count such a ballot once).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

from django.conf import settings

from som.voting.rules import Amount, Ballot, Project

APPROVAL_TYPES = ("approval", "choose-1")
SECTIONS = ("meta", "projects", "votes")


class PabulibError(ValueError):
    """The file is not a pabulib approval instance we can read; the message says why."""


@dataclass(frozen=True)
class PbInstance:
    meta: dict[str, str]
    projects: tuple[Project, ...]
    budget: Decimal
    ballots: tuple[Ballot, ...]


def read_pb(path: str | Path) -> PbInstance:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return parse_pb(handle.read())


def parse_pb(text: str) -> PbInstance:
    sections = _sections(text)
    _require(sections, "meta")
    meta = {row[0]: row[1] if len(row) > 1 else "" for row in sections["meta"][1:] if row}
    vote_type = meta.get("vote_type", "").lower()
    if vote_type not in APPROVAL_TYPES:
        found = f"vote_type '{vote_type}'" if vote_type else "no vote_type"
        raise PabulibError(
            f"This file has {found}; only approval instances (vote_type approval or choose-1) "
            "can be read."
        )
    _require(sections, "projects", "votes")
    if "budget" not in meta:
        raise PabulibError("The META section has no budget.")
    projects = _projects(sections["projects"])
    known = {str(project.id) for project in projects}
    ballots = _ballots(sections["votes"], known)
    return PbInstance(meta, projects, _amount(meta["budget"], "budget"), ballots)


def write_pb(
    *,
    projects: Sequence[Project],
    budget: Amount,
    ballots: Iterable[Ballot],
    meta: Mapping[str, str] | None = None,
) -> str:
    """The `.pb` text for an approval vote. Voter ids come from the ballots (numbered from 1
    where they have none): pass ballots without voter ids for a secret poll."""
    ballots = list(ballots)
    approvals = {str(p.id): 0 for p in projects}
    for ballot in ballots:
        for project_id in ballot.approved:
            approvals[str(project_id)] += 1
    header = {
        "description": f"Selection of labs, {settings.SOM_NETWORK_NAME}",
        "country": "Belgium",
        "unit": settings.SOM_NETWORK_NAME,
        "instance": "",
        "num_projects": str(len(projects)),
        "num_votes": str(len(ballots)),
        "budget": format_amount(budget),
        "vote_type": "approval",
        "rule": "unknown",
        "date_begin": "",
        "date_end": "",
        "currency": "EUR",
    }
    header.update({key: value for key, value in (meta or {}).items() if key not in _COUNTED})
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerows([["META"], ["key", "value"], *header.items()])
    writer.writerows([["PROJECTS"], ["project_id", "cost", "votes", "name"]])
    writer.writerows(
        [str(p.id), format_amount(p.cost), approvals[str(p.id)], p.name] for p in projects
    )
    weighted = any(Fraction(ballot.weight) != 1 for ballot in ballots)
    writer.writerows([["VOTES"], ["voter_id", "vote", *(["weight"] if weighted else [])]])
    for number, ballot in enumerate(ballots, start=1):
        vote = ",".join(sorted(map(str, ballot.approved), key=_natural))
        weight = [format_amount(ballot.weight)] if weighted else []
        writer.writerow([ballot.voter_id or str(number), vote, *weight])
    return out.getvalue()


def format_amount(amount: Amount) -> str:
    """An amount as a plain decimal number; refuses fractions that have no finite decimal form."""
    if isinstance(amount, Fraction):
        exact = Decimal(amount.numerator) / Decimal(amount.denominator)
        if Fraction(exact) != amount:
            raise ValueError(f"{amount} has no exact decimal form.")
        amount = exact
    text = format(Decimal(amount), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


_COUNTED = {"num_projects", "num_votes", "budget", "vote_type"}


def _sections(text: str) -> dict[str, list[list[str]]]:
    sections: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(cells) == 1 and cells[0].lower() in SECTIONS:
            current = sections.setdefault(cells[0].lower(), [])
            continue
        if current is None:
            raise PabulibError("The file does not start with a META, PROJECTS or VOTES section.")
        current.append(cells)
    return sections


def _require(sections: dict[str, list[list[str]]], *names: str) -> None:
    missing = [name.upper() for name in names if not sections.get(name)]
    if missing:
        raise PabulibError(f"The file has no {' or '.join(missing)} section.")


def _projects(rows: list[list[str]]) -> tuple[Project, ...]:
    header = [name.lower() for name in rows[0]]
    if "cost" not in header:
        raise PabulibError("The PROJECTS section has no cost column.")
    id_column = header.index("project_id") if "project_id" in header else 0
    cost_column = header.index("cost")
    name_column = header.index("name") if "name" in header else None
    projects: list[Project] = []
    seen: set[str] = set()
    for row in rows[1:]:
        if len(row) <= max(id_column, cost_column):
            raise PabulibError(f"A PROJECTS row has too few columns: {';'.join(row)}")
        project_id = row[id_column]
        if project_id in seen:
            raise PabulibError(f"Project {project_id} appears twice in PROJECTS.")
        seen.add(project_id)
        name = row[name_column] if name_column is not None and name_column < len(row) else ""
        cost = _amount(row[cost_column], f"the cost of project {project_id}")
        projects.append(Project(project_id, cost, "" if name.lower() == "none" else name))
    return tuple(projects)


def _ballots(rows: list[list[str]], known: set[str]) -> tuple[Ballot, ...]:
    header = [name.lower() for name in rows[0]]
    if "vote" not in header:
        raise PabulibError("The VOTES section has no vote column.")
    vote_column = header.index("vote")
    voter_column = header.index("voter_id") if "voter_id" in header else None
    weight_column = header.index("weight") if "weight" in header else None
    ballots: list[Ballot] = []
    for number, row in enumerate(rows[1:], start=1):
        cell = row[vote_column] if vote_column < len(row) else ""
        approved = {item.strip() for item in cell.split(",") if item.strip()}
        unknown = approved - known
        if unknown:
            raise PabulibError(f"Vote {number} approves unknown projects: {sorted(unknown)}")
        voter_id = row[voter_column] if voter_column is not None else ""
        weight: Amount = 1
        if weight_column is not None and weight_column < len(row):
            weight = _amount(row[weight_column], f"the weight of vote {number}")
        ballots.append(Ballot(frozenset(approved), weight, voter_id))
    return tuple(ballots)


def _amount(text: str, what: str) -> Decimal:
    try:
        amount = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise PabulibError(f"{what.capitalize()} is not a number: {text!r}") from None
    if not amount.is_finite():
        raise PabulibError(f"{what.capitalize()} is not a number: {text!r}")
    return amount


def _natural(text: str) -> tuple[int, int | str]:
    return (0, int(text)) if text.isascii() and text.isdigit() else (1, text)
