from typing import Any

from som.accounts.models import Person
from som.network.models import Affiliation


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
        ]
    }


def erase(person: Person) -> None:
    # Where somebody worked is not something the law makes us keep.
    Affiliation.objects.filter(person=person).delete()
