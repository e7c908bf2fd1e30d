"""Issue 20: a school's contact person sees, on the event's page, which colleagues are
registered or waiting, and may cancel for one of them (nobody else's)."""

import pytest
from django.urls import reverse
from django.utils import translation

from som.events import services
from som.events.models import Registration
from som.events.services import RegistrationError
from som.events.tests.factories import make_event
from som.network.models import Affiliation
from som.network.tests.factories import affiliate, make_person

pytestmark = pytest.mark.django_db


def _url(name: str, **kwargs: object) -> str:
    with translation.override("en"):
        return reverse(f"events:{name}", kwargs=kwargs)


@pytest.fixture
def colleague(school):
    person = make_person(email="collega@delinde.be", full_name="Cas Collega", language="en")
    affiliate(person, school, Affiliation.Role.STAFF)
    return person


def test_the_contact_sees_the_colleagues_registered_and_waiting(
    client_of, school_contact, teacher, colleague, outsider
):
    event = make_event(capacity=1)
    services.register(event=event, person=teacher)
    services.register(event=event, person=colleague)  # waiting
    services.register(event=event, person=outsider)  # not a colleague
    page = client_of(school_contact).get(_url("detail", slug=event.slug)).content.decode()
    box = page.split('id="colleagues-registered-title"')[1].split("</ul>")[0]
    assert "Lotte Leraar" in box and "Cas Collega" in box
    assert "registered" in box and "on the waiting list" in box
    assert outsider.full_name not in box
    assert box.count("Cancel for") == 2


def test_a_teacher_sees_no_colleagues_box(client_of, teacher, colleague):
    event = make_event()
    services.register(event=event, person=colleague)
    page = client_of(teacher).get(_url("detail", slug=event.slug)).content.decode()
    assert "colleagues-registered-title" not in page


def test_the_page_costs_the_same_queries_with_more_colleagues_registered(
    client_of, school, school_contact, django_assert_max_num_queries
):
    event = make_event(capacity=3)
    for n in range(6):
        person = make_person(email=f"c{n}@delinde.be", full_name=f"Collega {n}")
        affiliate(person, school, Affiliation.Role.STAFF)
        services.register(event=event, person=person)
    client = client_of(school_contact)
    client.get(_url("detail", slug=event.slug))
    with django_assert_max_num_queries(10):
        page = client.get(_url("detail", slug=event.slug)).content.decode()
    assert page.count("Cancel for") == 6


def test_the_contact_cancels_a_colleagues_registration_from_the_page(
    client_of, school_contact, teacher, colleague
):
    event = make_event(capacity=1)
    registration = services.register(event=event, person=teacher)
    services.register(event=event, person=colleague)  # waiting
    response = client_of(school_contact).post(_url("cancel_colleague", pk=registration.pk))
    assert response.status_code == 302
    assert response["Location"] == _url("detail", slug=event.slug)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert registration.cancel_reason == Registration.CancelReason.CONTACT
    assert Registration.objects.get(person=colleague, event=event).status != "waiting"


def test_nobody_else_cancels_through_that_page(
    client_of, school_contact, teacher, outsider, other_school
):
    event = make_event()
    stranger = services.register(event=event, person=outsider)
    own = services.register(event=event, person=school_contact)
    colleague = services.register(event=event, person=teacher)
    client = client_of(school_contact)
    assert client.post(_url("cancel_colleague", pk=stranger.pk)).status_code == 404
    assert client.post(_url("cancel_colleague", pk=own.pk)).status_code == 404
    assert client_of(outsider).post(_url("cancel_colleague", pk=colleague.pk)).status_code == 404
    assert client.get(_url("cancel_colleague", pk=colleague.pk)).status_code == 405
    assert set(Registration.objects.values_list("status", flat=True)) == {"registered"}


def test_the_service_lets_a_contact_cancel_only_their_colleagues(school_contact, teacher, outsider):
    event = make_event()
    stranger = services.register(event=event, person=outsider)
    with pytest.raises(RegistrationError) as error:
        services.cancel(registration=stranger, by=school_contact)
    assert error.value.code == "not_colleague"
    stranger.refresh_from_db()
    assert stranger.status == Registration.Status.REGISTERED
    colleague = services.register(event=event, person=teacher)
    cancelled = services.cancel(registration=colleague, by=school_contact)
    assert cancelled.cancel_reason == Registration.CancelReason.CONTACT
