"""The member register (ledenregister, art. 9:3 WVV): every write goes through `append`.

Entries are never changed or deleted; numbers follow each other without gaps (the last entry is
locked while the next number is taken), and a mistake is undone by a correction entry."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit
from som.membership import selectors
from som.membership.errors import MembershipError
from som.membership.models import RegisterEntry
from som.network.models import Organisation


def _details(organisation: Organisation, representative: Person | None) -> dict[str, str]:
    return {
        "name": organisation.name,
        "legal_form": str(organisation.get_kind_display()),
        "seat": ", ".join(
            part
            for part in [organisation.street, f"{organisation.postal_code} {organisation.city}"]
            if part.strip()
        ),
        "enterprise_number": organisation.enterprise_number,
        "instellingsnummer": organisation.instellingsnummer or "",
        "representative": str(representative) if representative else "",
    }


def append(
    *,
    organisation: Organisation,
    kind: str,
    decision_date: datetime.date,
    by: Person | None,
    representative: Person | None = None,
    note: str = "",
    corrects: RegisterEntry | None = None,
) -> RegisterEntry:
    """Append one entry. Numbers follow each other without gaps: the last one is locked."""
    last = RegisterEntry.objects.select_for_update().order_by("-number").first()
    if representative is None and kind != RegisterEntry.Kind.REPRESENTATIVE:
        representative = selectors.current_representative(organisation)
    entry = RegisterEntry.objects.create(
        number=(last.number if last else 0) + 1,
        organisation=organisation,
        kind=kind,
        decision_date=decision_date,
        registered_by=by,
        details=_details(organisation, representative),
        note=note,
        corrects=corrects,
    )
    audit.record(actor=by, action=f"register.{kind}", obj=organisation)
    return entry


def register_identity_change(
    organisation: Organisation, changes: dict[str, Any], by: Person | None
) -> None:
    """Registered with network: a member's new name or seat goes into the register."""
    if selectors.is_registered_member(organisation):
        with transaction.atomic():
            append(
                organisation=organisation,
                kind=RegisterEntry.Kind.ADDRESS,
                decision_date=timezone.localdate(),
                by=by,
                note=", ".join(sorted(changes)),
            )


@transaction.atomic
def correct_register_entry(*, entry: RegisterEntry, note: str, by: Person) -> RegisterEntry:
    """A wrong entry is never changed: a correction entry says it does not count."""
    if not by.is_staff:
        raise MembershipError(_("Only the SOM team can do this."), "not_team")
    if not note.strip():
        raise MembershipError(_("Say what was wrong with the entry."), "note_required")
    if entry.kind == RegisterEntry.Kind.CORRECTION or entry.corrections.exists():
        raise MembershipError(_("This entry has already been corrected."), "already_corrected")
    return append(
        organisation=entry.organisation,
        kind=RegisterEntry.Kind.CORRECTION,
        decision_date=timezone.localdate(),
        by=by,
        note=note,
        corrects=entry,
    )
