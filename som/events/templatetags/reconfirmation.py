"""`{% place_request registration as pending %}`: what the person is asked to do about their
place (reconfirm it, or take the offered place), with the one-tap page's address."""

from dataclasses import dataclass

from django import template
from django.urls import reverse

from som.events.links import place_token
from som.events.models import Registration
from som.events.services import reconfirmation

register = template.Library()


@dataclass(frozen=True)
class PlaceRequest:
    kind: str
    until: object
    url: str


@register.simple_tag
def place_request(registration: Registration) -> PlaceRequest | None:
    pending = reconfirmation.pending_request(registration)
    if pending is None:
        return None
    url = reverse("events:place", kwargs={"token": place_token(registration)})
    return PlaceRequest(kind=pending.kind, until=pending.until, url=url)
