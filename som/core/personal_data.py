"""What each app knows about a person, for the GDPR export and erasure.

Apps higher up the dependency chain (network, membership, events, ...) know things about a person
that `accounts` cannot import. Each app registers an exporter (and, when it holds data that must go
on erasure, an eraser) in its AppConfig.ready(); accounts asks them all.
"""

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], dict[str, Any]]
Eraser = Callable[[Any], None]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}


def register(section: str, *, exporter: Exporter, eraser: Eraser | None = None) -> None:
    _exporters[section] = exporter
    if eraser is not None:
        _erasers[section] = eraser


def export_sections(person: Any) -> dict[str, Any]:
    return {section: exporter(person) for section, exporter in sorted(_exporters.items())}


def erase_everywhere(person: Any) -> None:
    for _section, eraser in sorted(_erasers.items()):
        eraser(person)
