"""The team opens, edits and closes calls on its own pages; nobody else can, and the back office
only shows them."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from som.core.models import AuditEntry
from som.events.models import Event
from som.events.tests.factories import make_event
from som.labs.models import Call
from som.labs.services import calls, selection
from som.labs.services.calls import CallData, CallError
from som.labs.tests.test_selection import PROPOSALS, make_call

pytestmark = pytest.mark.django_db


def _url(name: str, *args: int) -> str:
    with translation.override("nl"):
        return reverse(name, args=args)


def _form(day: Event, **overrides: str) -> dict[str, str]:
    deadline = timezone.localtime(day.starts_at - datetime.timedelta(days=10))
    return {
        "title": "Labo's 2027",
        "description": "Drie tot vijf labo's met geld, expertise en ruimte.",
        "network_day": str(day.pk),
        "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
        "total_budget": "90000",
        "max_budget_per_proposal": "40000",
        "min_labs": "3",
        "max_labs": "5",
        "rule": Call.Rule.EQUAL_SHARES,
    } | overrides


def _data(day: Event | None = None, **overrides: object) -> CallData:
    fields: dict[str, object] = {
        "title": "Labo's 2027",
        "deadline": timezone.now() + datetime.timedelta(days=14),
        "total_budget": Decimal(90_000),
        "max_budget_per_proposal": Decimal(40_000),
        "rule": Call.Rule.GREEDY,
        "network_day": day,
    }
    return CallData(**(fields | overrides))  # type: ignore[arg-type]


def test_the_team_opens_a_call_on_its_page_and_authors_find_it(client_of, team_member, teacher):
    day = make_event(title="Netwerkdag voorjaar")
    client = client_of(team_member)
    assert client.get(_url("labs:new_call")).status_code == 200
    response = client.post(_url("labs:new_call"), _form(day))
    call = Call.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("labs:team_call", call.pk)
    assert call.status == Call.Status.OPEN and call.network_day == day
    assert call.rule == Call.Rule.EQUAL_SHARES and call.max_budget_per_proposal == 40_000
    assert AuditEntry.objects.filter(action="call.opened", object_id=str(call.pk)).exists()
    assert "Labo&#x27;s 2027" in client_of(teacher).get(_url("labs:calls")).content.decode()


def test_the_team_list_links_to_the_new_call_page_not_the_admin(client_of, team_member):
    page = client_of(team_member).get(_url("labs:team_calls")).content.decode()
    assert _url("labs:new_call") in page and "/admin/" not in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"deadline": "2020-01-01T12:00"}, "De deadline moet in de toekomst liggen."),
        ({"max_budget_per_proposal": "95000"}, "meer dan het hele budget"),
        ({"min_labs": "4", "max_labs": "3"}, "minstens"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_opens_nothing(
    client_of, team_member, overrides, message
):
    day = make_event()
    response = client_of(team_member).post(_url("labs:new_call"), _form(day, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Call.objects.exists()


def test_a_deadline_after_the_network_day_is_refused(team_member):
    day = make_event()
    with pytest.raises(CallError) as error:
        calls.open_call(
            data=_data(day, deadline=day.starts_at + datetime.timedelta(hours=1)), by=team_member
        )
    assert error.value.code == "after_network_day"


def test_only_a_network_day_hosts_the_pitches(team_member):
    evening = make_event(kind=Event.Kind.COMMUNITY)
    with pytest.raises(CallError) as error:
        calls.open_call(data=_data(evening), by=team_member)
    assert error.value.code == "not_a_network_day"


@pytest.mark.parametrize("who", ["teacher", "board_member", "school_contact", "outsider"])
def test_nobody_but_the_team_opens_edits_or_closes_a_call(request, client_of, who, team_member):
    person = request.getfixturevalue(who)
    day = make_event()
    call = calls.open_call(data=_data(day), by=team_member)
    client = client_of(person)
    assert client.get(_url("labs:new_call")).status_code == 404
    assert client.post(_url("labs:new_call"), _form(day)).status_code == 404
    assert client.get(_url("labs:edit_call", call.pk)).status_code == 404
    assert client.post(_url("labs:close_call", call.pk)).status_code == 404
    with pytest.raises(CallError) as error:
        calls.open_call(data=_data(day), by=person)
    assert error.value.code == "not_team"
    assert Call.objects.count() == 1 and Call.objects.get().status == Call.Status.OPEN


def test_the_team_edits_a_call_and_the_change_is_audited(client_of, team_member):
    day = make_event()
    call = calls.open_call(data=_data(day), by=team_member)
    client = client_of(team_member)
    page = client.get(_url("labs:edit_call", call.pk)).content.decode()
    assert 'value="Labo&#x27;s 2027"' in page
    form = _form(day, title="Labo's 2027-2028", total_budget="120000")
    response = client.post(_url("labs:edit_call", call.pk), form)
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.title == "Labo's 2027-2028" and call.total_budget == 120_000
    entry = AuditEntry.objects.get(action="call.updated")
    assert entry.changes["title"] == "Labo's 2027-2028"


def test_closing_a_call_stops_proposals_now(client_of, team_member, lab_lead):
    from som.labs import services as proposals

    call = calls.open_call(data=_data(make_event()), by=team_member)
    response = client_of(team_member).post(_url("labs:close_call", call.pk))
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == Call.Status.SCREENING and call.deadline <= timezone.now()
    with pytest.raises(proposals.ProposalError):
        proposals.start_proposal(call=call, by=lab_lead, title="Te laat")
    with pytest.raises(CallError) as error:
        calls.close_call(call=call, by=team_member)
    assert error.value.code == "wrong_state"


def test_a_later_deadline_reopens_a_call_closed_early(team_member):
    day = make_event()
    call = calls.close_call(call=calls.open_call(data=_data(day), by=team_member), by=team_member)
    later = timezone.now() + datetime.timedelta(days=3)
    call = calls.update_call(call=call, data=_data(day, deadline=later), by=team_member)
    assert call.status == Call.Status.OPEN


def test_once_the_vote_started_the_call_cannot_change(client_of, team_member, lab_lead):
    call = make_call(make_event(), lab_lead, PROPOSALS)
    selection.start_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    with pytest.raises(CallError) as error:
        calls.update_call(call=call, data=_data(call.network_day, title="Anders"), by=team_member)
    assert error.value.code == "wrong_state"
    client = client_of(team_member)
    response = client.get(_url("labs:edit_call", call.pk), follow=True)
    assert "kan niet meer gewijzigd worden" in response.content.decode()
    call.refresh_from_db()
    assert call.title == "Labo's 2027" and call.status == Call.Status.VOTING


def test_the_call_page_links_to_the_control_page_edit_and_network_day(client_of, team_member):
    day = make_event()
    call = calls.open_call(data=_data(day), by=team_member)
    page = client_of(team_member).get(_url("labs:team_call", call.pk)).content.decode()
    assert _url("labs:selection", call.pk) in page
    assert _url("labs:edit_call", call.pk) in page
    assert _url("labs:close_call", call.pk) in page
    with translation.override("nl"):
        assert reverse("events:detail", kwargs={"slug": day.slug}) in page
