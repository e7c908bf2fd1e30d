import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from som.events import services
from som.events.links import cancel_token
from som.events.models import Event, ProgrammeItem, Registration
from som.events.tests.factories import make_event
from som.membership.tests.factories import paid_membership
from som.network.models import Speerpunt
from som.network.tests.factories import make_person

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    """The English address, so the pages answer in English whatever the default language."""
    with translation.override("en"):
        return reverse(f"events:{name}", kwargs=kwargs)


@pytest.fixture
def member_school(school, school_contact, team_member, this_year, next_year, general):
    """A member this year and next: the events of these tests start a month from now, in
    December that is next year."""
    for year in (this_year, next_year):
        paid_membership(
            applicant=school_contact,
            team=team_member,
            year=year,
            membership_type=general,
            organisation=school,
        )
    return school


def crowd(event, count, status=Registration.Status.REGISTERED):
    """`count` registrations straight in the table: fast, for the query budgets."""
    people = [make_person(email=f"{status}-{event.pk}-{n}@example.org") for n in range(count)]
    Registration.objects.bulk_create(
        Registration(
            event=event,
            person=person,
            status=status,
            basis=Registration.Basis.FREE_EVENT,
            ticket_code=f"{status}-{event.pk}-{n}",
        )
        for n, person in enumerate(people)
    )


# --- The calendar and the event page --------------------------------------------------------------


def test_the_calendar_lists_published_upcoming_events_only(client):
    make_event(title="Netwerkdag lente")
    make_event(title="Nog geheim", is_published=False)
    past = timezone.now() - datetime.timedelta(days=10)
    make_event(title="Voorbij", starts_at=past, ends_at=past + datetime.timedelta(hours=2))
    page = client.get(url("calendar")).content.decode()
    assert "Netwerkdag lente" in page
    assert "Nog geheim" not in page and "Voorbij" not in page


def test_the_calendar_filters_by_speerpunt_and_kind(client):
    speerpunt = Speerpunt.objects.order_by("position")[0]
    tagged = make_event(title="Met speerpunt")
    tagged.speerpunten.add(speerpunt)
    make_event(title="Zonder speerpunt")
    make_event(title="Van een partner", kind=Event.Kind.EXTERNAL, external_url="https://x.be/e")
    page = client.get(url("calendar"), {"speerpunt": speerpunt.slug}).content.decode()
    assert "Met speerpunt" in page and "Zonder speerpunt" not in page
    page = client.get(url("calendar"), {"kind": "external"}).content.decode()
    assert "Van een partner" in page and "Met speerpunt" not in page
    assert 'href="https://x.be/e"' in page


def test_the_month_view_shows_the_month_with_links_to_the_next_and_previous(client):
    starts = timezone.make_aware(datetime.datetime(2031, 3, 12, 9, 0))
    make_event(title="Maartdag", starts_at=starts, ends_at=starts + datetime.timedelta(hours=7))
    page = client.get(url("calendar"), {"view": "month", "month": "2031-03"}).content.decode()
    assert "Maartdag" in page and "March 2031" in page
    assert "month=2031-02" in page and "month=2031-04" in page


def test_a_wrong_month_shows_this_month_instead_of_an_error(client):
    response = client.get(url("calendar"), {"view": "month", "month": "2031-13"})
    assert response.status_code == 200


def test_the_calendar_costs_the_same_queries_with_many_events_and_registrations(
    client, django_assert_max_num_queries
):
    for _ in range(8):
        event = make_event()
        event.speerpunten.set(Speerpunt.objects.all())
        crowd(event, 15)
    with django_assert_max_num_queries(5):
        response = client.get(url("calendar"))
    assert response.content.decode().count('<article class="event-card') == 8
    with django_assert_max_num_queries(5):
        client.get(url("calendar"), {"view": "month"})


def test_the_event_page_shows_the_programme_places_and_price(client):
    event = make_event(capacity=50, price=Decimal("20.00"))
    ProgrammeItem.objects.create(
        event=event,
        kind=ProgrammeItem.Kind.KEYNOTE,
        title="Samen onderwijs maken",
        starts_at=event.starts_at,
        ends_at=event.starts_at + datetime.timedelta(hours=1),
        room="Aula",
        speakers="Prof. Peeters",
    )
    crowd(event, 3)
    page = client.get(url("detail", slug=event.slug)).content.decode()
    assert "Samen onderwijs maken" in page and "Aula" in page and "Prof. Peeters" in page
    assert "47 places left" in page
    # The price table (som.events.entry): members' staff come free to the network days.
    assert "Staff of member institutions, lab members and invited experts: <strong>free" in page
    assert f"/events/{event.slug}.ics" in page


