"""Bodies and mandates on a day, scheduling, the convocation (and a refused late one), members'
requests for a meeting and their agenda proposals, documents."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone, translation

from som.governance import selectors, services
from som.governance.models import (
    Body,
    ConvocationRecipient,
    Mandate,
    Meeting,
)
from som.governance.services import GovernanceError
from som.governance.tests.conftest import in_days, kind
from som.membership.tests.factories import paid_membership
from som.network.tests.factories import make_person

pytestmark = pytest.mark.django_db


def refused(code: str, service, **kwargs) -> GovernanceError:
    with translation.override("en"), pytest.raises(GovernanceError) as error:
        service(**kwargs)
    assert error.value.code == code, error.value.message
    return error.value


# --- Bodies and mandates --------------------------------------------------------------------------


def test_who_sits_where_today_and_on_a_past_date(secretary, members):
    board = selectors.board()
    assert board is not None
    today = timezone.localdate()
    former = make_person(full_name="Vroegere Voorzitter")
    services.appoint(
        body=board,
        person=former,
        role=Mandate.Role.CHAIR,
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today - datetime.timedelta(days=100),
        by=None,
    )
    past: dict[str, Any] = {
        b.slug: b for b in selectors.bodies_on(today - datetime.timedelta(days=200))
    }
    now: dict[str, Any] = {b.slug: b for b in selectors.bodies_on(today)}
    assert [m.person for m in past["bestuur"].seated] == [former]
    assert [m.person for m in now["bestuur"].seated] == [secretary]
    assert selectors.is_board_member(secretary)
    assert not selectors.is_board_member(former)
    assert selectors.is_board_member(former, on=today - datetime.timedelta(days=200))


def test_the_general_assembly_is_the_voting_members_not_appointed_seats(assembly, members):
    seats = selectors.general_assembly_seats(timezone.localdate())
    assert {seat.organisation for seat in seats} == {m.organisation for m in members}
    assert {seat.voter for seat in seats} == {m.representative for m in members}
    refused(
        "general_assembly_members",
        services.appoint,
        body=assembly,
        person=members[0].representative,
        role=Mandate.Role.MEMBER,
        starts_on=timezone.localdate(),
        by=None,
    )


def test_a_body_has_one_chair_at_a_time(secretary):
    board = selectors.board()
    assert board is not None
    services.appoint(
        body=board, person=make_person(), role="chair", starts_on=timezone.localdate(), by=None
    )
    refused(
        "role_taken",
        services.appoint,
        body=board,
        person=make_person(),
        role="chair",
        starts_on=timezone.localdate() + datetime.timedelta(days=3),
        by=None,
    )


def test_a_body_without_end_date_exists_only_from_its_start():
    body = services.create_body(
        name="SOM raad",
        slug="som-raad",
        kind=Body.Kind.OTHER,
        active_from=datetime.date(2015, 6, 1),
        active_until=datetime.date(2025, 12, 31),
        by=None,
    )
    assert body in selectors.bodies_on(datetime.date(2020, 1, 1))
    assert body not in selectors.bodies_on(datetime.date(2026, 3, 1))


# --- Scheduling and convocation -------------------------------------------------------------------


def test_only_the_secretary_chair_or_team_schedule(assembly, members, teacher):
    refused(
        "not_secretary",
        services.schedule_meeting,
        body=assembly,
        title="AV",
        starts_at=in_days(20),
        place="Leuven",
        by=teacher,
    )


def test_the_convocation_goes_to_every_representative_and_board_member_and_is_recorded(
    meeting, secretary, members, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        recipients = services.send_convocation(meeting=meeting, by=secretary)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONVENED and meeting.convened_at is not None
    roles = {r.person: r.role for r in ConvocationRecipient.objects.filter(meeting=meeting)}
    assert roles == {m.representative: "member" for m in members} | {secretary: "board"}
    assert len(recipients) == 7
    sent_to = sorted(address for message in mail.outbox for address in message.to)
    assert sent_to == sorted(r.email for r in recipients)
    body = mail.outbox[0].body
    assert "Statutenwijziging: zetel" in body and "Stadhuis Leuven" in body


@pytest.mark.today("2026-06-15")  # its events "in N days" fall in this membership year
def test_lab_members_are_convened_as_observers_when_asked(
    meeting, secretary, members, team_member, this_year, lab
):
    observer = make_person(full_name="Labo Lid")
    paid_membership(team=team_member, applicant=observer, year=this_year, membership_type=lab)
    meeting.invite_observers = True
    meeting.save()
    services.send_convocation(meeting=meeting, by=secretary)
    assert meeting.recipients.get(person=observer).role == "observer"


def test_a_late_convocation_is_refused_with_the_date_it_had_to_go(assembly, secretary, members):
    late = services.schedule_meeting(
        body=assembly, title="Buitengewone AV", starts_at=in_days(10), place="Leuven", by=secretary
    )
    services.add_agenda_item(
        meeting=late, title="Ontbinding", motion_kind=kind("ordinary"), by=secretary
    )
    error = refused("too_late", services.send_convocation, meeting=late, by=secretary)
    deadline = timezone.localdate() + datetime.timedelta(days=10 - 15)
    assert deadline.strftime("%Y") in error.message
    assert "15 days" in error.message
    late.refresh_from_db()
    assert late.status == Meeting.Status.DRAFT and not late.recipients.exists()


def test_the_notice_is_per_motion_kind_data(assembly, secretary, members):
    ordinary = kind("ordinary")
    ordinary.min_notice_days = 8
    ordinary.save()
    meeting = services.schedule_meeting(
        body=assembly, title="AV", starts_at=in_days(10), place="Leuven", by=secretary
    )
    services.add_agenda_item(meeting=meeting, title="Punt", motion_kind=ordinary, by=secretary)
    services.send_convocation(meeting=meeting, by=secretary)
    services_item = services.add_agenda_item
    refused(
        "too_late",
        services_item,
        meeting=meeting,
        title="Statuten",
        motion_kind=kind("statutes"),
        by=secretary,
    )


def test_an_item_added_after_the_convocation_is_mailed_to_the_recipients(
    convened, secretary, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_agenda_item(
            meeting=convened, title="Rondvraag", motion_kind=None, by=secretary
        )
    assert len(mail.outbox) == convened.recipients.count()
    assert "Rondvraag" in mail.outbox[0].body


def test_an_exclusion_names_a_voting_member_and_an_election_its_seats(meeting, secretary):
    refused(
        "invalid_item",
        services.add_agenda_item,
        meeting=meeting,
        title="Uitsluiting",
        motion_kind=kind("exclusion"),
        by=secretary,
    )
    refused(
        "invalid_item",
        services.add_agenda_item,
        meeting=meeting,
        title="Verkiezing",
        motion_kind=kind("board_election"),
        by=secretary,
    )


# --- Members' requests and proposals --------------------------------------------------------------


def test_a_request_by_a_fifth_of_the_members_starts_the_21_and_40_day_deadlines(
    assembly, secretary, members
):
    # Six members: a fifth is 6/5, so two signatures are needed.
    request = services.request_meeting(
        reason="Bespreking van de werking",
        organisation=members[0].organisation,
        by=members[0].representative,
    )
    assert request.received_on is None
    refused(
        "already_signed",
        services.sign_meeting_request,
        request=request,
        organisation=members[0].organisation,
        by=members[0].representative,
    )
    refused(
        "not_representative",
        services.sign_meeting_request,
        request=request,
        organisation=members[1].organisation,
        by=members[0].representative,
    )
    request = services.sign_meeting_request(
        request=request, organisation=members[1].organisation, by=members[1].representative
    )
    today = timezone.localdate()
    assert request.received_on == today
    assert services.convene_by_date(request) == today + datetime.timedelta(days=21)
    assert services.hold_by_date(request) == today + datetime.timedelta(days=40)
    refused(
        "hold_by",
        services.schedule_meeting,
        body=assembly,
        title="Gevraagde AV",
        starts_at=in_days(41),
        place="Leuven",
        request=request,
        by=secretary,
    )
    meeting = services.schedule_meeting(
        body=assembly,
        title="Gevraagde AV",
        starts_at=in_days(30),
        place="Leuven",
        request=request,
        by=secretary,
    )
    assert meeting.request == request


def test_a_proposal_signed_by_a_twentieth_of_the_members_goes_on_the_agenda(convened, members):
    # Six members: 6/20 rounds up to one signature, so the proposer's own suffices.
    proposal = services.propose_agenda_item(
        meeting=convened,
        title="Voorstel van de leden",
        motion="De AV vraagt een werkgroep.",
        motion_kind=kind("ordinary"),
        organisation=members[2].organisation,
        by=members[2].representative,
    )
    added = convened.items.get(proposal=proposal)
    assert added.title == "Voorstel van de leden" and added.motion_kind.code == "ordinary"


def test_a_proposal_waits_for_enough_signatures(convened, members, team_member, this_year, general):
    statutes = selectors.statutes()
    statutes.proposal_share_denominator = 3  # a third: 2 of 6
    statutes.save()
    proposal = services.propose_agenda_item(
        meeting=convened,
        title="Voorstel",
        motion="Iets",
        motion_kind=kind("ordinary"),
        organisation=members[0].organisation,
        by=members[0].representative,
    )
    assert not convened.items.filter(proposal=proposal).exists()
    services.sign_agenda_proposal(
        proposal=proposal, organisation=members[1].organisation, by=members[1].representative
    )
    assert convened.items.filter(proposal=proposal).exists()


# --- Documents ------------------------------------------------------------------------------------


def test_documents_are_stored_and_limited_in_size(meeting, secretary, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = services.add_document(
        meeting=meeting,
        title="Jaarrekening",
        filename="jaarrekening.pdf",
        content_type="application/pdf",
        content=b"%PDF-1.4 demo",
        by=secretary,
    )
    assert document.file.read() == b"%PDF-1.4 demo" and document.size == 13
    refused(
        "too_large",
        services.add_document,
        meeting=meeting,
        title="Groot",
        filename="groot.bin",
        content_type="",
        content=b"x" * (services.MAX_DOCUMENT_BYTES + 1),
        by=secretary,
    )
