"""The audit log's one way in: every service that changes something calls `record`."""

from typing import Any

from django.db import models
from django.utils import timezone

from som.core import rows
from som.core.models import AuditEntry


def object_type_of(obj: models.Model) -> str:
    return obj._meta.label_lower


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
) -> None:
    """Write one audit entry. `actor` is a person, or None for the system itself."""
    rows.insert(AuditEntry, [entry(actor=actor, action=action, obj=obj, changes=changes)])


def entry(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The row `record` writes, for a hot path that writes it together with its own rows
    (`rows.insert_together`)."""
    return {
        "at": timezone.now(),
        "actor": actor.pk if getattr(actor, "pk", None) else None,
        "action": action,
        "object_type": object_type_of(obj),
        "object_id": str(obj.pk),
        "object_repr": str(obj)[:200],
        "changes": changes or {},
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The fields that changed, as {field: [before, after]}, with values made JSON-friendly."""
    return {
        field: [_plain(before.get(field)), _plain(after.get(field))]
        for field in sorted(set(before) | set(after))
        if before.get(field) != after.get(field)
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set):
        return [_plain(item) for item in value]
    return str(value)


def entries_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        object_type=object_type_of(obj), object_id=str(obj.pk)
    ).select_related("actor")
