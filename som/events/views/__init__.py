from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from som.accounts.models import Person
from som.accounts.requests import person_of
from som.core import page_cache
from som.core.page_cache import cache_for_anonymous
from som.core.roles import is_team
from som.events import (
    calendar,
    entry,
    permissions,
    programme,
    selectors,
    services,
    team_links,
)
from som.events.forms import CalendarFilterForm, ColleagueForm, shift_month
from som.events.links import BadLink, registration_for_cancel_token
from som.events.models import Event, Registration, RegistrationWindow

SERVICE_WORKER = Path(settings.BASE_DIR) / "static" / "js" / "ticket-sw.js"


def _first_name(person: Person) -> str:
    """For pages opened without a login: a first name, never the email address."""
    return person.full_name.split(" ")[0] if person.full_name else ""


# --- The calendar and an event's page -------------------------------------------------------------


@require_safe
@cache_for_anonymous
def calendar_view(request: HttpRequest) -> HttpResponse:
    form = CalendarFilterForm(request.GET)
    filters = form.filters()
    name = "events:calendar:{today}:{view}:{speerpunt}:{kind}:{month[0]}-{month[1]}".format(
        today=timezone.localdate(), **filters
    )
    content = page_cache.fragment(name, lambda: _calendar_content(form, filters))
    return render(request, "events/calendar.html", {"content": content})


def _calendar_content(form: CalendarFilterForm, filters: dict[str, Any]) -> str:
    """The filters and the events (a list, or a month), for the cache: nothing personal."""
    context: dict[str, Any] = {"filters": filters, "filter_fields": form.choices_for(filters)}
    if filters["view"] == "month":
        year, month = filters["month"]
        starts, ends = selectors.month_bounds(year, month)
        events = selectors.for_cards(
            selectors.calendar_events(
                speerpunt=filters["speerpunt"], kind=filters["kind"], starting=starts, before=ends
            )
        )
        context |= {
            "month": starts.date(),
            "weeks": selectors.month_grid(year, month, events),
            "events": events,
            "previous_month": shift_month(year, month, -1),
            "next_month": shift_month(year, month, 1),
        }
    else:
        context["events"] = selectors.for_cards(
            selectors.calendar_events(speerpunt=filters["speerpunt"], kind=filters["kind"])
        )
    return render_to_string("events/_calendar_content.html", context)


@require_safe
@cache_for_anonymous
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The title and the main content are the same for everybody who may see the event; a
    member's box to take part is theirs."""
    if not request.user.is_authenticated:
        return _detail_for_visitor(request, slug)
    person = person_of(request)
    event = permissions.get_event_for_page(person, slug)
    parts = page_cache.kept(f"events:detail:{slug}", lambda: _parts_of(event))
    context = {**parts, "take_part": _take_part_for(request, person, event)}
    return render(request, "events/detail.html", context)


def _detail_for_visitor(request: HttpRequest, slug: str) -> HttpResponse:
    """What a visitor who is not logged in sees depends on the event and the moment alone: the
    parts and the box to take part in each state of the registration window are kept as one
    entry (the draft of an event does not exist for them: 404)."""
    page = page_cache.kept(f"events:visitor-page:{slug}", lambda: _visitor_page(slug))
    if page is None:
        raise Http404
    state = page["window"].state_at(timezone.now())
    context = {**page["parts"], "take_part": page["take_part"][state]}
    return render(request, "events/detail.html", context)


def _visitor_page(slug: str) -> dict[str, Any] | None:
    event = selectors.published_event_page(slug)
    if event is None:
        return None
    return {
        "parts": _parts_of(event),
        "window": event.registration_window,
        "take_part": {
            state: render_to_string(
                "events/_take_part.html", _take_part_context(event, AnonymousUser(), state)
            )
            for state in RegistrationWindow.STATES
        },
    }


