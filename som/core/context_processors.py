from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "team_email": settings.SOM_TEAM_EMAIL,
        "team_phone": settings.SOM_TEAM_PHONE,
        "som_env": settings.SOM_ENV,
    }
