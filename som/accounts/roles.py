"""Roles decided by apps above accounts, asked for by apps beside them.

Who sits on the board is governance's business (a board mandate on the day); labs needs to know
it when the board confirms a selection, but labs and governance may not import each other. So
governance registers its check here when it starts, and labs asks here.
"""

from collections.abc import Callable

from som.accounts.models import Person

BoardCheck = Callable[[Person], bool]

_board_checks: list[BoardCheck] = []


def register_board_check(check: BoardCheck) -> None:
    if check not in _board_checks:
        _board_checks.append(check)


def is_board_member(person: Person) -> bool:
    """Holds a board mandate today, by any registered check (none: nobody)."""
    return any(check(person) for check in _board_checks)
