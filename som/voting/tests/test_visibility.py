"""Who may see a poll follows its electorate: every poll endpoint, as every persona, for a
general-assembly election, a board motion, a lab selection and a listed poll. Outside: 404, as
for a poll that does not exist; inside: the answer of the endpoint."""

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from som.accounts.models import Person
from som.events.models import Event, Registration
from som.events.tests.factories import make_event
from som.governance import permissions as governance_permissions
from som.governance import selectors as governance_selectors
from som.governance import services as governance
from som.governance.models import AgendaItem, Body, Meeting, MotionKind
from som.governance.services import votes
from som.labs.models import Call
from som.labs.services import selection
from som.labs.tests.test_selection import PROPOSALS, attend, make_call
from som.membership import services as membership
from som.membership.tests.factories import paid_membership
from som.network.tests.factories import make_person
from som.voting import permissions
from som.voting import services as voting
from som.voting.models import Poll
from som.voting.tests.test_engine import make_poll, option_ids

PERSONAS = [
    "team_member",
    "board_member",
    "school_contact",
    "teacher",
    "lab_lead",
    "expert",
    "outsider",
]


@dataclass(frozen=True)
class Case:
    """A poll, who may see it, and how to close and publish it."""

    poll: Poll
    inside: frozenset[str]
    publish: Callable[[], None]


def _in_days(days: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(19, 30)))


