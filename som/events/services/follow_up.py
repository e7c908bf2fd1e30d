"""After the event: those who came get a thank-you with the materials and the event's page
(where its stories and results are shown); those who had a place and did not come get a
"we missed you" with the next events, without blame. Both texts can be written per event
(`Event.thank_you_text`, `Event.missed_you_text`); empty, the standard text in the person's
language.

Run daily (`manage.py send_event_follow_ups`): an event is followed up from the day after it
ended (local time), for `WITHIN_DAYS` days, once (`Event.followed_up_at`), and every person once
(`Registration.followed_up_at`), also when two runs overlap: the event's row is claimed with an
UPDATE that only one transaction can make, and each person's row likewise; the mails are queued
in the same transaction (the database task backend), so a crash sends all or none."""

import datetime

from django.db import transaction
from django.utils import timezone

from som.events.models import Event, Registration
from som.events.tasks import mail_follow_up_task

WITHIN_DAYS = 14  # events that ended longer ago are not followed up any more (a late start)
THANK_YOU = "thank_you"
MISSED_YOU = "missed_you"


def due_events(now: datetime.datetime) -> list[Event]:
    """Events taking registrations here that ended before today (local time) and within
    `WITHIN_DAYS` days, not followed up yet."""
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return list(
        Event.objects.filter(
            followed_up_at__isnull=True,
            ends_at__lt=today,
            ends_at__gte=today - datetime.timedelta(days=WITHIN_DAYS),
        )
        .exclude(kind=Event.Kind.EXTERNAL)
        .order_by("ends_at", "pk")
    )


def send_follow_ups(*, now: datetime.datetime | None = None) -> int:
    """Follow up every due event; how many mails were queued."""
    now = now or timezone.now()
    return sum(follow_up(event=event, now=now) for event in due_events(now))


@transaction.atomic
def follow_up(*, event: Event, now: datetime.datetime) -> int:
    """Queue the mails of one event, exactly once; 0 when it was already followed up."""
    claimed = Event.objects.filter(pk=event.pk, followed_up_at__isnull=True).update(
        followed_up_at=now
    )
    if not claimed:
        return 0
    people = list(
        Registration.objects.filter(
            event=event, status=Registration.Status.REGISTERED, followed_up_at__isnull=True
        )
        .select_related("person")
        .order_by("pk")
    )
    count = 0
    for registration in people:
        marked = Registration.objects.filter(
            pk=registration.pk, followed_up_at__isnull=True
        ).update(followed_up_at=now)
        if not marked:
            continue
        kind = THANK_YOU if registration.checked_in_at is not None else MISSED_YOU
        mail_follow_up_task.enqueue(
            registration_id=registration.pk, kind=kind, language=registration.person.language
        )
        count += 1
    return count
