"""The only gate to polls: return the poll or answer 404, for "missing" and "not yours" alike.

Drafts are the team's; an open, closed or published poll may be seen by anybody logged in (who
may vote is the electorate's question, asked when a ballot is cast). A result is readable by the
team once the poll is closed, by everybody else once it is published.
"""

from django.db.models import QuerySet
from django.http import Http404

from som.accounts.models import Person
from som.voting.models import Poll


def is_team(person: Person | None) -> bool:
    return bool(person and person.is_authenticated and person.is_active and person.is_staff)


def visible_polls(person: Person | None) -> QuerySet[Poll]:
    if is_team(person):
        return Poll.objects.all()
    if person is None or not person.is_authenticated:
        return Poll.objects.none()
    return Poll.objects.exclude(state=Poll.State.DRAFT)


def get_poll_for_reader(person: Person | None, pk: int) -> Poll:
    poll = visible_polls(person).filter(pk=pk).first()
    if poll is None:
        raise Http404
    return poll


def may_read_result(person: Person | None, poll: Poll) -> bool:
    if poll.state == Poll.State.PUBLISHED:
        return True
    return poll.state == Poll.State.CLOSED and is_team(person)
