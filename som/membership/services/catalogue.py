"""The membership types, their tariffs and the membership years: the team, in the back office."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import page_cache, records
from som.core.changes import RowChanges
from som.membership.errors import MembershipError
from som.membership.models import (
    MembershipType,
    MembershipYear,
    Tariff,
)

# --- Membership types, tariffs and years (the team, in the back office) ---------------------------


@transaction.atomic
def update_membership_type(
    *,
    membership_type: MembershipType,
    values: dict[str, Any],
    by: Person,
    tariffs: RowChanges[Tariff] | None = None,
) -> MembershipType:
    """The team changes a membership type's names and its tariffs (amounts, conditions, whether
    one is offered). A tariff is never deleted: applications and invoices point at it; untick
    "offered" instead. Amounts already invoiced stay as they are."""
    saved = records.save(obj=membership_type, values=values, by=by)
    tariffs = tariffs or RowChanges()
    if tariffs.deleted:
        raise MembershipError(
            _("A tariff is not deleted: untick “offered” to stop offering it."), "tariff_in_use"
        )
    for tariff, _names in tariffs.changed:
        records.save(obj=tariff, values=_tariff_values(tariff), by=by)
    for tariff in tariffs.added:
        tariff.membership_type = saved
        records.save(obj=tariff, values={}, by=by)
    page_cache.invalidate()  # the membership page shows the types and tariffs
    return saved


def _tariff_values(tariff: Tariff) -> dict[str, Any]:
    return {
        f.attname: getattr(tariff, f.attname)
        for f in Tariff._meta.concrete_fields
        if not f.primary_key and f.name != "membership_type"
    }


@transaction.atomic
def update_membership_year(
    *, year: MembershipYear, values: dict[str, Any], by: Person
) -> MembershipYear:
    """The team corrects a year's dates or its reminder and grace days (years are opened on the
    membership years page)."""
    return records.save(obj=year, values=values, by=by)
