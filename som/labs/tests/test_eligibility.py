"""The eligibility rules on hand-made facts: no database."""

import datetime
from decimal import Decimal

from django.utils import translation

from som.labs.eligibility import (
    AuthorFacts,
    OrganisationFacts,
    Thresholds,
    check,
    dimension_values,
    unmet,
)

DAY = datetime.date(2026, 3, 1)
LIMITS = Thresholds(
    min_authors=3, min_organisations=2, min_values=2, min_dimensions=2, min_months=12
)

PRIMARY_GO = OrganisationFacts(1, "De Linde", frozenset({"lager"}), "go", "education")
SECONDARY_GO = OrganisationFacts(2, "De Ring", frozenset({"secundair"}), "go", "education")
WELFARE = OrganisationFacts(3, "CAW Oost-Brabant", frozenset(), "none", "welfare")
SECONDARY_KOV = OrganisationFacts(4, "Sint-Pieter", frozenset({"secundair"}), "kov", "education")


def author(name, *organisations, entitled=True, code="member_staff"):
    return AuthorFacts(name, tuple(organisations), entitled, code if entitled else "no_membership")


def rules(authors, months=12, budget="1000", maximum="5000", limits=LIMITS):
    with translation.override("en"):
        return {
            rule.code: rule
            for rule in check(
                authors=authors,
                duration_months=months,
                requested_budget=Decimal(budget),
                max_budget=Decimal(maximum),
                on=DAY,
                thresholds=limits,
            )
        }


GOOD_TEAM = [
    author("Lotte", PRIMARY_GO),
    author("Lars", SECONDARY_GO),
    author("Wout", WELFARE),
]


def test_a_diverse_team_of_three_meets_every_rule():
    result = rules(GOOD_TEAM)
    assert list(result) == [
        "authors",
        "organisations",
        "diversity",
        "entitled",
        "duration",
        "budget",
    ]
    assert all(rule.met for rule in result.values())
    assert not any(rule.fix for rule in result.values())


def test_exactly_the_minimum_of_co_authors_is_enough_and_one_less_is_not():
    assert rules(GOOD_TEAM)["authors"].met
    two = rules(GOOD_TEAM[:2])["authors"]
    assert not two.met
    assert "Invite 1 more co-author" in two.fix


def test_without_any_co_author_every_count_rule_fails_and_says_what_to_do():
    result = rules([])
    assert not result["authors"].met and "Invite 3 more co-authors" in result["authors"].fix
    assert not result["organisations"].met and result["organisations"].fix
    assert not result["diversity"].met and result["diversity"].fix
    assert result["entitled"].met  # nobody is missing an entitlement


def test_three_colleagues_of_one_organisation_are_not_enough_organisations():
    result = rules([author(name, PRIMARY_GO) for name in ("a", "b", "c")])
    assert not result["organisations"].met
    assert "1 organisation(s) (De Linde)" in result["organisations"].explanation
    assert "another organisation" in result["organisations"].fix


def test_a_person_in_two_organisations_brings_both():
    both = author("Lotte", PRIMARY_GO, WELFARE)
    result = rules([both, author("b", PRIMARY_GO), author("c", PRIMARY_GO)])
    assert result["organisations"].met
    # Two sectors through Lotte's second organisation, but one level and one network only.
    assert "1 reached" in result["diversity"].explanation
    with_kov = rules([both, author("b", SECONDARY_KOV), author("c", PRIMARY_GO)])
    assert with_kov["diversity"].met


def test_exactly_two_values_in_exactly_two_dimensions_is_enough():
    values = dimension_values(GOOD_TEAM)
    assert set(values["level"]) == {"lager", "secundair"}
    assert set(values["network"]) == {"go"}  # "not applicable" is no network
    assert set(values["sector"]) == {"education", "welfare"}
    assert rules(GOOD_TEAM)["diversity"].met


def test_two_values_in_only_one_dimension_is_not_enough_and_the_fix_names_the_others():
    team = [author("a", PRIMARY_GO), author("b", SECONDARY_GO), author("c", SECONDARY_GO)]
    diversity = rules(team)["diversity"]
    assert not diversity.met
    assert "1 reached" in diversity.explanation
    assert "education networks" in diversity.fix and "sectors" in diversity.fix
    assert "education levels" not in diversity.fix


def test_levels_and_networks_can_make_the_diversity_without_another_sector():
    team = [author("a", PRIMARY_GO), author("b", SECONDARY_KOV), author("c", PRIMARY_GO)]
    assert rules(team)["diversity"].met


def test_an_expert_is_not_among_the_facts_and_so_does_not_count():
    # The selector passes only accepted co-authors who are not experts; two are not enough.
    result = rules(GOOD_TEAM[:2])
    assert not result["authors"].met


def test_co_authors_without_entitlement_are_named_with_the_reason_and_the_fix():
    team = [*GOOD_TEAM[:2], author("Wout Welzijn", WELFARE, entitled=False)]
    entitled = rules(team)["entitled"]
    assert not entitled.met
    assert "Wout Welzijn" in entitled.explanation
    assert "member" in entitled.explanation
    assert "lab membership" in entitled.fix
    assert "3/1/26" in entitled.explanation or "2026" in entitled.explanation


def test_duration_exactly_at_the_minimum_is_enough_and_a_month_less_is_not():
    assert rules(GOOD_TEAM, months=12)["duration"].met
    short = rules(GOOD_TEAM, months=11)["duration"]
    assert not short.met and "at least 12 months" in short.fix


def test_a_budget_exactly_at_the_maximum_is_allowed_and_a_cent_more_is_not():
    assert rules(GOOD_TEAM, budget="5000.00")["budget"].met
    over = rules(GOOD_TEAM, budget="5000.01")["budget"]
    assert not over.met
    assert "0.01" in over.fix


def test_the_thresholds_come_from_the_settings(settings):
    settings.SOM_PROPOSAL_MIN_AUTHORS = 2
    settings.SOM_PROPOSAL_MIN_MONTHS = 6
    limits = Thresholds.from_settings()
    assert limits.min_authors == 2 and limits.min_months == 6
    result = rules(GOOD_TEAM[:2], months=6, limits=limits)
    assert result["authors"].met and result["duration"].met


def test_unmet_lists_only_the_failing_rules_in_order():
    failing = unmet(list(rules([author("a", PRIMARY_GO)], months=3).values()))
    assert [rule.code for rule in failing] == ["authors", "organisations", "diversity", "duration"]
