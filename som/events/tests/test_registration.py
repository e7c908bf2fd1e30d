import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone, translation

from som.core.testing import in_threads, needs_postgres
from som.events import services
from som.events.links import BadLink, cancel_token, registration_for_cancel_token
from som.events.models import Event, Registration
from som.events.services import CheckInError, RegistrationError
from som.events.tests.factories import make_event
from som.finance.models import Invoice
from som.membership.tests.factories import paid_membership
from som.network.tests.factories import make_person


@pytest.fixture
def member_school(school, school_contact, team_member, this_year, general):
    paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    return school


@pytest.mark.today("2026-06-15")  # its events "in N days" fall in this membership year
def test_staff_of_a_member_register_free_and_hear_why(teacher, member_school):
    event = make_event(starts_at=timezone.now() + datetime.timedelta(days=5))
    event.ends_at = event.starts_at + datetime.timedelta(hours=2)
    event.save()
    registration = services.register(event=event, person=teacher)
    assert registration.status == Registration.Status.REGISTERED
    assert registration.basis == Registration.Basis.MEMBER_STAFF
    assert member_school.name in registration.basis_reason
    assert registration.organisation == member_school
    assert len(registration.ticket_code) >= 20


def test_a_non_member_pays_the_price_with_an_invoice(outsider):
    event = make_event(price=Decimal("25.00"))
    registration = services.register(event=event, person=outsider)
    assert registration.basis == Registration.Basis.PAYING
    assert registration.invoice_id is not None
    invoice = Invoice.objects.get(pk=registration.invoice_id)
    assert invoice.amount == Decimal("25.00") and invoice.purpose == Invoice.Purpose.EVENT


def test_a_members_only_event_refuses_others_with_the_reason(outsider):
    event = make_event(audience=Event.Audience.MEMBERS)
    with pytest.raises(RegistrationError) as error:
        services.register(event=event, person=outsider)
    assert error.value.code == "members_only"
    assert not Registration.objects.exists()


def test_one_registration_per_person_and_event(teacher):
    event = make_event()
    first = services.register(event=event, person=teacher)
    again = services.register_once(event=event, person=teacher)
    assert not again.created and again.registration.ticket_code == first.ticket_code
    assert Registration.objects.count() == 1


def test_registration_closes_at_the_end_of_the_window(teacher):
    event = make_event(registration_closes_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(RegistrationError) as error:
        services.register(event=event, person=teacher)
    assert error.value.code == "closed"


def test_a_full_event_puts_people_on_the_waiting_list(teacher, outsider, expert):
    event = make_event(capacity=1)
    assert services.register(event=event, person=teacher).status == "registered"
    assert services.register(event=event, person=outsider).status == "waiting"
    assert services.register(event=event, person=expert).status == "waiting"


def test_a_cancellation_promotes_the_first_on_the_waiting_list_and_mails_them(
    teacher, outsider, expert, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    first = services.register(event=event, person=teacher)
    services.register(event=event, person=outsider)
    services.register(event=event, person=expert)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=first, by=teacher)
    statuses = dict(Registration.objects.values_list("person__email", "status"))
    assert statuses == {
        teacher.email: "cancelled",
        outsider.email: "registered",
        expert.email: "waiting",
    }
    # The place's news to the first waiting; the cancellation's confirmation (issue 20).
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [outsider.email, teacher.email]
    )


def test_a_cancelled_person_can_register_again_with_the_same_ticket(teacher):
    """The ticket code stays: an old ticket at the door says what became of the registration
    (issue 20), and the one registration per person and event is revived, not duplicated."""
    event = make_event()
    registration = services.register(event=event, person=teacher)
    old_code = registration.ticket_code
    services.cancel(registration=registration, by=teacher)
    again = services.register(event=event, person=teacher)
    assert again.pk == registration.pk and again.ticket_code == old_code
    assert again.status == Registration.Status.REGISTERED


def test_a_contact_registers_a_colleague_but_not_a_stranger(school_contact, teacher, outsider):
    event = make_event()
    assert services.register(event=event, person=teacher, by=school_contact).registered_by == (
        school_contact
    )
    with pytest.raises(RegistrationError) as error:
        services.register(event=event, person=outsider, by=school_contact)
    assert error.value.code == "not_colleague"


def _soon() -> Event:
    """An event within this membership year (the member school's membership covers it)."""
    starts = timezone.now() + datetime.timedelta(days=5)
    return make_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))


