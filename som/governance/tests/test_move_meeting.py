"""Moving a meeting from the page that says "move the meeting": before it opens, within the
notice its agenda needs once convened (counted from the day of the move), and everybody convened
is told the new date."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from som.core.models import AuditEntry
from som.governance import services
from som.governance.models import Meeting
from som.governance.services import GovernanceError, votes
from som.governance.tests.conftest import in_days

pytestmark = pytest.mark.django_db


def _prepare(meeting: Meeting) -> str:
    with translation.override("nl"):
        return reverse("governance:prepare", kwargs={"pk": meeting.pk})


def test_a_convened_meeting_moves_later_and_everybody_convened_hears_it(
    convened, secretary, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.move_meeting(meeting=convened, starts_at=in_days(30), by=secretary)
    convened.refresh_from_db()
    assert timezone.localdate(convened.starts_at) == timezone.localdate() + datetime.timedelta(30)
    assert convened.status == Meeting.Status.CONVENED
    assert len(mail.outbox) == convened.recipients.count() > 0
    message = mail.outbox[0]
    assert "Verplaatst" in message.subject or "Moved" in message.subject
    assert "Begroting 2027" in message.body  # the agenda comes with it
    assert AuditEntry.objects.filter(action="meeting.moved", object_id=str(convened.pk)).exists()


def test_a_convened_meeting_cannot_move_closer_than_its_notice(
    convened, secretary, django_capture_on_commit_callbacks
):
    before = convened.starts_at
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        translation.override("en"),
        pytest.raises(GovernanceError) as error,
    ):
        services.move_meeting(meeting=convened, starts_at=in_days(5), by=secretary)
    assert error.value.code == "too_late"
    assert "15 days" in error.value.message
    convened.refresh_from_db()
    assert convened.starts_at == before and not mail.outbox


def test_a_draft_moves_without_mail(meeting, secretary, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.move_meeting(meeting=meeting, starts_at=in_days(3), by=secretary)
    meeting.refresh_from_db()
    assert timezone.localdate(meeting.starts_at) == timezone.localdate() + datetime.timedelta(3)
    assert not mail.outbox


@pytest.mark.parametrize(
    ("when", "code"), [(lambda: in_days(-1), "in_the_past"), (None, "unchanged")]
)
def test_the_past_and_the_same_date_are_refused(meeting, secretary, when, code):
    starts_at = when() if when else meeting.starts_at
    with pytest.raises(GovernanceError) as error:
        services.move_meeting(meeting=meeting, starts_at=starts_at, by=secretary)
    assert error.value.code == code


def test_a_meeting_in_session_does_not_move(in_session, secretary, members):
    meeting = in_session(members)
    with pytest.raises(GovernanceError) as error:
        services.move_meeting(meeting=meeting, starts_at=in_days(40), by=secretary)
    assert error.value.code == "wrong_state"


def test_only_the_secretary_or_the_team_moves_a_meeting(meeting, teacher, members, client_of):
    representative = members[0].representative
    for person in (teacher, representative):
        with pytest.raises(GovernanceError) as error:
            services.move_meeting(meeting=meeting, starts_at=in_days(40), by=person)
        assert error.value.code == "not_secretary"
        response = client_of(person).post(
            _prepare(meeting), {"action": "move", "starts_at": "2099-01-01T19:30"}
        )
        assert response.status_code == 404
    meeting.refresh_from_db()
    assert timezone.localdate(meeting.starts_at) == timezone.localdate() + datetime.timedelta(20)


def test_the_prepare_page_moves_the_meeting(convened, secretary, client_of):
    client = client_of(secretary)
    page = client.get(_prepare(convened)).content.decode()
    assert "De vergadering verplaatsen" in page and 'value="move"' in page
    new = timezone.localtime(in_days(25))
    response = client.post(
        _prepare(convened),
        {"action": "move", "starts_at": new.strftime("%Y-%m-%dT%H:%M")},
        follow=True,
    )
    assert "wie werd opgeroepen, krijgt de nieuwe datum" in response.content.decode()
    convened.refresh_from_db()
    assert convened.starts_at == new


def test_bad_input_on_the_page_changes_nothing(convened, secretary, client_of):
    before = convened.starts_at
    client = client_of(secretary)
    for value in ("", "morgen", timezone.localtime(in_days(2)).strftime("%Y-%m-%dT%H:%M")):
        response = client.post(_prepare(convened), {"action": "move", "starts_at": value})
        assert response.status_code == 200
    convened.refresh_from_db()
    assert convened.starts_at == before


def test_a_second_meeting_keeps_its_minimum_distance(in_session, secretary, members):
    from som.governance.tests.conftest import item

    meeting = in_session(members[:1])
    votes.record_no_quorum(item=item(meeting, "statutes"), by=secretary)
    votes.close_meeting(meeting=meeting, by=secretary)
    second = votes.convene_second_meeting(meeting=meeting, starts_at=in_days(40), by=secretary)
    with pytest.raises(GovernanceError) as error:
        services.move_meeting(meeting=second, starts_at=in_days(25), by=secretary)
    assert error.value.code == "too_early"


def test_moving_at_the_turn_of_the_year_counts_the_notice_from_the_day_of_the_move(
    convened, secretary
):
    """On 29 December (a fixed clock) a convened assembly moves to mid-January: the notice is
    counted from 29 December, across the new year."""
    now = timezone.make_aware(datetime.datetime(timezone.localdate().year, 12, 29, 10))
    january = now + datetime.timedelta(days=17)
    moved = services.move_meeting(meeting=convened, starts_at=january, by=secretary, now=now)
    assert moved.starts_at == january
    with pytest.raises(GovernanceError) as error:
        services.move_meeting(
            meeting=convened, starts_at=now + datetime.timedelta(days=4), by=secretary, now=now
        )
    assert error.value.code == "too_late"
