"""Issue 20: every cancellation is confirmed by mail (Dutch first), whoever cancelled: the
person, the mail's link, their contact person (named), the team; with the way back."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from som.events import personal_data, services
from som.events.links import cancel_token
from som.events.models import Registration
from som.events.tests.factories import make_event

pytestmark = pytest.mark.django_db


def _cancelled_mails() -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if "no longer valid" in m.body or "niet meer geldig" in m.body]


@pytest.fixture
def english(teacher):
    teacher.language = "en"
    teacher.save(update_fields=["language"])
    return teacher


@pytest.mark.parametrize(
    ("who", "reason", "says"),
    [
        ("teacher", "person", "is cancelled, as you asked"),
        ("school_contact", "contact", "Carla Contact, the contact person of your organisation"),
        ("team_member", "team", "The team cancelled your registration"),
    ],
)
def test_each_cancellation_is_confirmed_by_mail(
    request, english, who, reason, says, django_capture_on_commit_callbacks
):
    by = request.getfixturevalue(who)
    event = make_event(title="Netwerkdag Leuven")
    registration = services.register(event=event, person=english)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.cancel(registration=registration, by=by)
    assert cancelled.cancel_reason == reason
    [message] = mail.outbox
    assert message.to == [english.email]
    assert message.subject == "Your registration for Netwerkdag Leuven is cancelled"
    assert says in message.body
    with translation.override("en"):
        assert reverse("events:detail", kwargs={"slug": event.slug}) in message.body
    assert message.attachments == []  # no ticket with it


def test_the_mails_link_cancels_as_the_person_and_mails_in_dutch(
    client, teacher, django_capture_on_commit_callbacks
):
    assert teacher.language == "nl"
    event = make_event(title="Netwerkdag Leuven")
    registration = services.register(event=event, person=teacher)
    mail.outbox.clear()
    url = reverse("events:cancel_link", kwargs={"token": cancel_token(registration)})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 200
    registration.refresh_from_db()
    assert registration.cancel_reason == Registration.CancelReason.PERSON
    [message] = mail.outbox
    assert message.subject == "Je inschrijving voor Netwerkdag Leuven is geannuleerd"
    assert "Van gedacht veranderd" in message.body
    assert reverse("events:detail", kwargs={"slug": event.slug}) in message.body


def test_leaving_the_waiting_list_is_confirmed_too(
    teacher, outsider, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    services.register(event=event, person=outsider)
    waiting = services.register(event=event, person=teacher)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=waiting, by=teacher)
    assert [m.to for m in mail.outbox] == [[teacher.email]]


def test_no_mail_for_a_cancellation_rolled_back(teacher, django_capture_on_commit_callbacks):
    event = make_event()
    registration = services.register(event=event, person=teacher)
    mail.outbox.clear()

    def cancel_then_fail() -> None:
        with transaction.atomic():
            services.cancel(registration=registration, by=teacher)
            _ = 1 / 0

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ZeroDivisionError):
        cancel_then_fail()
    assert mail.outbox == []


def test_a_person_erased_is_not_mailed_about_their_places_given_up(
    teacher, django_capture_on_commit_callbacks
):
    registration = services.register(event=make_event(), person=teacher)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.erase(teacher)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert mail.outbox == []