def test_the_event_page_costs_the_same_queries_with_many_registrations(
    client_of, teacher, django_assert_max_num_queries
):
    event = make_event(capacity=10)
    crowd(event, 10)
    crowd(event, 30, status=Registration.Status.WAITING)
    client = client_of(teacher)
    with django_assert_max_num_queries(8):  # 6 for the page, 2 for the session and the user
        page = client.get(url("detail", slug=event.slug)).content.decode()
    assert "Full: waiting list" in page and "Join the waiting list" in page


def test_a_draft_is_missing_for_the_public_but_the_team_previews_it(client, client_of, team_member):
    event = make_event(is_published=False)
    assert client.get(url("detail", slug=event.slug)).status_code == 404
    assert client_of(team_member).get(url("detail", slug=event.slug)).status_code == 200


# --- Registering ----------------------------------------------------------------------------------


def test_anonymous_people_log_in_first_and_come_back(client):
    event = make_event()
    response = client.get(url("register", slug=event.slug))
    assert response.status_code == 302
    assert "login" in response.url and "next=" in response.url


def test_registering_takes_two_clicks_and_says_why_it_is_free(
    client_of, teacher, member_school, django_capture_on_commit_callbacks
):
    event = make_event()
    client = client_of(teacher)
    page = client.get(url("register", slug=event.slug)).content.decode()
    assert member_school.name in page and "Confirm my registration" in page
    assert not Registration.objects.exists()  # the GET only asks
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("register", slug=event.slug), follow=True)
    registration = Registration.objects.get()
    assert registration.status == "registered" and registration.basis == "member_staff"
    assert "You are registered" in response.content.decode()
    assert [message.to for message in mail.outbox] == [[teacher.email]]


def test_a_non_member_sees_the_price_and_the_invoice_before_confirming(client_of, expert):
    event = make_event(price=Decimal("35.00"))
    page = client_of(expert).get(url("register", slug=event.slug)).content.decode()
    assert "35" in page and "invoice" in page


def test_the_members_only_refusal_is_shown_and_nothing_is_registered(client_of, outsider):
    event = make_event(audience=Event.Audience.MEMBERS)
    client = client_of(outsider)
    page = client.get(url("register", slug=event.slug)).content.decode()
    assert "for members of SOM Leuven only" in page
    assert "Confirm my registration" not in page
    response = client.post(url("register", slug=event.slug), follow=True)
    assert "for members of SOM Leuven only" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_full_event_puts_one_on_the_waiting_list_with_a_position(client_of, teacher, expert):
    event = make_event(capacity=1)
    services.register(event=event, person=teacher)
    client = client_of(expert)
    page = client.get(url("register", slug=event.slug)).content.decode()
    assert "waiting list" in page
    response = client.post(url("register", slug=event.slug), follow=True)
    assert "number 1 on the waiting list" in response.content.decode()
    assert Registration.objects.get(person=expert).status == "waiting"


def test_a_contact_registers_a_colleague_from_the_event_page(client_of, school_contact, teacher):
    event = make_event()
    client = client_of(school_contact)
    page = client.get(url("detail", slug=event.slug)).content.decode()
    assert "Register colleagues" in page and teacher.full_name in page
    response = client.post(
        url("register_colleague", slug=event.slug), {"colleague": teacher.pk}, follow=True
    )
    registration = Registration.objects.get(person=teacher)
    assert registration.registered_by == school_contact
    assert "Lotte Leraar is registered" in response.content.decode()


def test_an_outsider_cannot_register_a_stranger(client_of, outsider, teacher):
    event = make_event()
    client = client_of(outsider)
    assert teacher.full_name not in client.get(url("detail", slug=event.slug)).content.decode()
    client.post(url("register_colleague", slug=event.slug), {"colleague": teacher.pk})
    assert not Registration.objects.filter(person=teacher).exists()


# --- My registrations, cancelling -----------------------------------------------------------------


def test_my_registrations_show_upcoming_and_past_with_tickets(client_of, teacher):
    coming = make_event(title="Komt eraan")
    registration = services.register(event=coming, person=teacher)
    past = make_event(title="Was fijn")
    services.register(event=past, person=teacher)
    Event.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=20),
        ends_at=timezone.now() - datetime.timedelta(days=20, hours=-3),
    )
    page = client_of(teacher).get(url("mine")).content.decode()
    assert "Komt eraan" in page and "Was fijn" in page
    assert url("ticket", code=registration.ticket_code) in page


def test_cancelling_asks_first_then_frees_the_place(client_of, teacher):
    registration = services.register(event=make_event(), person=teacher)
    client = client_of(teacher)
    assert "Yes, cancel" in client.get(url("cancel", pk=registration.pk)).content.decode()
    registration.refresh_from_db()
    assert registration.status == "registered"
    client.post(url("cancel", pk=registration.pk))
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_nobody_cancels_someone_elses_registration(client_of, teacher, outsider):
    registration = services.register(event=make_event(), person=teacher)
    response = client_of(outsider).post(url("cancel", pk=registration.pk))
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == "registered"


