"""The board's confirmation of a lab selection: only a board member on the day confirms (the team
runs the vote, whatever the entrance), the decision in the register of decisions, and the mails to
the authors in their own language."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from som.governance import selectors as governance
from som.governance import services as mandates
from som.labs.models import Call, CoAuthor, Proposal, SelectionDecision
from som.labs.services import confirmation, selection
from som.labs.tests.test_selection import PROPOSALS, attend, make_call, vote
from som.network.tests.factories import make_person

SELECTED = {"Taalrijke klas", "Overstap naar het secundair", "Welbevinden van leraren"}


@pytest.fixture
def decided(db, lab_lead, team_member) -> Call:
    """A call whose vote the team closed: three proposals selected, "Ouders als partners" not."""
    from som.events.tests.factories import make_event

    day = make_event(title="SOM-netwerkdag voorjaar")
    call = make_call(day, lab_lead, PROPOSALS)
    voters = [make_person(full_name=f"Kiezer {i}") for i in range(6)]
    attend(day, voters)
    selection.start_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    for voter in voters[:4]:
        vote(call, voter, ["Taalrijke klas", "Overstap naar het secundair"])
    vote(call, voters[4], ["Ouders als partners", "Welbevinden van leraren"])
    vote(call, voters[5], ["Welbevinden van leraren"])
    selection.close_selection_vote(call=call, by=team_member)
    selection.publish_selection(call=call, by=team_member)
    call.refresh_from_db()
    return call


def _refused(call: Call, by) -> None:
    with pytest.raises(selection.SelectionError) as error:
        confirmation.confirm_selection(call=call, by=by)
    assert error.value.code == "not_board"
    call.refresh_from_db()
    assert call.status == Call.Status.DECIDED and not SelectionDecision.objects.exists()


def _url(call: Call) -> str:
    return reverse("labs:selection", kwargs={"call_id": call.pk})


# --- Who confirms ------------------------------------------------------------------------------


def test_the_team_without_a_board_mandate_cannot_confirm(decided, team_member):
    _refused(decided, team_member)


def test_a_former_board_member_cannot_confirm(decided, board_mandate):
    mandates.end_mandate(mandate=board_mandate, on=timezone.localdate(), by=None)
    _refused(decided, board_mandate.person)


def test_a_board_mandate_that_starts_tomorrow_does_not_count_yet(decided, board_member):
    board = governance.board()
    assert board is not None
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    mandates.appoint(body=board, person=board_member, role="member", starts_on=tomorrow, by=None)
    _refused(decided, board_member)


def test_a_team_member_who_sits_on_the_board_confirms_as_a_board_member(decided, team_member):
    board = governance.board()
    assert board is not None
    since = timezone.localdate() - datetime.timedelta(days=30)
    mandates.appoint(body=board, person=team_member, role="member", starts_on=since, by=None)
    decision = confirmation.confirm_selection(call=decided, by=team_member)
    assert decision.decided_by == team_member


def test_the_team_sees_that_the_board_confirms_and_its_confirm_is_refused(
    decided, team_member, client_of
):
    client = client_of(team_member)
    page = client.get(_url(decided))
    assert page.status_code == 200 and not page.context["is_board"]
    assert 'value="confirm"' not in page.text and 'class="notice"' in page.text
    answer = client.post(_url(decided), {"action": "confirm"}, follow=True)
    [message] = list(answer.context["messages"])
    assert message.level_tag == "error"
    decided.refresh_from_db()
    assert decided.status == Call.Status.DECIDED and not SelectionDecision.objects.exists()


def test_a_board_member_confirms_on_the_page_with_a_note(
    decided, board_member, board_mandate, client_of
):
    client = client_of(board_member)
    assert 'value="confirm"' in client.get(_url(decided)).content.decode()
    client.post(_url(decided), {"action": "confirm", "note": "  Raad van bestuur van 3 maart.  "})
    decided.refresh_from_db()
    assert decided.status == Call.Status.CONFIRMED
    assert decided.decision.decided_by == board_member
    assert decided.decision.note == "Raad van bestuur van 3 maart."
    confirmed = decided.proposals.filter(status=Proposal.Status.CONFIRMED)
    assert set(confirmed.values_list("title", flat=True)) == SELECTED


def test_staff_cannot_set_a_call_to_confirmed_in_the_admin(decided, team_member, client_of):
    """The admin shows calls read-only: the team opens and edits them on its pages
    (som.labs.services.calls), and only the board confirms a selection."""
    client = client_of(team_member)
    screening = make_call(decided.network_day, decided.proposals.first().created_by, PROPOSALS)
    url = reverse("admin:labs_call_change", args=[screening.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="status"' not in page.content.decode()
    assert client.get(reverse("admin:labs_call_add")).status_code == 403
    deadline = timezone.localtime(screening.deadline)
    client.post(
        url,
        {
            "title": screening.title,
            "description": "",
            "network_day": screening.network_day_id,
            "deadline_0": deadline.strftime("%Y-%m-%d"),
            "deadline_1": deadline.strftime("%H:%M:%S"),
            "status": "confirmed",
            "total_budget": "100000",
            "max_budget_per_proposal": "100000",
            "min_labs": "3",
            "max_labs": "3",
            "rule": screening.rule,
        },
    )
    screening.refresh_from_db()
    assert screening.status == Call.Status.SCREENING


# --- The register of decisions -----------------------------------------------------------------


def test_the_confirmation_is_in_the_register_of_decisions_with_the_confirmers_name(
    decided, board_member, board_mandate, client_of
):
    confirmation.confirm_selection(call=decided, by=board_member, note="Raad van 3 maart.")
    entries = governance.register_of_decisions(published_only=False)
    [other] = [entry.other for entry in entries if entry.other is not None]
    assert other.confirmed_by == ("Bert Bestuur",)
    assert other.note == "Raad van 3 maart."
    assert all(f"“{title}”" in other.text for title in SELECTED)
    assert "Ouders als partners" not in other.text
    page = client_of(board_member).get(reverse("governance:decisions") + "?q=Taalrijke")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Bert Bestuur" in html and decided.title.replace("'", "&#x27;") in html
    assert reverse("labs:selection_result", kwargs={"call_id": decided.pk}) in html
    missing = client_of(board_member).get(reverse("governance:decisions") + "?q=onbestaand")
    assert "Bert Bestuur" not in missing.content.decode()


def test_the_register_of_decisions_has_a_query_budget_whatever_the_confirmations(
    decided, board_member, board_mandate, client_of, django_assert_max_num_queries
):
    confirmation.confirm_selection(call=decided, by=board_member)
    client = client_of(board_member)
    client.get(reverse("governance:decisions"))
    with django_assert_max_num_queries(7):
        assert client.get(reverse("governance:decisions")).status_code == 200


# --- The mails to the authors ------------------------------------------------------------------


def _author(proposal: Proposal, person, *, accepted: bool = True) -> None:
    CoAuthor.objects.create(
        proposal=proposal,
        email=person.email,
        person=person,
        accepted_at=timezone.now() if accepted else None,
    )


def test_the_authors_hear_the_outcome_in_their_own_language(
    decided, lab_lead, board_member, board_mandate, django_capture_on_commit_callbacks
):
    proposals = {p.title: p for p in decided.proposals.all()}
    english = make_person(email="coauthor@example.org", full_name="Cora Coauthor", language="en")
    _author(proposals["Taalrijke klas"], english)
    invited = make_person(email="invited@example.org", full_name="Ivo Invited")
    _author(proposals["Taalrijke klas"], invited, accepted=False)  # did not accept: no mail
    starter = make_person(email="starter@example.org", full_name="Stan Starter", language="en")
    Proposal.objects.filter(pk=proposals["Ouders als partners"].pk).update(created_by=starter)
    _author(proposals["Ouders als partners"], lab_lead)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        confirmation.confirm_selection(call=decided, by=board_member)
    sent = {(m.to[0], m.subject): m.body for m in mail.outbox}
    # lab_lead started all four: three "selected" mails and one "not selected" as a co-author.
    assert len(mail.outbox) == 4 + 1 + 1
    assert "invited@example.org" not in {m.to[0] for m in mail.outbox}
    to_coauthor = [body for (to, _s), body in sent.items() if to == "coauthor@example.org"]
    [body] = to_coauthor
    assert "Good news" in body and "The rule: most votes first" in body
    assert "/labo/" in body or "/lab/" in body  # the lab's page
    subjects = {s for (to, s) in sent if to == "coauthor@example.org"}
    assert subjects == {'Your proposal "Taalrijke klas" is selected: it becomes a SOM lab'}
    [not_selected] = [body for (to, _s), body in sent.items() if to == "starter@example.org"]
    assert "Thank you" in not_selected and "not among the labs selected" in not_selected
    assert "The rule: most votes first" in not_selected and "submit it again" in not_selected
    dutch = [body for (to, _s), body in sent.items() if to == lab_lead.email]
    assert len(dutch) == 4
    assert all("De regel: meeste stemmen eerst" in body for body in dutch)
    assert sum("Dank je" in body for body in dutch) == 1


def test_no_mail_when_the_confirmation_is_refused(
    decided, team_member, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(selection.SelectionError),
    ):
        confirmation.confirm_selection(call=decided, by=team_member)
    assert mail.outbox == []
