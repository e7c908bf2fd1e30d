import datetime
from decimal import Decimal

from django.urls import reverse

from som.events.models import ProgrammeItem
from som.events.tests.factories import make_event
from som.labs.models import Call, Proposal


def test_the_event_page_lists_the_proposals_pitched_in_a_slot(client, teacher):
    event = make_event(title="SOM-netwerkdag")
    slot = ProgrammeItem.objects.create(
        event=event,
        kind=ProgrammeItem.Kind.PITCH,
        title="Pitches",
        starts_at=event.starts_at,
        ends_at=event.starts_at + datetime.timedelta(hours=1),
    )
    call = Call.objects.create(
        title="Labo's 2027",
        network_day=event,
        deadline=event.starts_at - datetime.timedelta(days=14),
        total_budget=Decimal("20000"),
        max_budget_per_proposal=Decimal("6000"),
        rule=Call.Rule.GREEDY,
    )
    for title, status in [("Samen naar school", "eligible"), ("Nog een klad", "draft")]:
        Proposal.objects.create(
            call=call,
            title=title,
            summary="Ouders en school samen",
            status=status,
            created_by=teacher,
            pitch_slot=slot,
        )
    response = client.get(reverse("events:detail", kwargs={"slug": event.slug}))
    assert "Samen naar school" in response.content.decode()
    assert "Nog een klad" not in response.content.decode()
