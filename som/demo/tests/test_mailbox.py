"""The demo's mailbox: what a service mails shows on the page as its recipient reads it, links
and attachments included, and only in the demo (404 in every other environment)."""

import re

import pytest
from django.core import mail as django_mail
from django.test import Client

from som.demo.models import SentMail
from som.events import services as events
from som.events.tests.factories import make_event
from som.network.models import Affiliation
from som.network.services import add_staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.SOM_ENV = "demo"
    settings.EMAIL_BACKEND = "som.demo.mailbox.EmailBackend"
    settings.SITE_URL = "http://127.0.0.1:8123"


def _register(person, django_capture_on_commit_callbacks):
    event = make_event(title="SOM-netwerkdag voorjaar")
    with django_capture_on_commit_callbacks(execute=True):
        events.register(event=event, person=person)
    return event


def test_a_ticket_mailed_by_the_service_shows_in_the_mailbox_with_its_links_and_qr_code(
    demo, teacher, django_capture_on_commit_callbacks
):
    _register(teacher, django_capture_on_commit_callbacks)
    assert django_mail.outbox == []  # kept, not sent
    kept = SentMail.objects.get()
    assert kept.recipient_list == [teacher.email]

    listing = Client().get("/demo/mail/")
    assert listing.status_code == 200
    assert "Je ticket voor SOM-netwerkdag voorjaar" in listing.content.decode()

    page = Client().get(f"/demo/mail/{kept.pk}/").content.decode()
    assert teacher.email in page
    # The ticket's link, clickable, on the port the demo runs on.
    assert re.search(r'<a href="http://127\.0\.0\.1:8123/agenda/ticket/[^"]+"', page)
    # The QR code is shown as the picture the recipient gets; the calendar file downloads.
    assert f'<img src="/demo/mail/{kept.pk}/0/"' in page
    picture = Client().get(f"/demo/mail/{kept.pk}/0/")
    assert picture["Content-Type"] == "image/png"
    assert picture.content.startswith(b"\x89PNG")
    calendar = Client().get(f"/demo/mail/{kept.pk}/1/")
    assert calendar["Content-Type"].startswith("text/calendar")
    assert calendar["Content-Disposition"].startswith("attachment;")
    assert b"BEGIN:VCALENDAR" in calendar.content
    assert Client().get(f"/demo/mail/{kept.pk}/2/").status_code == 404


def test_the_mailbox_shows_the_newest_first_and_filters_on_the_exact_address(
    demo, school, team_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("an@delinde.be", "jan@delinde.be"):
            add_staff_member(
                organisation=school,
                email=email,
                full_name="Collega",
                role=Affiliation.Role.STAFF,
                by=team_member,
            )
    first, second = SentMail.objects.order_by("pk")
    page = Client().get("/demo/mail/").content.decode()
    assert page.index(f"/demo/mail/{second.pk}/") < page.index(f"/demo/mail/{first.pk}/")

    # "an@" is in "jan@": the filter matches whole addresses only, in any case.
    only_an = Client().get("/demo/mail/", {"to": "AN@delinde.be"}).content.decode()
    assert f"/demo/mail/{first.pk}/" in only_an
    assert f"/demo/mail/{second.pk}/" not in only_an
    nobody = Client().get("/demo/mail/", {"to": "nobody@delinde.be"}).content.decode()
    assert 'class="demo-mails__subject"' not in nobody


def test_the_mailbox_costs_the_same_queries_for_many_mails(demo, django_assert_max_num_queries):
    for n in range(60):
        SentMail.objects.create(
            from_email="hallo@som.example",
            recipients=f"person{n}@som.example",
            subject=f"Mail {n}",
            message=b"Subject: x\r\n\r\nbody",
        )
    with django_assert_max_num_queries(3):
        response = Client().get("/demo/mail/")
    assert response.status_code == 200
    assert response.content.decode().count('class="demo-mails__subject"') == 50


@pytest.mark.parametrize(
    "path", ["/demo/", "/demo/mail/", "/demo/mail/{pk}/", "/demo/mail/{pk}/0/"]
)
def test_outside_the_demo_there_is_no_mailbox_and_no_demo_page(settings, path):
    settings.SOM_ENV = "production"
    kept = SentMail.objects.create(
        from_email="a@som.example", recipients="b@som.example", subject="x", message=b"x"
    )
    assert Client().get(path.format(pk=kept.pk)).status_code == 404
    settings.SOM_ENV = "test"
    assert Client().get(path.format(pk=kept.pk)).status_code == 404


def test_a_mail_that_is_not_there_is_not_found(demo):
    assert Client().get("/demo/mail/12345/").status_code == 404
    assert Client().get("/demo/mail/12345/0/").status_code == 404
