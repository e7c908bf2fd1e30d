"""/api/v1 for events: the public calendar, registering and cancelling one's own place, and the
check-in for a scanner app. Thin endpoints over som.events' services; the same error codes as
the door page.

Check-in answers: 201 checked in; 404 unknown ticket (or unknown event); 409 already checked in,
on the waiting list (`waiting`: the ticket holds no place now, but may get one when somebody
cancels, so the conflict is not final), a ticket of another event (`wrong_event`) or a scan
before the event's doors open or after it ended (`outside_window`); 410 a cancelled
registration (final)."""

import datetime

from django.db.models import Case, Count, F, Q, QuerySet, When
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from ninja.utils import check_csrf

from som.accounts.models import ApiToken, Person
from som.api.auth import ApiCaller, caller, came_with_token
from som.api.errors import ApiError, answers
from som.api.pagination import BoundedPageNumberPagination
from som.api.schemas import BodyId, PathId, ProblemOut
from som.core.roles import is_team
from som.events import services
from som.events.models import Event, ProgrammeItem, Registration
from som.events.selectors import public_events

router = Router(tags=["events"])

CHECK_IN_STATUS = {
    "unknown_ticket": 404,
    "already_checked_in": 409,
    "waiting": 409,
    "wrong_event": 409,
    "outside_window": 409,
    "cancelled": 410,
}


# --- Schemas: what comes in and what goes out ---------------------------------------------------


class EventOut(Schema):
    id: int
    slug: str
    kind: str = Field(description="`network_day`, `community` or `external` (a partner's event).")
    title: str
    summary: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue_name: str
    venue_address: str
    online_url: str
    external_url: str = Field(description="For a partner's event: register there, not here.")
    audience: str = Field(description="`members` (members only) or `everybody`.")
    price: str = Field(
        description="In euro with two decimals: the full price, for those not entitled."
    )
    member_price: str | None = Field(
        description=(
            "In euro with two decimals: what staff of members pay where the entry rules ask a "
            "member price; null: the full price."
        )
    )
    capacity: int | None
    places_left: int | None = Field(description="Null when the event has no limit.")
    registration_opens_at: datetime.datetime | None
    registration_closes_at: datetime.datetime | None
    speerpunten: list[str] = Field(description="Slugs of the event's speerpunten.")

    @staticmethod
    def resolve_price(event: Event) -> str:
        return f"{event.price:.2f}"

    @staticmethod
    def resolve_member_price(event: Event) -> str | None:
        return None if event.member_price is None else f"{event.member_price:.2f}"

    @staticmethod
    def resolve_places_left(event: Event) -> int | None:
        """Needs `places_taken`, annotated by the queries below."""
        if event.places is None:  # the capacity with the accepted overbooking
            return None
        return max(event.places - event.places_taken, 0)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_speerpunten(event: Event) -> list[str]:
        return [speerpunt.slug for speerpunt in event.speerpunten.all()]


class ProgrammeItemOut(Schema):
    kind: str
    title: str
    description: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room: str
    speakers: str


class EventDetailOut(EventOut):
    description: str
    programme: list[ProgrammeItemOut]

    @staticmethod
    def resolve_programme(event: Event) -> list[ProgrammeItem]:
        return event.programme_items  # type: ignore[attr-defined,no-any-return]


class RegistrationOut(Schema):
    event: int
    status: str = Field(description="`registered` or `waiting` (on the waiting list).")
    ticket_code: str
    basis: str = Field(description="Why the person may come, e.g. `member_staff` or `paying`.")
    basis_reason: str


class CheckInIn(Schema):
    ticket_code: str = Field(min_length=1, max_length=200)
    event: BodyId | None = Field(
        None,
        description="The event at whose door the ticket is scanned; the ticket's own when left out.",
    )


class CheckInOut(Schema):
    name: str
    organisation: str
    basis: str
    event: int
    event_title: str
    checked_in_at: datetime.datetime


class CheckInProblemOut(ProblemOut):
    name: str | None = Field(None, description="Whose ticket it is, when it was found.")
    checked_in_at: datetime.datetime | None = None


# --- Who is calling -------------------------------------------------------------------------------


def _require_caller(request: HttpRequest) -> Person:
    person = caller(request)
    if person is None:
        raise ApiError(401, _("Log in or send `Authorization: Bearer <key>`."))
    return person


def _require_writer(request: HttpRequest) -> Person:
    """A caller for a write. With the session (a browser), Django's CSRF check applies too; a
    Bearer token cannot be sent by another site's form."""
    person = _require_caller(request)
    if not came_with_token(request) and check_csrf(request) is not None:
        raise ApiError(403, _("CSRF check failed: send the X-CSRFToken header."), "csrf")
    return person


# --- The calendar ---------------------------------------------------------------------------------


def _listed(now: datetime.datetime) -> QuerySet[Event]:
    """Published events with their free places: upcoming ones first (soonest first), then the
    past ones (latest first)."""
    return (
        public_events()
        .prefetch_related("speerpunten")
        .annotate(
            places_taken=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)
            ),
            upcoming_start=Case(When(ends_at__gte=now, then=F("starts_at"))),
        )
        .order_by(F("upcoming_start").asc(nulls_last=True), "-starts_at", "pk")
    )


