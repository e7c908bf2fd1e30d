"""The pages: gates (an outsider gets 404 on a draft), the editor with and without JavaScript,
invitations, submission, the team's screening and pitch slots, and query budgets."""

# The fixtures are imported from test_proposals.py; tests name them as arguments.
# ruff: noqa: F811

import re

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from som.labs import services
from som.labs.models import Proposal
from som.labs.tests.test_proposals import (  # noqa: F401 (fixtures)
    _in_english,
    after_deadline,
    call,
    join,
    members,
    network_day,
    pitch_slot,
    proposal,
    social_worker,
    submitted,
    welfare_org,
    write,
    written,
)
from som.network.tests.factories import make_person


def url(name, *args):
    """The English address, so the pages answer in English whatever the default language."""
    with translation.override("en"):
        return reverse(name, args=args)


def editor_form(**changes):
    data = {
        "title": "Zachte overgang",
        "summary": "Samen aan de overgang",
        "challenge": "Jongeren haken af.",
        "beyond_one_school": "Elke school.",
        "approach": "Een jaar proberen.",
        "duration_months": "12",
        "expertise_needed": "",
        "room_needed": "",
        "budget-TOTAL_FORMS": "2",
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "20",
        "budget-0-description": "Vervanging",
        "budget-0-amount": "2500",
        "budget-1-description": "",
        "budget-1-amount": "",
    }
    data.update(changes)
    return data


# --- Gates --------------------------------------------------------------------------------------------


def test_an_outsider_gets_404_on_every_page_of_a_draft(client_of, outsider, proposal):
    client = client_of(outsider)
    for name in ("labs:proposal", "labs:history"):
        assert client.get(url(name, proposal.pk)).status_code == 404
    for name in ("labs:proposal", "labs:invite", "labs:submit"):
        assert client.post(url(name, proposal.pk), editor_form()).status_code == 404
    proposal.refresh_from_db()
    assert proposal.challenge == ""


def test_a_pending_invitee_does_not_see_the_draft_yet(client_of, proposal, teacher, expert):
    services.invite_coauthor(proposal=proposal, email=expert.email, by=teacher)
    assert client_of(expert).get(url("labs:proposal", proposal.pk)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, proposal):
    response = client.get(url("labs:proposal", proposal.pk))
    assert response.status_code == 302 and "login" in response["Location"]


def test_team_pages_do_not_exist_for_others(client_of, outsider, teacher, submitted):
    for person in (outsider, teacher):
        client = client_of(person)
        assert client.get(url("labs:team_calls")).status_code == 404
        assert client.get(url("labs:team_call", submitted.call_id)).status_code == 404
        assert client.get(url("labs:team_proposal", submitted.pk)).status_code == 404
        response = client.post(url("labs:team_proposal", submitted.pk), {"eligible": "yes"})
        assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == Proposal.Status.SUBMITTED


# --- Calls and starting -------------------------------------------------------------------------------


def test_the_call_page_shows_open_calls_and_starts_a_proposal(client_of, call, members, teacher):
    client = client_of(teacher)
    page = client.get(url("labs:calls"))
    assert call.title in page.text and "Start a proposal" in page.text
    response = client.post(url("labs:start", call.pk), {"title": "Samen lezen"})
    started = Proposal.objects.get(title="Samen lezen")
    assert response["Location"] == url("labs:proposal", started.pk)


def test_starting_without_membership_says_why(client_of, call, expert):
    response = client_of(expert).post(url("labs:start", call.pk), {"title": "X"}, follow=True)
    assert "membership" in response.text
    assert not Proposal.objects.exists()


# --- The editor ---------------------------------------------------------------------------------------


def test_a_co_author_saves_with_the_button_and_sees_the_eligibility_panel(
    client_of, proposal, teacher, lab_lead
):
    join(proposal, teacher, lab_lead)
    client = client_of(lab_lead)
    page = client.get(url("labs:proposal", proposal.pk))
    assert 'id="eligibility-panel"' in page.text
    assert 'data-rule="authors" data-met="no"' in page.text
    assert "proposal-autosave.js" in page.text
    response = client.post(url("labs:proposal", proposal.pk), editor_form())
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.challenge == "Jongeren haken af."
    assert [line.description for line in proposal.budget_lines.all()] == ["Vervanging"]
    assert proposal.revisions.first().author == lab_lead


def test_autosave_answers_with_the_recomputed_panel(client_of, proposal, teacher):
    response = client_of(teacher).post(
        url("labs:proposal", proposal.pk),
        editor_form(duration_months="6"),
        HTTP_ACCEPT="application/json",
    )
    answer = response.json()
    assert answer["ok"] is True and answer["message"].startswith("Saved")
    assert 'data-rule="duration" data-met="no"' in answer["panel"]
    answer = (
        client_of(teacher)
        .post(
            url("labs:proposal", proposal.pk),
            editor_form(duration_months="12"),
            HTTP_ACCEPT="application/json",
        )
        .json()
    )
    assert 'data-rule="duration" data-met="yes"' in answer["panel"]


