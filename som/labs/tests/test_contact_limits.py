"""A lab's contact form: to the lab's leads only (the visitor's address as Reply-To), limited per
visitor address as the trusted proxy gives it, not per proxy."""

# ruff: noqa: F811

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    _media,
    call,
    confirmed,
    members,
    network_day,
    proposal,
    running_lab,
    social_worker,
    submitted,
    welfare_org,
    written,
)

pytestmark = pytest.mark.django_db


def test_the_leads_get_the_message_with_the_visitor_to_reply_to(
    client, running_lab, teacher, django_capture_on_commit_callbacks
):
    contact = reverse("labs:contact", kwargs={"slug": running_lab.slug})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(contact, {"name": "Ann", "email": "ann@example.org", "message": "Hallo"})
    assert [m.to for m in mail.outbox] == [[teacher.email]]
    assert mail.outbox[0].reply_to == ["ann@example.org"]


def test_behind_the_trusted_proxy_visitors_do_not_share_the_proxys_budget(settings, running_lab):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    contact = reverse("labs:contact", kwargs={"slug": running_lab.slug})
    for n in range(25):
        visitor = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        message = {"name": "Ann", "email": f"a{n}@example.org", "message": "Hallo"}
        assert visitor.post(contact, message).status_code == 302


def test_without_a_trusted_proxy_a_forged_header_gets_no_new_budget(settings, running_lab):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    contact = reverse("labs:contact", kwargs={"slug": running_lab.slug})
    client = Client(REMOTE_ADDR="198.51.100.9")
    answers = [
        client.post(
            contact,
            {"name": "Ann", "email": f"a{n}@example.org", "message": "Hallo"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        ).status_code
        for n in range(21)
    ]
    assert answers[-1] == 429
