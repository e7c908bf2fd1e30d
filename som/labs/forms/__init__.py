"""The labs app's forms: proposals, calls and the team's screening (`proposals.py`), and the
labs at work (`labs.py`: the lab, its members, sessions, logbook, budget, results, year entries).
They check the shape of the input; the rules are the services'. The proposal forms are re-exported
here, so `from som.labs.forms import CallForm` keeps working."""

from som.labs.forms.proposals import (
    BudgetLineForm,
    BudgetLineFormSet,
    CallForm,
    InviteForm,
    PitchForm,
    ProposalForm,
    RevisionChoiceForm,
    ScreeningForm,
    StartProposalForm,
    budget_lines_of,
)

__all__ = [
    "BudgetLineForm",
    "BudgetLineFormSet",
    "CallForm",
    "InviteForm",
    "PitchForm",
    "ProposalForm",
    "RevisionChoiceForm",
    "ScreeningForm",
    "StartProposalForm",
    "budget_lines_of",
]
