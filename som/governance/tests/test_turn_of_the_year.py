"""The turn of the year, at a fixed clock (issue 16): on 29 December and on 2 January a school
joins, the members are renewed and a general assembly in January is convened to the members
whose membership counts on its day. A convocation whose electorate is empty, or much smaller
than last year's members, is refused with the reason and changes nothing."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from som.finance import services as finance
from som.governance import services
from som.governance.models import ConvocationRecipient, Meeting
from som.governance.tests.conftest import kind
from som.membership import services as membership
from som.membership.models import Application, Membership
from som.membership.services import rollover
from som.membership.tests.clock import BRUSSELS, at, today
from som.membership.tests.conftest import tariff
from som.membership.tests.factories import invoice_of, paid_membership
from som.network.models import Affiliation
from som.network.tests.factories import affiliate, make_organisation, make_person

__all__ = ["today"]  # the autouse clock


@pytest.fixture(autouse=True)
def _in_english():
    """The refusals are read in English here; their Dutch is in the catalogue."""
    with translation.override("en"):
        yield


DAY = datetime.date
TURN_OF_THE_YEAR = pytest.mark.parametrize("today", ["2026-12-29", "2027-01-02"], indirect=True)


def members_since_march(today, team_member, general, count=6):
    """`count` schools that joined and paid in March 2026; the clock goes back to where it was."""
    now = datetime.datetime.now(tz=BRUSSELS)
    today.move_to(at("2026-03-02"))
    year = membership.open_year(year=2026, by=None)
    found = []
    for number in range(count):
        school = make_organisation(name=f"Lidschool {number}")
        contact = make_person(full_name=f"Vertegenwoordiger {number}")
        affiliate(contact, school, Affiliation.Role.CONTACT)
        found.append(
            paid_membership(
                team=team_member,
                applicant=contact,
                year=year,
                membership_type=general,
                organisation=school,
            )
        )
    today.move_to(now)
    return found


def assembly_on(day, assembly, secretary):
    meeting = services.schedule_meeting(
        body=assembly,
        title="Algemene vergadering",
        starts_at=at(day, 19),
        place="Stadhuis Leuven",
        by=secretary,
    )
    services.add_agenda_item(
        meeting=meeting,
        title="Begroting 2027",
        motion="De algemene vergadering keurt de begroting 2027 goed.",
        motion_kind=kind("budget"),
        by=secretary,
    )
    return meeting


def _today():
    return datetime.datetime.now(tz=BRUSSELS).date()


# --- A school joins -------------------------------------------------------------------------------


@TURN_OF_THE_YEAR
def test_a_school_joins_for_2027_at_the_turn_of_the_year(
    client_of, school_contact, school, general, team_member
):
    client = client_of(school_contact)
    form = client.get(reverse("membership:apply")).context["form"]
    assert form["year"].value() == 2027
    choices = [value for value, _label in form.fields["year"].choices]
    assert choices == ([2026, 2027] if _today().year == 2026 else [2027])
    response = client.post(
        reverse("membership:apply"),
        {
            "membership_type": general.code,
            "tariff": tariff(general).pk,
            "year": 2027,
            "organisation": school.pk,
        },
    )
    assert response.status_code == 302
    approved = membership.approve(application=Application.objects.get(), by=team_member)
    invoice = invoice_of(approved)
    finance.register_payment(
        invoice=invoice, amount=invoice.amount, booked_on=_today(), by=team_member
    )
    approved.refresh_from_db()
    assert approved.status == Membership.Status.ACTIVE
    assert approved.counts_from == (DAY(2027, 1, 1) if _today().year == 2026 else _today())
    assert "2027" in client.get(reverse("membership:mine")).content.decode()


# --- Renewals -------------------------------------------------------------------------------------


@TURN_OF_THE_YEAR
def test_members_are_renewed_at_the_turn_of_the_year_even_when_december_was_missed(
    today, team_member, general
):
    members = members_since_march(today, team_member, general, count=2)
    done = rollover.roll_over(today=_today())
    assert {renewal.renewal_of_id for renewal in done.renewed} == {member.pk for member in members}
    for renewal in done.renewed:
        assert renewal.year.year == 2027
        assert renewal.counts_from == DAY(2027, 1, 1)
        assert invoice_of(renewal).issued_on == _today()
    assert rollover.roll_over(today=_today()).renewed == []


# --- The general assembly's convocation -----------------------------------------------------------


@TURN_OF_THE_YEAR
def test_a_january_assembly_is_refused_until_the_members_are_renewed(
    today, team_member, general, assembly, secretary, django_capture_on_commit_callbacks
):
    members_since_march(today, team_member, general)
    meeting = assembly_on("2027-01-25", assembly, secretary)
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.GovernanceError) as error,
    ):
        services.send_convocation(meeting=meeting, by=secretary)
    assert error.value.code == "electorate"
    assert "6" in error.value.message and "2026" in error.value.message
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT
    assert not meeting.recipients.exists()
    assert mail.outbox == []

    rollover.roll_over(today=_today())
    sent = services.send_convocation(meeting=meeting, by=secretary)
    roles = [recipient.role for recipient in sent]
    assert roles.count(ConvocationRecipient.Role.MEMBER) == 6
    assert roles.count(ConvocationRecipient.Role.BOARD) == 1


def test_an_assembly_without_any_member_is_refused_with_the_reason(assembly, secretary):
    meeting = assembly_on("2027-01-25", assembly, secretary)
    with pytest.raises(services.GovernanceError) as error:
        services.send_convocation(meeting=meeting, by=secretary)
    assert error.value.code == "electorate"
    assert "No member can vote" in error.value.message
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.DRAFT


def test_the_board_is_convened_without_members(secretary):
    from som.governance.selectors import board

    body = board()
    assert body is not None
    meeting = services.schedule_meeting(
        body=body, title="Bestuur", starts_at=at("2027-01-12", 19), place="Kantoor", by=secretary
    )
    services.add_agenda_item(meeting=meeting, title="Werking", motion="", by=secretary)
    assert len(services.send_convocation(meeting=meeting, by=secretary)) == 1


@pytest.mark.parametrize(("resigned", "refused"), [(4, True), (3, False)])
def test_an_electorate_under_half_of_last_years_members_is_refused(
    today, team_member, general, assembly, secretary, resigned, refused
):
    members_since_march(today, team_member, general)
    renewals = rollover.roll_over(today=_today()).renewed
    for renewal in renewals[:resigned]:
        membership.resign(membership=renewal, by=team_member, on=DAY(2027, 1, 1))
    meeting = assembly_on("2027-01-25", assembly, secretary)
    if refused:
        with pytest.raises(services.GovernanceError) as error:
            services.send_convocation(meeting=meeting, by=secretary)
        assert "Only 2 members can vote" in error.value.message
        assert "against 6 at the end of 2026" in error.value.message
    else:
        sent = services.send_convocation(meeting=meeting, by=secretary)
        assert len([r for r in sent if r.role == ConvocationRecipient.Role.MEMBER]) == 3


def test_the_electorate_follows_the_membership_on_the_meetings_day(
    today, team_member, general, assembly, secretary
):
    members = members_since_march(today, team_member, general)
    renewals = rollover.roll_over(today=_today()).renewed
    leaving = next(r for r in renewals if r.renewal_of_id == members[0].pk)
    membership.resign(membership=leaving, by=team_member, on=DAY(2027, 1, 1))
    december = assembly_on("2026-12-30", assembly, secretary)
    january = assembly_on("2027-01-25", assembly, secretary)
    in_december = {
        r.organisation for r in services.send_convocation(meeting=december, by=secretary)
    }
    in_january = {r.organisation for r in services.send_convocation(meeting=january, by=secretary)}
    assert members[0].organisation in in_december
    assert members[0].organisation not in in_january
    assert len(in_january - {None}) == 5


def test_the_prepare_page_says_why_before_the_convocation(
    today, client_of, team_member, general, assembly, secretary
):
    members_since_march(today, team_member, general)
    meeting = assembly_on("2027-01-25", assembly, secretary)
    page = client_of(secretary).get(reverse("governance:prepare", args=[meeting.pk]))
    text = page.content.decode()
    assert "No member can vote at a general assembly on" in text
    response = client_of(secretary).post(
        reverse("governance:prepare", args=[meeting.pk]), {"action": "convene"}, follow=True
    )
    assert response.status_code == 200
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.DRAFT
