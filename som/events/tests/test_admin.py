"""The team edits events in the back office through the events services: a larger capacity moves
the waiting list up, every change is in the audit log, and an event people registered for is not
deleted."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from som.core import audit
from som.core.tests.admin_forms import change_form_data, form_errors
from som.events import services
from som.events.models import Event, Registration
from som.events.tests.factories import make_event


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_raising_the_capacity_in_the_back_office_promotes_the_waiting_list(
    client_of, team_member, teacher, school_contact, lab_lead, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    services.register(event=event, person=teacher)
    waiting = [
        services.register(event=event, person=person) for person in (school_contact, lab_lead)
    ]
    assert {r.status for r in waiting} == {Registration.Status.WAITING}
    mail.outbox.clear()
    client = client_of(team_member)
    url = reverse("admin:events_event_change", args=[event.pk])

    data = change_form_data(client, url, capacity="2")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)

    assert response.status_code == 302, form_errors(response)
    first, second = (Registration.objects.get(pk=r.pk) for r in waiting)
    assert first.status == Registration.Status.REGISTERED and first.promoted_at is not None
    assert second.status == Registration.Status.WAITING
    assert [message.to for message in mail.outbox] == [[school_contact.email]]
    entry = audit.entries_for(event).get(action="event.updated")
    assert entry.actor == team_member and entry.changes["capacity"] == [1, 2]


def test_a_refused_change_shows_its_reason_and_changes_nothing(client_of, team_member):
    event = make_event(title="Netwerkdag")
    client = client_of(team_member)
    url = reverse("admin:events_event_change", args=[event.pk])
    data = change_form_data(client, url, title="Nieuwe titel", ends_at_0="01/01/2000")

    response = client.post(url, data)

    assert response.status_code == 200
    assert Event.objects.get(pk=event.pk).title == "Netwerkdag"
    assert not audit.entries_for(event).exists()


def test_an_event_made_in_the_back_office_is_audited(client_of, team_member):
    client = client_of(team_member)
    other = make_event()
    data = change_form_data(
        client,
        reverse("admin:events_event_change", args=[other.pk]),
        title="Gemeenschapsdag",
        slug="gemeenschapsdag",
    )
    data["programme-INITIAL_FORMS"] = "0"

    response = client.post(reverse("admin:events_event_add"), data)

    assert response.status_code == 302, form_errors(response)
    event = Event.objects.get(slug="gemeenschapsdag")
    entry = audit.entries_for(event).get()
    assert (entry.action, entry.actor) == ("event.created", team_member)
    assert entry.changes["title"] == [None, "Gemeenschapsdag"]


def test_an_event_people_registered_for_is_not_deleted_in_the_back_office(
    client_of, team_member, teacher
):
    event = make_event()
    services.register(event=event, person=teacher)
    client = client_of(team_member)

    client.post(reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"})

    assert Event.objects.filter(pk=event.pk).exists()
    assert not audit.entries_for(event).exists()
    with pytest.raises(services.RegistrationError, match="unpublish it instead"):
        services.delete_event(event=event, by=team_member)


def test_an_event_nobody_registered_for_is_deleted_and_audited(client_of, team_member):
    event = make_event()
    pk = event.pk
    client = client_of(team_member)

    response = client.post(reverse("admin:events_event_delete", args=[pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Event.objects.filter(pk=pk).exists()
    assert audit.AuditEntry.objects.filter(
        object_type="events.event", object_id=str(pk), action="event.deleted"
    ).exists()