def _parts_of(event: Event) -> dict[str, Any]:
    """The page's title and description, the title block, and the details with the programme."""
    main = {
        "event": event,
        "programme": programme.with_details(event, event.programme.all()),
        "places_left": selectors.places_left(event),
        # What each entitled person pays (the entry rules): only where somebody pays.
        "prices": entry.price_table(event) if event.takes_registrations and event.price else [],
    }
    return {
        "title": event.title,
        "summary": event.summary,
        "starts_at": event.starts_at,  # the share card: the title and the day
        "head": render_to_string("events/_detail_head.html", {"event": event}),
        "main": render_to_string("events/_detail_main.html", main),
    }


def _take_part_for(request: HttpRequest, person: Person, event: Event) -> str:
    """A member's box: their registration or waiting position, and colleagues to register."""
    state = event.registration_window.state_at(timezone.now())
    context = _take_part_context(event, person, state)
    registration = context["registration"] = selectors.registration_of(event, person)
    context["position"] = selectors.waiting_position(registration) if registration else None
    is_open = state == RegistrationWindow.OPEN
    colleagues = selectors.colleagues_at(event, person)
    to_register = colleagues.to_register if is_open else []
    context["colleague_form"] = ColleagueForm(colleagues=to_register) if to_register else None
    # A contact person sees their colleagues registered or waiting, and may cancel for them
    # until the event starts (`services.cancel` checks they are colleagues).
    context["colleagues_registered"] = colleagues.registered
    context["colleagues_cancellable"] = event.starts_at > timezone.now()
    context["team_links"] = team_links.for_event(event) if is_team(person) else []
    context |= _terms_context(event, person, registration, state)
    return render_to_string("events/_take_part.html", context, request)


def _terms_context(
    event: Event, person: Person, registration: Registration | None, state: str
) -> dict[str, Any]:
    """What the reader pays and why (`som.events.entry`), while they may still register: not at
    an event free for everybody (nothing to tell, and no query), nor once registered."""
    if (
        not event.takes_registrations
        or (registration is not None and not registration.is_cancelled)
        or state not in (RegistrationWindow.OPEN, RegistrationWindow.NOT_YET)
        or (event.price == 0 and event.audience == Event.Audience.EVERYBODY)
    ):
        return {}
    try:
        return {"terms": services.terms_for(event, person)}
    except services.RegistrationError as error:
        return {"refusal": error.message}


def _take_part_context(
    event: Event, person: Person | AnonymousUser, window_state: str
) -> dict[str, Any]:
    return {
        "event": event,
        "user": person,
        "places_left": selectors.places_left(event),
        "window": window_state,
    }


# --- Registering ----------------------------------------------------------------------------------


@login_required
def register(request: HttpRequest, slug: str) -> HttpResponse:
    """GET states the basis (or the refusal); POST registers."""
    person = person_of(request)
    event = permissions.get_event_for_page(person, slug)
    if request.method == "POST":
        try:
            # The page states the terms, certificate sharing included (events/register.html).
            done = services.register_once(event=event, person=person, shares_certificate=True)
        except services.RegistrationError as error:
            messages.error(request, error.message)
            return redirect("events:detail", slug=event.slug)
        if not done.created:  # a second press, or a retry: their ticket, not an error
            messages.info(request, _("You were already registered: here is your registration."))
        return redirect("events:registered", pk=done.registration.pk)
    try:
        terms, refusal = services.terms_for(event, person), ""
    except services.RegistrationError as error:
        terms, refusal = None, error.message
    context = {
        "event": event,
        "terms": terms,
        "refusal": refusal,
        "existing": selectors.registration_of(event, person),
        "is_full": selectors.places_left(event) == 0,
    }
    return render(request, "events/register.html", context)


@login_required
def registered(request: HttpRequest, pk: int) -> HttpResponse:
    registration = permissions.get_registration_for_person(person_of(request), pk)
    context = {
        "registration": registration,
        "event": registration.event,
        "position": selectors.waiting_position(registration),
    }
    return render(request, "events/registered.html", context)


