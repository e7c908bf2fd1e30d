"""Who is calling the API, and may they do this operation.

Every operation is guarded by `ApiCaller(scope)` (the API's default is `read`; writes name their
own). A Bearer token must be valid (401 otherwise, also on public operations: a wrong key is
said, not ignored) and carry the operation's scope (403 `insufficient_scope`); a team member's
token is audited as it is used (som.accounts.api_tokens.record_use). Without a token, the
logged-in person of the session or nobody: each operation decides what nobody may see."""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from som.accounts import api_tokens
from som.accounts.models import ApiToken, Person
from som.api.errors import ApiError


@dataclass(frozen=True)
class Caller:
    """The person calling (None: nobody) and whether they came with a token."""

    person: Person | None
    by_token: bool


class ApiCaller:
    """A ninja auth callback that always lets the request through to the operation (which says
    401 where it needs somebody) unless a token is wrong or lacks the scope."""

    openapi_security_schema = {
        "type": "http",
        "scheme": "bearer",
        "description": "A personal API key (Mijn SOM, API keys), with the scopes it was given: "
        "`read`, `register`, `vote`, `checkin`. Public operations need no key.",
    }

    def __init__(self, scope: str = ApiToken.Scope.READ) -> None:
        self.scope = scope

    def __call__(self, request: HttpRequest) -> Caller:
        header = request.headers.get("Authorization", "")
        if header[:7].lower() == "bearer ":
            holder = api_tokens.token_holder(header[7:].strip())
            if holder is None:
                raise ApiError(
                    401, _("This API key is unknown, expired or revoked."), "invalid_token"
                )
            if self.scope not in holder.scopes:
                raise ApiError(
                    403,
                    _("This API key may not do this: it needs the scope “%(scope)s”.")
                    % {"scope": self.scope},
                    "insufficient_scope",
                )
            api_tokens.record_use(holder=holder, operation=_operation(request))
            return Caller(holder.person, by_token=True)
        user = getattr(request, "user", None)
        if isinstance(user, Person) and user.is_authenticated and user.is_active:
            return Caller(user, by_token=False)
        return Caller(None, by_token=False)


def _operation(request: HttpRequest) -> str:
    match = request.resolver_match
    return f"{request.method} /{match.route if match else request.path_info.lstrip('/')}"


def caller(request: HttpRequest) -> Person | None:
    """Who is calling: the owner of the valid token, the logged-in person, or nobody (None)."""
    found: Any = getattr(request, "auth", None)
    return found.person if isinstance(found, Caller) else None


def came_with_token(request: HttpRequest) -> bool:
    found: Any = getattr(request, "auth", None)
    return isinstance(found, Caller) and found.by_token
