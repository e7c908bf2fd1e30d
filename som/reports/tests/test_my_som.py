"""Mijn SOM: where everybody lands after login, with what matters to them now. Each person sees
their own things only, and the page costs the same number of queries however many rows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from som.events import services as events
from som.events.tests.factories import make_event
from som.governance import selectors as governance_selectors
from som.governance import services as governance
from som.governance.models import MotionKind
from som.labs.models import Call, CoAuthor, Proposal
from som.labs.services import selection
from som.labs.tests.test_selection import PROPOSALS, attend, make_call, vote
from som.membership.tests.factories import approved_membership
from som.network.models import Affiliation
from som.network.tests.factories import affiliate, make_person

pytestmark = pytest.mark.django_db


def _url(name: str = "my_som:home", **kwargs: object) -> str:
    with translation.override("nl"):
        return reverse(name, kwargs=kwargs or None)


def test_everybody_lands_on_my_som_after_logging_in(client, teacher):
    response = client.post(
        "/accounts/login/", {"login": teacher.email, "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 302 and response["Location"] == "/mijn-som/"
    page = client.get("/mijn-som/").content.decode()
    assert "Welkom, Lotte" in page


def test_who_is_not_logged_in_is_asked_to(client, db):
    response = client.get("/mijn-som/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_header_links_my_som_and_my_registrations(client_of, teacher):
    page = client_of(teacher).get("/mijn-som/").content.decode()
    assert 'href="/mijn-som/"' in page and _url("events:mine") in page


def test_a_teacher_sees_their_tickets_with_cancel(client_of, teacher):
    event = make_event(title="Netwerkdag voorjaar")
    registration = events.register(event=event, person=teacher)
    page = client_of(teacher).get("/en/my-som/").content.decode()
    assert "Netwerkdag voorjaar" in page
    with translation.override("en"):
        assert reverse("events:ticket", kwargs={"code": registration.ticket_code}) in page
        assert reverse("events:cancel", kwargs={"pk": registration.pk}) in page


def test_a_contact_sees_who_of_the_staff_comes_and_the_open_invoices(
    client_of, school_contact, teacher, school, team_member, this_year, general, outsider
):
    event = make_event(title="Netwerkdag najaar")
    events.register(event=event, person=teacher, by=school_contact)
    membership = approved_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    page = client_of(school_contact).get("/en/my-som/").content.decode()
    assert "My colleagues at events" in page
    assert "Netwerkdag najaar" in page and "Lotte Leraar" in page
    assert "Basisschool De Linde" in page and "Awaiting payment" in page
    invoice = membership.year  # the membership's invoice is open: its number is on the page
    from som.membership.tests.factories import invoice_of

    assert invoice_of(membership).number in page and invoice is not None
    # Another school's contact person sees none of it.
    other = client_of(outsider).get("/en/my-som/").content.decode()
    assert "Lotte Leraar" not in other and invoice_of(membership).number not in other


def test_invitations_wait_for_an_answer_on_my_som(client_of, teacher, lab_lead):
    call = make_call(make_event(), lab_lead, [])
    Call.objects.filter(pk=call.pk).update(status=Call.Status.OPEN)
    proposal = Proposal.objects.create(call=call, title="Taalrijke klas", created_by=lab_lead)
    invitation = CoAuthor.objects.create(
        proposal=proposal, email=teacher.email, person=teacher, invited_by=lab_lead
    )
    page = client_of(teacher).get("/en/my-som/").content.decode()
    assert "Waiting for you" in page and "Taalrijke klas" in page
    with translation.override("en"):
        assert reverse("labs:accept", kwargs={"pk": invitation.pk}) in page
    assert "Taalrijke klas" in client_of(lab_lead).get("/en/my-som/").content.decode()


def test_an_attendee_checked_in_finds_the_open_selection_vote(
    client_of, team_member, lab_lead, teacher, expert
):
    day = make_event()
    call = make_call(day, lab_lead, PROPOSALS)
    attend(day, [teacher])
    attend(day, [expert], checked_in=False)
    selection.start_selection_vote(call=call, by=team_member)
    ballot = _url("labs:ballot", call_id=call.pk)
    assert ballot in client_of(teacher).get("/mijn-som/").content.decode()
    # Registered but not checked in: may see the poll, may not vote in it.
    assert ballot not in client_of(expert).get("/mijn-som/").content.decode()


def test_the_board_finds_its_pending_confirmation(
    client_of, team_member, lab_lead, board_member, board_mandate, teacher
):
    day = make_event()
    call = make_call(day, lab_lead, PROPOSALS)
    voter = make_person(full_name="Kiezer")
    attend(day, [voter])
    selection.start_selection_vote(call=call, by=team_member)
    call.refresh_from_db()
    vote(call, voter, ["Taalrijke klas"])
    selection.close_selection_vote(call=call, by=team_member)
    control = _url("labs:selection", call_id=call.pk)
    page = client_of(board_member).get("/mijn-som/").content.decode()
    assert control in page
    assert control not in client_of(teacher).get("/mijn-som/").content.decode()


def test_the_board_sees_the_meetings_it_is_convened_to(
    client_of, team_member, board_member, board_mandate
):
    board = governance_selectors.board()
    assert board is not None
    meeting = governance.schedule_meeting(
        body=board,
        title="Raad van bestuur december",
        starts_at=timezone.now() + datetime.timedelta(days=10),
        place="SOM-kantoor",
        by=team_member,
    )
    governance.add_agenda_item(
        meeting=meeting,
        title="Begroting",
        motion_kind=MotionKind.objects.get(code="ordinary"),
        by=team_member,
    )
    governance.send_convocation(meeting=meeting, by=team_member)
    page = client_of(board_member).get("/en/my-som/").content.decode()
    assert "Raad van bestuur december" in page and "convened as board member" in page


def test_the_team_finds_its_to_do_list_and_its_home(client_of, team_member):
    page = client_of(team_member).get("/en/my-som/").content.decode()
    assert "The team's to-do list" in page and 'href="/en/team/"' in page


def _rows_for(person, school, rows):
    """`rows` more of what Mijn SOM lists: coming events the person and a colleague are
    registered for (the contact registers the colleague)."""
    for _number in range(rows):
        colleague = make_person(full_name="Collega")
        affiliate(colleague, school, Affiliation.Role.STAFF)
        event = make_event()
        events.register(event=event, person=person)
        by = person if not person.is_staff else colleague
        events.register(event=event, person=colleague, by=by)


@pytest.mark.parametrize("who", ["school_contact", "team_member"])
def test_the_page_costs_the_same_whatever_the_number_of_rows(
    request, client_of, school, team_member, this_year, general, who, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = request.getfixturevalue(who)
    approved_membership(
        applicant=team_member if person.is_staff else person,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    _rows_for(person, school, rows=1)
    client = client_of(person)
    client.get("/mijn-som/")
    with CaptureQueriesContext(connection) as one_row:
        assert client.get("/mijn-som/").status_code == 200
    _rows_for(person, school, rows=3)
    with django_assert_num_queries(len(one_row)):
        client.get("/mijn-som/")
    assert len(one_row) <= 30


def test_a_teacher_of_a_member_school_reads_why_they_come_for_free(
    client_of, teacher, school, school_contact, team_member, this_year, general
):
    from som.membership.tests.factories import paid_membership

    paid_membership(
        team=team_member,
        applicant=school_contact,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    page = client_of(teacher).get("/en/my-som/").content.decode()
    assert "You work for Basisschool De Linde, a member of SOM Leuven." in page
    assert "network days for free" in page


@pytest.mark.today("2026-12-20")  # the personas and the membership are made before the turn
@pytest.mark.parametrize(
    ("day", "years"),
    [(datetime.date(2026, 12, 29), [2026, 2027]), (datetime.date(2027, 1, 2), [2027])],
)
def test_the_membership_at_the_turn_of_the_year(
    client_of, school_contact, school, team_member, general, time_machine, day, years
):
    """On 29 December the contact sees this year's membership and next year's renewal; on
    2 January only the new year's (a fixed clock)."""
    from som.membership import services as membership
    from som.membership.models import MembershipYear
    from som.membership.tests.factories import paid_membership

    year, next_year = (
        MembershipYear.objects.get_or_create(
            year=number,
            defaults={
                "starts_on": datetime.date(number, 1, 1),
                "ends_on": datetime.date(number, 12, 31),
            },
        )[0]
        for number in (2026, 2027)
    )
    paid_membership(
        team=team_member,
        applicant=school_contact,
        year=year,
        membership_type=general,
        organisation=school,
    )
    membership.renew_all(year=next_year, by=team_member)
    time_machine.move_to(
        timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))), tick=False
    )
    page = client_of(school_contact).get("/en/my-som/").content.decode()
    shown = [number for number in (2026, 2027) if f"Basisschool De Linde · {number}" in page]
    assert shown == years
