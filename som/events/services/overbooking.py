"""The team accepts (or changes) the overbooking of an event: how many places it gives beyond
its capacity. Nothing sets it automatically: an event gives extra places only once the team has
set them here (or in the admin, through `update_event`)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit, page_cache, roles
from som.events.models import Event
from som.events.services import RegistrationError, promote_from_waiting_list

MAX_EXTRA_PLACES = 10_000


class OverbookingError(RegistrationError):
    pass


@transaction.atomic
def set_overbooking(*, event: Event, extra_places: int, by: Person) -> Event:
    """Give `extra_places` places beyond the event's capacity (0: none). The event is locked:
    with more places the waiting list moves up in its order, and those who get a place are
    mailed; fewer places take nobody's place away."""
    roles.require_team(by)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.takes_registrations:
        raise OverbookingError(_("This event takes no registrations here."), "no_registration")
    if event.capacity is None:
        raise OverbookingError(
            _("This event has no capacity: set one first, then extra places can be given."),
            "no_capacity",
        )
    if not 0 <= extra_places <= MAX_EXTRA_PLACES:
        raise OverbookingError(
            _("Give a number of extra places from 0 to %(most)s.") % {"most": MAX_EXTRA_PLACES},
            "invalid",
        )
    now = timezone.now()
    if event.ends_at < now:
        raise OverbookingError(_("This event is over."), "over")
    before = event.extra_places
    if extra_places == before:
        return event
    event.extra_places = extra_places
    event.save(update_fields=["extra_places", "updated_at"])
    audit.record(
        actor=by,
        action="event.overbooking",
        obj=event,
        changes={"extra_places": [before, extra_places]},
    )
    if event.starts_at > now:
        promote_from_waiting_list(event=event)
    page_cache.invalidate()  # the event's free places changed
    return event
