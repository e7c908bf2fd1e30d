"""The secretary records a show of hands in a named poll: each vote is a ballot of its voter
(electorate and weight checked by the engine), all or nothing, with one audit entry by the
secretary."""

import pytest

from som.core.models import AuditEntry
from som.network.tests.factories import make_person
from som.voting import selectors, services
from som.voting.models import Ballot, Poll
from som.voting.services import BallotError, PollError
from som.voting.tests.test_engine import make_poll


def _yes_no(poll: Poll) -> dict[str, int]:
    return dict(poll.options.values_list("reference", "pk"))


def test_a_show_of_hands_records_a_weighted_named_ballot_per_voter(db, team_member):
    voters = [make_person() for _ in range(3)]
    poll = make_poll(
        method=Poll.Method.YES_NO_ABSTAIN, secrecy=Poll.Secrecy.NAMED, voters=voters, weight=2
    )
    option = _yes_no(poll)
    recorded = services.record_show_of_hands(
        poll=poll,
        votes=[(voters[0], [option["yes"]]), (voters[1], [option["no"]])],
        by=team_member,
    )
    assert recorded == 2
    assert selectors.tally(poll)["yes"] == 2 and selectors.tally(poll)["no"] == 2
    assert Ballot.objects.get(poll=poll, voter=voters[0]).weight == 2
    entry = AuditEntry.objects.get(action="poll.show_of_hands_recorded")
    assert entry.actor == team_member and entry.changes["voters"] == sorted(
        [voters[0].pk, voters[1].pk]
    )


def test_a_show_of_hands_is_all_or_nothing(db, team_member):
    voters = [make_person() for _ in range(2)]
    poll = make_poll(method=Poll.Method.YES_NO_ABSTAIN, secrecy=Poll.Secrecy.NAMED, voters=voters)
    option = _yes_no(poll)
    services.cast_ballot(poll=poll, voter=voters[1], choices=[option["no"]])
    with pytest.raises(BallotError) as error:
        services.record_show_of_hands(
            poll=poll,
            votes=[(voters[0], [option["yes"]]), (voters[1], [option["yes"]])],
            by=team_member,
        )
    assert error.value.code == "already_voted"
    assert not Ballot.objects.filter(poll=poll, voter=voters[0]).exists()


def test_a_secret_poll_takes_no_show_of_hands(db, team_member):
    voter = make_person()
    poll = make_poll(method=Poll.Method.YES_NO_ABSTAIN, voters=[voter])
    with pytest.raises(PollError):
        services.record_show_of_hands(
            poll=poll, votes=[(voter, [_yes_no(poll)["yes"]])], by=team_member
        )
