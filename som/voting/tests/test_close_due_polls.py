"""Due polls close by themselves (issue 15, point 7): the `close_due_polls` command, run every
minute, closes the polls past their `closes_at` through their kind's closer and publishes those
with `publish_on_close`. The selection vote's and the general assembly's closers are tested in
their apps (som/labs/tests, som/governance/tests)."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from som.core.models import AuditEntry
from som.core.testing import in_threads, needs_postgres
from som.voting import closers, services
from som.voting.models import Poll
from som.voting.tests.test_engine import make_poll, option_ids

pytestmark = pytest.mark.django_db

CLOSES = timezone.now() + datetime.timedelta(hours=1)
AFTER = CLOSES + datetime.timedelta(minutes=1)


def _state(poll: Poll) -> str:
    poll.refresh_from_db()
    return poll.state


def _closed_entries(poll: Poll) -> int:
    return AuditEntry.objects.filter(action="poll.closed", object_id=str(poll.pk)).count()


def test_a_due_poll_closes_with_its_result_and_a_poll_not_yet_due_stays_open(teacher):
    due = make_poll(voters=[teacher], closes_at=CLOSES)
    services.cast_ballot(poll=due, voter=teacher, choices=[option_ids(due)[0]])
    later = make_poll(closes_at=AFTER + datetime.timedelta(minutes=1))
    endless = make_poll()
    assert closers.close_due_polls(now=AFTER).closed == [due.pk]
    assert _state(due) == Poll.State.CLOSED
    assert due.closed_at == AFTER and due.result.data["turnout"]["voters"] == 1
    assert _state(later) == Poll.State.OPEN and _state(endless) == Poll.State.OPEN


def test_a_poll_is_not_closed_before_its_time(teacher):
    poll = make_poll(voters=[teacher], closes_at=CLOSES)
    assert closers.close_due_polls(now=CLOSES - datetime.timedelta(seconds=1)).closed == []
    assert _state(poll) == Poll.State.OPEN


def test_publish_on_close_publishes_the_result_and_otherwise_it_waits_for_the_team():
    published = make_poll(closes_at=CLOSES, publish_on_close=True)
    kept = make_poll(closes_at=CLOSES)
    closers.close_due_polls(now=AFTER)
    assert _state(published) == Poll.State.PUBLISHED and published.published_at == AFTER
    assert _state(kept) == Poll.State.CLOSED and kept.published_at is None


def test_a_second_run_is_a_no_op():
    poll = make_poll(closes_at=CLOSES, publish_on_close=True)
    assert closers.close_due_polls(now=AFTER).closed == [poll.pk]
    again = closers.close_due_polls(now=AFTER + datetime.timedelta(minutes=1))
    assert again.closed == [] and again.failed == []
    assert _closed_entries(poll) == 1 and _state(poll) == Poll.State.PUBLISHED


def test_a_poll_that_fails_to_close_stays_open_and_does_not_stop_the_others(monkeypatch, caplog):
    broken, fine = make_poll(closes_at=CLOSES), make_poll(closes_at=CLOSES)

    def closer(poll: Poll, now: datetime.datetime) -> bool:
        if poll.pk == broken.pk:
            closers.close_plainly(poll, now)  # its writes are rolled back with its transaction
            raise RuntimeError("the owning app refused")
        return closers.close_plainly(poll, now)

    monkeypatch.setitem(closers._closers, "listed", closer)
    run = closers.close_due_polls(now=AFTER)
    assert run.failed == [broken.pk] and run.closed == [fine.pk]
    assert _state(broken) == Poll.State.OPEN and _state(fine) == Poll.State.CLOSED
    assert f"Closing poll {broken.pk}" in caplog.text


def test_the_command_closes_due_polls_and_fails_when_one_could_not_be_closed(monkeypatch, capsys):
    poll = make_poll(closes_at=timezone.now() - datetime.timedelta(seconds=1))
    call_command("close_due_polls")
    assert _state(poll) == Poll.State.CLOSED
    assert f"1 poll(s) closed: {poll.pk}." in capsys.readouterr().out

    def failing(poll: Poll, now: datetime.datetime) -> bool:
        raise RuntimeError("broken")

    monkeypatch.setitem(closers._closers, "listed", failing)
    other = make_poll(closes_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(CommandError) as error:
        call_command("close_due_polls")
    assert str(other.pk) in str(error.value)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_close_each_poll_once():
    needs_postgres()
    polls = [make_poll(closes_at=CLOSES, publish_on_close=True) for _ in range(6)]
    runs: list[closers.Run] = []
    assert in_threads(2, lambda _i: runs.append(closers.close_due_polls(now=AFTER))) == []
    closed = [pk for run in runs for pk in run.closed]
    assert sorted(closed) == sorted(poll.pk for poll in polls)  # each by exactly one run
    assert all(run.failed == [] for run in runs)
    for poll in polls:
        assert _state(poll) == Poll.State.PUBLISHED and _closed_entries(poll) == 1
