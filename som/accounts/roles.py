"""Roles decided by apps above accounts, asked for by apps beside them.

Who sits on the board is governance's business (a board mandate on the day); labs needs to know
it when the board confirms a selection, but labs and governance may not import each other. So
governance registers its check here when it starts, and labs asks here.
"""

import datetime
from collections.abc import Callable

from som.accounts.models import Person
from som.core import hooks

# (person, day) -> holds a board mandate on that day (None: today).
BoardCheck = Callable[[Person, datetime.date | None], bool]

_board_checks: list[BoardCheck] = []
hooks.expect(
    "som.accounts.roles: board checks",
    lambda: _board_checks,
    filled_by="GovernanceConfig.ready (som.governance)",
)


def register_board_check(check: BoardCheck) -> None:
    if check not in _board_checks:
        _board_checks.append(check)


def is_board_member(person: Person, on: datetime.date | None = None) -> bool:
    """Holds a board mandate on the day (today by default), by any registered check (none:
    nobody)."""
    return any(check(person, on) for check in _board_checks)
