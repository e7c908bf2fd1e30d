"""The rules the pages share with the services (issue 21): the states named on the models, the
team as som.core.roles says, the chair's actions, the phone page's options in the reader's
language."""

import pytest
from django.urls import reverse
from django.utils import translation

from som.governance import selectors
from som.governance.models import AgendaItem, Meeting, Minutes
from som.governance.services import votes
from som.governance.tests.conftest import item
from som.governance.views.chair import CHAIR_ACTIONS
from som.governance.views.vote import PhoneState
from som.network.tests.factories import make_person


def url(name: str, *args: int) -> str:
    with translation.override("en"):
        return reverse(f"governance:{name}", args=args)


@pytest.mark.parametrize(
    ("status", "before_session", "takes_proxies", "has_opened"),
    [
        (Meeting.Status.DRAFT, True, False, False),
        (Meeting.Status.CONVENED, True, True, False),
        (Meeting.Status.IN_PROGRESS, False, True, True),
        (Meeting.Status.CLOSED, False, False, True),
    ],
)
def test_a_meetings_state_is_named_once(status, before_session, takes_proxies, has_opened):
    meeting = Meeting(status=status)
    assert meeting.is_before_session is before_session
    assert meeting.takes_proxies is takes_proxies
    assert meeting.has_opened is has_opened
    flags = [meeting.is_draft, meeting.is_convened, meeting.is_in_session, meeting.is_closed]
    assert flags.count(True) == 1


def test_an_items_outcome_and_the_minutes_status_are_named_once():
    assert AgendaItem(outcome=AgendaItem.Outcome.PENDING).is_pending
    assert not AgendaItem(outcome=AgendaItem.Outcome.INFORMATION).is_pending
    assert AgendaItem(outcome=AgendaItem.Outcome.NO_QUORUM).is_no_quorum
    assert AgendaItem(outcome=AgendaItem.Outcome.TIED).is_tied
    assert Minutes(status=Minutes.Status.APPROVED).is_approved
    assert not Minutes(status=Minutes.Status.APPROVED).is_published


def test_the_phone_pages_state_is_its_data_state():
    assert str(PhoneState.VOTED) == "voted" and PhoneState.VOTED.is_voted
    assert not PhoneState.OPEN.is_waiting


def test_every_chair_action_has_a_handler():
    assert set(CHAIR_ACTIONS) == {
        "start",
        "close_meeting",
        "present",
        "absent",
        "open",
        "close",
        "no_quorum",
        "hands",
        "hearing",
        "conflict",
    }


@pytest.mark.django_db
def test_an_inactive_team_account_is_not_the_team():
    person = make_person(is_staff=True)
    assert selectors.is_secretary(person)
    person.is_active = False
    assert not selectors.is_secretary(person)
    assert not selectors.is_member_person(person)
    assert not selectors.access_of(person).secretary


@pytest.mark.django_db
def test_an_unknown_chair_action_is_not_found(client_of, convened, secretary):
    accounts = item(convened, "accounts")
    client = client_of(secretary)
    assert client.post(url("chair", convened.pk), {"action": "dance"}).status_code == 404
    sent = {"action": "dance", "item": accounts.pk}
    assert client.post(url("chair", convened.pk), sent).status_code == 404


@pytest.mark.django_db
def test_the_phone_page_names_the_options_in_the_readers_language(
    client_of, in_session, members, secretary
):
    meeting = in_session(members[:4])
    accounts = item(meeting, "accounts")
    votes.open_vote(item=accounts, by=secretary)
    client = client_of(members[0].representative)
    with translation.override("nl"):
        dutch = client.get(reverse("governance:vote", args=[meeting.pk]))
    english = client.get(url("vote", meeting.pk))
    assert 'data-state="open"' in english.text
    assert "Abstain" in english.text and 'type="radio"' in english.text
    assert "Onthouding" in dutch.text
