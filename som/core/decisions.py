"""Decisions taken outside a meeting, for the register of decisions.

The register is governance's (the voted items of closed meetings), but the board also decides
in apps beside it: it confirms the selection of labs in som.labs. Labs and governance may not
import each other, so such an app registers a source here when it starts, and the register asks
here (the pattern of som.accounts.roles' board check).

A source reads its own rows and returns them as `Decision`s in the active language: the register
stores nothing of its own.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from som.core import hooks


@dataclass(frozen=True)
class Decision:
    """A decision confirmed outside a meeting, in the reader's language."""

    decided_at: datetime.datetime
    title: str  # what was decided on
    text: str  # the decision itself
    kind: str  # e.g. "Selection of labs"
    body: str  # whose decision, e.g. "Board"
    confirmed_by: tuple[str, ...]  # the names of who confirmed it
    note: str = ""
    url: str = ""  # where to read more, if the reader may


# search term ("" for all) -> the source's decisions matching it.
Source = Callable[[str], list[Decision]]

_sources: list[Source] = []
hooks.expect(
    "som.core.decisions: sources", lambda: _sources, filled_by="LabsConfig.ready (som.labs)"
)


def register(source: Source) -> None:
    if source not in _sources:
        _sources.append(source)


def other_decisions(search: str = "") -> list[Decision]:
    """Every registered source's decisions, newest first."""
    found = [decision for source in _sources for decision in source(search)]
    return sorted(found, key=lambda decision: decision.decided_at, reverse=True)
