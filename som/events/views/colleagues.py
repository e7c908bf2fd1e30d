"""A school's contact person and their colleagues at an event: the event page's box lists those
registered or waiting (som/events/views `_take_part_for`); here the contact cancels for one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from som.accounts.requests import person_of
from som.events import permissions, services


@require_POST
@login_required
def cancel_colleague(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel a colleague's registration (or place on the waiting list); they get the mail
    that says so, with the contact person's name. Back to the event's page."""
    contact = person_of(request)
    registration = permissions.get_colleague_registration(contact, pk)
    try:
        services.cancel(registration=registration, by=contact)
    except services.RegistrationError as error:
        messages.error(request, f"{registration.person}: {error.message}")
    else:
        messages.success(
            request,
            _("The registration of %(person)s for %(event)s is cancelled; they receive a mail.")
            % {"person": registration.person, "event": registration.event.title},
        )
    return redirect("events:detail", slug=registration.event.slug)
