"""What other apps add under a programme slot (the labs app: the proposals pitched in a slot).

Events sits below labs and cannot import it; labs registers a provider in AppConfig.ready()."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from som.core import hooks
from som.events.models import Event, ProgrammeItem


@dataclass(frozen=True)
class SlotLine:
    title: str
    text: str = ""


# provider(event, items) -> {programme item id: lines}; it may skip its query when no item is
# of a kind it cares about.
Provider = Callable[[Event, list[ProgrammeItem]], dict[int, list[SlotLine]]]
_providers: list[Provider] = []
hooks.expect(
    "som.events.programme: programme details",
    lambda: _providers,
    filled_by="LabsConfig.ready (the pitches of a network day)",
)


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def with_details(event: Event, items: Iterable[ProgrammeItem]) -> list[ProgrammeItem]:
    """The programme items, each with `details`: the lines the providers add under it."""
    result = list(items)
    lines: dict[int, list[SlotLine]] = {}
    for provider in _providers:
        for item_id, item_lines in provider(event, result).items():
            lines.setdefault(item_id, []).extend(item_lines)
    for item in result:
        item.details = lines.get(item.pk, [])  # type: ignore[attr-defined]
    return result
