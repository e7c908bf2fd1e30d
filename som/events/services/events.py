"""The team's events (the back office): create, update (a larger capacity moves the waiting
list up), delete, with their programme."""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit, page_cache, records, roles
from som.core.changes import RowChanges
from som.events.models import Event, ProgrammeItem
from som.events.services.registrations import RegistrationError
from som.events.services.waiting_list import promote_from_waiting_list
from som.network.models import Speerpunt


@transaction.atomic
def create_event(
    *,
    values: dict[str, Any],
    by: Person,
    speerpunten: Sequence[Speerpunt] = (),
    programme: Sequence[ProgrammeItem] = (),
) -> Event:
    """A new event (the team), with its speerpunten and programme."""
    roles.require_team(by)
    event = Event(**values)
    event.full_clean()
    event.save()
    event.speerpunten.set(speerpunten)
    _save_programme(event, RowChanges(added=list(programme)))
    audit.record(
        actor=by,
        action="event.created",
        obj=event,
        changes=audit.diff({}, records.values_of(event)),
    )
    page_cache.invalidate()
    return event


@transaction.atomic
def update_event(
    *,
    event: Event,
    values: dict[str, Any],
    by: Person,
    speerpunten: Sequence[Speerpunt] | None = None,
    programme: RowChanges[ProgrammeItem] | None = None,
) -> Event:
    """Change an event (the team). With more places (or no limit any more) the waiting list
    moves up in its order and those who get a place are mailed; fewer places take nobody's
    place away."""
    roles.require_team(by)
    event = Event.objects.select_for_update().get(pk=event.pk)
    before = records.values_of(event)
    for name, value in values.items():
        setattr(event, name, value)
    event.full_clean()
    event.save()
    if speerpunten is not None:
        event.speerpunten.set(speerpunten)
    changes = audit.diff(before, records.values_of(event))
    if programme:
        changes["programme"] = _save_programme(event, programme)
    if changes:
        audit.record(actor=by, action="event.updated", obj=event, changes=changes)
    if event.starts_at > timezone.now():
        promote_from_waiting_list(event=event)
    page_cache.invalidate()
    return event


@transaction.atomic
def delete_event(*, event: Event, by: Person) -> None:
    """Only an event nobody registered for (a mistake): otherwise unpublish it."""
    roles.require_team(by)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.registrations.exists():
        raise RegistrationError(
            _("People registered for this event: unpublish it instead of deleting it."),
            "has_registrations",
        )
    audit.record(actor=by, action="event.deleted", obj=event, changes={"title": event.title})
    event.delete()
    page_cache.invalidate()


def _save_programme(event: Event, rows: RowChanges[ProgrammeItem]) -> dict[str, list[str]]:
    """Write the programme's added, changed and deleted items; what the audit entry says."""
    said: dict[str, list[str]] = {"added": [], "changed": [], "deleted": []}
    for item in rows.deleted:
        if item.event_id == event.pk:
            said["deleted"].append(item.title)
            item.delete()
    for item, _names in rows.changed:
        said["changed"].append(item.title)
    for item in rows.added:
        item.event = event
        said["added"].append(item.title)
    for item in [*rows.added, *(item for item, _names in rows.changed)]:
        if item.event_id != event.pk:
            continue
        item.full_clean()
        item.save()
    return {key: titles for key, titles in said.items() if titles}
