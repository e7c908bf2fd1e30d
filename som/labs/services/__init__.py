"""Every write of the labs app, by use case: calls in `calls.py`; proposals (start, write
together, submit, screen, pitch) in `proposals.py`; the live selection vote in `selection.py` and
the board's confirmation of it in `confirmation.py`; the labs themselves (group, members, budget,
status) in `labs.py` and their work (sessions, logbook, expenses, results, yearly report entries)
in `work.py`; `public_cache.py` moves the public pages' cache on after a write. The proposal
services are re-exported here (`from som.labs import services; services.submit_proposal(...)`)."""

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
