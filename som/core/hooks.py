"""The hand-written hook registries that must not stay empty.

Apps below register nothing about the apps above them; the apps above register functions in
the lower app's registry from their `AppConfig.ready()` (governance's board check in
som.accounts.roles, publishing's team group in som.accounts.team_changes, each app's personal
data in som.core.personal_data...). A registration that is forgotten (a moved function, a removed
line in `ready()`) used to make the registry do nothing, silently: nobody on the board, no
Wagtail group, an export without a section.

A registry's module says what it expects when it is imported:

    hooks.expect("som.accounts.roles: board checks", lambda: _board_checks,
                  filled_by="GovernanceConfig.ready (som.governance)")

and its own app's `ready()` imports it, so the expectation exists whatever else is installed.
The system check `som.core.checks.registries_filled` (id som.E001) reports every expected
registry that is still empty once every app is ready: `manage.py check`, `runserver`, `migrate`
and the test run stop on it.
"""

from collections.abc import Callable, Sized
from dataclasses import dataclass


@dataclass(frozen=True)
class Expected:
    registry: str  # what it is, for the error: "som.accounts.roles: board checks"
    entries: Callable[[], Sized | None]  # the registry's current entries (None: not set)
    filled_by: str  # where the registration belongs, for the hint

    def is_empty(self) -> bool:
        entries = self.entries()
        return entries is None or len(entries) == 0


_expected: dict[str, Expected] = {}


def expect(registry: str, entries: Callable[[], Sized | None], *, filled_by: str) -> None:
    """`registry` must hold an entry once every app is ready. Declared again (a module reloaded),
    the last declaration counts."""
    _expected[registry] = Expected(registry=registry, entries=entries, filled_by=filled_by)


def expected() -> list[Expected]:
    return sorted(_expected.values(), key=lambda item: item.registry)


def empty_registries() -> list[Expected]:
    return [item for item in expected() if item.is_empty()]
