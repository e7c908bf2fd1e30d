"""Closing the polls whose `closes_at` has passed: `close_due_polls`, which the
`close_due_polls` command runs every minute (docs/deploy.md).

A poll belongs to the app that made it, and closing it can mean more than counting: a lab
selection applies its call's rule, a motion's vote applies the motion kind's rule. So each app
registers, per electorate kind, how a due poll of that kind is closed (in its AppConfig.ready),
the way it registers its electorate; voting never imports the apps above it:

    closers.register("network_day_attendees", selection.close_due_selection_vote)

A closer takes the poll and `now`, takes its own locks in its own order (the same order as the
app's manual "close", so the two cannot deadlock), then `lock_if_due` for the poll; it closes it
and, when `publish_on_close` says so, publishes the result. It answers False when the poll was
no longer open and due once locked: closed meanwhile by a person or another run. A kind without
a closer is closed by `close_plainly` (services.close_poll, then services.publish_result).
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from som.core import hooks
from som.voting import services
from som.voting.models import Poll

logger = logging.getLogger(__name__)

Closer = Callable[[Poll, datetime.datetime], bool]

_closers: dict[str, Closer] = {}
hooks.expect(
    "som.voting.closers: closers",
    lambda: _closers,
    filled_by="GovernanceConfig.ready and LabsConfig.ready (their due votes' closers)",
)


def register(kind: str, closer: Closer) -> None:
    _closers[kind] = closer


def lock_if_due(poll_id: int, now: datetime.datetime) -> Poll | None:
    """The poll, its row locked, if it is still open and due at `now`; otherwise None. On
    PostgreSQL a run that waited for the lock sees the row as the other run left it."""
    return (
        Poll.objects.select_for_update()
        .filter(pk=poll_id, state=Poll.State.OPEN, closes_at__lte=now)
        .first()
    )


def close_plainly(poll: Poll, now: datetime.datetime) -> bool:
    """For a kind without a closer of its own (and a closer's fallback)."""
    locked = lock_if_due(poll.pk, now)
    if locked is None:
        return False
    services.close_poll(poll=locked, by=None, now=now)
    if locked.publish_on_close:
        services.publish_result(poll=locked, by=None, now=now)
    return True


@dataclass
class Run:
    """What one run did: the polls it closed, and those whose closing failed (logged)."""

    closed: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def close_due_polls(*, now: datetime.datetime | None = None) -> Run:
    """Close every open poll whose `closes_at` has passed, each in its own transaction, through
    its kind's closer. One that fails is logged and left open (the next run tries again); the
    others close. Running twice at once closes each poll once."""
    now = now or timezone.now()
    due = Poll.objects.filter(state=Poll.State.OPEN, closes_at__lte=now).order_by("closes_at", "pk")
    run = Run()
    for poll in due.only("pk", "electorate_kind"):
        closer = _closers.get(poll.electorate_kind, close_plainly)
        try:
            with transaction.atomic():
                closed = closer(poll, now)
        except Exception:
            logger.exception("Closing poll %s (%s) failed.", poll.pk, poll.electorate_kind)
            run.failed.append(poll.pk)
        else:
            if closed:
                run.closed.append(poll.pk)
    return run
