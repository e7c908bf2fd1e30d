"""Reference data the team keeps in the back office (speerpunten, tariffs, motion kinds, the
statutes' numbers...): saved the one way, by the team only, validated, with an audit entry that
holds the changed values. An app's service calls `save` after its own checks."""

from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext as _

from som.core import audit, roles

M = TypeVar("M", bound=models.Model)

_NOT_AUDITED = {"created_at", "updated_at"}


def require_team(by: Any) -> None:
    """som.core.roles' rule, with the message of reference data."""
    roles.require_team(by, message=_("Only the SOM team can change this."))


def values_of(obj: models.Model) -> dict[str, Any]:
    """The row's own values (and its many-to-many keys), as the audit log compares them."""
    values: dict[str, Any] = {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if not f.primary_key and f.name not in _NOT_AUDITED
    }
    if obj.pk:
        for m2m in obj._meta.many_to_many:
            values[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
    return values


@transaction.atomic
def save(*, obj: M, values: dict[str, Any], by: Any, many: dict[str, Any] | None = None) -> M:
    """Create `obj` (no pk yet) or change it: set `values` (fields) and `many` (many-to-many
    fields), run the model's validation (a ValidationError changes nothing), save, and record
    what changed. Returns the saved row."""
    require_team(by)
    model = type(obj)
    row = model._default_manager.select_for_update().get(pk=obj.pk) if obj.pk else obj
    before = values_of(row) if obj.pk else {}
    for name, value in values.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    for name, value in (many or {}).items():
        getattr(row, name).set(value)
    changes = audit.diff(before, values_of(row))
    if changes or not before:
        action = f"{model._meta.model_name}.{'updated' if before else 'created'}"
        audit.record(actor=by, action=action, obj=row, changes=changes)
    return row


@transaction.atomic
def delete(*, obj: models.Model, by: Any) -> None:
    require_team(by)
    audit.record(
        actor=by,
        action=f"{obj._meta.model_name}.deleted",
        obj=obj,
        changes=audit.diff(values_of(obj), {}),
    )
    obj.delete()
