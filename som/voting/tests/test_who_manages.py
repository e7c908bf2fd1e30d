"""The voting services check who calls them (docs/decisions.md, "One kernel"): the team, the
system (`by=None`: a timer, a command) or a person whose own app's gate let them
(`authorised_by`, e.g. a meeting's secretary). A plain member calling a service directly is
refused, whatever the entrance."""

import pytest

from som.network.tests.factories import make_person
from som.voting import services
from som.voting.models import Poll
from som.voting.services import OptionData, PollError
from som.voting.tests.test_engine import make_poll


def _refused(call, **kwargs) -> None:
    with pytest.raises(PollError) as error:
        call(**kwargs)
    assert error.value.code == "not_team"


def test_a_plain_member_cannot_create_a_poll(db):
    member = make_person()
    _refused(
        services.create_poll,
        title="x",
        question="x",
        method="approval",
        secrecy="secret",
        options=[OptionData("A"), OptionData("B")],
        by=member,
    )
    assert not Poll.objects.exists()


def test_a_plain_member_cannot_add_voters_open_close_or_publish_a_poll(db):
    member = make_person()
    draft = make_poll(opened=False)
    _refused(services.add_voters, poll=draft, people=[member], by=member)
    _refused(services.open_poll, poll=draft, by=member)
    draft.refresh_from_db()
    assert draft.state == Poll.State.DRAFT and not draft.voter_list.exists()

    poll = make_poll(voters=[member])
    _refused(services.close_poll, poll=poll, by=member)
    _refused(services.record_show_of_hands, poll=poll, votes=[], by=member)
    services.close_poll(poll=poll, by=None)
    _refused(services.publish_result, poll=poll, by=member)
    poll.refresh_from_db()
    assert poll.state == Poll.State.CLOSED


def test_an_inactive_team_member_is_refused(db):
    former = make_person(is_staff=True)
    former.is_active = False
    _refused(services.open_poll, poll=make_poll(opened=False), by=former)


def test_the_team_and_a_gate_of_the_calling_app_are_let_through(db, team_member):
    member = make_person()
    poll = make_poll(opened=False)
    services.open_poll(poll=poll, by=team_member)
    services.close_poll(poll=poll, by=member, authorised_by="governance.secretary")
    poll.refresh_from_db()
    assert poll.state == Poll.State.CLOSED
