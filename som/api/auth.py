from django.http import HttpRequest

from som.accounts.models import Person
from som.accounts.services import person_for_token


def caller(request: HttpRequest) -> Person | None:
    """Who is calling: the owner of a valid `Authorization: Bearer` token, the logged-in person,
    or nobody (None). An invalid token counts as nobody; endpoints that need a caller say 401."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return person_for_token(header.removeprefix("Bearer ").strip())
    user = getattr(request, "user", None)
    if isinstance(user, Person) and user.is_authenticated and user.is_active:
        return user
    return None
