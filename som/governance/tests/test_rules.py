"""The legal arithmetic with exact fractions: every motion kind's rule at its edges."""

from fractions import Fraction

import pytest
from django.utils import translation

from som.governance import rules
from som.governance.models import MotionKind


def rule(code: str) -> rules.Rule:
    return rules.Rule.of(MotionKind.objects.get(code=code))


def decide(code: str, yes: int, no: int, abstain: int = 0, quorum_met: bool = True) -> bool:
    return rules.decide(rule(code), quorum_met=quorum_met, yes=yes, no=no, abstain=abstain).adopted


@pytest.mark.django_db
class TestSimpleMajority:
    def test_more_yes_than_no_is_adopted(self):
        assert decide("ordinary", yes=6, no=5)

    def test_a_tie_is_not_a_majority(self):
        assert not decide("ordinary", yes=5, no=5)

    def test_abstentions_count_neither_for_nor_against(self):
        assert decide("ordinary", yes=2, no=1, abstain=10)

    def test_only_abstentions_adopt_nothing(self):
        decision = rules.decide(rule("ordinary"), quorum_met=True, yes=0, no=0, abstain=7)
        assert not decision.adopted and decision.share is None

    def test_accounts_budget_and_discharge_are_separate_kinds_with_the_same_rule(self):
        for code in ("accounts", "budget", "discharge"):
            assert rule(code) == rule("ordinary")
            assert decide(code, yes=3, no=2) and not decide(code, yes=2, no=2)

    def test_no_quorum_applies_to_an_ordinary_decision(self):
        state = rules.quorum_state(rule("ordinary"), members=30, present=1)
        assert state.met and not state.applies


@pytest.mark.django_db
class TestTwoThirds:
    def test_exactly_two_thirds_of_the_votes_is_enough(self):
        assert decide("statutes", yes=20, no=10)

    def test_just_under_two_thirds_is_not(self):
        # 19/29 = 0.655... < 2/3; a float comparison with 0.6667 would agree, but 2/3 exactly
        # is what the law says, so Fraction is used throughout.
        assert not decide("statutes", yes=19, no=10)
        assert rules.decide(
            rule("statutes"), quorum_met=True, yes=19, no=10, abstain=0
        ).share == Fraction(19, 29)

    def test_abstentions_are_neither_in_the_numerator_nor_the_denominator(self):
        assert decide("statutes", yes=2, no=1, abstain=50)
        assert not decide("statutes", yes=1, no=1, abstain=50)

    def test_without_the_quorum_even_unanimity_does_not_adopt(self):
        decision = rules.decide(rule("statutes"), quorum_met=False, yes=10, no=0, abstain=0)
        assert not decision.adopted and not decision.quorum_met

    def test_the_quorum_is_two_thirds_of_the_members_present_or_represented(self):
        assert rules.quorum_state(rule("statutes"), members=30, present=20).met
        assert not rules.quorum_state(rule("statutes"), members=30, present=19).met
        state = rules.quorum_state(rule("statutes"), members=10, present=6)
        assert not state.met and state.needed == 7  # 20/3 rounded up
        assert rules.quorum_state(rule("statutes"), members=10, present=7).met

    def test_a_second_meeting_waives_the_quorum(self):
        state = rules.quorum_state(rule("statutes"), members=30, present=2, waived=True)
        assert state.met and not state.applies

    def test_exclusion_needs_two_thirds_and_two_thirds(self):
        assert decide("exclusion", yes=4, no=2)
        assert not decide("exclusion", yes=3, no=2)
        assert rules.quorum_state(rule("exclusion"), members=9, present=6).met
        assert not rules.quorum_state(rule("exclusion"), members=9, present=5).met


@pytest.mark.django_db
class TestFourFifths:
    @pytest.mark.parametrize("code", ["purpose", "dissolution"])
    def test_exactly_four_fifths_is_enough_just_under_is_not(self, code):
        assert decide(code, yes=4, no=1)
        assert decide(code, yes=40, no=10, abstain=30)
        assert not decide(code, yes=39, no=10)
        assert not decide(code, yes=3, no=1)


@pytest.mark.django_db
def test_abstentions_counted_against_when_the_statutes_say_so():
    kind = MotionKind.objects.get(code="ordinary")
    kind.abstentions = MotionKind.Abstentions.AGAINST
    against = rules.Rule.of(kind)
    assert not rules.decide(against, quorum_met=True, yes=5, no=2, abstain=3).adopted
    assert rules.decide(against, quorum_met=True, yes=6, no=2, abstain=3).adopted


@pytest.mark.django_db
@translation.override("en")
def test_the_rule_in_plain_words():
    assert "2/3" in rules.explain(rule("statutes"))
    assert "neither for nor against" in rules.explain(rule("statutes"))
    assert "tie" in rules.explain(rule("ordinary"))
    assert "Second meeting" in rules.explain(rule("statutes"), waived=True)
