"""Every write of the labs app, by use case: proposals (start, write together, submit, screen,
pitch) in `proposals.py`; the labs themselves (group, sessions, logbook, budget, results, yearly
report entries) in `labs.py`. The live selection vote is in `som/labs/selection.py`."""

from som.labs.services.proposals import (
    SCREENABLE,
    TEXT_FIELDS,
    BudgetLineData,
    ProposalData,
    ProposalError,
    accept_invitation,
    author_emails,
    decline_invitation,
    invite_coauthor,
    is_author,
    schedule_pitch,
    screen_proposal,
    start_proposal,
    submit_proposal,
    unschedule_pitch,
    update_proposal,
)

__all__ = [
    "SCREENABLE",
    "TEXT_FIELDS",
    "BudgetLineData",
    "ProposalData",
    "ProposalError",
    "accept_invitation",
    "author_emails",
    "decline_invitation",
    "invite_coauthor",
    "is_author",
    "schedule_pitch",
    "screen_proposal",
    "start_proposal",
    "submit_proposal",
    "unschedule_pitch",
    "update_proposal",
]
