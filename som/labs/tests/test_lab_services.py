"""Labs at work, the services: a lab from a confirmed proposal (once), dates and status history,
the group and its basis, sessions and the logbook, results, yearly report entries, lapsed
entitlements and the personal data export."""

# ruff: noqa: F811

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from som.accounts.models import Person
from som.core import files
from som.core.invitations import TooManyInvitations
from som.core.models import AuditEntry
from som.labs import selectors
from som.labs.models import (
    Attendance,
    Call,
    Lab,
    LabMember,
    LabStatusChange,
    LogbookEntry,
    Proposal,
    ResultFile,
    YearEntry,
)
from som.labs.personal_data import export
from som.labs.services import confirmation, work
from som.labs.services import labs as lab_services
from som.labs.services.labs import LabError
from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    PNG,
    _in_english,
    _media,
    call,
    confirmed,
    lab_data,
    members,
    network_day,
    past,
    pdf,
    png,
    proposal,
    reflection,
    running_lab,
    session_data,
    social_worker,
    submitted,
    welfare_org,
    written,
)
from som.membership.entitlements import lab_participation
from som.membership.models import Membership
from som.network.models import Consent
from som.network.tests.factories import make_person

# --- A lab from a confirmed proposal --------------------------------------------------------------


def test_a_confirmed_proposal_becomes_a_lab_led_by_its_starter(
    running_lab, confirmed, teacher, lab_lead, social_worker
):
    assert running_lab.proposal == confirmed
    assert running_lab.title == confirmed.title
    assert running_lab.status == Lab.Status.STARTUP
    assert running_lab.budget.granted == confirmed.requested_budget
    group = {m.person: m for m in selectors.current_members(running_lab)}
    assert group[teacher].role == LabMember.Role.LEAD
    assert group[lab_lead].role == group[social_worker].role == LabMember.Role.MEMBER
    assert group[social_worker].basis_code == "lab_member"
    assert running_lab.planned_end_on >= lab_services.earliest_end(running_lab.starts_on)
    assert running_lab.status_changes.get().to_status == Lab.Status.STARTUP


def test_a_proposal_becomes_a_lab_only_once(running_lab, confirmed, team_member):
    with pytest.raises(LabError) as error:
        lab_services.create_lab_from_proposal(proposal=confirmed, by=team_member)
    assert error.value.code == "already_a_lab"
    assert Lab.objects.count() == 1


def test_only_the_team_creates_a_lab_from_a_proposal(confirmed, teacher):
    with pytest.raises(LabError) as error:
        lab_services.create_lab_from_proposal(proposal=confirmed, by=teacher)
    assert error.value.code == "not_team"


def test_a_proposal_not_confirmed_does_not_become_a_lab(submitted, team_member):
    with pytest.raises(LabError) as error:
        lab_services.create_lab_from_proposal(proposal=submitted, by=team_member)
    assert error.value.code == "not_confirmed"


def test_the_boards_confirmation_makes_the_selected_proposals_labs(
    submitted, board_member, board_mandate
):
    call = submitted.call
    Proposal.objects.filter(pk=submitted.pk).update(status=Proposal.Status.SELECTED)
    Call.objects.filter(pk=call.pk).update(status=Call.Status.DECIDED)
    confirmation.confirm_selection(call=call, by=board_member)
    lab = Lab.objects.get(proposal=submitted)
    assert lab.title == submitted.title
    assert selectors.is_lead(lab, submitted.created_by)


# --- Created by the team: dates and status --------------------------------------------------------


def test_a_lab_runs_at_least_twelve_months_unless_a_reason_is_given(team_member):
    short = lab_data(planned_end_on=datetime.date(2027, 6, 30))
    with pytest.raises(LabError) as error:
        lab_services.create_lab(data=short, granted=Decimal(5000), by=team_member)
    assert error.value.code == "early_end_reason"
    assert "31 August 2027" in error.value.message
    assert not Lab.objects.exists()
    lab = lab_services.create_lab(
        data=lab_data(
            planned_end_on=datetime.date(2027, 6, 30),
            early_end_reason="De subsidie loopt af in juni.",
        ),
        granted=Decimal(5000),
        by=team_member,
    )
    assert lab.slug == "diverse-leraarskamer"
    assert lab.partner_list == ["UCLL", "KU Leuven"]


