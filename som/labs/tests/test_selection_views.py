"""The pages of the live vote: the ballot on a phone, the big screen, the control page and the
result; their gates and their answers."""

import pytest
from django.urls import reverse

from som.labs.models import Call
from som.labs.services import selection
from som.labs.tests.test_selection import PROPOSALS, attend, make_call, vote
from som.network.tests.factories import make_person
from som.voting.models import Ballot, VoteRecord


@pytest.fixture
def call(db, lab_lead):
    from som.events.tests.factories import make_event

    return make_call(make_event(title="SOM-netwerkdag voorjaar"), lab_lead, PROPOSALS)


@pytest.fixture
def attendee(call):
    person = make_person(full_name="Anna Aanwezig")
    attend(call.network_day, [person])
    return person


@pytest.fixture
def open_call(call, team_member):
    selection.start_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    return call


def _url(name, call):
    return reverse(f"labs:{name}", kwargs={"call_id": call.pk})


# --- Gates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["screen", "selection"])
def test_an_outsider_gets_404_on_the_team_pages(name, call, outsider, client_of):
    assert client_of(outsider).get(_url(name, call)).status_code == 404
    assert client_of(outsider).post(_url("selection", call), {"action": "start"}).status_code == 404


def test_the_board_sees_the_control_page_but_not_the_screen(
    call, board_member, board_mandate, client_of
):
    assert client_of(board_member).get(_url("selection", call)).status_code == 200
    assert client_of(board_member).get(_url("screen", call)).status_code == 404


def test_the_result_is_404_until_published_then_public(
    open_call, attendee, team_member, client_of, client
):
    vote(open_call, attendee, ["Taalrijke klas"])
    selection.close_selection_vote(call=open_call, by=team_member)
    assert client.get(_url("selection_result", open_call)).status_code == 404
    assert client_of(team_member).get(_url("selection_result", open_call)).status_code == 200
    selection.publish_selection(call=open_call, by=team_member)
    page = client.get(_url("selection_result", open_call))
    assert page.status_code == 200
    assert "Taalrijke klas" in page.content.decode()


def test_the_ballot_needs_a_login(open_call, client):
    response = client.get(_url("ballot", open_call))
    assert response.status_code == 302 and "next=" in response["Location"]


# --- The ballot -----------------------------------------------------------------------------------


def test_the_ballot_before_the_start_says_it_has_not_started(call, attendee, client_of):
    page = client_of(attendee).get(_url("ballot", call))
    assert page.status_code == 200 and page.context["state"] == "not_started"


def test_an_attendee_votes_and_sees_the_receipt_once(open_call, attendee, client_of, team_member):
    client = client_of(attendee)
    page = client.get(_url("ballot", open_call))
    assert page.context["state"] == "open"
    assert [o.label for o in page.context["options"]] == [title for title, _ in PROPOSALS]
    first, second = (o.pk for o in page.context["options"][:2])
    page = client.post(_url("ballot", open_call), {"choice": [first, second]})
    assert page.status_code == 200 and page.context["state"] == "voted"
    receipt = page.context["receipt"]
    assert receipt and receipt in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert receipt not in str(dict(client.session))
    again = client.get(_url("ballot", open_call))
    assert again.context.get("receipt") is None and again.context["state"] == "voted"
    assert receipt not in again.content.decode()
    selection.close_selection_vote(call=open_call, by=team_member)
    assert Ballot.objects.get(poll=open_call.poll).choices == sorted([first, second])


def test_a_second_ballot_answers_already_voted(open_call, attendee, client_of):
    client = client_of(attendee)
    option = open_call.poll.options.first().pk
    client.post(_url("ballot", open_call), {"choice": [option]})
    response = client.post(_url("ballot", open_call), {"choice": [option]})
    assert response.status_code == 409 and response.context["state"] == "voted"
    assert VoteRecord.objects.filter(poll=open_call.poll).count() == 1


def test_a_person_not_checked_in_sees_why(open_call, client_of):
    late = make_person()
    attend(open_call.network_day, [late], checked_in=False)
    page = client_of(late).get(_url("ballot", open_call))
    assert page.context["state"] == "refused"
    assert page.context["reason"] in page.content.decode()
    response = client_of(late).post(
        _url("ballot", open_call), {"choice": [open_call.poll.options.first().pk]}
    )
    assert response.status_code == 403


