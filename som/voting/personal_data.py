from typing import Any

from som.accounts.models import Person
from som.voting.models import Ballot, Poll, PollOption, VoteRecord


def export(person: Person) -> dict[str, Any]:
    """That the person voted; how, only for named polls. A secret ballot is not linked to its
    voter, and a secret poll's ballots are never looked up here, not even by their voter."""
    named = list(
        Ballot.objects.filter(voter=person, poll__secrecy=Poll.Secrecy.NAMED)
        .select_related("poll")
        .order_by("poll__pk")
    )
    chosen = {choice for ballot in named for choice in ballot.choices}
    labels = dict(PollOption.objects.filter(pk__in=chosen).values_list("pk", "label"))
    return {
        "votes_cast": [
            {"poll": record.poll.title, "voted_at": record.voted_at.isoformat()}
            for record in VoteRecord.objects.filter(voter=person).select_related("poll")
        ],
        "named_votes": [
            {
                "poll": ballot.poll.title,
                "question": ballot.poll.question,
                "choices": [labels.get(choice, str(choice)) for choice in ballot.choices],
                "weight": ballot.weight,
            }
            for ballot in named
        ],
    }
