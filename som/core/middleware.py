"""Requests that no view should see, answered early with a clear 4xx in the reader's language
(a page, or under /api/ the API's `{detail, code}`):

- 400 when the address, the query or the form data holds a NUL character (%00, or \\u0000 in a
  JSON body). PostgreSQL cannot store or compare one: the ticket page, the door's search and the
  API's queries answered 500. Django's form fields refuse NUL too, but not every input goes
  through a form.
- 413 when the body is larger than the limits (som/core/uploads.py): it is refused before or
  while it arrives.

It runs after LocaleMiddleware (the answer is in the page's language) and reads the form data
before any view, so an upload that is too large never reaches one."""

import re
from collections.abc import Callable, Iterable

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from som.core.uploads import max_upload_bytes

NUL = "\x00"
# A JSON string escape for NUL: \u0000 after an even number of backslashes (\\u0000 is a
# backslash followed by the text "u0000", which is harmless).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
_FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


def _holds_nul(pairs: Iterable[tuple[str, list[str]]]) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in pairs)


class BadInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            if self._holds_nul(request):
                return self._refuse(
                    request,
                    400,
                    "nul_byte",
                    _("Bad request"),
                    _(
                        "The address or the form holds a character that cannot be read (a NUL "
                        "character, often from copying and pasting). Type it again, or go back "
                        "and try once more."
                    ),
                )
        except RequestDataTooBig:
            limit = max_upload_bytes() // (1024 * 1024)
            return self._refuse(
                request,
                413,
                "too_large",
                _("This is too large to send"),
                _(
                    "What you sent is larger than the %(limit)d MB one page can take. Send "
                    "smaller files, or fewer at a time."
                )
                % {"limit": limit},
            )
        return self.get_response(request)

    @staticmethod
    def _holds_nul(request: HttpRequest) -> bool:
        if NUL in request.path_info or _holds_nul(request.GET.lists()):
            return True
        if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
            return False
        content_type = request.content_type or ""
        if content_type in _FORMS:
            return _holds_nul(request.POST.lists())
        if content_type == "application/json" or content_type.endswith("+json"):
            return bool(_JSON_NUL.search(request.body))
        return False

    @staticmethod
    def _refuse(
        request: HttpRequest, status: int, code: str, title: str, text: str
    ) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": text, "code": code}, status=status)
        page = render_to_string("_error_page.html", {"error_title": title, "error_text": text})
        return HttpResponse(page, status=status)
