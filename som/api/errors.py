"""The API's errors: one body for every 4xx, `{"detail": ..., "code": ...}` (and, for a request
that does not fit the operation's schema, `errors` saying where), as every operation declares
it (`answers`). `detail` is for people, in the caller's language; `code` is for programs."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from som.api.schemas import ProblemOut

# The code of an HttpError raised without one.
CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    422: "invalid_request",
}


class ApiError(HttpError):
    def __init__(self, status_code: int, message: str, code: str | None = None) -> None:
        super().__init__(status_code, message)
        self.code = code or CODES.get(status_code, "error")


def answers(success: dict[int, Any], *statuses: int, problem: Any = ProblemOut) -> dict[int, Any]:
    """An operation's `response`: its success, and the problems every operation can answer
    (400 a NUL character, from som.core.middleware.BadInputMiddleware; 401 a wrong key or
    nobody; 403 a key without the scope; 422 a request that does not fit), with its own
    (`statuses`)."""
    return success | {status: problem for status in sorted({400, 401, 403, 422, *statuses})}


def _where(location: Any) -> str:
    return ".".join(str(part) for part in location)


def install(api: NinjaAPI) -> None:
    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        code = getattr(error, "code", None) or CODES.get(error.status_code, "error")
        detail = str(error)
        if error.status_code == 400 and not isinstance(error, ApiError):
            detail = _("The body of the request is not valid JSON.")  # ninja's parser said so
        response = api.create_response(
            request, {"detail": detail, "code": code}, status=error.status_code
        )
        if error.status_code == 401:
            response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
        body = {
            "detail": _("There is nothing here, or it is not yours to see."),
            "code": "not_found",
        }
        return api.create_response(request, body, status=404)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
        errors = [
            {"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in error.errors
        ]
        summary = "; ".join(f"{_where(e['loc'])}: {e['msg']}" for e in errors[:5])
        body = {
            "detail": _("The request does not fit this operation: %(errors)s")
            % {"errors": summary},
            "code": "invalid_request",
            "errors": errors,
        }
        return api.create_response(request, body, status=422)
