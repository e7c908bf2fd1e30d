"""Links other apps add to an event's page for the team: the labs app adds the selection vote of
each call pitched at a network day. Events sits below labs and cannot import it; labs registers
a provider in AppConfig.ready(). Asked only for the team, so other members' pages cost nothing."""

from collections.abc import Callable
from dataclasses import dataclass

from som.core import hooks
from som.events.models import Event


@dataclass(frozen=True)
class TeamLink:
    label: str
    url: str


Provider = Callable[[Event], list[TeamLink]]
_providers: list[Provider] = []
hooks.expect(
    "som.events.team_links: team links",
    lambda: _providers,
    filled_by="LabsConfig.ready (the selection's pages of a network day)",
)


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def for_event(event: Event) -> list[TeamLink]:
    return [link for provider in _providers for link in provider(event)]
