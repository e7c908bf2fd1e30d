"""The team's overbooking of an event and the mails afterwards, on the event's attendance page
(som/events/views/door.py `attendance_event` shows them; the form posts here). Everybody but the team
gets 404."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from som.accounts.requests import person_of
from som.events import permissions
from som.events.models import Event
from som.events.selectors import overbooking
from som.events.services import follow_up
from som.events.services.overbooking import MAX_EXTRA_PLACES, OverbookingError, set_overbooking


class OverbookingForm(forms.Form):
    extra_places = forms.IntegerField(
        label=gettext_lazy("Extra places beyond the capacity"),
        min_value=0,
        max_value=MAX_EXTRA_PLACES,
        help_text=gettext_lazy("0: no overbooking. The proposal is filled in; change it freely."),
    )


@dataclass(frozen=True)
class FollowUpPreview:
    """What the mails after the event will say (or said), in the team's language."""

    sent_at: Any
    due: bool
    thank_you: str
    missed_you: str
    own_thank_you: bool
    own_missed_you: bool


def overbooking_context(event: Event) -> dict[str, Any]:
    """For the attendance page of an event that has not begun and takes registrations: the
    proposal, its risks and the form (prefilled with the accepted number, else the proposal).
    One query for an event with a capacity, none otherwise."""
    if not event.takes_registrations or event.starts_at <= timezone.now():
        return {}  # begun: the places were given
    proposal = overbooking.proposal_for(event)
    # The number given, else the proposal: never set by itself (the team submits the form).
    initial = event.extra_places or proposal.extra or 0
    return {
        "proposal": proposal,
        "overbooking_form": OverbookingForm(initial={"extra_places": initial}),
    }


def follow_up_preview(event: Event) -> FollowUpPreview:
    """The two mails as a person of the team's language would read them (no query)."""
    context = {
        "name": _("(first name)"),
        "event": event.title,
        "starts_at": timezone.localtime(event.starts_at),
        "materials_url": event.materials_url,
        "event_url": reverse("events:detail", kwargs={"slug": event.slug}),
        "calendar_url": reverse("events:calendar"),
        "next_events": [],
    }
    bodies = {}
    for kind, own in (
        (follow_up.THANK_YOU, event.thank_you_text),
        (follow_up.MISSED_YOU, event.missed_you_text),
    ):
        bodies[kind] = render_to_string(
            f"events/mail/{kind}_body.txt", context | {"own_text": own.strip()}
        )
    return FollowUpPreview(
        sent_at=event.followed_up_at,
        due=event.followed_up_at is None and event.ends_at < timezone.now(),
        thank_you=bodies[follow_up.THANK_YOU],
        missed_you=bodies[follow_up.MISSED_YOU],
        own_thank_you=bool(event.thank_you_text.strip()),
        own_missed_you=bool(event.missed_you_text.strip()),
    )


@require_POST
@login_required
def set_extra_places(request: HttpRequest, pk: int) -> HttpResponse:
    """The team accepts the proposal, or gives another number (0: none)."""
    team_member = person_of(request)
    event = permissions.get_event_for_team(team_member, pk)
    back = reverse("events:attendance_event", kwargs={"pk": event.pk}) + "#overbooking"
    form = OverbookingForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Give a number of extra places from 0 to %(most)s.") % {"most": MAX_EXTRA_PLACES},
        )
        return redirect(back)
    try:
        event = set_overbooking(
            event=event, extra_places=form.cleaned_data["extra_places"], by=team_member
        )
    except OverbookingError as error:
        messages.error(request, error.message)
        return redirect(back)
    if event.extra_places:
        messages.success(
            request,
            _("%(event)s now gives %(places)s places: %(capacity)s plus %(extra)s extra.")
            % {
                "event": event.title,
                "places": event.places,
                "capacity": event.capacity,
                "extra": event.extra_places,
            },
        )
    else:
        messages.success(
            request, _("%(event)s is not overbooked: it gives its capacity.") % {"event": event}
        )
    return redirect(back)
