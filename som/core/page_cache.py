"""Whole public pages cached for anonymous visitors (PERFORMANCE.md G6).

A view opts in with `@cache_for_anonymous`. A GET from somebody who is not logged in and has no
message waiting is answered from the cache when the page is there; otherwise the view runs and
its answer is stored, unless it is personal in any way: a CSRF token was used (a form), a cookie
was set, or the status is not 200. The key is the full address, which also says the language.

Freshness: an entry lives at most `PAGE_SECONDS`, and `invalidate()` drops every entry at once by
changing the version that is part of each key. The pages live in each worker's memory (the
"pages" cache); the version lives in the shared cache, so one worker's invalidation reaches all.
Services call it (after their transaction commits) when they change what a public page shows:
an event, its programme or its free places, a lab and its published results.
"""

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse

PAGE_SECONDS = 300
_VERSION_KEY = "page-cache:version"
# Headers a cached page keeps; the middleware adds the rest (security headers, CSP) each time.
_KEPT_HEADERS = ("Content-Type", "Content-Language")

View = Callable[..., HttpResponse]


def cache_for_anonymous(view: View) -> View:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _may_use_cache(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        stored = caches["pages"].get(key)
        if stored is not None:
            return _response_from(stored)
        response = view(request, *args, **kwargs)
        if _may_store(request, response):
            caches["pages"].set(key, _stored(response), PAGE_SECONDS)
        return response

    return wrapped


def invalidate() -> None:
    """Forget every cached page, once the current transaction (if any) has committed: a page
    cached in between would otherwise keep what the transaction is about to change."""
    transaction.on_commit(_new_version)


def _new_version() -> None:
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:  # no version yet (or it expired): any new value will do
        cache.set(_VERSION_KEY, 1, None)


def version() -> int:
    """The current version: part of every key of a cached page (or fragment)."""
    return int(cache.get_or_set(_VERSION_KEY, 0, None) or 0)


def _may_use_cache(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or "messages" in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    # Messages kept in the session (the fallback storage) must be shown, not skipped.
    return not (session is not None and session.session_key and session.get("_messages"))


def _may_store(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.has_header("Cache-Control")
    )


def _key(request: HttpRequest) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page-cache:{version()}:{request.method}:{address}"


def _stored(response: HttpResponse) -> dict[str, Any]:
    return {
        "content": response.content,
        "headers": {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)},
    }


def _response_from(stored: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(stored["content"])
    for name, value in stored["headers"].items():
        response[name] = value
    return response
