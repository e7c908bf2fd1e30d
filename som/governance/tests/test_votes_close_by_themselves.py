"""A motion's vote with a closing time closes by itself (som.voting.closers, run every minute by
`close_due_polls`) the way the secretary's close does: result published, the motion kind's rule
applied, the item decided."""

import datetime

import pytest
from django.utils import timezone

from som.core.models import AuditEntry
from som.governance.models import AgendaItem
from som.governance.services import votes
from som.governance.tests.conftest import item
from som.governance.tests.test_votes import vote
from som.voting import closers
from som.voting.models import Poll

pytestmark = pytest.mark.django_db

CLOSES = timezone.now() + datetime.timedelta(hours=1)
AFTER = CLOSES + datetime.timedelta(minutes=1)


def _vote_until(meeting, code: str, secretary, closes_at: datetime.datetime) -> Poll:
    poll = votes.open_vote(item=item(meeting, code), by=secretary)
    Poll.objects.filter(pk=poll.pk).update(closes_at=closes_at)
    return poll


def test_a_due_general_assembly_vote_closes_with_its_result_and_decision(
    in_session, members, secretary
):
    meeting = in_session(members[:4])
    poll = _vote_until(meeting, "accounts", secretary, CLOSES)
    for member, choice in zip(members[:4], ["yes", "yes", "no", "abstain"], strict=True):
        vote(poll, member, choice)
    assert closers.close_due_polls(now=CLOSES - datetime.timedelta(seconds=1)).closed == []
    assert item(meeting, "accounts").outcome == AgendaItem.Outcome.PENDING
    assert closers.close_due_polls(now=AFTER).closed == [poll.pk]
    poll.refresh_from_db()
    assert poll.state == Poll.State.PUBLISHED and poll.result.data["yes"] == 2
    decided = item(meeting, "accounts")
    assert decided.outcome == AgendaItem.Outcome.ADOPTED and decided.decided_at == AFTER
    assert AuditEntry.objects.filter(action="item.decided", actor__isnull=True).count() == 1
    assert closers.close_due_polls(now=AFTER).closed == []  # a second run: nothing


def test_a_vote_the_secretary_closed_first_is_left_alone(in_session, members, secretary):
    meeting = in_session(members[:4])
    poll = _vote_until(meeting, "accounts", secretary, CLOSES)
    vote(poll, members[0], "yes")
    votes.close_vote(item=item(meeting, "accounts"), by=secretary)
    assert closers.close_due_polls(now=AFTER).closed == []
    assert AuditEntry.objects.filter(action="item.decided").count() == 1
