"""The legal arithmetic of a motion: is the quorum met, did the motion get its majority?

Pure functions over exact fractions (`fractions.Fraction`, never floats), so "exactly 2/3" is
exactly 2/3. The numbers come from the motion kind (data the statutes can change):

- quorum: the share of the voting members present or represented (0 = no quorum);
- majority: the share of the counted votes needed, "more than" (strict: a simple majority, where a
  tie is not a majority) or "at least" (2/3, 4/5);
- abstentions: counted neither for nor against (the WVV rule for statute amendments), or as
  votes against.
"""

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from som.governance.models import MotionKind


@dataclass(frozen=True)
class Rule:
    quorum: Fraction
    majority: Fraction
    strict: bool
    abstentions_against: bool

    @classmethod
    def of(cls, kind: MotionKind) -> "Rule":
        return cls(
            quorum=kind.quorum,
            majority=kind.majority,
            strict=kind.majority_strict,
            abstentions_against=kind.abstentions == MotionKind.Abstentions.AGAINST,
        )


@dataclass(frozen=True)
class QuorumState:
    members: int
    present: int  # members present or represented by a proxy
    required: Fraction  # quorum x members
    waived: bool  # a second meeting decides whatever the attendance

    @property
    def applies(self) -> bool:
        return self.required > 0 and not self.waived

    @property
    def met(self) -> bool:
        return not self.applies or self.present >= self.required

    @property
    def needed(self) -> int:
        """The members that must be present or represented: the fraction rounded up."""
        return math.ceil(self.required) if self.applies else 0


def quorum_state(rule: Rule, *, members: int, present: int, waived: bool = False) -> QuorumState:
    return QuorumState(members, present, rule.quorum * members, waived)


@dataclass(frozen=True)
class Decision:
    adopted: bool
    quorum_met: bool
    yes: int
    no: int
    abstain: int
    counted: int  # the denominator: yes + no (+ abstentions when they count against)
    share: Fraction | None  # yes / counted

    def as_data(self) -> dict[str, Any]:
        return {
            "adopted": self.adopted,
            "quorum_met": self.quorum_met,
            "yes": self.yes,
            "no": self.no,
            "abstain": self.abstain,
            "counted": self.counted,
            "share": f"{self.share.numerator}/{self.share.denominator}" if self.share else None,
        }


def decide(rule: Rule, *, quorum_met: bool, yes: int, no: int, abstain: int) -> Decision:
    """Adopted only with the quorum met and the majority reached; nothing counted is no
    majority."""
    counted = yes + no + (abstain if rule.abstentions_against else 0)
    share = Fraction(yes, counted) if counted else None
    if share is None:
        reached = False
    elif rule.strict:
        reached = share > rule.majority
    else:
        reached = share >= rule.majority
    return Decision(
        adopted=quorum_met and reached,
        quorum_met=quorum_met,
        yes=yes,
        no=no,
        abstain=abstain,
        counted=counted,
        share=share,
    )


def fraction_text(value: Fraction) -> str:
    if value == Fraction(1, 2):
        return _("half")
    return f"{value.numerator}/{value.denominator}"


def explain(rule: Rule, *, waived: bool = False) -> str:
    """The rule in plain words, for the projector and the minutes."""
    if rule.quorum == 0:
        quorum = _("No quorum required.")
    elif waived:
        quorum = _("Second meeting: it decides whatever the number of members present.")
    else:
        quorum = _("Quorum: at least %(share)s of the members present or represented.") % {
            "share": fraction_text(rule.quorum)
        }
    if rule.strict:
        majority = _("Adopted with more than %(share)s of the votes (a tie is rejected).") % {
            "share": fraction_text(rule.majority)
        }
    else:
        majority = _("Adopted with at least %(share)s of the votes.") % {
            "share": fraction_text(rule.majority)
        }
    if rule.abstentions_against:
        abstentions = _("Abstentions count as votes against.")
    else:
        abstentions = _("Abstentions count neither for nor against.")
    return f"{quorum} {majority} {abstentions}"
