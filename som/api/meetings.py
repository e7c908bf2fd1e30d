"""/api/v1 for the general assembly and the board: one meeting with its agenda, attendance and
the quorum of each motion as it stands now. Members and the team only: anybody else gets 404, as
for a meeting that does not exist. Votes go through the poll endpoints (som/api/polls.py): each
agenda item names its poll once the vote is open."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from som.api.auth import caller
from som.api.errors import ApiError, answers
from som.api.schemas import PathId
from som.governance import permissions, selectors
from som.governance.models import AgendaItem

router = Router(tags=["meetings"])


class QuorumOut(Schema):
    applies: bool = Field(description="False for motions without a quorum, or waived.")
    waived: bool = Field(description="A second meeting: the quorum does not apply.")
    members: int
    present_or_represented: int
    needed: int = Field(description="Members that must be present or represented.")
    met: bool


class MotionKindOut(Schema):
    code: str
    name: str
    quorum: str = Field(description="Share of the members, e.g. `2/3`; `0/1` for none.")
    majority: str = Field(description="Share of the counted votes, e.g. `2/3` or `1/2`.")
    majority_strict: bool = Field(description="True: more than the share (a tie is rejected).")
    abstentions: str = Field(description="`excluded` (neither for nor against) or `against`.")
    secret: bool


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    motion: str
    kind: MotionKindOut | None
    poll: int | None = Field(description="Vote with POST /api/v1/polls/{poll}/ballots.")
    poll_state: str | None
    outcome: str = Field(description="`pending`, `adopted`, `rejected`, `no_quorum`, ...")
    quorum: QuorumOut | None
    decision: dict[str, Any]


class ProxyOut(Schema):
    giver: str
    holder: str


class AttendanceOut(Schema):
    members: int
    present: list[str]
    proxies: list[ProxyOut]
    present_or_represented: int


class MeetingOut(Schema):
    id: int
    body: str
    kind: str
    title: str
    status: str
    starts_at: datetime.datetime
    place: str
    online_url: str
    second_meeting_of: int | None
    agenda: list[AgendaItemOut]
    attendance: AttendanceOut


def _kind(item: AgendaItem) -> dict[str, Any] | None:
    kind = item.motion_kind
    if kind is None:
        return None
    return {
        "code": kind.code,
        "name": kind.display_name,
        "quorum": f"{kind.quorum_numerator}/{kind.quorum_denominator}",
        "majority": f"{kind.majority_numerator}/{kind.majority_denominator}",
        "majority_strict": kind.majority_strict,
        "abstentions": kind.abstentions,
        "secret": kind.secret,
    }


@router.get(
    "/meetings/{meeting_id}",
    response=answers({200: MeetingOut}, 404),
    summary="One meeting: agenda, attendance and the quorum of each motion now",
)
def get_meeting(request: HttpRequest, meeting_id: PathId) -> dict[str, Any]:
    person = caller(request)
    if person is None:
        raise ApiError(401, _("Log in or send `Authorization: Bearer <key>`."))
    meeting = permissions.get_meeting_for_member(person, meeting_id)
    the_roll = selectors.roll(meeting)
    agenda = []
    for item in selectors.agenda(meeting):
        quorum = selectors.quorum_of(item, the_roll)
        agenda.append(
            {
                "id": item.pk,
                "position": item.position,
                "title": item.title,
                "motion": item.motion,
                "kind": _kind(item),
                "poll": item.poll_id,
                "poll_state": item.poll.state if item.poll else None,
                "outcome": item.outcome,
                "quorum": None
                if quorum is None
                else {
                    "applies": quorum.applies,
                    "waived": quorum.waived,
                    "members": quorum.members,
                    "present_or_represented": quorum.present,
                    "needed": quorum.needed,
                    "met": quorum.met,
                },
                "decision": item.decision,
            }
        )
    return {
        "id": meeting.pk,
        "body": meeting.body.name,
        "kind": meeting.kind,
        "title": meeting.title,
        "status": meeting.status,
        "starts_at": meeting.starts_at,
        "place": meeting.place,
        "online_url": meeting.online_url,
        "second_meeting_of": meeting.second_meeting_of_id,
        "agenda": agenda,
        "attendance": {
            "members": the_roll.members,
            "present": [str(a.organisation or a.person) for a in the_roll.present],
            "proxies": [{"giver": str(p.giver), "holder": str(p.holder)} for p in the_roll.proxies],
            "present_or_represented": the_roll.present_or_represented,
        },
    }