def test_only_the_team_creates_a_lab(teacher):
    with pytest.raises(LabError):
        lab_services.create_lab(data=lab_data(), granted=Decimal(1), by=teacher)


def test_a_status_change_is_dated_explained_and_kept(running_lab, teacher):
    today = timezone.localdate()  # the lab started today: a later change must not predate it
    with pytest.raises(LabError) as error:
        lab_services.change_status(
            lab=running_lab,
            to_status=Lab.Status.RUNNING,
            changed_on=today,
            explanation=" ",
            by=teacher,
        )
    assert error.value.code == "explanation_required"
    lab_services.change_status(
        lab=running_lab,
        to_status=Lab.Status.RUNNING,
        changed_on=today,
        explanation="De startnota is klaar.",
        by=teacher,
    )
    running_lab.refresh_from_db()
    assert running_lab.status == Lab.Status.RUNNING
    change = running_lab.status_changes.first()
    assert (change.from_status, change.to_status) == (Lab.Status.STARTUP, Lab.Status.RUNNING)
    assert LabStatusChange.objects.filter(lab=running_lab).count() == 2


def test_a_member_cannot_change_the_status(running_lab, lab_lead):
    with pytest.raises(LabError) as error:
        lab_services.change_status(
            lab=running_lab,
            to_status=Lab.Status.STOPPED,
            changed_on=datetime.date(2026, 12, 1),
            explanation="Zomaar",
            by=lab_lead,
        )
    assert error.value.code == "not_lead"


# --- The group ---------------------------------------------------------------------------------------


def test_somebody_without_a_basis_is_refused_as_member_but_welcome_as_expert(
    running_lab, teacher, expert, django_capture_on_commit_callbacks
):
    with pytest.raises(LabError) as error:
        lab_services.invite_member(lab=running_lab, email=expert.email, by=teacher)
    assert error.value.code == "not_entitled"
    assert "invited expert" in error.value.message
    with django_capture_on_commit_callbacks(execute=True):
        invitation = lab_services.invite_member(
            lab=running_lab, email=expert.email, by=teacher, is_expert=True
        )
    assert invitation.basis_code == "invited_expert"
    assert mail.outbox[-1].to == [expert.email]
    assert not lab_participation(expert, timezone.localdate(), running_lab)
    lab_services.accept_lab_invitation(member=invitation, person=expert)
    entitlement = lab_participation(expert, timezone.localdate(), running_lab)
    assert entitlement.code == "invited_expert"
    assert selectors.is_member(running_lab, expert)


def test_a_new_address_gets_an_account_and_its_basis_is_checked_at_acceptance(running_lab, teacher):
    invitation = lab_services.invite_member(
        lab=running_lab, email="Nieuw@Elders.example", by=teacher
    )
    assert invitation.person.email == "nieuw@elders.example"
    with pytest.raises(LabError) as error:
        lab_services.accept_lab_invitation(member=invitation, person=invitation.person)
    assert error.value.code == "not_entitled"
    assert not selectors.is_member(running_lab, invitation.person)


def test_nobody_is_invited_twice(running_lab, teacher, lab_lead):
    with pytest.raises(LabError) as error:
        lab_services.invite_member(lab=running_lab, email=lab_lead.email, by=teacher)
    assert error.value.code == "already_member"


def test_only_leads_invite(running_lab, lab_lead, expert):
    with pytest.raises(LabError) as error:
        lab_services.invite_member(lab=running_lab, email=expert.email, by=lab_lead, is_expert=True)
    assert error.value.code == "not_lead"


