"""Issue 20, part 5: the defects found in the events flow, each with its regression test."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from som.api.tests.test_events_api import bearer
from som.core.models import AuditEntry
from som.core.testing import in_threads, needs_postgres
from som.core.tests.admin_forms import change_form_data, form_errors
from som.events import services
from som.events.links import cancel_token
from som.events.models import Event, Registration
from som.events.services import CheckInError, RegistrationError
from som.events.tests.factories import make_event
from som.finance.models import Invoice
from som.network.tests.factories import make_person

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _paid(**overrides):
    return make_event(price=Decimal("25.00"), **overrides)


def _invoices_of(registration: Registration) -> list[Invoice]:
    return list(
        Invoice.objects.filter(purpose=Invoice.Purpose.EVENT, subject_id=registration.pk).order_by(
            "pk"
        )
    )


# --- 1. Cancelling after the start is refused -----------------------------------------------------


def _started_event(**overrides):
    starts = timezone.now() + datetime.timedelta(hours=1)
    return make_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=3), **overrides)


def test_cancelling_after_the_start_is_refused_and_the_invoice_stays_open(outsider):
    event = _started_event(price=Decimal("25.00"))
    registration = services.register(event=event, person=outsider)
    [invoice] = _invoices_of(registration)
    started = time_machine.travel(event.starts_at + datetime.timedelta(minutes=5))
    with started, pytest.raises(RegistrationError) as error:
        services.cancel(registration=registration, by=outsider)
    assert error.value.code == "started"
    assert "al begonnen" in error.value.message  # Dutch first
    registration.refresh_from_db()
    invoice.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED
    assert invoice.status == Invoice.Status.OPEN


def test_the_mails_cancel_link_says_so_after_the_start(client, teacher):
    event = _started_event()
    registration = services.register(event=event, person=teacher)
    url = reverse("events:cancel_link", kwargs={"token": cancel_token(registration)})
    started = time_machine.travel(event.starts_at + datetime.timedelta(minutes=5))
    with started:
        shown = client.get(url).content.decode()
        posted = client.post(url).content.decode()
    assert "al begonnen" in shown and 'method="post"' not in shown.split("<main")[-1]
    assert "al begonnen" in posted
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED


# --- 2. The waiting list is invoiced at its promotion, not before ---------------------------------


def test_the_waiting_list_is_invoiced_only_when_promoted(teacher, outsider):
    event = _paid(capacity=1, offer_hours=0)  # the place is given at once, not offered
    first = services.register(event=event, person=teacher)
    waiting = services.register(event=event, person=outsider)
    assert waiting.status == Registration.Status.WAITING
    assert waiting.invoice_id is None and _invoices_of(waiting) == []
    services.cancel(registration=first, by=teacher)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.REGISTERED
    [invoice] = _invoices_of(waiting)
    assert waiting.invoice_id == invoice.pk and invoice.amount == Decimal("25.00")


# --- 3. Registering again on a paid event invoices again ------------------------------------------


def test_registering_again_on_a_paid_event_issues_a_new_invoice(outsider):
    event = _paid()
    registration = services.register(event=event, person=outsider)
    services.cancel(registration=registration, by=outsider)
    again = services.register(event=event, person=outsider)
    cancelled, new = _invoices_of(again)
    assert cancelled.status == Invoice.Status.CANCELLED
    assert new.status == Invoice.Status.OPEN and new.amount == Decimal("25.00")
    assert again.invoice_id == new.pk


# --- 4. More places promote the waiting list, whatever screen gave them ---------------------------


def _full_with_two_waiting(teacher, school_contact, lab_lead):
    event = make_event(capacity=1)
    services.register(event=event, person=teacher)
    waiting = [services.register(event=event, person=p) for p in (school_contact, lab_lead)]
    assert {r.status for r in waiting} == {Registration.Status.WAITING}
    return event, waiting


def test_more_places_in_the_back_office_go_to_the_waiting_list_not_a_newcomer(
    client_of, team_member, teacher, school_contact, lab_lead, expert
):
    event, (first, second) = _full_with_two_waiting(teacher, school_contact, lab_lead)
    client = client_of(team_member)
    url = reverse("admin:events_event_change", args=[event.pk])
    with translation.override("en"):
        data = change_form_data(client, url, capacity="3")
        response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    newcomer = services.register(event=event, person=expert)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == Registration.Status.REGISTERED
    assert newcomer.status == Registration.Status.WAITING


def test_places_given_behind_the_services_back_still_go_to_the_waiting_list_first(
    teacher, school_contact, lab_lead, expert
):
    event, (first, second) = _full_with_two_waiting(teacher, school_contact, lab_lead)
    Event.objects.filter(pk=event.pk).update(extra_places=1)  # say another screen did it
    newcomer = services.register(event=event, person=expert)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.REGISTERED and first.promoted_at is not None
    assert second.status == Registration.Status.WAITING
    assert newcomer.status == Registration.Status.WAITING


def test_more_places_through_the_service_promote_in_order(
    team_member, teacher, school_contact, lab_lead
):
    event, (first, second) = _full_with_two_waiting(teacher, school_contact, lab_lead)
    services.update_event(event=event, values={"capacity": 2}, by=team_member)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("registered", "waiting")


# --- 5. Registering again puts you at the back of the waiting list --------------------------------


def test_cancelling_and_registering_again_goes_to_the_back_of_the_waiting_list(
    teacher, outsider, expert, lab_lead
):
    event = make_event(capacity=1)
    services.register(event=event, person=teacher)
    ann, bob, cas = (services.register(event=event, person=p) for p in (outsider, expert, lab_lead))
    services.cancel(registration=ann, by=outsider)
    again = services.register(event=event, person=outsider)
    assert again.pk == ann.pk and again.status == Registration.Status.WAITING
    order = list(
        event.registrations.filter(status=Registration.Status.WAITING)
        .order_by("created_at", "pk")
        .values_list("person_id", flat=True)
    )
    assert order == [expert.pk, lab_lead.pk, outsider.pk]
    registered = Registration.objects.get(person=teacher, event=event)
    services.cancel(registration=registered, by=teacher)
    bob.refresh_from_db()
    assert bob.status == Registration.Status.REGISTERED
    assert cas.pk != again.pk


# --- 6. A registration and its mail are one; a repeated registration gets its ticket --------------


def test_a_repeated_registration_answers_with_the_existing_ticket(teacher):
    event = make_event()
    first = services.register(event=event, person=teacher)
    outcome = services.register_once(event=event, person=teacher)
    assert outcome.created is False
    assert outcome.registration.pk == first.pk
    assert outcome.registration.ticket_code == first.ticket_code
    assert services.register(event=event, person=teacher).pk == first.pk
    assert Registration.objects.count() == 1


def test_the_page_sends_a_repeated_registration_to_its_ticket(client_of, teacher):
    event = make_event()
    first = services.register(event=event, person=teacher)
    client = client_of(teacher)
    response = client.post(reverse("events:register", kwargs={"slug": event.slug}))
    assert response.status_code == 302
    assert response["Location"] == reverse("events:registered", kwargs={"pk": first.pk})


def test_the_api_answers_a_repeated_registration_with_the_existing_ticket(client, teacher):
    event = make_event()
    url = f"/api/v1/events/{event.pk}/registrations"
    created = client.post(url, headers=bearer(teacher))
    again = client.post(url, headers=bearer(teacher))
    assert created.status_code == 201, created.content
    assert again.status_code == 200, again.content
    assert again.json()["ticket_code"] == created.json()["ticket_code"]
    assert again.json()["status"] == "registered"


def test_the_immediate_backend_mails_nothing_for_a_registration_rolled_back(teacher):
    event = make_event()
    mail.outbox.clear()

    class Crash(Exception):
        pass

    def register_then_crash() -> None:
        with transaction.atomic():
            services.register(event=event, person=teacher)
            raise Crash

    with pytest.raises(Crash):
        register_then_crash()
    assert not Registration.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_ticket_mails_task_commits_with_the_registration_and_not_without(settings):
    """The transactional outbox: with the database task backend (production's), the task row
    is written inside the registration's transaction."""
    needs_postgres()
    settings.TASKS = DATABASE_TASKS
    event = make_event()
    person, other = make_person(), make_person()

    class Crash(Exception):
        pass

    def register_then_crash() -> None:
        with transaction.atomic():
            services.register(event=event, person=other)
            assert DBTaskResult.objects.count() == 1  # in the same transaction, before the commit
            raise Crash

    with pytest.raises(Crash):
        register_then_crash()
    assert not Registration.objects.exists() and not DBTaskResult.objects.exists()

    registration = services.register(event=event, person=person)
    [task] = DBTaskResult.objects.all()
    assert task.task_path.endswith("mail_registration_task")
    assert task.args_kwargs["kwargs"]["registration_id"] == registration.pk
    assert task.args_kwargs["kwargs"]["kind"] == "registered"


# --- 7. The .ics of a title with a newline --------------------------------------------------------


def test_an_event_title_with_a_newline_is_refused_with_a_clear_message(team_member):
    event = make_event()
    with pytest.raises(ValidationError) as error:
        services.update_event(event=event, values={"title": "Netwerkdag\nLeuven"}, by=team_member)
    assert "line" in str(error.value).lower() or "regel" in str(error.value).lower()
    event.refresh_from_db()
    assert "\n" not in event.title


def test_the_ics_of_an_old_title_with_a_newline_does_not_crash(client, db):
    event = make_event()
    Event.objects.filter(pk=event.pk).update(title="Netwerkdag\r\nLeuven")
    response = client.get(reverse("event_ics", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    assert b"Netwerkdag" in response.content
    assert client.get(reverse("calendar_ics")).status_code == 200


# --- 8. The door: its window, and a cancelled ticket is "cancelled" -------------------------------


def test_a_ticket_cancelled_then_registered_again_and_cancelled_is_said_cancelled_at_the_door(
    teacher, team_member
):
    event = make_event()
    registration = services.register(event=event, person=teacher)
    old_code = registration.ticket_code
    services.cancel(registration=registration, by=teacher)
    again = services.register(event=event, person=teacher)
    services.cancel(registration=again, by=teacher)
    with pytest.raises(CheckInError) as error:
        services.check_in(event=event, ticket_code=old_code, by=team_member, now=event.starts_at)
    assert error.value.code == "cancelled"


def test_the_door_page_and_the_api_say_cancelled_for_a_cancelled_ticket(
    client, client_of, teacher, team_member
):
    event = make_event()
    registration = services.register(event=event, person=teacher)
    old_code = registration.ticket_code
    services.cancel(registration=registration, by=teacher)
    services.cancel(registration=services.register(event=event, person=teacher), by=teacher)
    with time_machine.travel(event.starts_at), translation.override("nl"):
        team = client_of(team_member)
        door = team.post(
            reverse("events:door_check_in", kwargs={"pk": event.pk}),
            {"ticket_code": old_code},
            HTTP_ACCEPT="application/json",
        )
        api = client.post(
            "/api/v1/checkins",
            {"ticket_code": old_code, "event": event.pk},
            content_type="application/json",
            headers=bearer(team_member),
        )
    assert door.json()["code"] == "cancelled"
    assert "Geannuleerd" in door.json()["headline"]
    assert api.status_code == 410 and api.json()["code"] == "cancelled"


def test_check_in_only_while_the_doors_are_open(teacher, team_member):
    event = make_event()
    ticket = services.register(event=event, person=teacher).ticket_code
    minute = datetime.timedelta(minutes=1)
    for moment in (event.doors_open_at - minute, event.ends_at + minute):
        for at in (event, None):
            with pytest.raises(CheckInError) as error:
                services.check_in(event=at, ticket_code=ticket, by=team_member, now=moment)
            assert error.value.code == "outside_window"
    assert services.check_in(event=None, ticket_code=ticket, by=team_member, now=event.starts_at)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_newcomers_racing_for_places_given_behind_the_services_back_wait_behind_the_list():
    """Two places appear without a promotion (another screen); five newcomers race: the two
    waiting get them, each once, in order, and every newcomer waits behind them."""
    needs_postgres()
    event = make_event(capacity=1, offer_hours=0)
    services.register(event=event, person=make_person())
    first, second = (services.register(event=event, person=make_person()) for _ in range(2))
    Event.objects.filter(pk=event.pk).update(capacity=3)
    newcomers = [make_person() for _ in range(5)]
    assert in_threads(5, lambda i: services.register(event=event, person=newcomers[i])) == []
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("registered", "registered")
    assert event.registrations.filter(status="registered").count() == 3
    assert event.registrations.filter(status="waiting").count() == 5
    promoted = AuditEntry.objects.filter(action="registration.promoted")
    assert sorted(int(e.object_id) for e in promoted) == sorted([first.pk, second.pk])
