"""A general assembly to test with: six voting member institutions (each represented by its
contact person, memberships renewed for next year so meetings around New Year count), a board
with a secretary, and helpers that go through the services."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone

from som.accounts.models import Person
from som.governance import services
from som.governance.models import AgendaItem, Body, Mandate, Meeting, MotionKind
from som.governance.selectors import board, general_assembly
from som.governance.services import votes
from som.membership import services as membership
from som.membership.tests.factories import paid_membership
from som.network.models import Affiliation, Organisation
from som.network.tests.factories import affiliate, make_organisation, make_person


@dataclass(frozen=True)
class Member:
    organisation: Organisation
    representative: Person


@pytest.fixture
def members(db, team_member, this_year, next_year, general) -> list[Member]:
    found = []
    for number in range(6):
        organisation = make_organisation(name=f"Lidschool {number}")
        contact = make_person(full_name=f"Vertegenwoordiger {number}")
        affiliate(contact, organisation, Affiliation.Role.CONTACT)
        paid_membership(
            team=team_member,
            applicant=contact,
            year=this_year,
            membership_type=general,
            organisation=organisation,
        )
        found.append(Member(organisation, contact))
    membership.renew_all(year=next_year, by=team_member)
    return found


@pytest.fixture
def assembly(db) -> Body:
    body = general_assembly()
    assert body is not None
    return body


@pytest.fixture
def secretary(db, board_member) -> Person:
    body = board()
    assert body is not None
    services.appoint(
        body=body,
        person=board_member,
        role=Mandate.Role.SECRETARY,
        starts_on=timezone.localdate() - datetime.timedelta(days=30),
        by=None,
    )
    return board_member


def kind(code: str) -> MotionKind:
    return MotionKind.objects.get(code=code)


def in_days(days: int, hour: int = 19) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


@pytest.fixture
def meeting(assembly, secretary, members) -> Meeting:
    """An ordinary general assembly in 20 days: accounts, budget, a statute amendment."""
    meeting = services.schedule_meeting(
        body=assembly,
        title="Algemene vergadering 2026",
        starts_at=in_days(20),
        place="Stadhuis Leuven",
        by=secretary,
    )
    for title, code in [
        ("Jaarrekening 2026", "accounts"),
        ("Begroting 2027", "budget"),
        ("Statutenwijziging: zetel", "statutes"),
    ]:
        services.add_agenda_item(
            meeting=meeting,
            title=title,
            motion=f"De algemene vergadering keurt goed: {title}.",
            motion_kind=kind(code),
            by=secretary,
        )
    return meeting


@pytest.fixture
def convened(meeting, secretary) -> Meeting:
    services.send_convocation(meeting=meeting, by=secretary)
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def in_session(convened, secretary) -> Callable[..., Meeting]:
    """`in_session(present=[...])`: the meeting started with these members signed in."""

    def start(present: list[Member]) -> Meeting:
        for member in present:
            services.register_presence(
                meeting=convened, organisation=member.organisation, by=secretary
            )
        votes.start_meeting(meeting=convened, by=secretary)
        convened.refresh_from_db()
        return convened

    return start


def item(meeting: Meeting, code: str) -> AgendaItem:
    return meeting.items.get(motion_kind__code=code)
