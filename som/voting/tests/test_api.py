"""/api/v1/polls: the answers of casting, the turnout, the result and the bulletin board."""

import datetime
import json
from collections.abc import Mapping

import pytest
from django.test import Client
from django.utils import timezone

from som.accounts.services import create_api_token
from som.voting import selectors, services
from som.voting.models import Ballot, Poll
from som.voting.tests.test_engine import make_poll, option_ids


def bearer(person) -> dict[str, str]:
    _token, secret = create_api_token(person=person)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def post_json(client: Client, url: str, data: Mapping[str, object], **kwargs):
    return client.post(url, json.dumps(data), content_type="application/json", **kwargs)


def ballots_url(poll: Poll) -> str:
    return f"/api/v1/polls/{poll.pk}/ballots"


@pytest.fixture
def poll(teacher, school_contact) -> Poll:
    return make_poll(voters=[teacher, school_contact])


# --- Casting ----------------------------------------------------------------------------------------


def test_a_secret_ballot_answers_201_with_a_receipt_that_finds_it(client, poll, teacher):
    response = post_json(
        client, ballots_url(poll), {"choices": [option_ids(poll)[1]]}, **bearer(teacher)
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["ballot"] is None and body["weight"] == 1
    services.close_poll(poll=poll, by=None)
    ballot = selectors.ballot_for_receipt(poll, body["receipt"])
    assert ballot is not None and ballot.choices == [option_ids(poll)[1]]


def test_a_named_ballot_answers_201_with_the_ballot_id(client, teacher):
    named = make_poll(secrecy=Poll.Secrecy.NAMED, voters=[teacher])
    response = post_json(
        client, ballots_url(named), {"choices": [option_ids(named)[0]]}, **bearer(teacher)
    )
    assert response.status_code == 201
    body = response.json()
    assert body["receipt"] is None
    assert Ballot.objects.get(pk=body["ballot"]).voter == teacher


def test_a_second_ballot_answers_409_already_voted(client, poll, teacher):
    headers = bearer(teacher)
    post_json(client, ballots_url(poll), {"choices": [option_ids(poll)[0]]}, **headers)
    response = post_json(client, ballots_url(poll), {"choices": [option_ids(poll)[1]]}, **headers)
    assert response.status_code == 409 and response.json()["code"] == "already_voted"


def test_an_outsider_gets_404_as_for_a_poll_that_does_not_exist(client, poll, outsider):
    """Who may not see the poll (not on its list) learns nothing of it. Who sees it but may not
    vote now gets 403 with the reason: see test_visibility."""
    response = post_json(
        client, ballots_url(poll), {"choices": [option_ids(poll)[0]]}, **bearer(outsider)
    )
    assert response.status_code == 404
    assert response.json()["code"] == "unknown_poll" and response.json()["detail"]


def test_a_closed_poll_answers_410(client, poll, teacher):
    services.close_poll(poll=poll, by=None)
    response = post_json(
        client, ballots_url(poll), {"choices": [option_ids(poll)[0]]}, **bearer(teacher)
    )
    assert response.status_code == 410 and response.json()["code"] == "closed"


def test_a_poll_that_has_not_opened_answers_409_not_open(client, teacher):
    later = make_poll(voters=[teacher], opens_at=timezone.now() + datetime.timedelta(hours=1))
    response = post_json(
        client, ballots_url(later), {"choices": [option_ids(later)[0]]}, **bearer(teacher)
    )
    assert response.status_code == 409 and response.json()["code"] == "not_open"


def test_a_draft_answers_404_to_its_voters_and_409_to_the_team(client, teacher, team_member):
    draft = make_poll(voters=[teacher], opened=False)
    choices = {"choices": [option_ids(draft)[0]]}
    refused = post_json(client, ballots_url(draft), choices, **bearer(teacher))
    assert refused.status_code == 404
    team = post_json(client, ballots_url(draft), choices, **bearer(team_member))
    assert team.status_code == 409 and team.json()["code"] == "not_open"


def test_invalid_choices_answer_422_with_a_clear_message(client, poll, teacher):
    too_many = post_json(
        client, ballots_url(poll), {"choices": option_ids(poll)}, **bearer(teacher)
    )
    assert too_many.status_code == 422
    assert too_many.json()["code"] == "invalid_choices" and "2" in too_many.json()["detail"]
    unknown = post_json(client, ballots_url(poll), {"choices": [999999]}, **bearer(teacher))
    assert unknown.status_code == 422 and "999999" in unknown.json()["detail"]
    malformed = post_json(client, ballots_url(poll), {"choices": "A"}, **bearer(teacher))
    assert malformed.status_code == 422


def test_an_unknown_poll_answers_404_and_an_anonymous_caller_401(client, teacher):
    response = post_json(
        client, "/api/v1/polls/999999/ballots", {"choices": [1]}, **bearer(teacher)
    )
    assert response.status_code == 404 and response.json()["code"] == "unknown_poll"
    assert post_json(client, "/api/v1/polls/999999/ballots", {"choices": [1]}).status_code == 401


def test_a_session_ballot_needs_the_csrf_token(poll, teacher):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(teacher)
    refused = post_json(browser, ballots_url(poll), {"choices": [option_ids(poll)[0]]})
    assert refused.status_code == 403 and not Ballot.objects.exists()
    browser.cookies["csrftoken"] = token = "a" * 32
    accepted = post_json(
        browser, ballots_url(poll), {"choices": [option_ids(poll)[0]]}, HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 201, accepted.content


# --- Reading a poll, the turnout, the result and the bulletin board ----------------------------------


def test_a_poll_shows_its_options_and_whether_you_voted(client_of, poll, teacher):
    client = client_of(teacher)
    body = client.get(f"/api/v1/polls/{poll.pk}").json()
    assert [o["id"] for o in body["options"]] == option_ids(poll) and body["has_voted"] is False
    services.cast_ballot(poll=poll, voter=teacher, choices=[option_ids(poll)[0]])
    assert client.get(f"/api/v1/polls/{poll.pk}").json()["has_voted"] is True


def test_a_draft_poll_is_404_for_everybody_but_the_team(client_of, teacher, outsider, team_member):
    draft = make_poll(opened=False, voters=[teacher])
    for person in (teacher, outsider):
        assert client_of(person).get(f"/api/v1/polls/{draft.pk}").status_code == 404
        assert client_of(person).get(f"/api/v1/polls/{draft.pk}/turnout").status_code == 404
    assert client_of(team_member).get(f"/api/v1/polls/{draft.pk}").status_code == 200


def test_the_turnout_counts_who_voted_of_the_electorate(client_of, poll, teacher):
    services.cast_ballot(poll=poll, voter=teacher, choices=[option_ids(poll)[0]])
    body = client_of(teacher).get(f"/api/v1/polls/{poll.pk}/turnout").json()
    assert (body["voters"], body["weight"], body["electorate_people"]) == (1, 1, 2)
    assert body["state"] == "open"


def test_the_result_is_409_until_published_except_for_the_team_after_closing(
    client_of, poll, teacher, team_member
):
    services.cast_ballot(poll=poll, voter=teacher, choices=[option_ids(poll)[0]])
    url = f"/api/v1/polls/{poll.pk}/result"
    open_answer = client_of(team_member).get(url)
    assert open_answer.status_code == 409 and open_answer.json()["code"] == "not_published"
    services.close_poll(poll=poll, by=team_member)
    assert client_of(teacher).get(url).status_code == 409
    team_view = client_of(team_member).get(url).json()
    assert team_view["published"] is False and team_view["result"]["turnout"]["voters"] == 1
    services.publish_result(poll=poll, by=team_member)
    body = client_of(teacher).get(url).json()
    assert body["published"] is True
    assert [o["votes"] for o in body["result"]["options"]] == [1, 0, 0]


def test_the_bulletin_board_lists_receipt_hashes_and_choices_after_publication(
    client_of, poll, teacher, school_contact
):
    mine = services.cast_ballot(poll=poll, voter=teacher, choices=[option_ids(poll)[2]])
    assert mine.receipt is not None
    services.cast_ballot(poll=poll, voter=school_contact, choices=[option_ids(poll)[0]])
    url = f"/api/v1/polls/{poll.pk}/ballots"
    services.close_poll(poll=poll, by=None)
    assert client_of(teacher).get(url).status_code == 409
    services.publish_result(poll=poll, by=None)
    board = client_of(teacher).get(url).json()
    assert len(board) == 2 and set(board[0]) == {"receipt_hash", "choices"}
    assert {
        "receipt_hash": selectors.receipt_hash(mine.receipt),
        "choices": [option_ids(poll)[2]],
    } in board


def test_a_named_poll_has_no_bulletin_board(client_of, teacher):
    named = make_poll(secrecy=Poll.Secrecy.NAMED, voters=[teacher])
    assert client_of(teacher).get(f"/api/v1/polls/{named.pk}/ballots").status_code == 404
