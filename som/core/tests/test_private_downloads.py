"""Personal downloads (a person's data export, an invoice, the team's attendee lists and member
register) are `Cache-Control: private, no-store`: no shared proxy and no browser cache keeps
them after the person logged out of a shared computer."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from som.events import services as event_services
from som.events.models import Event
from som.events.tests.factories import make_event
from som.finance import services as finance
from som.finance.models import Invoice

pytestmark = pytest.mark.django_db


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


def _is_private_and_not_stored(response) -> bool:
    return response.status_code == 200 and {"private", "no-store"} <= _directives(response)


def test_my_data_export_is_not_stored(client_of, teacher):
    response = client_of(teacher).get(reverse("accounts:export"))
    assert response["Content-Type"] == "application/json"
    assert _is_private_and_not_stored(response)


def test_an_invoice_pdf_is_not_stored(client_of, team_member, school, school_contact):
    invoice = finance.issue_invoice(
        purpose=Invoice.Purpose.OTHER,
        subject_id=None,
        holder=finance.Holder(
            name=str(school), email=school_contact.email, organisation=school, person=None
        ),
        description="Lidgeld",
        amount=Decimal("100.00"),
        by=team_member,
    )
    response = client_of(school_contact).get(
        reverse("finance:invoice_pdf", kwargs={"number": invoice.number})
    )
    assert response["Content-Type"] == "application/pdf"
    assert _is_private_and_not_stored(response)


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_the_teams_attendee_lists_are_not_stored(client_of, team_member, teacher, format):
    event = make_event(title="Netwerkdag")
    event_services.register(event=event, person=teacher)
    starts = timezone.now() - datetime.timedelta(days=3)
    Event.objects.filter(pk=event.pk).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=4)
    )
    address = reverse("events:attendees_export", kwargs={"pk": event.pk, "format": format})
    assert _is_private_and_not_stored(client_of(team_member).get(address))


@pytest.mark.parametrize("query", [{}, {"format": "csv"}])
def test_the_member_register_and_the_membership_export_are_not_stored(
    client_of, team_member, query
):
    client = client_of(team_member)
    assert _is_private_and_not_stored(client.get(reverse("membership:register"), query))
    assert _is_private_and_not_stored(client.get(reverse("membership:overview"), query))
