from typing import Any

from som.accounts.models import Person
from som.network.models import Affiliation, Claim


def export(person: Person) -> dict[str, Any]:
    return {
        "affiliations": [
            {
                "organisation": affiliation.organisation.name,
                "role": affiliation.role,
                "job_title": affiliation.job_title,
                "since": affiliation.since.isoformat(),
                "until": affiliation.until.isoformat() if affiliation.until else None,
            }
            for affiliation in Affiliation.objects.filter(person=person).select_related(
                "organisation"
            )
        ],
        "claims": [
            {
                "organisation": claim.organisation.name,
                "job_title": claim.job_title,
                "reason": claim.reason,
                "status": claim.status,
                "asked_at": claim.created_at.isoformat(),
            }
            for claim in Claim.objects.filter(person=person).select_related("organisation")
        ],
    }


def erase(person: Person) -> None:
    # Where somebody worked is not something the law makes us keep.
    Affiliation.objects.filter(person=person).delete()
    Claim.objects.filter(person=person).delete()
