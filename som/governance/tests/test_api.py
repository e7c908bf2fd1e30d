"""GET /api/v1/meetings/{id} (members and the team; 404 for anybody else) and voting on a motion
through the voting engine's endpoint POST /api/v1/polls/{id}/ballots."""

import pytest
from django.test import Client

from som.governance import services
from som.governance.services import votes
from som.governance.tests.conftest import item
from som.voting.tests.test_api import bearer, post_json

pytestmark = pytest.mark.django_db


def meeting_url(meeting) -> str:
    return f"/api/v1/meetings/{meeting.pk}"


def get_as(person, url: str):
    authorization = bearer(person)["HTTP_AUTHORIZATION"]
    return Client().get(url, headers={"Authorization": authorization})


def test_a_member_reads_the_agenda_attendance_and_quorum_per_motion(in_session, members, secretary):
    meeting = in_session([])
    services.give_proxy(
        meeting=meeting,
        giver=members[4].organisation,
        holder=members[0].organisation,
        by=members[4].representative,
    )
    for member in members[:3]:
        services.register_presence(meeting=meeting, organisation=member.organisation, by=secretary)
    response = get_as(members[1].representative, meeting_url(meeting))
    assert response.status_code == 200
    data = response.json()
    assert data["attendance"]["members"] == 6
    assert data["attendance"]["present_or_represented"] == 4
    assert data["attendance"]["proxies"] == [
        {"giver": members[4].organisation.name, "holder": members[0].organisation.name}
    ]
    by_kind = {entry["kind"]["code"]: entry for entry in data["agenda"]}
    assert by_kind["statutes"]["quorum"] == {
        "applies": True,
        "waived": False,
        "members": 6,
        "present_or_represented": 4,
        "needed": 4,
        "met": True,
    }
    assert by_kind["accounts"]["quorum"]["applies"] is False
    assert by_kind["statutes"]["kind"]["majority"] == "2/3"


def test_anybody_else_gets_404_and_nobody_401(convened, outsider):
    assert get_as(outsider, meeting_url(convened)).status_code == 404
    assert get_as(outsider, "/api/v1/meetings/999999").status_code == 404
    assert Client().get(meeting_url(convened)).status_code == 401


def test_a_representative_votes_through_the_poll_endpoint_with_the_proxy_weight(
    in_session, members, secretary
):
    meeting = in_session([])
    services.give_proxy(
        meeting=meeting,
        giver=members[4].organisation,
        holder=members[0].organisation,
        by=members[4].representative,
    )
    for member in members[:4]:
        services.register_presence(meeting=meeting, organisation=member.organisation, by=secretary)
    poll = votes.open_vote(item=item(meeting, "accounts"), by=secretary)
    yes = poll.options.get(reference="yes").pk
    client = Client()
    headers = bearer(members[0].representative)
    response = post_json(client, f"/api/v1/polls/{poll.pk}/ballots", {"choices": [yes]}, **headers)
    assert response.status_code == 201 and response.json()["weight"] == 2
    again = post_json(client, f"/api/v1/polls/{poll.pk}/ballots", {"choices": [yes]}, **headers)
    assert again.status_code == 409
    absent = post_json(
        Client(),
        f"/api/v1/polls/{poll.pk}/ballots",
        {"choices": [yes]},
        **bearer(members[5].representative),
    )
    assert absent.status_code == 403 and absent.json()["code"] == "not_in_electorate"
    api = get_as(members[0].representative, meeting_url(meeting)).json()
    accounts = next(e for e in api["agenda"] if e["id"] == item(meeting, "accounts").pk)
    assert accounts["poll"] == poll.pk and accounts["poll_state"] == "open"
