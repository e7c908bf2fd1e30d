import datetime
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from som.events.models import Event

_numbers = itertools.count(1)


def make_event(**overrides: Any) -> Event:
    n = next(_numbers)
    starts = timezone.now() + datetime.timedelta(days=30)
    fields: dict[str, Any] = {
        "kind": Event.Kind.NETWORK_DAY,
        "title": f"SOM-netwerkdag {n}",
        "slug": f"som-netwerkdag-{n}",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=6),
        "venue_name": "Romaanse Poort",
        "venue_address": "Brusselsestraat 63, 3000 Leuven",
        "capacity": 100,
        "audience": Event.Audience.EVERYBODY,
        "price": Decimal("0"),
        "is_published": True,
    }
    fields.update(overrides)
    return Event.objects.create(**fields)
