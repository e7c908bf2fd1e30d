from typing import Any

from som.accounts.models import Person
from som.membership import services
from som.membership.models import Application, Membership, RegisterEntry


def export(person: Person) -> dict[str, Any]:
    return {
        "membership_applications": [
            {
                "for": str(application.organisation or person),
                "membership_type": application.membership_type.code,
                "tariff": application.tariff.code,
                "year": application.year.year,
                "justification": application.justification,
                "status": application.status,
                "applied_at": application.created_at.isoformat(),
            }
            for application in Application.objects.filter(applicant=person).select_related(
                "organisation", "membership_type", "tariff", "year"
            )
        ],
        "memberships": [
            {
                "membership_type": membership.membership_type.code,
                "year": membership.year.year,
                "status": membership.status,
            }
            for membership in Membership.objects.filter(person=person).select_related(
                "membership_type", "year"
            )
        ],
        "represents_in_general_assembly": sorted(
            {
                str(membership.organisation)
                for membership in Membership.objects.filter(representative=person).select_related(
                    "organisation"
                )
            }
        ),
    }


def erase(person: Person) -> None:
    services.end_roles_of_erased(person=person)


def keeps(person: Person) -> list[dict[str, str]]:
    """The member register (art. 9:3 WVV) keeps the representative each entry named."""
    entries = RegisterEntry.objects.filter(details__representative__iexact=person.full_name)
    return [
        {"record": "member_register", "reference": f"{entry.number} ({entry.organisation})"}
        for entry in entries.select_related("organisation").order_by("number")
    ]
