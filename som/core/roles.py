"""Who is on the SOM team: one rule for every app, every entrance and every layer.

A team member is a signed-in, active account with `is_staff` (docs/decisions.md, "One kernel").
Services check it themselves with `require_team`, so no second entrance (the admin, the API, a
command, a task) can skip a rule; pages that exist for the team only use `require_team_page`,
which answers 404 as for a page that does not exist.
"""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from som.core.errors import DomainError


def is_team(person: Any) -> bool:
    """`person` is an account (or AnonymousUser, or None)."""
    return bool(
        person is not None
        and getattr(person, "is_authenticated", False)
        and person.is_active
        and person.is_staff
    )


def require_team(
    by: Any, error: type[DomainError] = DomainError, message: str | None = None
) -> None:
    """For services: refuse with `error(message, "not_team")` unless `by` is on the team."""
    if not is_team(by):
        raise error(message or _("Only the SOM team can do this."), "not_team")


def require_team_page(person: Any) -> None:
    """For views and permission gates: the team's pages do not exist for anybody else."""
    if not is_team(person):
        raise Http404
