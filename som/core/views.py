from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from som.core import health


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers, the uptime monitor and the fresh-clone check (docs/deploy.md,
    "Checks"): 503 when the database does not answer, lacks migrations, or a task has waited
    for the worker too long (the worker is down)."""
    answer: dict[str, Any] = {
        "status": "ok",
        "database": "ok",
        "migrations_pending": None,
        "oldest_waiting_task_seconds": None,
    }
    try:
        answer["migrations_pending"] = health.migrations_pending()
        # With migrations pending the task table may not be there yet.
        if not answer["migrations_pending"]:
            answer["oldest_waiting_task_seconds"] = health.oldest_waiting_task_seconds()
    except DatabaseError:
        answer["database"] = "error"
    waited = answer["oldest_waiting_task_seconds"]
    if (
        answer["database"] != "ok"
        or answer["migrations_pending"]
        or (waited is not None and waited > settings.SOM_HEALTHZ_MAX_TASK_WAIT)
    ):
        answer["status"] = "error"
        return JsonResponse(answer, status=503)
    return JsonResponse(answer)
