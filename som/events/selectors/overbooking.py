"""Overbooking learned from the past: the show-up rate of past events per kind, and how many
places beyond the capacity a coming event could give.

What is counted, per past event (over, taking registrations here):

- registered at the start: registrations with a place when the event began (status
  "registered"), walk-ins left out (they did not hold a place beforehand). People promoted from
  the waiting list, however late, count: they held a place. Cancelled registrations do not:
  their place went back (to the waiting list) before the event.
- present: those of them checked in at the door.
- events where nobody was checked in are left out: the door was not used there, so they say
  nothing about who came.

The proposal: for a coming event with a capacity, the largest number of extra places such that
at most one in ten of the past events of its kind (the last `SAMPLE` of them) would have been
over capacity, had they shown up at the same rate with the extra registrations. The arithmetic
is in pure functions (`over_capacity`, `largest_extra`, `risks`) on (registered, present)
pairs, in whole numbers. Without at least `MIN_EVENTS` past events there is no proposal.

Nothing here writes: the team accepts or changes the number (`services.overbooking`); an event
gives no extra places until they do."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from som.events.models import Event, Registration

SAMPLE = 20  # the last past events of a kind the proposal learns from
MIN_EVENTS = 3  # fewer past events than this: no proposal
ACCEPTED_RISK = Fraction(1, 10)  # at most one in ten past events over capacity
CANDIDATE_SHARES = (Fraction(1, 20), Fraction(1, 10), Fraction(3, 20), Fraction(1, 5))
# Never propose more than the capacity again (an event whose past rates are very low).
MAX_EXTRA_SHARE = Fraction(1, 1)


@dataclass(frozen=True)
class PastEvent:
    event_id: int
    title: str
    kind: str
    starts_at: datetime.datetime
    registered: int  # with a place at the start (not walk-ins)
    present: int  # of those, checked in

    @property
    def rate(self) -> int:
        """The show-up rate as a whole percentage."""
        return round(100 * self.present / self.registered)


@dataclass(frozen=True)
class Risk:
    extra: int
    over: int  # past events that would have been over capacity
    out_of: int

    @property
    def one_in(self) -> int | None:
        """ "1 in N" past events over capacity (rounded); None when none would have been."""
        return round(self.out_of / self.over) if self.over else None

    @property
    def acceptable(self) -> bool:
        return Fraction(self.over, self.out_of) <= ACCEPTED_RISK


@dataclass(frozen=True)
class Proposal:
    kind: str
    capacity: int | None
    past: tuple[PastEvent, ...]
    extra: int | None  # None: no proposal, `reason` says why
    reason: str
    risks: tuple[Risk, ...]

    @property
    def rates(self) -> list[int]:
        return [past.rate for past in self.past]

    @property
    def lowest_rate(self) -> int | None:
        return min(self.rates, default=None)

    @property
    def highest_rate(self) -> int | None:
        return max(self.rates, default=None)

    @property
    def average_rate(self) -> int | None:
        registered = sum(past.registered for past in self.past)
        if not registered:
            return None
        return round(100 * sum(past.present for past in self.past) / registered)


# --- The arithmetic (pure) ------------------------------------------------------------------------


def over_capacity(capacity: int, extra: int, samples: Iterable[tuple[int, int]]) -> int:
    """How many past events (registered, present) would have had more people than `capacity`
    with `capacity + extra` registrations showing up at their rate."""
    places = capacity + extra
    return sum(1 for registered, present in samples if present * places > capacity * registered)


def largest_extra(
    capacity: int,
    samples: Sequence[tuple[int, int]],
    *,
    accepted: Fraction = ACCEPTED_RISK,
    max_share: Fraction = MAX_EXTRA_SHARE,
) -> int:
    """The most extra places with at most `accepted` of the past events over capacity.

    An event is not over with `capacity + extra` places while present * (capacity + extra) <=
    capacity * registered. The `allowed` highest rates may go over; the next one sets the limit.
    A past rate of 100% at that rank means no extra places; never more than
    `max_share` * capacity."""
    if capacity <= 0 or not samples:
        return 0
    allowed = int(accepted * len(samples))  # how many may go over
    by_rate = sorted(samples, key=lambda sample: Fraction(sample[1], sample[0]), reverse=True)
    registered, present = by_rate[allowed]
    ceiling = int(max_share * capacity)
    if present == 0:
        return ceiling
    return max(0, min(capacity * registered // present - capacity, ceiling))


def tipping_point(capacity: int, registered: int, present: int) -> int | None:
    """The fewest extra places with which a past event would have gone over capacity."""
    if present == 0:
        return None
    return max(0, capacity * registered // present - capacity + 1)


def candidates(
    capacity: int, proposed: int | None, samples: Sequence[tuple[int, int]] = ()
) -> list[int]:
    """The numbers the risk table shows: none, a few shares of the capacity, the proposal and
    the first number beyond it where one more past event would have gone over."""
    numbers = {0} | {round(share * capacity) for share in CANDIDATE_SHARES}
    if proposed is not None:
        numbers.add(proposed)
        beyond = [
            point
            for registered, present in samples
            if (point := tipping_point(capacity, registered, present)) is not None
            and point > proposed
        ]
        if beyond:
            numbers.add(min(beyond))
    return sorted(numbers)


def risks(capacity: int, samples: Sequence[tuple[int, int]], extras: Iterable[int]) -> list[Risk]:
    return [
        Risk(extra=extra, over=over_capacity(capacity, extra, samples), out_of=len(samples))
        for extra in extras
    ]


# --- The reads ------------------------------------------------------------------------------------


def _past_events(now: datetime.datetime, kinds: Iterable[str] | None = None) -> list[PastEvent]:
    """Every past event with check-ins, newest first, with its counts: one query."""
    registered = Q(registrations__status=Registration.Status.REGISTERED) & Q(
        registrations__is_walk_in=False
    )
    events = (
        Event.objects.filter(ends_at__lt=now)
        .exclude(kind=Event.Kind.EXTERNAL)
        .annotate(
            start_registered=Count("registrations", filter=registered),
            start_present=Count(
                "registrations", filter=registered & Q(registrations__checked_in_at__isnull=False)
            ),
        )
        .filter(start_present__gt=0)
        .order_by("-starts_at", "-pk")
    )
    if kinds is not None:
        events = events.filter(kind__in=list(kinds))
    return [
        PastEvent(
            event_id=row["pk"],
            title=row["title"],
            kind=row["kind"],
            starts_at=row["starts_at"],
            registered=row["start_registered"],
            present=row["start_present"],
        )
        for row in events.values(
            "pk", "title", "kind", "starts_at", "start_registered", "start_present"
        )
    ]


def history(
    *, now: datetime.datetime | None = None, kinds: Iterable[str] | None = None
) -> list[PastEvent]:
    """Every past event with check-ins, newest first (the figures over time): one query."""
    return _past_events(now or timezone.now(), kinds)


def proposal_for(event: Event, *, now: datetime.datetime | None = None) -> Proposal:
    """The overbooking proposal for an event, learnt from the last past events of its kind:
    one query (none for an event without a capacity)."""
    if event.capacity is None:
        return Proposal(
            kind=event.kind,
            capacity=None,
            past=(),
            extra=None,
            reason=_("This event has no capacity, so there is nothing to overbook."),
            risks=(),
        )
    past = tuple(
        past
        for past in _past_events(now or timezone.now(), [event.kind])
        if past.event_id != event.pk
    )[:SAMPLE]
    return propose(event.kind, event.capacity, past)


def propose(kind: str, capacity: int, past: Sequence[PastEvent]) -> Proposal:
    """The proposal from the past events of a kind (pure)."""
    samples = [(one.registered, one.present) for one in past]
    if len(samples) < MIN_EVENTS:
        reason = (
            _("No past event of this kind with check-ins at the door: no proposal yet.")
            if not samples
            else _(
                "Only %(count)s past event(s) of this kind with check-ins at the door; a "
                "proposal needs at least %(minimum)s."
            )
            % {"count": len(samples), "minimum": MIN_EVENTS}
        )
        return Proposal(
            kind=kind,
            capacity=capacity,
            past=tuple(past),
            extra=None,
            reason=reason,
            risks=tuple(risks(capacity, samples, candidates(capacity, None))) if samples else (),
        )
    extra = largest_extra(capacity, samples)
    return Proposal(
        kind=kind,
        capacity=capacity,
        past=tuple(past),
        extra=extra,
        reason="",
        risks=tuple(risks(capacity, samples, candidates(capacity, extra, samples))),
    )
