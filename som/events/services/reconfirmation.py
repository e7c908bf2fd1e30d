"""The no-show loop's first half: registrants reconfirm or release their place, and a place
freed for the waiting list is offered, held for a while, to the first in line.

Reconfirmation, for an event that asks for it (`Event.asks_reconfirmation`):

- `reconfirm_days_before` days before the start (the *ask moment*), everybody holding a place
  since before that moment is asked, once, to confirm ("I'm coming") or release it, with one-tap
  signed links (`links.place_token`, no login). Walk-ins, the team and people already checked in
  are never asked. Whoever takes a place after the ask moment (registering late, promoted from
  the waiting list, registering again) has just said they come: they are not asked and count as
  confirmed (`reconfirm_asked_at` stays empty, so they are never released either). A request
  is sent only while at least `MIN_NOTICE` remains before the deadline (the timer was down, or
  the event was made late): otherwise nobody is asked, and nobody released.
- A day before the deadline (`start - release_days_before` days), those who have not answered
  get one last reminder (not when they were asked less than `MIN_NOTICE` ago).
- At the deadline, places still unconfirmed are released (`CancelReason.NOT_RECONFIRMED`): each
  release moves the waiting list up in its order (`services.cancel`), and the released person
  is told kindly, once, with a link to rejoin the waiting list (at its back). Never after the
  start, and never someone asked less than `MIN_NOTICE` ago.

Waiting-list offers: whoever moves up from the waiting list while the event is more than
`OFFER_MIN_LEAD` away gets the place *offered* (`offer_expires_at`, status REGISTERED: the
place counts as taken) for `offer_hours`, but at most half the time left before the start, so
an offer always ends before the event. Closer to the event (or with `offer_hours` 0) the place is
given at once, as before. `confirm_offer` makes it theirs (the ticket mail follows);
`expire_offers` releases an offer past its time (`CancelReason.OFFER_EXPIRED`) and offers the
place to the next one in line. The event's row lock orders everything: an offer is released
once, a confirmation and the expiry never both win, nobody in the line is skipped. A confirmation
that arrives after the time but before the release still counts (nobody else was offered the
place yet).

`run` does the four steps in order; `manage.py run_event_reconfirmation` calls it every quarter
of an hour. Every step is idempotent.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit, page_cache, roles
from som.events import services
from som.events.models import Event, Registration
from som.events.services import RegistrationError
from som.events.services.mails import _enqueue_mail

MIN_NOTICE = datetime.timedelta(hours=12)
WARN_BEFORE_DEADLINE = datetime.timedelta(hours=24)
OFFER_MIN_LEAD = datetime.timedelta(hours=24)

RELEASED = (Registration.CancelReason.NOT_RECONFIRMED, Registration.CancelReason.OFFER_EXPIRED)


# --- The moments ----------------------------------------------------------------------------------


def ask_moment(event: Event) -> datetime.datetime:
    return event.starts_at - datetime.timedelta(days=event.reconfirm_days_before)


def deadline(event: Event) -> datetime.datetime:
    """Places not reconfirmed by then go to the waiting list."""
    return event.starts_at - datetime.timedelta(days=event.release_days_before)


def offer_hold(event: Event, now: datetime.datetime) -> datetime.timedelta | None:
    """How long a place moving up from the waiting list is held for the person's confirmation;
    None: the place is given at once (the event is too close, or the event holds no offers)."""
    left = event.starts_at - now
    if event.offer_hours == 0 or left < OFFER_MIN_LEAD:
        return None
    return min(datetime.timedelta(hours=event.offer_hours), left / 2)


def _asking_events() -> Q:
    """`Event.asks_reconfirmation` as a filter on registrations."""
    automatic = Q(event__reconfirmation=Event.Reconfirmation.AUTOMATIC) & ~Q(
        event__kind=Event.Kind.EXTERNAL
    )
    return Q(event__reconfirmation=Event.Reconfirmation.ON) | (
        automatic & (Q(event__kind=Event.Kind.NETWORK_DAY) | Q(event__capacity__isnull=False))
    )


def _holding_places() -> QuerySet[Registration]:
    """Places held by people who could be asked: not walk-ins, not the team, not in yet, not an
    open offer (they confirm that instead)."""
    return (
        Registration.objects.filter(
            _asking_events(),
            status=Registration.Status.REGISTERED,
            is_walk_in=False,
            checked_in_at__isnull=True,
            offer_expires_at__isnull=True,
        )
        .exclude(basis=Registration.Basis.TEAM)
        .select_related("event", "person")
        .order_by("event__starts_at", "created_at", "pk")
    )


@dataclass(frozen=True)
class PendingRequest:
    """What a person is asked to do about a place, for their pages: `kind` "reconfirm" (until
    the deadline) or "offer" (until the offer ends)."""

    kind: str
    until: datetime.datetime


def pending_request(
    registration: Registration, now: datetime.datetime | None = None
) -> PendingRequest | None:
    now = now or timezone.now()
    if not registration.has_place or registration.checked_in_at:
        return None
    if registration.offer_expires_at is not None:
        return PendingRequest("offer", registration.offer_expires_at)
    if registration.reconfirm_asked_at and not registration.reconfirmed_at:
        until = deadline(registration.event)
        if now < until:
            return PendingRequest("reconfirm", until)
    return None


@dataclass(frozen=True)
class Figures:
    """The team's view of an event's no-show loop (its attendance page): who was asked, who
    confirmed, who has not answered yet, whose place was released; the open offers."""

    asks: bool
    ask_at: datetime.datetime
    deadline: datetime.datetime
    asked: int
    confirmed: int
    unconfirmed: int
    released: int
    offers_expired: int
    offers: list[Registration]


def figures(event: Event) -> Figures:
    """In two queries, whatever the number of registrations."""
    rows = list(
        event.registrations.filter(
            Q(reconfirm_asked_at__isnull=False)
            | Q(cancel_reason__in=RELEASED)
            | Q(offer_expires_at__isnull=False)
        ).values_list("status", "reconfirm_asked_at", "reconfirmed_at", "cancel_reason", "pk")
    )
    asked = [row for row in rows if row[1] is not None]
    holding = [row for row in asked if row[0] == Registration.Status.REGISTERED]
    offers = list(
        event.registrations.filter(
            status=Registration.Status.REGISTERED, offer_expires_at__isnull=False
        )
        .select_related("person")
        .order_by("offer_expires_at", "pk")
    )
    return Figures(
        asks=event.asks_reconfirmation,
        ask_at=ask_moment(event),
        deadline=deadline(event),
        asked=len(asked),
        confirmed=sum(1 for row in asked if row[2] is not None),
        unconfirmed=sum(1 for row in holding if row[2] is None),
        released=sum(1 for row in rows if row[3] == Registration.CancelReason.NOT_RECONFIRMED),
        offers_expired=sum(1 for row in rows if row[3] == Registration.CancelReason.OFFER_EXPIRED),
        offers=offers,
    )


# --- The person's answers -------------------------------------------------------------------------


def _check_actor(registration: Registration, by: Person | None) -> None:
    """`by` None: the holder of the signed link, which only the person received by mail."""
    if by is not None and by.pk != registration.person_id and not roles.is_team(by):
        raise RegistrationError(_("This is not your registration."), "not_yours")


def _locked(registration: Registration) -> tuple[Event, Registration]:
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    return event, Registration.objects.select_for_update().select_related("person").get(
        pk=registration.pk
    )


def _refuse_after_start(event: Event, now: datetime.datetime) -> None:
    if event.starts_at <= now:
        raise RegistrationError(_("This event has already started."), "started")


@transaction.atomic
def confirm_place(
    *, registration: Registration, by: Person | None, now: datetime.datetime | None = None
) -> Registration:
    """ "I'm coming": the place is kept (an offered place is accepted, see `confirm_offer`).
    Confirming twice is fine."""
    _check_actor(registration, by)
    now = now or timezone.now()
    event, registration = _locked(registration)
    if registration.offer_expires_at is not None or registration.status != "registered":
        return confirm_offer(registration=registration, by=by, now=now)
    _refuse_after_start(event, now)
    if registration.reconfirmed_at is None:
        registration.reconfirmed_at = now
        registration.save(update_fields=["reconfirmed_at", "updated_at"])
        audit.record(actor=by, action="registration.reconfirmed", obj=registration)
    return registration


@transaction.atomic
def confirm_offer(
    *, registration: Registration, by: Person | None, now: datetime.datetime | None = None
) -> Registration:
    """ "Yes, I take the place": the offered place becomes theirs, with the ticket by mail (and
    the invoice for a paid event). Refused when the offer was released meanwhile."""
    _check_actor(registration, by)
    now = now or timezone.now()
    event, registration = _locked(registration)
    if not registration.has_place:
        raise RegistrationError(
            _(
                "This place was offered to you until %(time)s and has gone to the next person "
                "on the waiting list. You can join the waiting list again."
            )
            % {"time": _local(registration.offer_expires_at or registration.cancelled_at)},
            "offer_gone",
        )
    if registration.offer_expires_at is None:
        return registration  # confirmed already
    _refuse_after_start(event, now)
    registration.offer_expires_at = None
    registration.reconfirmed_at = now  # they just said they come: never asked again
    registration.save(update_fields=["offer_expires_at", "reconfirmed_at", "updated_at"])
    audit.record(actor=by, action="registration.offer_confirmed", obj=registration)
    services.on_place_given(registration, by)
    page_cache.invalidate()
    return registration


def release_place(*, registration: Registration, by: Person | None) -> Registration:
    """ "Release my place" (or "No, thank you" to an offer): cancelled by the person; the next on
    the waiting list moves up (`services.cancel`, which also confirms it by mail)."""
    _check_actor(registration, by)
    return services.cancel(
        registration=registration, by=by, reason=Registration.CancelReason.PERSON
    )


decline_offer = release_place


def rejoin_waiting_list(*, registration: Registration, by: Person | None) -> Registration:
    """A released person registers again from the link in their mail: at the back of the
    waiting list (or with a place, if one is free: `services.register`)."""
    _check_actor(registration, by)
    if not registration.is_cancelled:
        raise RegistrationError(
            _("You are already registered for this event."), "already_registered"
        )
    return services.register(event=registration.event, person=registration.person)


def _local(moment: datetime.datetime | None) -> str:
    if moment is None:
        return ""
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "j F Y, H:i")


# --- The periodic steps ---------------------------------------------------------------------------


def _claim_and_mail(
    registration: Registration, field: str, now: datetime.datetime, kind: str
) -> bool:
    """Set `field` if still empty and queue the mail with it: once, even with two runs."""
    with transaction.atomic():
        claimed = Registration.objects.filter(
            pk=registration.pk, status=Registration.Status.REGISTERED, **{f"{field}__isnull": True}
        ).update(**{field: now, "updated_at": now})
        if claimed:
            _enqueue_mail(registration, kind)
    return bool(claimed)


def ask_reconfirmation(now: datetime.datetime | None = None) -> int:
    """Ask everybody holding a place since before the ask moment, once; how many were asked."""
    now = now or timezone.now()
    candidates = _holding_places().filter(
        event__starts_at__gt=now + MIN_NOTICE,
        reconfirm_asked_at__isnull=True,
        reconfirmed_at__isnull=True,
    )
    count = 0
    for registration in candidates:
        event = registration.event
        ask_at = ask_moment(event)
        if not ask_at <= now < deadline(event) - MIN_NOTICE:
            continue
        held_since = registration.promoted_at or registration.created_at
        if held_since >= ask_at:
            continue  # took the place after the ask moment: counts as confirmed
        count += _claim_and_mail(registration, "reconfirm_asked_at", now, "reconfirm_request")
    return count


def _unanswered(now: datetime.datetime) -> QuerySet[Registration]:
    return _holding_places().filter(
        event__starts_at__gt=now,
        reconfirm_asked_at__isnull=False,
        reconfirm_asked_at__lte=now - MIN_NOTICE,
        reconfirmed_at__isnull=True,
    )


def warn_unconfirmed(now: datetime.datetime | None = None) -> int:
    """The last reminder, a day before the deadline, once."""
    now = now or timezone.now()
    count = 0
    for registration in _unanswered(now).filter(reconfirm_warned_at__isnull=True):
        until = deadline(registration.event)
        if until - WARN_BEFORE_DEADLINE <= now < until:
            count += _claim_and_mail(registration, "reconfirm_warned_at", now, "reconfirm_warning")
    return count


def release_unconfirmed(now: datetime.datetime | None = None) -> int:
    """At the deadline, release the places still unconfirmed to the waiting list, each once."""
    now = now or timezone.now()
    count = 0
    for candidate in _unanswered(now):
        if now < deadline(candidate.event):
            continue
        with transaction.atomic():
            event, registration = _locked(candidate)
            still_unanswered = (
                registration.has_place
                and registration.reconfirm_asked_at is not None
                and registration.reconfirmed_at is None
                and registration.offer_expires_at is None
                and registration.checked_in_at is None
            )
            if not still_unanswered or event.starts_at <= now:
                continue
            services.cancel(
                registration=registration,
                by=None,
                reason=Registration.CancelReason.NOT_RECONFIRMED,
            )
            audit.record(actor=None, action="registration.released", obj=registration)
            count += 1
    return count


def expire_offers(now: datetime.datetime | None = None) -> int:
    """Release every offer past its time; the next on the waiting list gets the offer. Each
    offer once, in order, whoever runs at the same time (the event's lock orders them)."""
    now = now or timezone.now()
    expired = Registration.objects.filter(
        status=Registration.Status.REGISTERED, offer_expires_at__lte=now
    ).order_by("offer_expires_at", "pk")
    count = 0
    for candidate in list(expired):
        with transaction.atomic():
            _event, registration = _locked(candidate)
            if (
                not registration.has_place
                or registration.offer_expires_at is None
                or registration.offer_expires_at > now
            ):
                continue  # confirmed, declined or released meanwhile
            services.cancel(
                registration=registration,
                by=None,
                reason=Registration.CancelReason.OFFER_EXPIRED,
            )
            audit.record(actor=None, action="registration.offer_expired", obj=registration)
            count += 1
    return count


@dataclass(frozen=True)
class RunReport:
    asked: int
    warned: int
    released: int
    offers_expired: int


def run(now: datetime.datetime | None = None) -> RunReport:
    """Ask, warn, release, expire offers: in that order, each idempotent."""
    now = now or timezone.now()
    return RunReport(
        asked=ask_reconfirmation(now),
        warned=warn_unconfirmed(now),
        released=release_unconfirmed(now),
        offers_expired=expire_offers(now),
    )