@pytest.fixture
def world(
    db,
    team_member,
    board_member,
    board_mandate,
    school,
    school_contact,
    teacher,
    lab_lead,
    expert,
    outsider,
    this_year,
    next_year,
    general,
) -> dict[str, Person]:
    """`school` is the one voting member (its contact person and its teacher work for it);
    `board_member` holds a board mandate; the others stand outside governance."""
    paid_membership(
        team=team_member,
        applicant=school_contact,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    membership.renew_all(year=next_year, by=team_member)
    return {
        "team_member": team_member,
        "board_member": board_member,
        "school_contact": school_contact,
        "teacher": teacher,
        "lab_lead": lab_lead,
        "expert": expert,
        "outsider": outsider,
    }


def _open_motion(body: Body, item_fields: dict, present: dict, team: Person) -> AgendaItem:
    meeting = governance.schedule_meeting(
        body=body, title=str(body), starts_at=_in_days(20), place="Leuven", by=team
    )
    item = governance.add_agenda_item(meeting=meeting, by=team, **item_fields)
    governance.send_convocation(meeting=meeting, by=team)
    governance.register_presence(meeting=meeting, by=team, **present)
    votes.start_meeting(meeting=meeting, by=team)
    votes.open_vote(item=item, by=team)
    item.refresh_from_db()
    return item


def _close(item: AgendaItem, team: Person) -> Callable[[], None]:
    def close() -> None:
        votes.close_vote(item=item, by=team)  # closes the poll and publishes its result

    return close


@pytest.fixture
def assembly_election(world, school) -> Case:
    """The general assembly elects a board member: a secret election."""
    team = world["team_member"]
    body = governance_selectors.general_assembly()
    assert body is not None
    item = _open_motion(
        body,
        {
            "title": "Verkiezing van een bestuurder",
            "motion_kind": MotionKind.objects.get(code="board_election"),
            "seats": 1,
            "candidates": [make_person(full_name=f"Kandidaat {n}") for n in range(2)],
        },
        {"organisation": school},
        team,
    )
    assert item.poll is not None and item.poll.is_secret
    return Case(
        item.poll,
        frozenset({"team_member", "board_member", "school_contact", "teacher"}),
        _close(item, team),
    )


@pytest.fixture
def board_motion(world) -> Case:
    """A board meeting decides by a named vote. The governance gate lets every member's staff
    see the board's meetings, so they see its poll too."""
    team = world["team_member"]
    body = governance_selectors.board()
    assert body is not None
    item = _open_motion(
        body,
        {"title": "Opdracht", "motion_kind": MotionKind.objects.get(code="ordinary")},
        {"person": world["board_member"]},
        team,
    )
    assert item.poll is not None and not item.poll.is_secret
    return Case(
        item.poll,
        frozenset({"team_member", "board_member", "school_contact", "teacher"}),
        _close(item, team),
    )


@pytest.fixture
def lab_selection(world) -> Case:
    """The network day's registrants (checked in or not, not cancelled) and the board."""
    team = world["team_member"]
    day = make_event(title="SOM-netwerkdag voorjaar")
    attend(day, [world["teacher"]])
    attend(day, [world["school_contact"]], checked_in=False)
    attend(day, [world["expert"]])
    Registration.objects.filter(event=day, person=world["expert"]).update(
        status=Registration.Status.CANCELLED
    )
    call = make_call(day, world["lab_lead"], PROPOSALS)
    selection.start_selection_vote(call=call, by=team)
    call.refresh_from_db()
    assert call.poll is not None

    def publish() -> None:
        selection.close_selection_vote(call=call, by=team)
        selection.publish_selection(call=call, by=team)

    return Case(
        call.poll, frozenset({"team_member", "board_member", "school_contact", "teacher"}), publish
    )


@pytest.fixture
def listed(world) -> Case:
    poll = make_poll(voters=[world["teacher"], world["expert"]])
    team = world["team_member"]

    def publish() -> None:
        voting.close_poll(poll=poll, by=team)
        voting.publish_result(poll=poll, by=team)

    return Case(poll, frozenset({"team_member", "teacher", "expert"}), publish)


CASES = ["assembly_election", "board_motion", "lab_selection", "listed"]


def _client(person: Person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _cast(client: Client, poll: Poll) -> int:
    choice = option_ids(poll)[0] if poll.options.exists() else 0
    response = client.post(
        f"/api/v1/polls/{poll.pk}/ballots",
        json.dumps({"choices": [choice]}),
        content_type="application/json",
    )
    return response.status_code


def _is_refusal(response) -> bool:
    """The 404 of a poll one may not see: the same body as for a poll that does not exist."""
    return response.status_code == 404 and response.json().get("code") != "named_poll"


@pytest.mark.parametrize("case_name", CASES)
def test_every_poll_endpoint_answers_404_outside_the_electorate(case_name, request, world):
    case: Case = request.getfixturevalue(case_name)
    poll = case.poll
    clients = {name: _client(person) for name, person in world.items()}
    base = f"/api/v1/polls/{poll.pk}"

    # Open: the poll and its turnout; a ballot from outside is refused as unknown.
    for name, client in clients.items():
        for url in (base, f"{base}/turnout"):
            response = client.get(url)
            expected = 200 if name in case.inside else 404
            assert response.status_code == expected, (name, url, response.content)
        status = _cast(client, poll)
        assert (status == 404) == (name not in case.inside), (name, status)

    # Published: the result and the bulletin board (a named poll has none, for anybody).
    case.publish()
    for name, client in clients.items():
        for url in (base, f"{base}/turnout", f"{base}/result", f"{base}/ballots"):
            response = client.get(url)
            if name not in case.inside:
                assert _is_refusal(response), (name, url, response.status_code)
            elif url.endswith("/ballots") and not poll.is_secret:
                assert response.json()["code"] == "named_poll"
            else:
                assert response.status_code == 200, (name, url, response.content)
        assert (_cast(client, poll) == 404) == (name not in case.inside), name


def test_an_unknown_poll_answers_like_one_you_may_not_see(listed, world):
    client = _client(world["outsider"])
    hidden = _cast(client, listed.poll)
    missing = client.post(
        "/api/v1/polls/999999/ballots", '{"choices": [1]}', content_type="application/json"
    )
    assert hidden == missing.status_code == 404
    assert client.get(f"/api/v1/polls/{listed.poll.pk}").json() == (
        client.get("/api/v1/polls/999999").json()
    )


def test_somebody_who_sees_the_poll_but_may_not_vote_now_gets_403(lab_selection, world):
    """Registered but not checked in: the reason, not a 404."""
    client = _client(world["school_contact"])
    poll = lab_selection.poll
    response = client.post(
        f"/api/v1/polls/{poll.pk}/ballots",
        json.dumps({"choices": [option_ids(poll)[0]]}),
        content_type="application/json",
    )
    assert response.status_code == 403 and response.json()["code"] == "not_in_electorate"


def test_a_draft_is_404_to_its_voters_even_when_casting(world):
    draft = make_poll(voters=[world["teacher"]], opened=False)
    client = _client(world["teacher"])
    assert client.get(f"/api/v1/polls/{draft.pk}").status_code == 404
    assert _cast(client, draft) == 404
    assert _cast(_client(world["team_member"]), draft) == 409


def test_a_poll_of_a_kind_without_readers_is_the_teams(world):
    stray = make_poll(voters=[world["teacher"]])
    # As if the app that registered the kind were gone (create_poll refuses an unknown kind).
    Poll.objects.filter(pk=stray.pk).update(electorate_kind="gone")
    stray.refresh_from_db()
    assert permissions.may_see(world["team_member"], stray)
    assert not permissions.may_see(world["teacher"], stray)
    assert stray not in permissions.visible_polls(world["teacher"])


# --- The HTML pages follow the same rule ------------------------------------------------------------


@pytest.mark.parametrize("case_name", ["assembly_election", "board_motion"])
def test_the_meeting_pages_show_a_motion_to_whoever_sees_its_poll(case_name, request, world):
    case: Case = request.getfixturevalue(case_name)
    item = AgendaItem.objects.select_related("meeting").get(poll=case.poll)
    for name, person in world.items():
        client = _client(person)
        for page in ("governance:vote", "governance:projector"):
            status = client.get(reverse(page, kwargs={"pk": item.meeting_id})).status_code
            assert (status == 200) == permissions.may_see(person, case.poll), (name, page)
            assert (status == 200) == (name in case.inside), (name, page)


def test_a_published_selection_stays_public_while_its_poll_stays_with_the_electorate(
    lab_selection, world, client
):
    call = Call.objects.get(poll=lab_selection.poll)
    url = reverse("labs:selection_result", kwargs={"call_id": call.pk})
    assert client.get(url).status_code == 404
    lab_selection.publish()
    assert client.get(url).status_code == 200
    assert _client(world["outsider"]).get(url).status_code == 200
    api = _client(world["outsider"]).get(f"/api/v1/polls/{lab_selection.poll.pk}/result")
    assert api.status_code == 404


@pytest.mark.today("2026-06-15")  # its events "in N days" fall in this membership year
def test_the_governance_gate_lists_the_meetings_it_lets_through(world, this_year, lab):
    """`visible_meetings` (behind a motion's poll) and `can_see` (behind the meeting's pages)
    are one rule: checked for every persona, a draft, a convened meeting and one the expert is
    invited to as an observer (a lab member)."""
    team = world["team_member"]
    paid_membership(team=team, applicant=world["expert"], year=this_year, membership_type=lab)
    body = governance_selectors.general_assembly()
    assert body is not None
    meetings = []
    for invite_observers in (False, True):
        meeting = governance.schedule_meeting(
            body=body,
            title="AV",
            starts_at=_in_days(20),
            place="Leuven",
            by=team,
            invite_observers=invite_observers,
        )
        governance.add_agenda_item(meeting=meeting, title="Begroting", by=team)
        governance.send_convocation(meeting=meeting, by=team)
        meetings.append(meeting)
    meetings.append(
        governance.schedule_meeting(
            body=body, title="Ontwerp", starts_at=_in_days(30), place="Leuven", by=team
        )
    )
    observed = governance_permissions.visible_meetings(world["expert"])
    assert list(observed) == [meetings[1]]
    for name, person in world.items():
        listed = set(governance_permissions.visible_meetings(person))
        for meeting in Meeting.objects.filter(pk__in=[m.pk for m in meetings]):
            assert governance_permissions.can_see(person, meeting) == (meeting in listed), name


# --- One query for the list -------------------------------------------------------------------------


def _count_listing(person: Person) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        found = len(list(permissions.visible_polls(person)))
    return found, len(captured.captured_queries)


@pytest.mark.parametrize("persona", ["teacher", "board_member", "outsider", "team_member"])
def test_listing_visible_polls_does_not_grow_with_the_polls(
    persona, world, listed, lab_selection, assembly_election
):
    person = world[persona]
    seen_before, queries_before = _count_listing(person)
    day: Event = make_event()
    attend(day, [world["teacher"]])
    for _n in range(4):
        make_poll(voters=[world["teacher"], world["outsider"]])
        make_poll(electorate_kind="network_day_attendees", electorate_reference=f"event:{day.pk}")
    seen_after, queries_after = _count_listing(person)
    assert seen_after > seen_before or persona not in ("teacher", "team_member")
    assert queries_after == queries_before <= 4  # the kinds ask about the person, then one list
