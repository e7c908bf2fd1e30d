"""What governance knows about a person, for the GDPR export: mandates, the convocations they
received, their attendance, proxies they signed, conflicts of interest they declared, and
candidacies. How they voted stays in the voting engine's own export (never for secret votes)."""

from typing import Any

from django.db.models import Q
from django.utils import timezone

from som.accounts.models import Person
from som.core import personal_data
from som.governance import services
from som.governance.models import (
    Attendance,
    Candidate,
    ConflictOfInterest,
    ConvocationRecipient,
    Mandate,
    Minutes,
    Proxy,
)


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


def export(person: Person) -> dict[str, Any]:
    return {
        "mandates": [
            {
                "body": m.body.name,
                "role": m.role,
                "seat": m.seat,
                "starts_on": _day(m.starts_on),
                "ends_on": _day(m.ends_on),
            }
            for m in Mandate.objects.filter(person=person).select_related("body").order_by("pk")
        ],
        "convocations": [
            {"meeting": r.meeting.title, "as": r.role, "sent_at": _day(r.sent_at), "to": r.email}
            for r in ConvocationRecipient.objects.filter(person=person).select_related("meeting")
        ],
        "attendance": [
            {
                "meeting": a.meeting.title,
                "for": str(a.organisation) if a.organisation else None,
                "status": a.status,
                "present_at": _day(a.present_at),
            }
            for a in Attendance.objects.filter(person=person).select_related(
                "meeting", "organisation"
            )
        ],
        "proxies_signed": [
            {
                "meeting": p.meeting.title,
                "giver": str(p.giver),
                "holder": str(p.holder),
                "statement": p.statement,
                "given_at": _day(p.given_at),
                "revoked_at": _day(p.revoked_at),
            }
            for p in Proxy.objects.filter(given_by=person).select_related(
                "meeting", "giver", "holder"
            )
        ],
        "conflicts_of_interest": [
            {"item": c.item.title, "declaration": c.declaration, "at": _day(c.recorded_at)}
            for c in ConflictOfInterest.objects.filter(person=person).select_related("item")
        ],
        "candidacies": [
            {"item": c.item.title}
            for c in Candidate.objects.filter(person=person).select_related("item")
        ],
    }


def erase(person: Person) -> None:
    """Their seats end today (through the service, so the audit says so); the convocations they
    received keep the meeting's roll, not the address they went to."""
    today = timezone.localdate()
    current = Mandate.objects.filter(person=person, starts_on__lt=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=today)
    )
    for mandate in current:
        services.end_mandate(mandate=mandate, on=today, by=None)
    ConvocationRecipient.objects.filter(person=person).update(
        email=personal_data.erased_email(person)
    )


def keeps(person: Person) -> list[dict[str, str]]:
    """The general assembly's and the board's minutes and election results (WVV: the minutes
    are kept in a register) name who was there and who was elected."""
    minutes = Minutes.objects.filter(text__icontains=person.full_name).select_related("meeting")
    candidacies = Candidate.objects.filter(person=person).select_related("item")
    return [{"record": "minutes", "reference": m.meeting.title} for m in minutes] + [
        {"record": "election", "reference": c.item.title} for c in candidacies
    ]
