"""What the back office may change on a person, and the change itself (issue 17, point 6).

The team's backend grants the whole `accounts` app, so the rule of who may change which field
lives here: `PersonAdmin` makes the other fields read-only with `fields_only_a_superuser_changes`
and saves through `update_person`, which checks the same rule again whatever the entrance.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit, hooks
from som.core.errors import DomainError

# Who is in the team or above it, and passwords: a team member who could change these would
# make themselves superuser, or take over an account.
RIGHTS = frozenset({"is_staff", "is_superuser", "groups", "user_permissions", "password"})
# On a colleague's (or a superuser's) record also: a changed address is a password reset away
# from their account, and deactivating them locks them out.
OF_A_COLLEAGUE = frozenset({"email", "is_active"})


def has_team_rights(person: Person) -> bool:
    """Whose record holds the team's rights: staff or superuser, active or not. Not the rule of
    who acts as the team (som.core.roles.is_team: signed in, active, staff): this one protects
    the record of a deactivated colleague or a superuser without is_staff as well."""
    return bool(person.is_staff or person.is_superuser)


# Groups every team member is in, and only they: Wagtail's "SOM-team" (registered by
# som/publishing, which this app may not import). A getter makes its group when needed.
_TEAM_GROUPS: list[Callable[[], Group]] = []
hooks.expect(
    "som.accounts.team_changes: team groups",
    lambda: _TEAM_GROUPS,
    filled_by="PublishingConfig.ready (som.publishing)",
)


def register_team_group(getter: Callable[[], Group]) -> None:
    if getter not in _TEAM_GROUPS:
        _TEAM_GROUPS.append(getter)


def sync_team_groups(person: Person) -> None:
    """Put a team member (is_staff) in the team's groups, or take a former one out. Called by
    the services that make someone a team member or end it."""
    groups = [getter() for getter in _TEAM_GROUPS]
    if not groups:
        return
    if person.is_staff:
        person.groups.add(*groups)
    else:
        person.groups.remove(*groups)


def fields_only_a_superuser_changes(*, by: Any, person: Person | None) -> frozenset[str]:
    """The fields `by` may not change on `person` (None: a new person)."""
    if by.is_superuser:
        return frozenset()
    if person is not None and has_team_rights(person) and person.pk != by.pk:
        return RIGHTS | OF_A_COLLEAGUE
    return RIGHTS


@transaction.atomic
def update_person(*, person: Person, by: Person, changes: dict[str, Any]) -> Person:
    """Change a person's own fields (not groups or permissions) from the back office, with an
    audit entry; refused when `changes` holds a field only a superuser changes."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    refused = sorted(set(changes) & fields_only_a_superuser_changes(by=by, person=person))
    if refused:
        raise DomainError(
            _("Only a superuser may change this: %(fields)s.") % {"fields": ", ".join(refused)},
            "superuser_only",
        )
    before = {field: getattr(person, field) for field in changes}
    for field, value in changes.items():
        setattr(person, field, value)
    person.full_clean()
    person.save(update_fields=list(changes))
    if "is_staff" in changes:
        sync_team_groups(person)
    after = {field: getattr(person, field) for field in changes}
    audit.record(actor=by, action="person.updated", obj=person, changes=audit.diff(before, after))
    return person
