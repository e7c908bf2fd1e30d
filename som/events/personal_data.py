from typing import Any

from django.utils import timezone

from som.accounts.models import Person
from som.events import services
from som.events.models import Certificate, Registration


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
        ],
        "attendance_certificates": [
            {
                "code": certificate.code,
                "name": certificate.person_name,
                "event": certificate.event_title,
                "date": certificate.event_date.isoformat(),
                "hours": str(certificate.hours),
                "organiser": certificate.organiser,
                "issued_at": certificate.created_at.isoformat(),
                "shared_with_organisation": certificate.registration.certificate_shared,
            }
            for certificate in Certificate.objects.filter(registration__person=person)
            .select_related("registration")
            .order_by("event_date", "pk")
        ],
    }


def erase(person: Person) -> None:
    """Their places at coming events go to the waiting list; past attendance stays, nameless.

    Their attendance certificates keep their code, event, date, hours and organiser, so a copy
    somebody holds can still be checked, but lose the name: the public check page then says the
    name was removed at the holder's request (docs/decisions.md, "Attendance certificates")."""
    Certificate.objects.filter(registration__person=person).update(person_name="")
    coming = Registration.objects.filter(
        person=person,
        event__starts_at__gt=timezone.now(),
        status__in=[Registration.Status.REGISTERED, Registration.Status.WAITING],
        checked_in_at__isnull=True,
    )
    for registration in coming:
        services.cancel(registration=registration, by=None, mail=False)  # nobody to tell
