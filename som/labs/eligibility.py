"""May this proposal be submitted? Pure rules over plain facts, each with a plain-language
explanation and, when unmet, what would fix it.

The facts (who the counting co-authors are, their organisations on the day, their entitlement)
are gathered by `selectors.eligibility_of`; nothing here touches the database, so the rules are
tested with hand-made facts and the same code runs live in the editor and again at submission.

Choices worth knowing:
- only accepted co-authors who are not invited experts count;
- a co-author who works for two organisations brings both (each organisation's levels, network
  and sector count);
- the network "not applicable" (a welfare or culture organisation) is no value of the network
  dimension: it says the organisation stands outside the education networks.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from som.core.money import euros

NO_NETWORK = "none"


@dataclass(frozen=True)
class OrganisationFacts:
    pk: int
    name: str
    levels: frozenset[str] = frozenset()
    network: str = NO_NETWORK
    sector: str = ""
    # Display names for the values, so explanations read well (code -> label).
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class AuthorFacts:
    name: str
    organisations: tuple[OrganisationFacts, ...] = ()
    entitled: bool = True
    entitlement_code: str = ""


@dataclass(frozen=True)
class Thresholds:
    min_authors: int
    min_organisations: int
    min_values: int
    min_dimensions: int
    min_months: int

    @classmethod
    def from_settings(cls) -> "Thresholds":
        return cls(
            min_authors=settings.SOM_PROPOSAL_MIN_AUTHORS,
            min_organisations=settings.SOM_PROPOSAL_MIN_ORGANISATIONS,
            min_values=settings.SOM_PROPOSAL_MIN_VALUES_PER_DIMENSION,
            min_dimensions=settings.SOM_PROPOSAL_MIN_DIMENSIONS,
            min_months=settings.SOM_PROPOSAL_MIN_MONTHS,
        )


@dataclass(frozen=True)
class Rule:
    code: str
    met: bool
    title: str
    explanation: str
    fix: str = ""


def check(
    *,
    authors: Sequence[AuthorFacts],
    duration_months: int,
    requested_budget: Decimal,
    max_budget: Decimal,
    on: datetime.date,
    thresholds: Thresholds | None = None,
) -> list[Rule]:
    """Every rule, met or not, in the order the form shows them."""
    limits = thresholds or Thresholds.from_settings()
    return [
        _enough_authors(authors, limits),
        _enough_organisations(authors, limits),
        _diverse_enough(authors, limits),
        _all_entitled(authors, on),
        _long_enough(duration_months, limits),
        _within_budget(requested_budget, max_budget),
    ]


def unmet(rules: Sequence[Rule]) -> list[Rule]:
    return [rule for rule in rules if not rule.met]


def _enough_authors(authors: Sequence[AuthorFacts], limits: Thresholds) -> Rule:
    count, needed = len(authors), limits.min_authors
    explanation = ngettext(
        "%(count)s co-author counts (accepted, not an invited expert); at least %(needed)s needed.",
        "%(count)s co-authors count (accepted, not invited experts); at least %(needed)s needed.",
        count,
    ) % {"count": count, "needed": needed}
    missing = needed - count
    fix = ""
    if missing > 0:
        fix = ngettext(
            "Invite %(missing)s more co-author; they count once they accept the invitation.",
            "Invite %(missing)s more co-authors; they count once they accept the invitation.",
            missing,
        ) % {"missing": missing}
    return Rule("authors", missing <= 0, _("Enough co-authors"), explanation, fix)


def _organisations(authors: Sequence[AuthorFacts]) -> dict[int, OrganisationFacts]:
    return {org.pk: org for author in authors for org in author.organisations}


def _enough_organisations(authors: Sequence[AuthorFacts], limits: Thresholds) -> Rule:
    organisations = _organisations(authors)
    count, needed = len(organisations), limits.min_organisations
    names = ", ".join(sorted(org.name for org in organisations.values())) or _("none")
    explanation = _(
        "The co-authors work for %(count)s organisation(s) (%(names)s); at least %(needed)s needed."
    ) % {"count": count, "names": names, "needed": needed}
    fix = ""
    if count < needed:
        fix = _("Invite a co-author who works for another organisation.")
    return Rule("organisations", count >= needed, _("Several organisations"), explanation, fix)


def dimension_values(authors: Sequence[AuthorFacts]) -> dict[str, dict[str, str]]:
    """Per dimension, the different values the co-authors' organisations span (code -> label)."""
    values: dict[str, dict[str, str]] = {"level": {}, "network": {}, "sector": {}}
    for org in _organisations(authors).values():
        for level in org.levels:
            values["level"][level] = org.labels.get(level, level)
        if org.network and org.network != NO_NETWORK:
            values["network"][org.network] = org.labels.get(org.network, org.network)
        if org.sector:
            values["sector"][org.sector] = org.labels.get(org.sector, org.sector)
    return values