@router.get(
    "/events", response=answers({200: list[EventOut]}), summary="Published events, upcoming first"
)
@paginate(BoundedPageNumberPagination, page_size=20)
def list_events(request: HttpRequest) -> QuerySet[Event]:
    """Public: no login needed. `?page=2`, `?page_size=50` (at most 100). Three queries a
    page, whatever the number of events or registrations."""
    return _listed(timezone.now())


@router.get(
    "/events/{event_id}",
    response=answers({200: EventDetailOut}, 404),
    summary="One published event, with its programme",
)
def get_event(request: HttpRequest, event_id: PathId) -> Event:
    event = _listed(timezone.now()).filter(pk=event_id).first()
    if event is None:
        raise ApiError(404, _("No published event with this id."))
    programme = ProgrammeItem.objects.filter(event=event).order_by("starts_at", "pk")
    event.programme_items = list(programme)  # type: ignore[attr-defined]
    return event


# --- Registering and cancelling one's own place ------------------------------------------------


@router.post(
    "/events/{event_id}/registrations",
    response=answers({201: RegistrationOut, 200: RegistrationOut}, 404, 409),
    summary="Register yourself",
    auth=ApiCaller(ApiToken.Scope.REGISTER),
)
def register(request: HttpRequest, event_id: PathId) -> Status[dict[str, object]]:
    """201 with `registered` or `waiting` (the event is full) and the ticket code; 200 with the
    same when you were already registered or waiting: your existing registration and ticket,
    unchanged (so a retry after a lost answer is safe); 403 with the reason (`members_only`,
    `closed`, `not_open_yet`, `no_registration`) when you may not; 409 `already_registered` only
    when two of your requests crossed each other (ask again: the answer is then 200)."""
    person = _require_writer(request)
    event = public_events().filter(pk=event_id).first()
    if event is None:
        raise ApiError(404, _("No published event with this id."))
    try:
        done = services.register_once(event=event, person=person)
    except services.RegistrationError as error:
        status = 409 if error.code == "already_registered" else 403
        return Status(status, {"detail": error.message, "code": error.code})
    registration = done.registration
    return Status(
        201 if done.created else 200,
        {
            "event": event.pk,
            "status": registration.status,
            "ticket_code": registration.ticket_code,
            "basis": registration.basis,
            "basis_reason": registration.basis_reason,
        },
    )


@router.delete(
    "/events/{event_id}/registrations/mine",
    response=answers({204: None}, 404, 409),
    summary="Cancel your own registration",
    auth=ApiCaller(ApiToken.Scope.REGISTER),
)
def cancel_mine(request: HttpRequest, event_id: PathId) -> Status[dict[str, object] | None]:
    """204 when cancelled (the first on the waiting list moves up); 404 when you have no place
    or waiting-list entry at this event; 409 when you were already checked in (`checked_in`) or
    the event has started (`started`: nothing changes, an invoice stays due)."""
    person = _require_writer(request)
    registration = (
        Registration.objects.filter(event_id=event_id, person=person)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
    if registration is None:
        raise ApiError(404, _("You have no registration for this event."))
    try:
        services.cancel(registration=registration, by=person)
    except services.RegistrationError as error:
        return Status(409, {"detail": error.message, "code": error.code})
    return Status(204, None)


# --- Check-in for a scanner app -------------------------------------------------------------------


@router.post(
    "/checkins",
    response=answers({201: CheckInOut}, 404, 409, 410, 413, problem=CheckInProblemOut),
    summary="Check a ticket in at the door (the team)",
    auth=ApiCaller(ApiToken.Scope.CHECKIN),
)
def check_in(request: HttpRequest, payload: CheckInIn) -> Status[dict[str, object]]:
    """For the team (a key with the `checkin` scope, or the session). See the module's note
    for the answers. The service
    finds the ticket (locked, by its unique code) and answers with everything said here."""
    person = _require_writer(request)
    if not is_team(person):
        raise ApiError(403, _("Only the SOM team checks people in."))
    event = None
    if payload.event is not None:
        event = (
            Event.objects.only("pk", "title", "starts_at", "ends_at", "doors_open_minutes")
            .filter(pk=payload.event)
            .first()
        )
        if event is None:
            return Status(404, {"detail": _("Unknown event."), "code": "unknown_event"})
    try:
        registration = services.check_in(event=event, ticket_code=payload.ticket_code, by=person)
    except services.CheckInError as error:
        found = error.registration
        return Status(
            CHECK_IN_STATUS[error.code],
            {
                "detail": error.message,
                "code": error.code,
                "name": str(found.person) if found else None,
                "checked_in_at": found.checked_in_at if found else None,
            },
        )
    assert registration.checked_in_at is not None
    return Status(
        201,
        {
            "name": str(registration.person),
            "organisation": registration.organisation.name if registration.organisation else "",
            "basis": registration.basis,
            "event": registration.event_id,
            "event_title": registration.event.title,
            "checked_in_at": registration.checked_in_at,
        },
    )
