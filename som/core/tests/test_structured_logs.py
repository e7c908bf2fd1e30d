"""Production's logs: one JSON line per request and per task, with ids and never a name."""

import io
import json
import logging.config
import uuid
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django_tasks import task

from config.observability import logging_config


@task()
def greet(*, email: str) -> str:
    return "done"


@task()
def break_down(*, email: str) -> None:
    raise ValueError("the mail server said no")


@pytest.fixture
def production_logs():
    """Production's logging (JSON lines, the request lines on) for one test; the lines it
    wrote, parsed."""
    logging.config.dictConfig(logging_config(json=True, level="INFO", request_lines=True))
    written = io.StringIO()
    (handler,) = logging.getLogger().handlers
    handler.setStream(written)  # type: ignore[attr-defined]

    def lines() -> list[dict]:
        return [json.loads(line) for line in written.getvalue().splitlines()]

    yield lines
    logging.config.dictConfig(django_settings.LOGGING)


def test_a_request_writes_one_json_line_with_ids_status_and_duration(
    client, teacher, production_logs
):
    client.force_login(teacher)
    response = client.get("/mijn-som/?q=Lotte")
    assert response.status_code == 200

    lines = production_logs()
    assert len(lines) == 1, lines
    line = lines[0]
    assert line["event"] == "request_finished"
    assert line["code"] == 200
    assert line["user_id"] == teacher.pk
    assert line["request"] == "GET /mijn-som/"
    assert isinstance(line["duration_ms"], float)
    uuid.UUID(line["request_id"])
    assert line["level"] == "info"
    assert "timestamp" in line
    # Who it was is an id: no name, address, IP address or search.
    written = json.dumps(lines)
    for personal in ["Lotte", "Leraar", teacher.email, "127.0.0.1"]:
        assert personal not in written


def test_each_request_gets_its_own_id(client, db, production_logs):
    client.get("/healthz")
    client.get("/healthz")
    first, second = production_logs()
    assert first["request_id"] != second["request_id"]
    assert first["user_id"] is None


def test_a_not_found_page_is_one_line_too(client, db, production_logs):
    client.get("/does-not-exist/")
    lines = production_logs()
    assert [(line["event"], line["code"], line["level"]) for line in lines] == [
        ("request_finished", 404, "warning")
    ]


def test_a_failing_request_is_one_line_with_its_traceback(client, db, production_logs):
    client.raise_request_exception = False
    with mock.patch("som.core.health.migrations_pending", side_effect=RuntimeError("boom")):
        response = client.get("/healthz")
    assert response.status_code == 500
    lines = production_logs()
    assert len(lines) == 1, lines
    assert lines[0]["event"] == "request_failed"
    assert lines[0]["code"] == 500
    assert "RuntimeError: boom" in lines[0]["exception"]
    assert "duration_ms" in lines[0]


def test_the_proxys_request_id_is_kept_when_a_proxy_is_trusted(
    client, db, settings, production_logs
):
    settings.DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = True
    client.get("/healthz", headers={"X-Request-ID": "4f2c9e0a7b1d4c3e8f5a6b7c8d9e0f1a"})
    client.get("/healthz", headers={"X-Request-ID": 'x" \nforged line'})
    kept, replaced = production_logs()
    assert kept["request_id"] == "4f2c9e0a7b1d4c3e8f5a6b7c8d9e0f1a"
    uuid.UUID(replaced["request_id"])


def test_a_visitors_request_id_is_ignored_without_a_trusted_proxy(
    client, db, settings, production_logs
):
    settings.DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = False
    client.get("/healthz", headers={"X-Request-ID": "chosen-by-the-visitor"})
    (line,) = production_logs()
    uuid.UUID(line["request_id"])


def test_a_task_writes_one_json_line_without_its_arguments(db, production_logs):
    result = greet.enqueue(email="leraar@delinde.be")
    lines = production_logs()
    assert len(lines) == 1, lines
    line = lines[0]
    assert line["event"] == "task_finished"
    assert line["task_id"] == str(result.id)
    assert line["task"] == "som.core.tests.test_structured_logs.greet"
    assert line["status"] == "SUCCESSFUL"
    assert isinstance(line["duration_ms"], float)
    assert "leraar@delinde.be" not in json.dumps(lines)


def test_a_failed_task_writes_one_error_line(db, production_logs):
    break_down.enqueue(email="leraar@delinde.be")
    (line,) = production_logs()
    assert line["event"] == "task_failed"
    assert line["level"] == "error"
    assert line["exception_class"] == "builtins.ValueError"
    assert "ValueError: the mail server said no" in line["exception"]


def test_a_task_run_during_a_request_carries_the_requests_id(
    client, teacher, production_logs, monkeypatch
):
    from som.core import views

    real = views.health.oldest_waiting_task_seconds

    def enqueue_then_answer():
        greet.enqueue(email="leraar@delinde.be")
        return real()

    monkeypatch.setattr(views.health, "oldest_waiting_task_seconds", enqueue_then_answer)
    client.get("/healthz")
    task_line, request_line = production_logs()
    assert task_line["event"] == "task_finished"
    assert task_line["request_id"] == request_line["request_id"]
    # The task's id does not stay on the request's line.
    assert "task_id" not in request_line


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_writes_one_json_line_per_task(settings, production_logs):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    first = greet.enqueue(email="leraar@delinde.be")
    second = break_down.enqueue(email="contact@delinde.be")

    call_command("db_worker", batch=True, interval=0, startup_delay=False)

    lines = production_logs()
    by_task = {
        task_id: [line for line in lines if line.get("task_id") == task_id]
        for task_id in (str(first.id), str(second.id))
    }
    assert [line["event"] for line in by_task[str(first.id)]] == ["task_finished"]
    assert [line["event"] for line in by_task[str(second.id)]] == ["task_failed"]
    assert by_task[str(first.id)][0]["waited_ms"] >= 0
    written = json.dumps(lines)
    assert "leraar@delinde.be" not in written
    assert "contact@delinde.be" not in written
