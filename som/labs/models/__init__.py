"""The labs app's models, by topic: calls and proposals (`calls.py`), the board's selection
decision (`selection.py`), the labs and their group (`labs.py`), a lab at work: sessions, logbook,
results, year entries (`work.py`). Every model is imported here, so `from som.labs.models import
Lab` keeps working; the upload paths too (migrations name them `som.labs.models.attachment_path`)."""

from som.labs.models.calls import BudgetLine, Call, CoAuthor, Proposal, ProposalRevision
from som.labs.models.labs import Lab, LabMember, LabStatusChange
from som.labs.models.selection import SelectionDecision
from som.labs.models.work import (
    Attachment,
    Attendance,
    LabSession,
    LogbookEntry,
    Result,
    ResultFile,
    YearEntry,
    attachment_path,
    result_file_path,
)

__all__ = [
    "Attachment",
    "Attendance",
    "BudgetLine",
    "Call",
    "CoAuthor",
    "Lab",
    "LabMember",
    "LabSession",
    "LabStatusChange",
    "LogbookEntry",
    "Proposal",
    "ProposalRevision",
    "Result",
    "ResultFile",
    "SelectionDecision",
    "YearEntry",
    "attachment_path",
    "result_file_path",
]