def test_invalid_input_changes_nothing_and_says_so(client_of, proposal, teacher):
    client = client_of(teacher)
    response = client.post(url("labs:proposal", proposal.pk), editor_form(title=""))
    assert response.status_code == 400
    response = client.post(
        url("labs:proposal", proposal.pk),
        editor_form(**{"budget-0-amount": "-5"}),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400 and response.json()["ok"] is False
    proposal.refresh_from_db()
    assert proposal.title == "Zachte overgang" and not proposal.budget_lines.exists()


def test_the_history_shows_who_saved_and_what_changed(client_of, proposal, teacher):
    client = client_of(teacher)
    client.post(url("labs:proposal", proposal.pk), editor_form(challenge="Eerste versie."))
    client.post(url("labs:proposal", proposal.pk), editor_form(challenge="Tweede versie."))
    older = proposal.revisions.order_by("pk")[1]
    page = client.get(url("labs:history", proposal.pk) + f"?revision={older.pk}")
    assert "Lotte Leraar" in page.text
    assert "<del>Eerste versie.</del>" in page.text and "<ins>Tweede versie.</ins>" in page.text


# --- Invitations and submission -------------------------------------------------------------------------


def test_invite_accept_and_decline_through_the_pages(
    client_of, proposal, teacher, lab_lead, expert, django_capture_on_commit_callbacks
):
    client = client_of(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("labs:invite", proposal.pk), {"email": lab_lead.email})
        client.post(url("labs:invite", proposal.pk), {"email": expert.email, "is_expert": "on"})
    assert {m.to[0] for m in mail.outbox} == {lab_lead.email, expert.email}
    lead_page = client_of(lab_lead).get(url("labs:mine"))
    assert "Invitations waiting for your answer" in lead_page.text
    lead_invitation = proposal.coauthors.get(email=lab_lead.email)
    expert_invitation = proposal.coauthors.get(email=expert.email)
    # Nobody answers for somebody else.
    assert client_of(expert).post(url("labs:accept", lead_invitation.pk)).status_code == 404
    client_of(lab_lead).post(url("labs:accept", lead_invitation.pk))
    client_of(expert).post(url("labs:decline", expert_invitation.pk))
    assert proposal.coauthors.get(person=lab_lead).accepted_at is not None
    assert not proposal.coauthors.filter(email=expert.email).exists()
    assert client_of(lab_lead).get(url("labs:proposal", proposal.pk)).status_code == 200


def _editor_after_inviting(client, proposal, email):
    """The answer to an invitation and the editor it leads to, without the CSRF tokens (nothing
    of it is kept: the savepoint is rolled back)."""
    with transaction.atomic():
        answer = client.post(url("labs:invite", proposal.pk), {"email": email})
        page = client.get(answer["Location"]).content.decode()
        transaction.set_rollback(True)
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    page = re.sub(r"Saved at [0-9:]+", "", page)
    return answer.status_code, answer["Location"], page


def test_known_and_unknown_co_authors_get_the_same_answer(client_of, proposal, teacher):
    client = client_of(teacher)
    unknown = _editor_after_inviting(client, proposal, "jan@elders.example")
    make_person(email="jan@elders.example", full_name="Jan Janssens", language="en")
    known = _editor_after_inviting(client, proposal, "jan@elders.example")
    assert unknown == known
    assert "We sent an invitation to jan@elders.example" in known[2]
    assert "Janssens" not in known[2]


def test_submit_refuses_with_the_failing_rule_and_then_succeeds(
    client_of, proposal, teacher, lab_lead, social_worker
):
    client = client_of(teacher)
    response = client.post(url("labs:submit", proposal.pk), follow=True)
    assert "Invite 2 more co-authors" in response.text
    join(proposal, teacher, lab_lead)
    join(proposal, teacher, social_worker)
    write(proposal, teacher)
    response = client.post(url("labs:submit", proposal.pk), follow=True)
    assert "Your proposal is submitted" in response.text
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert 'id="proposal-form"' not in response.text  # read-only now


# --- The team -------------------------------------------------------------------------------------------


def test_the_team_screens_a_proposal_out_and_the_authors_get_the_reason(
    client_of, team_member, submitted, django_capture_on_commit_callbacks
):
    client = client_of(team_member)
    page = client.get(url("labs:team_proposal", submitted.pk))
    assert "Screening" in page.text
    response = client.post(
        url("labs:team_proposal", submitted.pk), {"eligible": "no", "reason": ""}
    )
    assert "Say why" in response.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("labs:team_proposal", submitted.pk),
            {"eligible": "no", "reason": "Er is geen link met het Leuvense onderwijs."},
        )
    submitted.refresh_from_db()
    assert submitted.status == Proposal.Status.NOT_ELIGIBLE
    assert "geen link met het Leuvense onderwijs" in mail.outbox[-1].body
    assert len(mail.outbox[-1].to) == 3


def test_the_team_screens_in_and_schedules_the_pitch(client_of, team_member, submitted, pitch_slot):
    client = client_of(team_member)
    client.post(url("labs:team_proposal", submitted.pk), {"eligible": "yes"})
    response = client.post(url("labs:pitch", submitted.pk), {"slot": pitch_slot.pk, "order": "1"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.pitch_slot == pitch_slot
    page = client.get(url("labs:team_call", submitted.call_id))
    assert "Pitches van labovoorstellen" in page.text


# --- Query budgets --------------------------------------------------------------------------------------


def _more_proposals(call, starter, count):
    for n in range(count):
        proposal = services.start_proposal(call=call, by=starter, title=f"Voorstel {n}")
        services.invite_coauthor(
            proposal=proposal, email=make_person().email, by=starter, is_expert=bool(n % 2)
        )


@pytest.mark.parametrize("extra", [0, 5])
def test_list_pages_keep_their_query_budget(
    client_of, team_member, teacher, written, extra, django_assert_max_num_queries
):
    _more_proposals(written.call, teacher, extra)
    team, author = client_of(team_member), client_of(teacher)
    with django_assert_max_num_queries(12):
        assert team.get(url("labs:team_call", written.call_id)).status_code == 200
    with django_assert_max_num_queries(12):
        assert team.get(url("labs:team_calls")).status_code == 200
    with django_assert_max_num_queries(12):
        assert author.get(url("labs:mine")).status_code == 200
    with django_assert_max_num_queries(10):
        assert author.get(url("labs:calls")).status_code == 200