def test_ending_a_membership_keeps_the_person_in_the_history(running_lab, teacher, lab_lead):
    member = LabMember.objects.get(lab=running_lab, person=lab_lead)
    lab_services.end_membership(member=member, by=teacher, reason="Andere job")
    member.refresh_from_db()
    assert member.ended_on == timezone.localdate()
    assert not selectors.is_member(running_lab, lab_lead)
    assert LabMember.objects.filter(lab=running_lab, person=lab_lead).exists()
    again = lab_services.invite_member(lab=running_lab, email=lab_lead.email, by=teacher)
    assert again.pk != member.pk


def test_the_last_lead_cannot_leave(running_lab, teacher):
    lead = LabMember.objects.get(lab=running_lab, person=teacher)
    with pytest.raises(LabError) as error:
        lab_services.end_membership(member=lead, by=teacher)
    assert error.value.code == "last_lead"


def test_a_lapsed_basis_is_reported_to_the_leads_and_the_team_once(
    running_lab, social_worker, teacher, settings, django_capture_on_commit_callbacks
):
    Membership.objects.filter(person=social_worker).update(ended_on=timezone.localdate())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("check_lab_entitlements", verbosity=0)
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {teacher.email, settings.SOM_TEAM_EMAIL}
    assert social_worker.full_name in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        call_command("check_lab_entitlements", verbosity=0)
    assert len(mail.outbox) == 1
    member = LabMember.objects.get(lab=running_lab, person=social_worker)
    assert member.lapse_notified_on == timezone.localdate()
    assert member.ended_on is None  # the leads decide; the history keeps them either way

    Membership.objects.filter(person=social_worker).update(ended_on=None)
    lab_services.report_lapsed_entitlements()
    member.refresh_from_db()
    assert member.lapse_notified_on is None


# --- Sessions and the logbook -----------------------------------------------------------------------------


