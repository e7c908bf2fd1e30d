"""The contact form mails the team, and nobody else: no copy to the address typed in the form
(that made the site a relay for anybody's text). Limited per visitor address and per sender."""

import pytest
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db

CONTACT = "/contact/"


def _message(email: str = "ann@example.org", **overrides: str) -> dict[str, str]:
    return {
        "name": "Ann",
        "email": email,
        "subject": "Lidmaatschap",
        "message": "Kunnen wij lid worden?",
        **overrides,
    }


def test_a_message_goes_to_the_team_only_with_the_sender_to_reply_to(
    client, settings, django_capture_on_commit_callbacks
):
    assert client.get(CONTACT).status_code == 200  # the contact page (Wagtail) serves the form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CONTACT, _message(email="slachtoffer@example.org"))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[settings.SOM_TEAM_EMAIL]]
    assert mail.outbox[0].reply_to == ["slachtoffer@example.org"]
    assert all("slachtoffer@example.org" not in m.recipients() for m in mail.outbox)


def test_one_sender_sends_five_messages_an_hour(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(CONTACT, _message()).status_code for _ in range(6)]
    assert answers == [302] * 5 + [429]
    assert len(mail.outbox) == 5


def test_the_refusal_keeps_the_message_and_says_why_in_dutch(client):
    for _ in range(5):
        client.post(CONTACT, _message())
    response = client.post(CONTACT, _message())
    page = response.content.decode()
    assert response.status_code == 429
    assert "over een uur" in page and "Kunnen wij lid worden?" in page


def test_one_address_sends_twenty_messages_an_hour_whatever_the_email(
    settings, django_capture_on_commit_callbacks
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = None
    client = Client(REMOTE_ADDR="198.51.100.9")
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            client.post(
                CONTACT, _message(email=f"a{n}@example.org"), HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"
            ).status_code
            for n in range(21)
        ]
    assert answers == [302] * 20 + [429]
    assert len(mail.outbox) == 20


def test_a_logged_in_sender_is_counted_by_account_whatever_the_email(client_of, teacher):
    client = client_of(teacher)
    answers = [
        client.post(CONTACT, _message(email=f"b{n}@example.org")).status_code for n in range(6)
    ]
    assert answers[-1] == 429


def test_behind_the_trusted_proxy_each_visitor_has_their_own_budget(
    settings, django_capture_on_commit_callbacks
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(25):
            visitor = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
            assert visitor.post(CONTACT, _message(email=f"c{n}@example.org")).status_code == 302
    assert len(mail.outbox) == 25
