"""The team's pages around an event's door: check-in by scan, code or name, walk-ins, and the
attendance figures and exports afterwards. Everybody but the team gets 404.

The door page works without JavaScript (POST, then a redirect back with the answer kept in the
session); static/js/door.js posts the same forms with `Accept: application/json` and shows the
answer in place, within a second."""

from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from django import forms
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from som.accounts.models import Person
from som.accounts.requests import person_of
from som.accounts.services import create_person
from som.core.params import positive_int
from som.events import permissions, services
from som.events.documents import attendee_lists as exports
from som.events.models import Certificate, Event, Registration
from som.events.selectors import attendance, show_up
from som.events.services import reconfirmation
from som.events.views import overbooking as overbooking_views

LAST_EVENTS_CHOICES = (5, 10, 20, 50)
DEFAULT_LAST_EVENTS = 10


class TicketForm(forms.Form):
    ticket_code = forms.CharField(
        label=gettext_lazy("Ticket code"),
        max_length=500,
        help_text=gettext_lazy("Scan with a handheld scanner, or type the code under the QR."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class WalkInForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Name"), max_length=150)
    email = forms.EmailField(
        label=gettext_lazy("Email"),
        help_text=gettext_lazy("An existing account is used; otherwise a new one is made."),
    )


# --- The answer at the door ----------------------------------------------------------------------


@dataclass(frozen=True)
class DoorAnswer:
    ok: bool
    code: str
    headline: str
    detail: str = ""
    name: str = ""
    organisation: str = ""
    basis: str = ""


HEADLINES = {
    "checked_in": gettext_lazy("Checked in"),
    "walk_in": gettext_lazy("Walk-in registered and checked in"),
    "already_checked_in": gettext_lazy("Already checked in"),
    "cancelled": gettext_lazy("Cancelled"),
    "waiting": gettext_lazy("On the waiting list"),
    "wrong_event": gettext_lazy("Ticket for another event"),
    "unknown_ticket": gettext_lazy("Unknown ticket"),
    "outside_window": gettext_lazy("Check-in is closed"),
}


def _answer(code: str, registration: Registration | None, detail: str = "") -> DoorAnswer:
    return DoorAnswer(
        ok=code in ("checked_in", "walk_in"),
        code=code,
        headline=str(HEADLINES.get(code, _("Not checked in"))),
        detail=detail,
        name=str(registration.person) if registration else "",
        organisation=registration.organisation.name
        if registration and registration.organisation
        else "",
        basis=capfirst(registration.get_basis_display()) if registration else "",
    )


def ticket_code_from(scanned: str) -> str:
    """The ticket code in what was scanned or typed: the code itself, or a link ending in it
    (or carrying it as ?code=)."""
    text = scanned.strip()
    if "://" not in text:
        return text
    parts = urlsplit(text)
    query = parse_qs(parts.query)
    for key in ("code", "ticket", "ticket_code"):
        if query.get(key):
            return query[key][0].strip()
    segments = [segment for segment in parts.path.split("/") if segment]
    return segments[-1] if segments else ""


def _check_in(event: Event, code: str, by: Person) -> DoorAnswer:
    if not code:
        return _answer("unknown_ticket", None, _("Scan or type a ticket code."))
    try:
        registration = services.check_in(event=event, ticket_code=code, by=by)
    except services.CheckInError as error:
        return _answer(error.code, error.registration, error.message)
    return _answer("checked_in", registration)


def _session_key(event: Event) -> str:
    return f"events.door.{event.pk}"


def _respond(request: HttpRequest, event: Event, answer: DoorAnswer) -> HttpResponse:
    """JSON for door.js; otherwise back to the door page, which shows the answer once."""
    if "application/json" in request.headers.get("Accept", ""):
        counts = attendance.door_counts(event)
        return JsonResponse(
            asdict(answer)
            | {
                "html": render_to_string(
                    "events/door_answer.html", {"answer": answer}, request=request
                ),
                "counts": {"registered": counts.registered, "checked_in": counts.checked_in},
            }
        )
    request.session[_session_key(event)] = asdict(answer)
    url = reverse("events:door", kwargs={"pk": event.pk})
    query = request.POST.get("q", "").strip()
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)


# --- The door -------------------------------------------------------------------------------------


@login_required
def door(request: HttpRequest, pk: int) -> HttpResponse:
    event = permissions.get_event_for_team(person_of(request), pk)
    return _door_page(request, event, walk_in_form=WalkInForm())


def _door_page(
    request: HttpRequest, event: Event, *, walk_in_form: WalkInForm, status: int = 200
) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    kept = request.session.pop(_session_key(event), None)
    now = timezone.now()
    context = {
        "event": event,
        # Before the doors open (or after the end) the page says so, instead of every scan.
        "doors_closed": services.doors_closed_reason(event, now),
        "doors_open_later": now < event.doors_open_at,
        "counts": attendance.door_counts(event),
        "answer": DoorAnswer(**kept) if kept else None,
        "ticket_form": TicketForm(),
        "walk_in_form": walk_in_form,
        "q": query,
        "results": attendance.search_registrations(event, query),
    }
    return render(request, "events/door.html", context, status=status)


@require_POST
@login_required
def door_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """By ticket code (scanned or typed) or by a registration found with the name search."""
    event = permissions.get_event_for_team(person_of(request), pk)
    registration_pk = request.POST.get("registration", "")
    if registration_pk:
        if positive_int(registration_pk) is None:
            raise Http404
        code = get_object_or_404(Registration, pk=registration_pk, event=event).ticket_code
    else:
        code = ticket_code_from(request.POST.get("ticket_code", ""))
    return _respond(request, event, _check_in(event, code, person_of(request)))


@require_POST
@login_required
def door_walk_in(request: HttpRequest, pk: int) -> HttpResponse:
    team_member = person_of(request)
    event = permissions.get_event_for_team(team_member, pk)
    form = WalkInForm(request.POST)
    if not form.is_valid():
        return _door_page(request, event, walk_in_form=form, status=400)
    try:
        # One transaction: when the person may not come, no account is left behind.
        with transaction.atomic():
            person = _walk_in_person(by=team_member, **form.cleaned_data)
            registration = services.walk_in(event=event, person=person, by=team_member)
    except services.RegistrationError as error:
        answer = DoorAnswer(
            ok=False, code=error.code, headline=_("Not registered"), detail=error.message
        )
    else:
        answer = _answer("walk_in", registration)
    return _respond(request, event, answer)


def _walk_in_person(*, full_name: str, email: str, by: Person) -> Person:
    existing = Person.objects.filter(email__iexact=email).first()
    if existing is not None:
        return existing
    return create_person(email=email, full_name=full_name, by=by)


# --- Attendance -----------------------------------------------------------------------------------


def _last_events_count(request: HttpRequest) -> int:
    count = positive_int(request.GET.get("last"))
    return count if count in LAST_EVENTS_CHOICES else DEFAULT_LAST_EVENTS


@login_required
def attendance_overview(request: HttpRequest) -> HttpResponse:
    permissions.require_team_page(person_of(request))
    count = _last_events_count(request)
    rows = attendance.last_events(count)
    context: dict[str, Any] = {
        "rows": rows,
        "count": count,
        "choices": LAST_EVENTS_CHOICES,
        "chart": attendance.bar_chart(rows),
        "organisations": attendance.by_organisation([row.event for row in rows]),
        "coming": attendance.coming_events(),
    }
    # Show-up per kind and institution over the school years (som/events/selectors/show_up.py).
    context["show_up"] = show_up.show_up()
    context["rate_chart"] = show_up.rate_chart(context["show_up"])
    return render(request, "events/attendance.html", context)


@login_required
def attendance_event(request: HttpRequest, pk: int) -> HttpResponse:
    event = permissions.get_event_for_team(person_of(request), pk)
    context = {
        "event": event,
        "figures": attendance.event_figures(event),
        "organisations": attendance.by_organisation([event]),
        "attendees": attendance.attendees(event),
        "is_over": event.ends_at < timezone.now(),
        "has_started": event.starts_at <= timezone.now(),
        "certificates_issued": Certificate.objects.filter(registration__event=event).count(),
        # The overbooking proposal and form, the mails afterwards (views/overbooking.py).
        **overbooking_views.overbooking_context(event),
        "follow_up": overbooking_views.follow_up_preview(event),
        # Reconfirmation and the waiting list's open offers (services/reconfirmation.py).
        "reconfirmation": reconfirmation.figures(event),
    }
    return render(request, "events/attendance_event.html", context)


@login_required
@cache_control(private=True, no_store=True)  # personal data: no browser or proxy keeps it
def attendees_export(request: HttpRequest, pk: int, format: str) -> HttpResponse:
    event = permissions.get_event_for_team(person_of(request), pk)
    if format not in exports.EXPORTS:
        raise Http404
    return exports.EXPORTS[format](event, list(attendance.attendees(event)))
