"""A selection vote with a closing time closes by itself (som.voting.closers, run every minute by
`close_due_polls`) the way the team's "close" does: the call's rule applied, the proposals
selected or not; published when the poll says so."""

import datetime

import pytest
from django.utils import timezone

from som.core.models import AuditEntry
from som.core.testing import in_threads, needs_postgres
from som.events.tests.factories import make_event
from som.labs.models import Call, Proposal
from som.labs.services import selection
from som.labs.tests.test_selection import PROPOSALS, attend, make_call, vote
from som.network.tests.factories import make_person
from som.voting import closers
from som.voting.models import Poll

CLOSES = timezone.now() + datetime.timedelta(hours=1)
AFTER = CLOSES + datetime.timedelta(minutes=1)


def _voting_call(lab_lead, team_member, *, publish_on_close: bool = False) -> Call:
    """A call whose vote is open until CLOSES, with four ballots cast."""
    network_day = make_event(title="SOM-netwerkdag voorjaar")
    call = make_call(network_day, lab_lead, PROPOSALS)
    voters = [make_person(full_name=f"Kiezer {i}") for i in range(4)]
    attend(network_day, voters)
    poll = selection.start_selection_vote(call=call, by=team_member)
    Poll.objects.filter(pk=poll.pk).update(closes_at=CLOSES, publish_on_close=publish_on_close)
    call.refresh_from_db()
    for voter in voters[:3]:
        vote(call, voter, ["Taalrijke klas", "Overstap naar het secundair"])
    vote(call, voters[3], ["Ouders als partners"])
    return call


@pytest.mark.django_db
def test_a_due_selection_vote_closes_with_the_call_s_rule(lab_lead, team_member):
    call = _voting_call(lab_lead, team_member)
    assert closers.close_due_polls(now=CLOSES - datetime.timedelta(seconds=1)).closed == []
    assert closers.close_due_polls(now=AFTER).closed == [call.poll_id]
    call.refresh_from_db()
    assert call.status == Call.Status.DECIDED and call.outcome["selected"]
    assert call.poll is not None and call.poll.state == Poll.State.CLOSED
    selected = set(call.proposals.filter(status=Proposal.Status.SELECTED).values_list("title"))
    assert ("Taalrijke klas",) in selected
    assert not call.proposals.filter(status=Proposal.Status.ELIGIBLE).exists()
    assert closers.close_due_polls(now=AFTER).closed == []  # a second run: nothing


@pytest.mark.django_db
def test_publish_on_close_publishes_the_selection(lab_lead, team_member):
    call = _voting_call(lab_lead, team_member, publish_on_close=True)
    closers.close_due_polls(now=AFTER)
    call.refresh_from_db()
    assert call.poll is not None and call.poll.state == Poll.State.PUBLISHED
    assert AuditEntry.objects.filter(action="call.result_published", object_id=str(call.pk))


@pytest.mark.django_db
def test_a_vote_the_team_closed_first_is_left_alone(lab_lead, team_member):
    call = _voting_call(lab_lead, team_member)
    selection.close_selection_vote(call=call, by=team_member)
    assert closers.close_due_polls(now=AFTER).closed == []
    assert AuditEntry.objects.filter(action="call.vote_closed").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_apply_the_rule_once(lab_lead, team_member):
    needs_postgres()
    call = _voting_call(lab_lead, team_member)
    runs: list[closers.Run] = []
    assert in_threads(2, lambda _i: runs.append(closers.close_due_polls(now=AFTER))) == []
    assert sorted(pk for run in runs for pk in run.closed) == [call.poll_id]
    assert AuditEntry.objects.filter(action="call.vote_closed").count() == 1
