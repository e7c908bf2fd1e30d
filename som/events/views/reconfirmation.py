"""The one-tap links of the no-show loop's mails: reconfirm or release a place, take or decline
a place offered from the waiting list, join the waiting list again. No login: the signed token
(`links.place_token`) is the key. Mail scanners fetch GET links, so GET only shows the page with
its big button and only the POST (the button) acts. The logged-in person's pages (Mijn
evenementen, the ticket) post to the same address."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from som.accounts.requests import person_of
from som.core.roles import is_team
from som.events import selectors
from som.events.links import BadLink, registration_for_place_token
from som.events.models import Registration
from som.events.services import RegistrationError, reconfirmation

# The buttons: what the POST's "action" does.
ACTIONS: dict[str, Callable[..., Registration]] = {
    "confirm": reconfirmation.confirm_place,
    "release": reconfirmation.release_place,
    "rejoin": reconfirmation.rejoin_waiting_list,
}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def place(request: HttpRequest, token: str) -> HttpResponse:
    try:
        registration = registration_for_place_token(token)
    except BadLink as error:
        return render(request, "events/reconfirm.html", {"error": error.message}, status=400)
    by = person_of(request) if request.user.is_authenticated else None
    if by is not None and by.pk != registration.person_id and not is_team(by):
        by = None  # somebody else's link opened while logged in: the link is the key
    context: dict[str, object] = {"token": token, "wanted": request.GET.get("do", "confirm")}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            context["error"] = _("Choose one of the buttons.")
        else:
            try:
                registration = ACTIONS[action](registration=registration, by=by)
            except RegistrationError as error:
                context["error"] = error.message
            else:
                context["done"] = action
            registration = Registration.objects.select_related("event", "person").get(
                pk=registration.pk
            )
    context.update(
        registration=registration,
        event=registration.event,
        first_name=registration.person.get_short_name(),
        pending=reconfirmation.pending_request(registration),
        position=selectors.waiting_position(registration),
    )
    response = render(request, "events/reconfirm.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
