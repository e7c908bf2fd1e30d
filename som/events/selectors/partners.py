"""Reads about partners' items in the calendar and their feeds: the partner's own proposals, what
waits for the team, the feeds with their last check. A fixed number of queries per list."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from som.accounts.models import Person
from som.events.models import Event, PartnerFeed

RECENTLY_REVIEWED = 20


def _partner_items() -> QuerySet[Event]:
    return Event.objects.filter(kind=Event.Kind.EXTERNAL).exclude(review=Event.Review.NONE)


def items_of(person: Person) -> QuerySet[Event]:
    """What a person proposed, newest first, with its state (and the team's reason)."""
    return (
        _partner_items()
        .filter(submitted_by=person)
        .select_related("organiser")
        .order_by("-created_at", "-pk")
    )


def items_to_review() -> QuerySet[Event]:
    """Proposed and imported items still to come that wait for the team, soonest first."""
    return (
        _partner_items()
        .filter(review=Event.Review.SUBMITTED, ends_at__gte=timezone.now())
        .select_related("organiser", "submitted_by", "source_feed")
        .prefetch_related("speerpunten")
        .order_by("starts_at", "pk")
    )


def waiting_count() -> int:
    return (
        _partner_items().filter(review=Event.Review.SUBMITTED, ends_at__gte=timezone.now()).count()
    )


def recently_reviewed() -> QuerySet[Event]:
    """The last items the team accepted or declined that are still to come."""
    return (
        _partner_items()
        .filter(
            review__in=[Event.Review.ACCEPTED, Event.Review.DECLINED],
            ends_at__gte=timezone.now(),
        )
        .select_related("organiser", "source_feed")
        .order_by("-updated_at", "-pk")[:RECENTLY_REVIEWED]
    )


def feeds() -> QuerySet[PartnerFeed]:
    """Every feed with the number of its coming items waiting for the team and published."""
    coming = Q(events__ends_at__gte=timezone.now())
    return PartnerFeed.objects.select_related("organisation").annotate(
        waiting=Count("events", filter=coming & Q(events__review=Event.Review.SUBMITTED)),
        published=Count("events", filter=coming & Q(events__is_published=True)),
    )