def _dimension_names() -> dict[str, str]:
    return {
        "level": _("education levels"),
        "network": _("education networks"),
        "sector": _("sectors"),
    }


def _diverse_enough(authors: Sequence[AuthorFacts], limits: Thresholds) -> Rule:
    values = dimension_values(authors)
    names = _dimension_names()
    diverse = [dim for dim, found in values.items() if len(found) >= limits.min_values]
    parts = [
        f"{names[dim]}: {', '.join(sorted(found.values())) or _('none')}"
        for dim, found in values.items()
    ]
    explanation = _(
        "Together the organisations span %(parts)s. At least %(values)s different values are "
        "needed in at least %(dimensions)s of these three dimensions; %(met)s reached."
    ) % {
        "parts": "; ".join(parts),
        "values": limits.min_values,
        "dimensions": limits.min_dimensions,
        "met": len(diverse),
    }
    met = len(diverse) >= limits.min_dimensions
    fix = ""
    if not met:
        lacking = [names[dim] for dim in values if dim not in diverse]
        fix = _(
            "Invite a co-author from an organisation with other %(dimensions)s than the "
            "organisations you have now."
        ) % {"dimensions": _(" or ").join(lacking)}
    return Rule("diversity", met, _("Levels, networks and sectors"), explanation, fix)


def _all_entitled(authors: Sequence[AuthorFacts], on: datetime.date) -> Rule:
    missing = [author for author in authors if not author.entitled]
    day = date_format(on, "SHORT_DATE_FORMAT")
    if not missing:
        explanation = _(
            "Every co-author who counts may take part in a lab on %(day)s: they work for a "
            "member organisation or have a lab membership."
        ) % {"day": day}
        return Rule("entitled", True, _("Every co-author may take part"), explanation)
    who = ", ".join(f"{author.name} ({_why_not(author.entitlement_code)})" for author in missing)
    explanation = _("Not entitled to take part in a lab on %(day)s: %(who)s.") % {
        "day": day,
        "who": who,
    }
    fix = _(
        "Their organisation becomes a member of %(network)s, or they take a lab membership. An "
        "invited expert needs no membership but does not count as a co-author."
    ) % {"network": settings.SOM_NETWORK_NAME}
    return Rule("entitled", False, _("Every co-author may take part"), explanation, fix)


def _why_not(code: str) -> str:
    if code == "anonymous":
        return _("their account is not active")
    return _("neither they nor an organisation they work for is a member that day")


def _long_enough(duration_months: int, limits: Thresholds) -> Rule:
    met = duration_months >= limits.min_months
    explanation = _(
        "The lab runs %(months)s months; a SOM lab runs at least %(needed)s months."
    ) % {"months": duration_months, "needed": limits.min_months}
    fix = (
        ""
        if met
        else _("Plan the lab for at least %(needed)s months.") % {"needed": limits.min_months}
    )
    return Rule("duration", met, _("At least a year"), explanation, fix)


def _within_budget(requested: Decimal, maximum: Decimal) -> Rule:
    met = requested <= maximum
    explanation = _("The budget lines add up to %(requested)s; this call allows %(max)s.") % {
        "requested": euros(requested),
        "max": euros(maximum),
    }
    fix = "" if met else _("Lower the budget by %(over)s.") % {"over": euros(requested - maximum)}
    return Rule("budget", met, _("Within the budget"), explanation, fix)