def test_a_lead_plans_a_session_and_the_members_are_mailed(
    running_lab, teacher, lab_lead, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session = work.plan_session(lab=running_lab, data=session_data(), by=teacher)
    assert session.planned_by == teacher
    assert lab_lead.email in mail.outbox[0].to


def test_a_session_needs_a_place_or_a_link(running_lab, teacher):
    with pytest.raises(LabError) as error:
        work.plan_session(lab=running_lab, data=session_data(place=""), by=teacher)
    assert error.value.code == "where"


def test_a_member_does_not_plan_sessions(running_lab, lab_lead):
    with pytest.raises(LabError):
        work.plan_session(lab=running_lab, data=session_data(), by=lab_lead)


def test_members_answer_until_the_session_starts(running_lab, teacher, lab_lead, outsider):
    session = work.plan_session(lab=running_lab, data=session_data(), by=teacher)
    work.answer_session(session=session, person=lab_lead, coming=True)
    work.answer_session(session=session, person=lab_lead, coming=False)
    assert Attendance.objects.get(session=session, person=lab_lead).coming is False
    with pytest.raises(LabError) as error:
        work.answer_session(session=session, person=outsider, coming=True)
    assert error.value.code == "not_member"
    past(session)
    with pytest.raises(LabError) as error:
        work.answer_session(session=session, person=lab_lead, coming=True)
    assert error.value.code == "started"


def test_a_lead_records_who_came_and_the_reflection_with_an_attachment(
    running_lab, teacher, lab_lead, social_worker
):
    session = past(work.plan_session(lab=running_lab, data=session_data(), by=teacher))
    entry = work.record_session(
        session=session,
        by=teacher,
        attended=[teacher.pk, lab_lead.pk],
        reflection=reflection(),
        uploads=[pdf()],
    )
    came = dict(Attendance.objects.filter(session=session).values_list("person", "attended"))
    assert came == {teacher.pk: True, lab_lead.pk: True, social_worker.pk: False}
    assert entry.session == session and not entry.is_public
    attachment = entry.attachments.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.file.name.startswith(f"private/labs/{running_lab.pk}/logbook/")
    session.refresh_from_db()
    assert session.recorded_at is not None


def test_a_session_is_recorded_after_it_took_place(running_lab, teacher):
    session = work.plan_session(lab=running_lab, data=session_data(), by=teacher)
    with pytest.raises(LabError) as error:
        work.record_session(session=session, by=teacher, attended=[], reflection=reflection())
    assert error.value.code == "not_yet"


def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_written(
    running_lab, teacher
):
    session = past(work.plan_session(lab=running_lab, data=session_data(), by=teacher))
    disguised = pdf("verslag.pdf", content=PNG)
    with pytest.raises(files.FileRefused) as error:
        work.record_session(
            session=session, by=teacher, attended=[], reflection=reflection(), uploads=[disguised]
        )
    assert error.value.code == "wrong_type"
    assert not LogbookEntry.objects.exists()


def test_files_over_ten_megabytes_and_other_types_are_refused():
    with pytest.raises(files.FileRefused) as error:
        files.check(pdf(content=b"%PDF-" + b"0" * files.MAX_BYTES))
    assert error.value.code == "too_big"
    with pytest.raises(files.FileRefused) as error:
        files.check(pdf("script.exe", content=b"MZ\x90\x00"))
    assert error.value.code == "wrong_type"
    assert files.check(png()).is_image


# --- Results -----------------------------------------------------------------------------------------------


def result_data(**changes):
    fields: dict[str, Any] = {
        "title": "Startnota leaky pipeline",
        "summary": "Een gedeeld kader voor de labosessies.",
        "body": "We schreven **samen** een nota.<script>alert(1)</script>\n\n[meer](https://example.org)",
        "links": "https://www.samenonderwijsmaken.be/labo",
    }
    fields.update(changes)
    return work.ResultData(**fields)


def test_the_body_of_a_result_is_sanitised_markdown(running_lab, teacher):
    result = work.save_result(lab=running_lab, data=result_data(), by=teacher)
    assert "<strong>samen</strong>" in result.body_html
    assert "<script>" not in result.body_html
    assert 'rel="noopener noreferrer"' in result.body_html


def test_only_leads_publish_results(running_lab, teacher, lab_lead, team_member):
    result = work.save_result(lab=running_lab, data=result_data(), by=teacher)
    for person in (lab_lead, team_member):
        with pytest.raises(LabError) as error:
            work.publish_result(result=result, by=person)
        assert error.value.code == "not_lead"
    work.publish_result(result=result, by=teacher)
    assert list(selectors.published_results(running_lab)) == [result]


def test_a_photo_with_recognisable_minors_needs_a_parents_consent(running_lab, teacher):
    result = work.save_result(lab=running_lab, data=result_data(), by=teacher)
    with pytest.raises(LabError) as error:
        work.add_result_file(
            result=result, upload=png(), by=teacher, is_photo=True, recognisable="adults"
        )
    assert error.value.code == "consent_required"
    with pytest.raises(LabError) as error:
        work.add_result_file(
            result=result,
            upload=png(),
            by=teacher,
            is_photo=True,
            recognisable="minors",
            consent=True,
        )
    assert error.value.code == "parent_consent_required"
    assert not ResultFile.objects.exists()
    assert not Consent.objects.exists()  # a refused photo leaves nothing in the register
    photo = work.add_result_file(
        result=result,
        upload=png(),
        by=teacher,
        is_photo=True,
        recognisable="minors",
        consent=True,
        parent_consent=True,
    )
    # The consent is in the register, given by the parents, for the website and annual report.
    consent = Consent.objects.get()
    assert photo.consent == consent
    assert consent.is_minor and consent.given_by_name == "ouders (via de school)"
    assert consent.subject_name == "De mensen op de foto 'foto.png'"
    assert consent.allows("website") and consent.allows("annual_report")
    assert not consent.allows("social_media")
    assert photo.may_be_shown
    with pytest.raises(files.FileRefused):
        work.add_result_file(result=result, upload=pdf(), by=teacher, is_photo=True)


def test_a_result_links_only_to_a_lab_results_slot(running_lab, teacher, network_day):
    from som.events.models import ProgrammeItem

    keynote = ProgrammeItem.objects.create(
        event=network_day,
        kind=ProgrammeItem.Kind.KEYNOTE,
        title="Keynote",
        starts_at=network_day.starts_at,
        ends_at=network_day.starts_at,
    )
    with pytest.raises(LabError) as error:
        work.save_result(lab=running_lab, data=result_data(programme_item=keynote), by=teacher)
    assert error.value.code == "not_a_results_slot"


# --- Yearly report entries ---------------------------------------------------------------------------------


def test_a_year_entry_is_prefilled_edited_by_the_leads_and_approved_by_the_team(
    running_lab, teacher, team_member
):
    session = past(work.plan_session(lab=running_lab, data=session_data(), by=teacher))
    work.record_session(session=session, by=teacher, attended=[teacher.pk], reflection=reflection())
    year = selectors.school_year_of(timezone.localdate())
    entry = work.draft_year_entry(lab=running_lab, school_year=year, by=teacher)
    assert "Eerste labosessie" in entry.achievements
    assert entry.situation == running_lab.challenge
    assert entry.challenges == "Een experiment kiezen."
    assert work.draft_year_entry(lab=running_lab, school_year=year, by=teacher) == entry
    work.update_year_entry(
        entry=entry,
        data=work.YearEntryData(
            situation="Dit labo zit in de opstartfase.",
            partners="UCLL, KU Leuven",
            achievements="Vijf labosessies.",
            challenges="Een concreet experiment.",
        ),
        by=teacher,
    )
    with pytest.raises(LabError):
        work.approve_year_entry(entry=entry, by=teacher)
    work.approve_year_entry(entry=entry, by=team_member)
    entry.refresh_from_db()
    assert entry.status == YearEntry.Status.APPROVED
    with pytest.raises(LabError) as error:
        work.update_year_entry(entry=entry, data=work.YearEntryData(), by=teacher)
    assert error.value.code == "approved"
    assert list(selectors.approved_year_entries(year)) == [entry]


def test_a_school_year_is_written_like_2022_2023(running_lab, teacher):
    for wrong in ("2022", "2022-2024", "22-23"):
        with pytest.raises(LabError):
            work.draft_year_entry(lab=running_lab, school_year=wrong, by=teacher)


# --- The audit log and the personal data export --------------------------------------------------------------


def test_every_change_is_audited(running_lab, teacher):
    work.plan_session(lab=running_lab, data=session_data(), by=teacher)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"lab.created", "budget.created", "lab.session_planned"} <= actions


