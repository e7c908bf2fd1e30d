"""Every write about bodies, mandates and meetings, one module per topic: `bodies`, `meetings`
(schedule, move, agenda, documents), `convocation`, `requests` (members' requests and agenda
proposals), `attendance` (confirmations, presence, proxies), `votes` (during the meeting: votes,
quorum, second meeting) and `minutes`. The public names of the first five are re-exported here:
`from som.governance import services; services.give_proxy(...)`; votes and minutes are imported
as modules: `from som.governance.services import votes`.
"""

from som.governance.services._common import (
    GovernanceError,
    convene_by_date,
    hold_by_date,
    require_secretary,
)
from som.governance.services.attendance import (
    active_proxy_of,
    confirm_attendance,
    give_proxy,
    register_presence,
    revoke_proxy,
)
from som.governance.services.bodies import (
    UNIQUE_ROLES,
    appoint,
    correct_mandate,
    create_body,
    end_mandate,
    save_motion_kind,
    save_statutes,
    update_body,
)
from som.governance.services.convocation import (
    ELECTORATE_FLOOR,
    convocation_recipients,
    electorate_problem,
    mail_people,
    notice_deadline,
    send_convocation,
)
from som.governance.services.meetings import (
    MAX_DOCUMENT_BYTES,
    add_agenda_item,
    add_document,
    move_meeting,
    schedule_meeting,
)
from som.governance.services.requests import (
    propose_agenda_item,
    request_meeting,
    request_signed_enough,
    sign_agenda_proposal,
    sign_meeting_request,
)

__all__ = [
    "ELECTORATE_FLOOR",
    "MAX_DOCUMENT_BYTES",
    "UNIQUE_ROLES",
    "GovernanceError",
    "active_proxy_of",
    "add_agenda_item",
    "add_document",
    "appoint",
    "confirm_attendance",
    "convene_by_date",
    "convocation_recipients",
    "correct_mandate",
    "create_body",
    "electorate_problem",
    "end_mandate",
    "give_proxy",
    "hold_by_date",
    "mail_people",
    "move_meeting",
    "notice_deadline",
    "propose_agenda_item",
    "register_presence",
    "request_meeting",
    "request_signed_enough",
    "require_secretary",
    "revoke_proxy",
    "save_motion_kind",
    "save_statutes",
    "schedule_meeting",
    "send_convocation",
    "sign_agenda_proposal",
    "sign_meeting_request",
    "update_body",
]
