"""Who may vote in a poll, and with which weight.

A poll names its electorate as a kind and a reference (`network_day_attendees` + `event:12`).
The app that knows the kind registers a provider for it in its `AppConfig.ready`, so `voting`
never imports the apps above it:

    electorates.register("network_day_attendees", attendee_of_event, size=attendees_count)

A provider answers `Eligibility(weight, reason)` or `Refusal(reason)` for one person, in a query
or two (a ballot has a budget of five statements). `size`, optional, answers (people, total
weight) for the turnout page.

Who may *see* a poll (the poll, its turnout, result and bulletin board) is the electorate's
question too, registered the same way:

    electorates.register_readers("network_day_attendees", registrants_and_board)

`readers(person)` answers a `Q` over Poll: the polls of that kind the person may read, built from
subqueries so that a list of polls stays one query. som.voting.permissions combines the kinds;
a kind without readers is the team's alone.
"""

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import reduce
from typing import TYPE_CHECKING

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import hooks

if TYPE_CHECKING:
    from som.voting.models import Poll


@dataclass(frozen=True)
class Eligibility:
    """May vote, with this weight. `constituents` names the members the vote speaks for (e.g.
    `organisation:12` and those whose proxies the voter carries): each is counted once per poll,
    enforced by the database. Empty: the vote speaks for the voter alone, which VoteRecord's
    one-vote-per-voter rule already covers."""

    weight: int
    reason: str
    constituents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Refusal:
    reason: str


@dataclass(frozen=True)
class Size:
    people: int
    weight: int


Provider = Callable[["Poll", Person], Eligibility | Refusal]
SizeProvider = Callable[["Poll"], Size]

_providers: dict[str, Provider] = {}
_sizes: dict[str, SizeProvider] = {}


def register(kind: str, provider: Provider, *, size: SizeProvider | None = None) -> None:
    _providers[kind] = provider
    if size is not None:
        _sizes[kind] = size


def kinds() -> list[str]:
    return sorted(_providers)


def is_known(kind: str) -> bool:
    return kind in _providers


def check(poll: "Poll", person: Person) -> Eligibility | Refusal:
    provider = _providers.get(poll.electorate_kind)
    if provider is None:
        return Refusal(_("Nobody can vote in this poll yet: its electorate is not available."))
    answer = provider(poll, person)
    if isinstance(answer, Eligibility) and answer.weight < 1:
        return Refusal(answer.reason)
    return answer


def size(poll: "Poll") -> Size | None:
    """How many people (and how much weight) the electorate holds, when its provider knows."""
    provider = _sizes.get(poll.electorate_kind)
    return provider(poll) if provider else None


# --- Who may see the polls of a kind ---------------------------------------------------------------

Readers = Callable[[Person], Q]

_readers: dict[str, Readers] = {}
hooks.expect(
    "som.voting.electorates: providers of the kinds of other apps",
    lambda: set(_providers) - {"listed"},
    filled_by="GovernanceConfig.ready and LabsConfig.ready (their electorates)",
)
hooks.expect(
    "som.voting.electorates: readers of the kinds of other apps",
    lambda: set(_readers) - {"listed"},
    filled_by="GovernanceConfig.ready and LabsConfig.ready (their electorates' readers)",
)


def register_readers(kind: str, readers: Readers) -> None:
    _readers[kind] = readers


def readable(person: Person, kinds: Iterable[str] | None = None) -> Q:
    """A Q over Poll: the polls of these kinds (every kind with readers, by default) that the
    person may see by their electorate. Kinds without readers match nothing. Asks each kind's
    readers for an authenticated, active person; the caller checks that."""
    found = [
        Q(electorate_kind=kind) & _readers[kind](person)
        for kind in (_readers if kinds is None else kinds)
        if kind in _readers
    ]
    return reduce(operator.or_, found) if found else Q(pk__in=[])


# --- The built-in kind `listed` -------------------------------------------------------------------


def listed_voter(poll: "Poll", person: Person) -> Eligibility | Refusal:
    from som.voting.models import VoterListEntry

    weight = (
        VoterListEntry.objects.filter(poll_id=poll.pk, person_id=person.pk)
        .values_list("weight", flat=True)
        .first()
    )
    if weight is None:
        return Refusal(_("You are not on the voter list of this poll."))
    return Eligibility(weight, _("You are on the voter list of this poll."))


def listed_size(poll: "Poll") -> Size:
    from som.voting.models import VoterListEntry

    totals = VoterListEntry.objects.filter(poll_id=poll.pk).aggregate(
        people=Count("pk"), weight=Sum("weight")
    )
    return Size(totals["people"], totals["weight"] or 0)


def listed_readers(person: Person) -> Q:
    """The people on the voter list."""
    from som.voting.models import VoterListEntry

    return Q(pk__in=VoterListEntry.objects.filter(person_id=person.pk).values("poll_id"))
