"""The no-show loop in the demo (issue 20): the demo's next network day is months away, so a
full study day five days from today sits in its reconfirmation window on any day the demo is
built. Its registrants were asked two days ago to reconfirm; some did, one released their place,
the others (the demo's teacher among them) have until the deadline, two days from now; the
waiting list holds three, and the place released is offered to the demo's outsider, held two
days. The teacher confirms or releases from Mijn evenementen or the mail's link, the outsider
takes the offered place, the team sees the counts on the event's attendance page."""

import datetime
import random

from django.utils import timezone

from som.accounts.models import Person
from som.demo import events as demo_events
from som.events import services
from som.events.models import Event, Registration
from som.events.services import reconfirmation
from som.network.models import Speerpunt

TITLE = "Intervisiedag: leren van elkaars klas"
OUTSIDER = "buitenstaander@example.org"
PLACES = 10


def load(team: Person) -> Event:
    rng = random.Random(2028)  # the same demo every time
    logins = ("leraar@", "contact@", "bestuur@", "trekker@")  # the logins' own stories elsewhere
    staff = [p for p in demo_events._staff(team, rng) if not p.email.startswith(logins)]
    now = timezone.now()
    event = demo_events._event(
        title=TITLE,
        kind=Event.Kind.COMMUNITY,
        starts=demo_events._at_one(now + datetime.timedelta(days=5)),
        hours=4,
        capacity=PLACES,
        summary="Leraren van verschillende scholen bezoeken elkaars klas en bespreken wat ze zagen.",
        speerpunten=list(Speerpunt.objects.all()[:2]),
    )
    Event.objects.filter(pk=event.pk).update(
        reconfirmation=Event.Reconfirmation.ON, reconfirm_days_before=7, release_days_before=3
    )
    event.refresh_from_db()
    teacher = Person.objects.get(email=demo_events.TEACHER)
    outsider = Person.objects.get(email=OUTSIDER)
    chosen = rng.sample(staff, PLACES - 1 + 3)
    holders = [teacher, *chosen[: PLACES - 1]]
    waiting = [outsider, *chosen[PLACES - 1 :]]
    registrations = [services.register(event=event, person=p) for p in holders + waiting]
    # They registered weeks ago, in this order (the waiting list's order is `created_at`).
    for number, registration in enumerate(registrations):
        registered_at = now - datetime.timedelta(days=20) + datetime.timedelta(hours=number)
        Registration.objects.filter(pk=registration.pk).update(created_at=registered_at)
    # The request went out two days ago (the ask moment, seven days before the start).
    asked_at = reconfirmation.ask_moment(event)
    reconfirmation.ask_reconfirmation(asked_at + datetime.timedelta(minutes=10))
    by_person = {r.person_id: r for r in registrations}
    for person in holders[1:6]:
        reconfirmation.confirm_place(
            registration=by_person[person.pk], by=person, now=asked_at + datetime.timedelta(hours=3)
        )
    # One cannot come after all: the first on the waiting list (the outsider) gets the offer.
    releaser = holders[6]
    reconfirmation.release_place(registration=by_person[releaser.pk], by=releaser)
    return event
