from typing import Any

from som.accounts.models import Person
from som.voting.models import VoteRecord


def export(person: Person) -> dict[str, Any]:
    """That the person voted, never how: a secret ballot is not linked to its voter."""
    return {
        "votes_cast": [
            {"poll": record.poll.title, "voted_at": record.voted_at.isoformat()}
            for record in VoteRecord.objects.filter(voter=person).select_related("poll")
        ]
    }
