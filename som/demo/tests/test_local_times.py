"""The demo's mailbox shows when a mail was sent in Brussels' time (see
som/core/tests/local_times.py): the clock stands at 15:30 on 7 December."""

import pytest
from django.test import Client

from som.core.tests.local_times import HALF_PAST_THREE, assert_local
from som.demo.models import SentMail
from som.events import services as events
from som.events.tests.factories import make_event

COVERS = {"demo/mailbox.html", "demo/mail.html"}


@pytest.fixture(autouse=True)
def _demo_at_half_past_three(settings, time_machine):
    settings.SOM_ENV = "demo"
    settings.EMAIL_BACKEND = "som.demo.mailbox.EmailBackend"
    time_machine.move_to(HALF_PAST_THREE, tick=False)


def test_the_mailbox_says_when_in_local_time(teacher, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        events.register(event=make_event(title="SOM-netwerkdag"), person=teacher)
    kept = SentMail.objects.get()
    assert_local(Client(), "/demo/mail/", {"demo/mailbox.html"})
    assert_local(Client(), f"/demo/mail/{kept.pk}/", {"demo/mail.html"})