def test_too_many_choices_are_refused_with_the_form_again(open_call, attendee, client_of):
    options = [o.pk for o in open_call.poll.options.all()]
    response = client_of(attendee).post(_url("ballot", open_call), {"choice": options})
    assert response.status_code == 422 and response.context["state"] == "open"
    assert response.context["error_code"] == "invalid_choices" and response.context["error"]


def test_a_closed_vote_says_closed(open_call, attendee, team_member, client_of):
    selection.close_selection_vote(call=open_call, by=team_member)
    response = client_of(attendee).post(
        _url("ballot", open_call), {"choice": [open_call.poll.options.first().pk]}
    )
    assert response.status_code == 410 and response.context["state"] == "closed"


# --- Screen and control ---------------------------------------------------------------------------


def test_the_screen_shows_the_link_the_qr_and_the_turnout(
    open_call, attendee, team_member, client_of
):
    page = client_of(team_member).get(_url("screen", open_call))
    html = page.content.decode()
    typed = "/".join(page.context["short_url_parts"])
    assert "<svg" in html and typed + "/" == "testserver" + _url("ballot", open_call)
    assert page.context["turnout"].electorate.people == 1
    assert f'data-turnout-url="/api/v1/polls/{open_call.poll_id}/turnout"' in html


def test_the_team_runs_the_vote_from_the_control_page_and_the_board_confirms(
    call, attendee, team_member, board_member, board_mandate, client_of
):
    client = client_of(team_member)
    client.post(_url("selection", call), {"action": "start"})
    call.refresh_from_db()
    assert call.status == Call.Status.VOTING
    vote(call, attendee, ["Ouders als partners"])
    client.post(_url("selection", call), {"action": "close"})
    client.post(_url("selection", call), {"action": "publish"})
    page = client.get(_url("selection", call))
    assert not page.context["is_board"] and 'value="confirm"' not in page.content.decode()
    client.post(_url("selection", call), {"action": "confirm"})
    call.refresh_from_db()
    assert call.status == Call.Status.DECIDED  # the team does not confirm
    board = client_of(board_member)
    assert 'value="confirm"' in board.get(_url("selection", call)).content.decode()
    board.post(_url("selection", call), {"action": "confirm", "note": "Raad van 3 maart."})
    call.refresh_from_db()
    assert call.status == Call.Status.CONFIRMED and call.decision.note == "Raad van 3 maart."
    page = client.get(_url("screen", call))
    assert page.context["showing_result"] and "Ouders als partners" in page.content.decode()


def test_the_result_page_has_a_fixed_query_budget(
    open_call, attendee, team_member, client, django_assert_max_num_queries
):
    vote(open_call, attendee, ["Taalrijke klas"])
    selection.close_selection_vote(call=open_call, by=team_member)
    selection.publish_selection(call=open_call, by=team_member)
    with django_assert_max_num_queries(3):
        client.get(_url("selection_result", open_call))


def test_the_ballot_carries_its_style_inline_under_the_requests_nonce(
    open_call, attendee, client_of
):
    """One round trip on a crowded network (G11): the stylesheet and script inline, allowed by the
    response's own nonce; other pages keep the policy without inline code."""
    client = client_of(attendee)
    page = client.get(_url("ballot", open_call))
    policy = page["Content-Security-Policy"]
    nonce = policy.split("'nonce-", 1)[1].split("'", 1)[0]
    html = page.content.decode()
    assert f'<style nonce="{nonce}">' in html and f'<script nonce="{nonce}">' in html
    assert 'rel="stylesheet"' not in html
    home = client.get("/")
    assert "nonce-" not in home["Content-Security-Policy"]


def test_a_superscript_two_as_a_choice_is_refused_not_a_500(open_call, attendee, client_of):
    """ "²".isdigit() is true but int("²") fails: the ballot refuses the choice with the form."""
    response = client_of(attendee).post(_url("ballot", open_call), {"choice": ["²"]})
    assert response.status_code == 422 and response.context["state"] == "open"
    assert response.context["error_code"] == "invalid_choices"
    assert not VoteRecord.objects.filter(poll=open_call.poll).exists()
