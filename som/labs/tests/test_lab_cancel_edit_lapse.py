"""Labs at work, the gaps closed after the first round: a lead cancels a planned session (those
who said they come are mailed, the session stays in the history), a logbook entry is changed by
its author or a lead (the audit log keeps what it said), and a lead whose own basis lapses is
reported like any member (to the team and the other leads)."""

# ruff: noqa: F811

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from som.core.models import AuditEntry
from som.labs import selectors
from som.labs.models import LabMember, LabSession
from som.labs.services import work
from som.labs.services.labs import LabError
from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    _in_english,
    _media,
    call,
    confirmed,
    members,
    network_day,
    past,
    pdf,
    proposal,
    reflection,
    running_lab,
    session_data,
    social_worker,
    submitted,
    welfare_org,
    written,
)
from som.membership.models import Membership

# --- Cancelling a session ------------------------------------------------------------------------------


@pytest.fixture
def planned(running_lab, teacher, lab_lead, social_worker):
    """A coming session: the lab lead of De Ring comes, the social worker does not."""
    session = work.plan_session(lab=running_lab, data=session_data(), by=teacher)
    work.answer_session(session=session, person=lab_lead, coming=True)
    work.answer_session(session=session, person=social_worker, coming=False)
    return session


def test_a_lead_cancels_a_session_and_only_those_who_come_are_mailed(
    planned, teacher, lab_lead, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session = work.cancel_session(session=planned, by=teacher, reason="De zaal is niet vrij.")
    assert [message.to for message in mail.outbox] == [[lab_lead.email]]
    assert planned.title in mail.outbox[0].subject
    assert "De zaal is niet vrij." in mail.outbox[0].body
    assert session.cancelled_by == teacher and session.cancel_reason == "De zaal is niet vrij."
    entry = AuditEntry.objects.get(action="lab.session_cancelled")
    assert entry.changes == {"reason": "De zaal is niet vrij."}


def test_a_cancelled_session_stays_in_the_history_and_takes_no_more_answers(
    planned, running_lab, teacher, lab_lead
):
    work.cancel_session(session=planned, by=teacher)
    assert LabSession.objects.filter(lab=running_lab, pk=planned.pk).exists()
    for action in (
        lambda: work.answer_session(session=planned, person=lab_lead, coming=False),
        lambda: work.update_session(session=planned, data=session_data(), by=teacher),
        lambda: work.cancel_session(session=planned, by=teacher),
    ):
        with pytest.raises(LabError) as error:
            action()
        assert error.value.code == "cancelled"
    past(planned)
    with pytest.raises(LabError) as error:
        work.record_session(session=planned, by=teacher, attended=[], reflection=reflection())
    assert error.value.code == "cancelled"


def test_only_a_lead_cancels_and_only_before_the_session_starts(planned, lab_lead, teacher):
    with pytest.raises(LabError) as error:
        work.cancel_session(session=planned, by=lab_lead)
    assert error.value.code == "not_lead"
    past(planned)
    with pytest.raises(LabError) as error:
        work.cancel_session(session=planned, by=teacher)
    assert error.value.code == "started"
    planned.refresh_from_db()
    assert planned.cancelled_at is None


def test_a_cancelled_public_session_leaves_the_public_timeline(running_lab, teacher):
    session = work.plan_session(
        lab=running_lab, data=session_data(title="Open sessie", is_public=True), by=teacher
    )
    assert [item.title for item in selectors.public_timeline(running_lab)] == ["Open sessie"]
    work.cancel_session(session=session, by=teacher)
    assert selectors.public_timeline(running_lab) == []


# --- Changing a logbook entry -------------------------------------------------------------------------


def test_the_author_changes_an_entry_and_the_audit_log_keeps_what_it_said(running_lab, teacher):
    entry = work.write_entry(lab=running_lab, data=reflection(), by=teacher)
    changed = work.update_entry(
        entry=entry,
        data=reflection(learnt="Elke school ziet andere drempels, en dezelfde kansen."),
        by=teacher,
        uploads=[pdf("bijlage.pdf")],
    )
    assert changed.learnt.endswith("dezelfde kansen.")
    assert changed.attachments.get().name == "bijlage.pdf"
    audit = AuditEntry.objects.get(action="lab.logbook_updated")
    assert audit.changes["learnt"] == [
        "Elke school ziet andere drempels.",
        "Elke school ziet andere drempels, en dezelfde kansen.",
    ]
    assert audit.changes["attachments_added"] == ["bijlage.pdf"]


def test_a_lead_changes_anothers_entry_but_a_member_does_not(
    running_lab, teacher, lab_lead, social_worker
):
    entry = work.write_entry(lab=running_lab, data=reflection(), by=teacher)
    LabMember.objects.filter(lab=running_lab, person=lab_lead).update(role=LabMember.Role.LEAD)
    work.update_entry(entry=entry, data=reflection(title="Door een andere trekker"), by=lab_lead)
    with pytest.raises(LabError) as error:
        work.update_entry(entry=entry, data=reflection(title="Niet van mij"), by=social_worker)
    assert error.value.code == "not_lead"
    entry.refresh_from_db()
    assert entry.title == "Door een andere trekker"


def test_an_author_who_left_the_group_no_longer_changes_the_entry(running_lab, teacher, lab_lead):
    LabMember.objects.filter(lab=running_lab, person=lab_lead).update(role=LabMember.Role.LEAD)
    entry = work.write_entry(lab=running_lab, data=reflection(), by=lab_lead)
    LabMember.objects.filter(lab=running_lab, person=lab_lead).update(ended_on=timezone.localdate())
    with pytest.raises(LabError):
        work.update_entry(entry=entry, data=reflection(title="Later"), by=lab_lead)


def test_a_changed_entry_still_needs_content(running_lab, teacher):
    entry = work.write_entry(lab=running_lab, data=reflection(), by=teacher)
    with pytest.raises(LabError) as error:
        work.update_entry(entry=entry, data=work.ReflectionData(title="Leeg"), by=teacher)
    assert error.value.code == "empty"
    entry.refresh_from_db()
    assert entry.title == "Sessie 1: kennismaking"


def test_an_entry_made_public_shows_on_the_public_timeline(running_lab, teacher):
    entry = work.write_entry(lab=running_lab, data=reflection(), by=teacher)
    assert selectors.public_timeline(running_lab) == []
    work.update_entry(entry=entry, data=reflection(is_public=True), by=teacher)
    [item] = selectors.public_timeline(running_lab)
    assert (item.kind, item.title, item.learnt) == (
        "entry",
        "Sessie 1: kennismaking",
        "Elke school ziet andere drempels.",
    )


def test_a_public_reflection_stands_for_its_public_session_in_the_timeline(running_lab, teacher):
    session = past(
        work.plan_session(
            lab=running_lab, data=session_data(title="Sessie 1", is_public=True), by=teacher
        )
    )
    work.record_session(
        session=session, by=teacher, attended=[], reflection=reflection(is_public=True)
    )
    [item] = selectors.public_timeline(running_lab)
    assert item.kind == "entry" and item.after_session
    assert item.day == timezone.localtime(session.starts_at).date()


# --- A lead whose own basis lapses -------------------------------------------------------------------------


def test_a_lapsed_lead_is_reported_to_the_team_and_the_other_leads_not_to_themselves(
    running_lab, teacher, lab_lead, school, settings, django_capture_on_commit_callbacks
):
    LabMember.objects.filter(lab=running_lab, person=lab_lead).update(role=LabMember.Role.LEAD)
    Membership.objects.filter(organisation=school).update(ended_on=timezone.localdate())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("check_lab_entitlements", verbosity=0)
    [message] = mail.outbox
    assert set(message.to) == {lab_lead.email, settings.SOM_TEAM_EMAIL}
    assert teacher.full_name in message.subject
    with translation.override("nl"):  # the group's mails are in Dutch, the platform's language
        leads_sentence = gettext(
            'The basis on which %(person)s leads the lab "%(lab)s" no longer counts: %(reason)s'
        ) % {"person": teacher.full_name, "lab": running_lab.title, "reason": ""}
    assert leads_sentence.strip() in message.body
    member = LabMember.objects.get(lab=running_lab, person=teacher)
    assert member.lapse_notified_on == timezone.localdate()
    assert member.role == LabMember.Role.LEAD and member.ended_on is None


def test_a_lapsed_only_lead_is_reported_to_the_team(
    running_lab, teacher, school, settings, django_capture_on_commit_callbacks
):
    Membership.objects.filter(organisation=school).update(ended_on=timezone.localdate())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("check_lab_entitlements", verbosity=0)
    [message] = mail.outbox
    assert message.to == [settings.SOM_TEAM_EMAIL]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("check_lab_entitlements", verbosity=0)
    assert len(mail.outbox) == 1  # once per lapse


def test_a_session_cancelled_in_the_past_week_is_not_in_the_year_prefill(running_lab, teacher):
    session = work.plan_session(
        lab=running_lab,
        data=session_data(starts_at=timezone.now() + datetime.timedelta(hours=1)),
        by=teacher,
    )
    work.cancel_session(session=session, by=teacher)
    year = selectors.school_year_of(timezone.localdate())
    assert "Eerste labosessie" not in selectors.year_prefill(running_lab, year).achievements
