"""Bodies and mandates, meetings with their agenda, convocation, attendance and proxies, the
motion kinds with their legal majorities (data the statutes can change), and the minutes.

The general assembly's members are not copied here: they are the voting member institutions of
the member register on the day, each acting through its representative (som.membership).

One module per topic: bodies (and mandates, statutes, motion kinds), requests (and agenda
proposals), meetings (and agenda items), attendance (and proxies, convocation recipients),
documents (and minutes). Every model is imported here: `from som.governance.models import X`.
"""

from som.governance.models.attendance import Attendance, ConvocationRecipient, Proxy
from som.governance.models.bodies import Body, Mandate, MotionKind, Statutes
from som.governance.models.documents import MeetingDocument, Minutes
from som.governance.models.meetings import AgendaItem, Candidate, ConflictOfInterest, Meeting
from som.governance.models.requests import (
    AgendaProposal,
    MeetingRequest,
    ProposalSignature,
    RequestSignature,
)

__all__ = [
    "AgendaItem",
    "AgendaProposal",
    "Attendance",
    "Body",
    "Candidate",
    "ConflictOfInterest",
    "ConvocationRecipient",
    "Mandate",
    "Meeting",
    "MeetingDocument",
    "MeetingRequest",
    "Minutes",
    "MotionKind",
    "ProposalSignature",
    "Proxy",
    "RequestSignature",
    "Statutes",
]