def test_the_export_holds_memberships_attendance_and_what_the_person_wrote(
    running_lab, teacher, lab_lead
):
    session = work.plan_session(lab=running_lab, data=session_data(), by=teacher)
    work.answer_session(session=session, person=lab_lead, coming=True)
    work.save_result(lab=running_lab, data=result_data(), by=teacher)
    mine = export(teacher)
    assert mine["lab_memberships"][0]["role"] == "lead"
    assert mine["lab_results_written"][0]["title"] == "Startnota leaky pipeline"
    assert mine["proposals"][0]["started_by_me"] is True
    theirs = export(lab_lead)
    assert theirs["lab_sessions"][0]["coming"] is True
    assert theirs["co_authorships"]


def test_nobody_outside_is_a_member(running_lab):
    assert not selectors.is_member(running_lab, make_person())


def test_a_leads_invitations_are_limited_like_every_invitation(
    running_lab, teacher, settings, django_capture_on_commit_callbacks
):
    """A lab lead cannot use the site to mail strangers in bulk either (issue 17, point 1)."""
    settings.INVITATION_RATE_LIMITS = [(2, 3600), (10, 86400)]
    cache.clear()  # the lab's own members were invited when the fixture made it
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(2):
            lab_services.invite_member(
                lab=running_lab, email=f"n{n}@elders.example", by=teacher, is_expert=True
            )
        with pytest.raises(TooManyInvitations):
            lab_services.invite_member(
                lab=running_lab, email="n9@elders.example", by=teacher, is_expert=True
            )
    assert len(mail.outbox) == 2
    assert not Person.objects.filter(email="n9@elders.example").exists()
    assert not running_lab.members.filter(email="n9@elders.example").exists()
