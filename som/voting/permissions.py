"""The only gate to polls: return the poll or answer 404, for "missing" and "not yours" alike.

Who may see a poll (the poll, its turnout, its result and its bulletin board) follows its
electorate: the app that knows the electorate's kind registers its readers
(`electorates.register_readers`), so `listed` polls are for the people on the list, a motion's
poll for whoever sees its meeting, a selection for the network day's registrants and the board.
The team sees every poll; drafts are the team's alone, and so is a poll of a kind without readers.
A result is readable by the team once the poll is closed, by its readers once it is published.
"""

from django.db.models import QuerySet
from django.http import Http404

from som.accounts.models import Person
from som.core.roles import is_team
from som.voting import electorates
from som.voting.models import Poll


def _signed_in(person: Person | None) -> bool:
    return bool(person and person.is_authenticated and person.is_active)


def visible_polls(person: Person | None) -> QuerySet[Poll]:
    """One query, however many polls (after the few that the kinds' readers ask about the
    person, e.g. their board mandate)."""
    if is_team(person):
        return Poll.objects.all()
    if person is None or not _signed_in(person):
        return Poll.objects.none()
    return Poll.objects.exclude(state=Poll.State.DRAFT).filter(electorates.readable(person))


def may_see(person: Person | None, poll: Poll) -> bool:
    """`visible_polls` for one poll: asks only the readers of its kind."""
    if is_team(person):
        return True
    if person is None or not _signed_in(person) or poll.state == Poll.State.DRAFT:
        return False
    readable = electorates.readable(person, [poll.electorate_kind])
    return Poll.objects.filter(pk=poll.pk).filter(readable).exists()


def get_poll_for_reader(person: Person | None, pk: int) -> Poll:
    poll = Poll.objects.filter(pk=pk).first()
    if poll is None or not may_see(person, poll):
        raise Http404
    return poll


def may_read_result(person: Person | None, poll: Poll) -> bool:
    """Of a poll the person may see (or a result page meant to be public, see
    som.labs.views.selection)."""
    if poll.state == Poll.State.PUBLISHED:
        return True
    return poll.state == Poll.State.CLOSED and is_team(person)
