import datetime
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from som.core import health


@pytest.fixture(autouse=True)
def _fresh_migration_check():
    health.forget_migrations()
    yield
    health.forget_migrations()


def waiting_task(*, enqueued_minutes_ago: float, **fields) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        task_path="som.core.tasks.send_mail_task",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=fields.pop("run_after", get_date_max()),
        **fields,
    )
    # enqueued_at is auto_now_add: set it afterwards.
    enqueued_at = timezone.now() - datetime.timedelta(minutes=enqueued_minutes_ago)
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=enqueued_at)
    return task


def test_healthz_says_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "migrations_pending": False,
        "oldest_waiting_task_seconds": None,
    }


def test_healthz_says_503_when_the_database_is_unreachable(client, db):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["database"] == "error"


def test_healthz_says_503_when_the_database_goes_after_a_clean_migration_check(client, db):
    assert client.get("/healthz").status_code == 200
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_healthz_says_503_while_migrations_are_pending(client, db, monkeypatch):
    monkeypatch.setattr(
        MigrationExecutor, "migration_plan", lambda self, targets: [("a migration", False)]
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "ok",
        "migrations_pending": True,
        "oldest_waiting_task_seconds": None,
    }


def test_healthz_says_503_when_a_task_has_waited_past_the_threshold(client, db, settings):
    settings.SOM_HEALTHZ_MAX_TASK_WAIT = 600
    waiting_task(enqueued_minutes_ago=11)
    waiting_task(enqueued_minutes_ago=1)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "ok"
    assert 11 * 60 <= body["oldest_waiting_task_seconds"] < 12 * 60


def test_healthz_is_ok_with_tasks_that_wait_briefly_or_are_done(client, db, settings):
    settings.SOM_HEALTHZ_MAX_TASK_WAIT = 600
    waiting_task(enqueued_minutes_ago=2)
    # Finished or running long ago, or scheduled for later: not waiting for a worker.
    waiting_task(enqueued_minutes_ago=60, status="SUCCESSFUL")
    waiting_task(enqueued_minutes_ago=60, status="RUNNING")
    waiting_task(enqueued_minutes_ago=60, run_after=timezone.now() + datetime.timedelta(hours=1))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert 2 * 60 <= response.json()["oldest_waiting_task_seconds"] < 3 * 60


def test_a_scheduled_task_waits_from_its_run_after(db):
    waiting_task(enqueued_minutes_ago=60, run_after=timezone.now() - datetime.timedelta(minutes=3))
    waited = health.oldest_waiting_task_seconds()
    assert waited is not None
    assert 3 * 60 <= waited < 4 * 60


def test_healthz_costs_one_query_once_the_migrations_were_seen_applied(
    client, db, django_assert_num_queries
):
    client.get("/healthz")
    with django_assert_num_queries(1):
        assert client.get("/healthz").status_code == 200


def test_pending_migrations_are_checked_again_not_at_every_poll(db, monkeypatch):
    plans = []

    def plan(self, targets):
        plans.append(targets)
        return [("a migration", False)]

    monkeypatch.setattr(MigrationExecutor, "migration_plan", plan)
    assert health.migrations_pending()
    assert health.migrations_pending()
    assert len(plans) == 1
    monkeypatch.setattr(health, "PENDING_RECHECK", 0.0)
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [])
    assert not health.migrations_pending()