@require_POST
@login_required
def register_colleague(request: HttpRequest, slug: str) -> HttpResponse:
    """The contact person registers the ticked colleagues; each one is told who did."""
    person = person_of(request)
    event = permissions.get_event_for_registration(person, slug)
    form = ColleagueForm(request.POST, colleagues=selectors.colleagues_to_register(event, person))
    if not form.is_valid():
        messages.error(request, _("Tick one or more colleagues from the list."))
        return redirect("events:detail", slug=event.slug)
    outcomes = services.register_colleagues(
        event=event, people=form.cleaned_data["colleague"], by=person
    )
    for outcome in outcomes:
        if outcome.already:
            messages.info(
                request,
                _("%(person)s was already registered (or on the waiting list).")
                % {"person": outcome.person},
            )
        elif outcome.registration is not None:
            messages.success(request, _registered_message(outcome.registration))
        else:
            messages.error(request, f"{outcome.person}: {outcome.refusal}")
    return redirect("events:detail", slug=event.slug)


def _registered_message(registration: Registration) -> str:
    names = {"person": registration.person, "event": registration.event.title}
    if registration.is_waiting:
        return _("%(person)s is on the waiting list for %(event)s.") % names
    return _("%(person)s is registered for %(event)s.") % names


# --- My registrations and cancelling --------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    upcoming, past = selectors.upcoming_and_past(person_of(request))
    return render(request, "events/mine.html", {"upcoming": upcoming, "past": past})


@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks "are you sure?"; POST cancels."""
    registration = permissions.get_registration_for_person(person_of(request), pk)
    if request.method == "POST":
        try:
            services.cancel(registration=registration, by=person_of(request))
        except services.RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Your registration for %(event)s is cancelled.")
                % {"event": registration.event.title},
            )
        return redirect("events:mine")
    context = {"registration": registration, "refusal": services.cancel_refusal(registration)}
    return render(request, "events/cancel.html", context)


def cancel_link(request: HttpRequest, token: str) -> HttpResponse:
    """The mail's "I can't come after all" link: no login. Mail scanners fetch GET links, so
    only the POST (the button) cancels."""
    try:
        registration = registration_for_cancel_token(token)
    except BadLink as error:
        return render(request, "events/cancel_link.html", {"error": error.message}, status=400)
    context: dict[str, object] = {
        "registration": registration,
        "event": registration.event,
        "first_name": _first_name(registration.person),
    }
    if not registration.is_cancelled:
        # The link stays valid 120 days: once the event started, it says so, without a button.
        context["error"] = services.cancel_refusal(registration)
    if request.method == "POST" and not context.get("error"):
        try:
            services.cancel(registration=registration, by=None)
        except services.RegistrationError as error:
            context["error"] = error.message
        else:
            context["done"] = True
    return render(request, "events/cancel_link.html", context)


# --- The ticket -----------------------------------------------------------------------------------


@require_safe
def ticket(request: HttpRequest, code: str) -> HttpResponse:
    """The code is unguessable, so no login: the page shows a first name, never an email."""
    registration = permissions.get_registration_for_ticket(code)
    qr = segno.make_qr(registration.ticket_code, error="m")
    context = {
        "registration": registration,
        "event": registration.event,
        "first_name": _first_name(registration.person),
        "programme": list(registration.event.programme.all()),
        "qr_svg": qr.svg_inline(scale=6, border=2, dark="#1f2a33", omitsize=True),
        "position": selectors.waiting_position(registration),
    }
    response = render(request, "events/ticket.html", context)
    response["Cache-Control"] = "no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@cache_control(no_cache=True)
def ticket_service_worker(request: HttpRequest) -> HttpResponse:
    """Served next to the tickets (not from /static/) so its scope covers the ticket pages."""
    response = HttpResponse(
        SERVICE_WORKER.read_bytes(), content_type="application/javascript; charset=utf-8"
    )
    return response


# --- iCalendar ------------------------------------------------------------------------------------


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def calendar_ics(request: HttpRequest) -> HttpResponse:
    return _ics(calendar.feed(selectors.feed_events()), "som-leuven.ics")


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = permissions.get_event_for_registration(request.user, slug)  # type: ignore[arg-type]
    return _ics(calendar.single(event), f"{event.slug}.ics")
