"""What /healthz reports: migrations not yet applied, and how long the oldest task has waited.

/healthz is polled every minute, so each answer is one query once the process has seen its
migrations applied: loading the migration graph takes a while, and a process's migrations only
change with a new release, which restarts it. While some are still pending the check is
repeated, at most every PENDING_RECHECK seconds.
"""

import time

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Case, F, Min, When
from django.db.models.functions import Greatest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

PENDING_RECHECK = 10.0

# None: not checked yet; (pending, when it was checked).
_migrations: tuple[bool, float] | None = None


def migrations_pending() -> bool:
    """Whether the database lacks migrations this code has (raises DatabaseError if down)."""
    global _migrations
    if _migrations is not None:
        pending, checked_at = _migrations
        if not pending or time.monotonic() - checked_at < PENDING_RECHECK:
            return pending
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrations = (pending, time.monotonic())
    return pending


def forget_migrations() -> None:
    """For tests: check the migrations again at the next call."""
    global _migrations
    _migrations = None


def oldest_waiting_task_seconds() -> int | None:
    """How long the oldest task that could run has been waiting for a worker, or None.

    A task waits from when it was enqueued, or from its run_after if that came later (a task
    scheduled for tomorrow is not late today). One query, on the table's partial index on
    READY tasks.
    """
    oldest = (
        DBTaskResult.objects.ready()
        .annotate(
            waiting_since=Case(
                When(run_after=get_date_max(), then=F("enqueued_at")),
                default=Greatest("enqueued_at", "run_after"),
            )
        )
        .aggregate(oldest=Min("waiting_since"))["oldest"]
    )
    if oldest is None:
        return None
    return max(0, int((timezone.now() - oldest).total_seconds()))