def test_the_mail_link_cancels_only_on_the_button_not_on_opening(client, teacher, expert):
    event = make_event(capacity=1)
    registration = services.register(event=event, person=teacher)
    waiting = services.register(event=event, person=expert)
    link = url("cancel_link", token=cancel_token(registration))
    page = client.get(link).content.decode()
    assert "I can't come after all" in page and teacher.email not in page
    registration.refresh_from_db()
    assert registration.status == "registered"
    page = client.post(link).content.decode()
    assert "Your registration is cancelled" in page
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == "cancelled" and waiting.status == "registered"
    assert "already cancelled" in client.get(link).content.decode()


def test_a_bad_mail_link_says_so(client):
    response = client.get(url("cancel_link", token="not-a-token"))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


# --- Tickets --------------------------------------------------------------------------------------


def test_the_ticket_shows_a_qr_code_and_a_first_name_but_no_email(client, teacher):
    registration = services.register(event=make_event(), person=teacher)
    response = client.get(url("ticket", code=registration.ticket_code))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and "Lotte" in page and "Leraar" not in page
    assert teacher.email not in page
    assert 'src="/static/js/ticket.js"' in page


def test_an_unknown_ticket_is_missing(client):
    assert client.get(url("ticket", code="raden-lukt-niet")).status_code == 404


def test_the_service_worker_is_served_beside_the_tickets(client):
    response = client.get(url("ticket_sw"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert b'addEventListener("fetch"' in response.content
    ticket_path = url("ticket", code="x")
    assert ticket_path.startswith(url("ticket_sw").rsplit("/", 1)[0] + "/")


# --- Mails and reminders --------------------------------------------------------------------------


def test_the_confirmation_mail_carries_the_ticket_link_and_the_ics(
    teacher, django_capture_on_commit_callbacks
):
    event = make_event()
    ProgrammeItem.objects.create(
        event=event,
        kind=ProgrammeItem.Kind.WELCOME,
        title="Onthaal met koffie",
        starts_at=event.starts_at,
        ends_at=event.starts_at + datetime.timedelta(minutes=30),
    )
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(event=event, person=teacher)
    [message] = mail.outbox
    assert registration.ticket_code in message.body
    assert "Onthaal met koffie" in message.body
    attachments = {name: mimetype for name, _content, mimetype in message.attachments}
    assert attachments == {
        f"ticket-{event.slug}.png": "image/png",
        f"{event.slug}.ics": "text/calendar",
    }


def test_the_reminder_command_mails_the_cancel_link(teacher, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    soon = timezone.now() + datetime.timedelta(days=1)
    event = make_event(starts_at=soon, ends_at=soon + datetime.timedelta(hours=3))
    registration = services.register(event=event, person=teacher)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders")
    [reminder] = mail.outbox
    assert cancel_token(registration).split(":")[0] in reminder.body
    assert event.title in reminder.subject


# --- iCalendar ------------------------------------------------------------------------------------


def test_the_public_feed_parses_and_has_the_published_events(client):
    event = make_event(title="Netwerkdag najaar")
    make_event(title="Ontwerp", is_published=False)
    response = client.get("/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [component] = calendar.walk("VEVENT")
    assert str(component["SUMMARY"]) == "Netwerkdag najaar"
    assert component.decoded("DTSTART") == event.starts_at.replace(microsecond=0) or (
        component.decoded("DTSTART") == event.starts_at
    )


def test_one_events_feed_parses(client):
    event = make_event(title="Open SOM-raad")
    calendar = Calendar.from_ical(client.get(f"/events/{event.slug}.ics").content)
    [component] = calendar.walk("VEVENT")
    assert str(component["SUMMARY"]) == "Open SOM-raad"
    assert component.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    assert client.get("/events/bestaat-niet.ics").status_code == 404


# --- The back office ------------------------------------------------------------------------------


def test_the_team_creates_events_in_the_admin_with_a_programme(client_of, team_member):
    team_member.user_permissions.set(Permission.objects.filter(content_type__app_label="events"))
    event = make_event()
    client = client_of(team_member)
    assert client.get("/admin/events/event/").status_code == 200
    page = client.get("/admin/events/event/add/").content.decode()
    assert "programme-TOTAL_FORMS" in page and "speerpunten" in page
    assert 'name="doors_open_minutes" value="60"' in page  # when check-in opens
    assert client.get(f"/admin/events/event/{event.pk}/change/").status_code == 200
    assert client.get("/admin/events/registration/").status_code == 200
