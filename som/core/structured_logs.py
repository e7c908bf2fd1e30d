"""One log line per request and per task (config/observability.py renders them).

django-structlog's RequestMiddleware binds a request id and writes `request_finished` with the
status code; what we add through its signals: how long the request took, the person's id (never
their name or address, and without loading the person only to log them), and the path without
its query string (a search can hold a name). django-structlog's own task support listens to
Django 6's `django.tasks`; our tasks run on the django-tasks backport, so the task lines are
written here, from the backport's signals.
"""

import re
import sys
import time
import uuid
from collections.abc import Mapping
from contextvars import Token
from typing import Any

import sentry_sdk
import structlog
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject, empty
from django_structlog import signals as request_signals
from django_tasks import TaskResult, TaskResultStatus
from django_tasks import signals as task_signals

task_logger = structlog.get_logger("som.structured.tasks")

# What nginx's $request_id looks like (32 hex digits), a UUID, or another proxy's id: an id
# from outside that is longer or holds other characters is replaced, not written to the log.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

# The task being run by this process: its id, when it started and what it bound to the log.
_running: dict[str, tuple[float, Mapping[str, Token[Any]]]] = {}


def request_started(
    sender: Any, request: HttpRequest, log_kwargs: dict[str, Any], **kwargs: Any
) -> None:
    request._som_started = time.monotonic()  # type: ignore[attr-defined]
    request_id = structlog.contextvars.get_contextvars().get("request_id", "")
    if not _REQUEST_ID.fullmatch(request_id):
        request_id = str(uuid.uuid4())
        structlog.contextvars.bind_contextvars(request_id=request_id)
    # Without a DSN (sentry_sdk.init not called) this goes nowhere.
    sentry_sdk.set_tag("request_id", request_id)


def request_finished(
    sender: Any,
    request: HttpRequest,
    log_kwargs: dict[str, Any],
    response: HttpResponse | None = None,
    **kwargs: Any,
) -> None:
    started = getattr(request, "_som_started", None)
    if started is not None:
        log_kwargs["duration_ms"] = round((time.monotonic() - started) * 1000, 1)
    log_kwargs["request"] = f"{request.method} {request.path}"
    log_kwargs["user_id"] = person_id(request)


def person_id(request: HttpRequest) -> int | None:
    """The id of the person the request was made by, if the request already asked who it is
    (TeamSessionMiddleware does, on every request past the page cache)."""
    user = getattr(request, "user", None)
    if user is None or (
        isinstance(user, SimpleLazyObject) and getattr(user, "_wrapped", empty) is empty
    ):
        return None
    return user.pk if user.is_authenticated else None


def task_started(sender: Any, task_result: TaskResult[Any], **kwargs: Any) -> None:
    # Inside a request (the immediate backend, in tests and the demo) the request's id stays
    # bound, and the task's is taken off again when it finishes.
    tokens = structlog.contextvars.bind_contextvars(
        task_id=str(task_result.id), task=task_result.task.module_path
    )
    _running[str(task_result.id)] = (time.monotonic(), tokens)


def task_finished(sender: Any, task_result: TaskResult[Any], **kwargs: Any) -> None:
    started: float | None
    tokens: Mapping[str, Token[Any]]
    started, tokens = _running.pop(str(task_result.id), (None, {}))
    fields: dict[str, Any] = {"status": str(task_result.status)}
    if started is not None:
        fields["duration_ms"] = round((time.monotonic() - started) * 1000, 1)
    else:
        fields["task_id"] = str(task_result.id)
        fields["task"] = task_result.task.module_path
    if task_result.enqueued_at and task_result.started_at:
        waited = task_result.started_at - task_result.enqueued_at
        fields["waited_ms"] = max(0, round(waited.total_seconds() * 1000))
    try:
        if task_result.status == TaskResultStatus.FAILED:
            # The arguments are never logged: a mail's address and greeting are among them.
            error = task_result.errors[-1] if task_result.errors else None
            if error is not None:
                fields["exception_class"] = error.exception_class_path
            # Both backends say a task failed while its exception is being handled: logged with
            # it, the line has the traceback, and Sentry (with a DSN) reports the exception.
            if sys.exc_info()[0] is not None:
                task_logger.exception("task_failed", **fields)
            else:
                if error is not None:
                    fields["exception"] = error.traceback
                task_logger.error("task_failed", **fields)
        else:
            task_logger.info("task_finished", **fields)
    finally:
        if tokens:
            structlog.contextvars.reset_contextvars(**tokens)


def connect() -> None:
    """Called once, from CoreConfig.ready."""
    request_signals.bind_extra_request_metadata.connect(request_started)
    request_signals.bind_extra_request_finished_metadata.connect(request_finished)
    request_signals.bind_extra_request_failed_metadata.connect(request_finished)
    # The backport's own "Task id=... state=..." lines say less than ours, in a second line.
    task_signals.task_started.disconnect(task_signals.log_task_started)
    task_signals.task_finished.disconnect(task_signals.log_task_finished)
    task_signals.task_started.connect(task_started)
    task_signals.task_finished.connect(task_finished)