@pytest.mark.today("2026-06-15")  # its events "in N days" fall in this membership year
def test_the_confirmation_says_why_in_the_language_of_its_reader(
    school_contact, teacher, member_school, django_capture_on_commit_callbacks
):
    # A Dutch-speaking contact registers a colleague who reads English.
    teacher.language = "en"
    teacher.save(update_fields=["language"])
    mail.outbox.clear()
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        registration = services.register(event=_soon(), person=teacher, by=school_contact)
    assert registration.basis_reason.startswith("Je werkt voor")
    [message] = mail.outbox
    assert f"You work for {member_school.name}, a member of SOM Leuven." in message.body
    assert "Je werkt voor" not in message.body


def test_the_signed_link_cancels_without_a_login(teacher):
    registration = services.register(event=make_event(), person=teacher)
    found = registration_for_cancel_token(cancel_token(registration))
    assert found == registration
    with pytest.raises(BadLink):
        registration_for_cancel_token(cancel_token(registration) + "x")


def test_reminders_go_once_two_days_before(teacher, django_capture_on_commit_callbacks):
    event = make_event()
    services.register(event=event, person=teacher)
    mail.outbox.clear()
    early = event.starts_at - datetime.timedelta(days=3)
    assert services.send_reminders(now=early) == 0
    on_time = event.starts_at - datetime.timedelta(days=2) + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(now=on_time) == 1
    assert services.send_reminders(now=on_time) == 0
    [reminder] = mail.outbox
    assert "/" in reminder.body
    assert [mimetype for _n, _c, mimetype in reminder.attachments] == ["image/png", "text/calendar"]


def test_check_in_answers_each_case_clearly(teacher, outsider, team_member):
    event, other = make_event(capacity=1), make_event()
    ticket = services.register(event=event, person=teacher)
    waiting = services.register(event=event, person=outsider)
    door_open = event.starts_at
    assert services.check_in(
        event=event, ticket_code=ticket.ticket_code, by=team_member, now=door_open
    )
    cases = {
        ticket.ticket_code: ("already_checked_in", event),
        waiting.ticket_code: ("waiting", event),
        "no-such-ticket": ("unknown_ticket", event),
        ticket.ticket_code + "": ("wrong_event", other),
    }
    for code, (expected, at) in cases.items():
        with pytest.raises(CheckInError) as error:
            services.check_in(event=at, ticket_code=code, by=team_member, now=door_open)
        assert error.value.code == expected


def test_a_walk_in_is_registered_and_checked_in_even_when_full(teacher, expert, team_member):
    event = make_event(capacity=1)
    services.register(event=event, person=teacher)
    walk_in = services.walk_in(event=event, person=expert, by=team_member, now=event.starts_at)
    assert walk_in.status == "registered" and walk_in.checked_in_at is not None


# --- Concurrency ----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_people_racing_for_the_last_place_give_one_registered():
    needs_postgres()
    event = make_event(capacity=1)
    people = [make_person() for _ in range(10)]
    assert in_threads(10, lambda i: services.register(event=event, person=people[i])) == []
    assert event.registrations.filter(status="registered").count() == 1
    assert event.registrations.filter(status="waiting").count() == 9


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_cancellations_at_once_promote_two_different_people_once_each():
    needs_postgres()
    event = make_event(capacity=2)
    people = [make_person() for _ in range(5)]
    registrations = [services.register(event=event, person=person) for person in people]
    assert (
        in_threads(2, lambda i: services.cancel(registration=registrations[i], by=people[i])) == []
    )
    promoted = event.registrations.filter(promoted_at__isnull=False)
    assert sorted(r.person_id for r in promoted) == [people[2].pk, people[3].pk]
    assert event.registrations.filter(status="registered").count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_phones_scanning_one_ticket_check_it_in_once():
    needs_postgres()
    event = make_event()
    person, door = make_person(), make_person(is_staff=True)
    ticket = services.register(event=event, person=person).ticket_code
    answers: list[str] = []

    def scan(_index):
        try:
            services.check_in(event=event, ticket_code=ticket, by=door, now=event.starts_at)
            answers.append("checked_in")
        except CheckInError as error:
            answers.append(error.code)

    assert in_threads(2, scan) == []
    assert sorted(answers) == ["already_checked_in", "checked_in"]
