from typing import Any

from django.utils import timezone

from som.accounts.models import Person
from som.events import services
from som.events.models import Registration


def export(person: Person) -> dict[str, Any]:
    return {
        "event_registrations": [
            {
                "event": registration.event.title,
                "starts_at": registration.event.starts_at.isoformat(),
                "status": registration.status,
                "comes_as": registration.basis,
                "registered_at": registration.created_at.isoformat(),
                "checked_in_at": (
                    registration.checked_in_at.isoformat() if registration.checked_in_at else None
                ),
            }
            for registration in Registration.objects.filter(person=person).select_related("event")
        ]
    }


def erase(person: Person) -> None:
    """Their places at coming events go to the waiting list; past attendance stays, nameless."""
    coming = Registration.objects.filter(
        person=person,
        event__starts_at__gt=timezone.now(),
        status__in=[Registration.Status.REGISTERED, Registration.Status.WAITING],
        checked_in_at__isnull=True,
    )
    for registration in coming:
        services.cancel(registration=registration, by=None)
