"""The API's writes through a browser session need the CSRF token, as the site's forms do: a
page on another site must not register, cancel, vote or check in for the person logged in here.
(A personal API key in the Authorization header is not sent by a browser on its own: no token
needed there.) The route matrix's clients skip the CSRF check, as Django's test client does."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from som.events.models import Registration
from som.events.tests.factories import make_event


@pytest.fixture
def event(db):
    return make_event(starts_at=timezone.now() + datetime.timedelta(days=30))


def browser(person) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    return client


def test_a_registration_without_the_csrf_token_is_refused(event, teacher):
    client = browser(teacher)
    url = reverse("api-1:register", kwargs={"event_id": event.pk})
    response = client.post(url, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
    assert not Registration.objects.filter(person=teacher).exists()


def test_a_cancellation_without_the_csrf_token_is_refused(event, teacher):
    client = browser(teacher)
    client.get(reverse("events:register", kwargs={"slug": event.slug}))  # a form: the cookie
    token = client.cookies["csrftoken"].value
    register = reverse("api-1:register", kwargs={"event_id": event.pk})
    assert client.post(register, HTTP_X_CSRFTOKEN=token).status_code == 201
    mine = reverse("api-1:cancel_mine", kwargs={"event_id": event.pk})
    assert client.delete(mine).status_code == 403
    assert Registration.objects.get(person=teacher).status == Registration.Status.REGISTERED
    assert client.delete(mine, HTTP_X_CSRFTOKEN=token).status_code in (200, 204)


def test_a_ballot_and_a_check_in_without_the_csrf_token_are_refused(teacher, team_member):
    for client, url, payload in [
        (browser(teacher), reverse("api-1:cast_ballot", kwargs={"poll_id": 1}), {"choices": [1]}),
        (browser(team_member), reverse("api-1:check_in"), {"ticket_code": "ABC"}),
    ]:
        response = client.post(url, json.dumps(payload), content_type="application/json")
        assert response.status_code == 403, url
        assert "CSRF" in response.content.decode(), url


def test_reading_needs_no_csrf_token(event, teacher):
    response = browser(teacher).get(reverse("api-1:get_event", kwargs={"event_id": event.pk}))
    assert response.status_code == 200
