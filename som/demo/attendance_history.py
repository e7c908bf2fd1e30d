"""The demo's past: network days and community events of the last school years, with the usual
share of people who did not come (the seed's Open SOM-raad: 120 registered, about 80 present),
so the team's attendance page shows show-up rates over the years and the overbooking proposal of
a coming event has real figures to learn from. The older events were followed up (their
thank-you and "we missed you" mails went out); the workshop that is full with a waiting list is
the coming event whose proposal the team can accept (see the demo's guide)."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from som.accounts.models import Person
from som.demo import events as demo_events
from som.events.models import Event
from som.events.services import follow_up, update_event
from som.network.models import Speerpunt

# The coming event whose overbooking the team can accept (som/demo/events.py makes it).
WORKSHOP_TITLE = "Werkwinkel: ouders als partners"

# (title, kind, days ago, registered, share that came); the title gets its season and year.
PAST = [
    ("SOM-netwerkdag", Event.Kind.NETWORK_DAY, 240, 130, 0.78),
    ("SOM start", Event.Kind.NETWORK_DAY, 430, 140, 0.70),
    ("SOM-netwerkdag", Event.Kind.NETWORK_DAY, 610, 120, 0.82),
    ("SOM start", Event.Kind.NETWORK_DAY, 800, 110, 0.74),
    ("Open SOM-raad", Event.Kind.COMMUNITY, 200, 60, 0.63),
    ("Leerkrachtencafé: taal in de klas", Event.Kind.COMMUNITY, 330, 35, 0.74),
    ("Open SOM-raad", Event.Kind.COMMUNITY, 570, 70, 0.69),
    ("Werkwinkel: welbevinden", Event.Kind.COMMUNITY, 700, 30, 0.77),
]
MATERIALS_URL = "https://www.example.org/som-leuven/materiaal"


def load(team: Person) -> None:
    rng = random.Random(2027)  # the same demo every time
    staff = demo_events._staff(team, rng)
    speerpunten = list(Speerpunt.objects.all())
    now = timezone.now()
    held = []
    for title, kind, days_ago, registered, came in PAST:
        starts = demo_events._at_one(now - datetime.timedelta(days=days_ago))
        event = demo_events._event(
            title=f"{title} {demo_events.SEASONS[starts.month]} {starts:%Y}",
            kind=kind,
            starts=starts,
            hours=5 if kind == Event.Kind.NETWORK_DAY else 3,
            capacity=registered + 10,
            # Free for the staff of members (the entry rules), not for everybody.
            price=demo_events.NETWORK_DAY_PRICE if kind == Event.Kind.NETWORK_DAY else Decimal(0),
            summary="Een eerdere editie.",
            speerpunten=speerpunten[:2],
        )
        offset = rng.randrange(len(staff) - registered)
        demo_events._fill(event, staff[offset : offset + registered], rng, attended_share=came)
        held.append(event)
    # The mails afterwards: sent for the older events, those of the SOM start with its slides.
    som_start = (
        Event.objects.filter(
            kind=Event.Kind.NETWORK_DAY, ends_at__lt=now, title__startswith="SOM start"
        )
        .order_by("-starts_at")
        .first()
    )
    if som_start is not None:
        update_event(
            event=som_start,
            values={
                "materials_url": MATERIALS_URL,
                "thank_you_text": (
                    "Bedankt om erbij te zijn op de SOM start! De presentaties en de foto's "
                    "vind je via de link hieronder. Tot op de volgende netwerkdag."
                ),
            },
            by=team,
        )
        held.append(som_start)
    for event in held:
        follow_up.follow_up(event=event, now=event.ends_at + datetime.timedelta(hours=18))
