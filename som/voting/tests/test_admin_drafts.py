"""The back office writes a poll through the voting services: a draft with a voter list is
revised (question, options, voters) and audited; an open poll, or a poll of another app, is only
read there, so nobody adds voters or options to it."""

import pytest
from django.urls import reverse
from django.utils import translation

from som.core import audit
from som.core.tests.admin_forms import change_form_data, form_errors
from som.voting import services
from som.voting.models import Poll, VoterListEntry
from som.voting.tests.test_engine import make_poll


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _with_new_voter(data: dict, person, weight: int = 1) -> dict:
    n = int(data["voter_list-TOTAL_FORMS"])
    return {
        **data,
        "voter_list-TOTAL_FORMS": str(n + 1),
        f"voter_list-{n}-person": str(person.pk),
        f"voter_list-{n}-weight": str(weight),
    }


def _with_new_option(data: dict, label: str) -> dict:
    n = int(data["options-TOTAL_FORMS"])
    return {
        **data,
        "options-TOTAL_FORMS": str(n + 1),
        f"options-{n}-position": "9",
        f"options-{n}-label": label,
    }


def test_a_voter_or_an_option_is_not_added_to_an_open_poll_in_the_back_office(
    client_of, team_member, teacher, lab_lead
):
    poll = make_poll(voters=[teacher])
    client = client_of(team_member)
    url = reverse("admin:voting_poll_change", args=[poll.pk])
    shown = client.get(url)
    assert shown.status_code == 200  # to read
    data = {
        "title": poll.title,
        "question": poll.question,
        **{f"voter_list-{key}": value for key, value in _management(1).items()},
        "voter_list-0-person": str(lab_lead.pk),
        "voter_list-0-weight": "5",
        **{f"options-{key}": value for key, value in _management(1).items()},
        "options-0-label": "Labo D",
        "options-0-position": "4",
    }

    response = client.post(url, data)

    assert response.status_code == 403
    assert list(poll.voter_list.values_list("person", flat=True)) == [teacher.pk]
    assert poll.options.count() == 3
    with pytest.raises(services.PollError) as error:
        services.revise_draft(poll=poll, values={"question": "Anders?"}, by=team_member)
    assert error.value.code == "wrong_state"


def _management(total: int) -> dict[str, str]:
    return {
        "TOTAL_FORMS": str(total),
        "INITIAL_FORMS": "0",
        "MIN_NUM_FORMS": "0",
        "MAX_NUM_FORMS": "1000",
    }


def test_a_draft_is_revised_in_the_back_office_through_the_service_and_audited(
    client_of, team_member, teacher, lab_lead
):
    poll = make_poll(voters=[teacher], opened=False)
    client = client_of(team_member)
    url = reverse("admin:voting_poll_change", args=[poll.pk])
    data = change_form_data(client, url, question="Welke twee labo's?")
    data = _with_new_option(_with_new_voter(data, lab_lead, weight=2), "Labo D")

    response = client.post(url, data)

    assert response.status_code == 302, form_errors(response)
    poll.refresh_from_db()
    assert poll.question == "Welke twee labo's?"
    assert VoterListEntry.objects.get(poll=poll, person=lab_lead).weight == 2
    assert poll.options.filter(label="Labo D").exists()
    entry = audit.entries_for(poll).get(action="poll.revised")
    assert entry.actor == team_member
    assert entry.changes["voters"] == {"added": [lab_lead.email]}
    assert entry.changes["options"] == {"added": ["Labo D"]}
    assert entry.changes["question"] == ["Welke labo's steun je?", "Welke twee labo's?"]


def test_a_voter_twice_on_the_list_is_refused_with_a_message(client_of, team_member, teacher):
    poll = make_poll(voters=[teacher], opened=False)
    client = client_of(team_member)
    url = reverse("admin:voting_poll_change", args=[poll.pk])
    data = _with_new_voter(change_form_data(client, url), teacher)

    response = client.post(url, data)

    assert response.status_code == 200
    assert poll.voter_list.count() == 1
    assert not audit.entries_for(poll).filter(action="poll.revised").exists()


def test_a_poll_of_another_app_is_not_changed_in_the_back_office(client_of, team_member):
    poll = make_poll(
        opened=False, electorate_kind="network_day_attendees", electorate_reference="event:1"
    )
    client = client_of(team_member)
    url = reverse("admin:voting_poll_change", args=[poll.pk])

    response = client.post(url, {"title": "Anders", "question": "Anders?"})

    assert response.status_code == 403
    assert Poll.objects.get(pk=poll.pk).title == poll.title


def test_a_poll_written_in_the_back_office_has_a_voter_list_and_is_audited(
    client_of, team_member, teacher
):
    template = make_poll(opened=False)
    client = client_of(team_member)
    data = change_form_data(
        client, reverse("admin:voting_poll_change", args=[template.pk]), title="Nieuwe stemming"
    )
    data["options-INITIAL_FORMS"] = "0"
    data["voter_list-INITIAL_FORMS"] = "0"
    for key in [key for key in data if key.endswith("-id") or key.endswith("-poll")]:
        del data[key]
    data = _with_new_voter(data, teacher)

    response = client.post(reverse("admin:voting_poll_add"), data)

    assert response.status_code == 302, form_errors(response)
    poll = Poll.objects.get(title="Nieuwe stemming")
    assert (poll.electorate_kind, poll.created_by) == ("listed", team_member)
    assert [o.label for o in poll.options.all()] == ["Labo A", "Labo B", "Labo C"]
    assert list(poll.voter_list.values_list("person", flat=True)) == [teacher.pk]
    assert audit.entries_for(poll).filter(action="poll.created", actor=team_member).exists()
