"""Whole public pages cached for anonymous visitors (PERFORMANCE.md G6).

A view opts in with `@cache_for_anonymous`; `PageCacheMiddleware` does the rest. It sits right
after the security middlewares (CSP included), so a page from the cache skips the session, the
locale, CSRF and the user altogether. A GET from a visitor without a session (nobody logged in)
and without a message waiting is answered from the cache when the page is there (unless a hard
reload asks for a fresh one); otherwise it goes through, and an opted-in view's answer is
stored with the headers the inner middlewares gave it, unless it is personal in any way: a CSRF
token was used (a form), a cookie was set, or the status is not 200. The key is the full
address, which also says the language.

Logged-in members get no whole page from the cache (it carries their name and their links), but
the main content of a public page is the same for everybody who may see it: `fragment()` keeps
that part, rendered once per address and language, in each process's memory as the pages are.

Freshness: an entry lives at most `PAGE_SECONDS`, and `invalidate()` drops every entry at once by
changing the version that is part of each key. The pages live in each worker's memory (the
"pages" cache); the version lives in the shared cache, so one worker's invalidation reaches all.
Services call it (after their transaction commits) when they change what a public page shows:
an event, its programme or its free places, a lab and its published results. The fragments carry
the same version, so they go with the pages.
"""

import hashlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import cache, caches
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import translation

PAGE_SECONDS = 300
FRAGMENT_SECONDS = 600
_VERSION_KEY = "page-cache:version"

View = Callable[..., HttpResponse]
T = TypeVar("T")
_MISSING = object()
# The version as the request this thread serves read it (None outside a request: a command or a
# task always reads the shared cache).
_this_request = threading.local()


def cache_for_anonymous(view: View) -> View:
    """Mark `view`'s pages as the same for every anonymous visitor (the middleware caches them)."""
    view.cache_for_anonymous = True  # type: ignore[attr-defined]
    return view


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _key(request)
        stored = None if _asks_for_a_fresh_page(request) else caches["pages"].get(key)
        if stored is not None:
            return _response_from(stored)
        response = self.get_response(request)
        if _may_store(request, response):
            caches["pages"].set(key, _stored(response), PAGE_SECONDS)
        return response


def fragment(name: str, build: Callable[[], str]) -> str:
    """The cached HTML named `name` in the current language, built and kept when missing.
    `name` says the page and its validated filters (never the raw query string); `build` renders
    what every visitor allowed on the page sees, nothing personal."""
    return str(kept(name, build))


def kept(name: str, build: Callable[[], T]) -> T:
    """What `build` returns (HTML, or the rows a public page shows), kept as the fragments are:
    per language, until the next `invalidate()` or for `FRAGMENT_SECONDS`. None is kept too (an
    address that shows nothing is not looked up again either)."""
    key = f"page-cache:fragment:{version()}:{translation.get_language()}:{name}"
    value = caches["pages"].get(key, _MISSING)
    if value is _MISSING:
        value = build()
        caches["pages"].set(key, value, FRAGMENT_SECONDS)
    return cast(T, value)


def invalidate() -> None:
    """Forget every cached page, once the current transaction (if any) has committed: a page
    cached in between would otherwise keep what the transaction is about to change."""
    transaction.on_commit(_new_version)


def _new_version() -> None:
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:  # no version yet (or it expired): any new value will do
        cache.set(_VERSION_KEY, 1, None)
    _forget_version()


def version() -> int:
    """The current version: part of every key of a cached page (or fragment). Read from the
    shared cache once per request (a page with four fragments would read it four times)."""
    known = getattr(_this_request, "version", None)
    if known is None:
        known = int(cache.get_or_set(_VERSION_KEY, 0, None) or 0)
        if getattr(_this_request, "serving", False):
            _this_request.version = known
    return known


@receiver(request_started)
def _request_started(**kwargs: Any) -> None:
    _this_request.serving = True
    _this_request.version = None


@receiver(request_finished)
def _request_finished(**kwargs: Any) -> None:
    _this_request.serving = False
    _this_request.version = None


def _forget_version() -> None:
    _this_request.version = None


def _may_use_cache(request: HttpRequest) -> bool:
    """A GET (or HEAD) without a session cookie, so from nobody logged in and with no message
    waiting in a session, and without a message waiting in its own cookie."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _asks_for_a_fresh_page(request: HttpRequest) -> bool:
    """A hard reload (browsers send `Cache-Control: no-cache`): the page is rendered again, and
    the fresh one replaces the stored one. It costs what any new address in the query string
    costs, so it opens no cheaper way around the cache."""
    return "no-cache" in request.headers.get("Cache-Control", "")


def _may_store(request: HttpRequest, response: HttpResponse) -> bool:
    match = request.resolver_match
    return (
        match is not None
        and getattr(match.func, "cache_for_anonymous", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.has_header("Cache-Control")
    )


def _key(request: HttpRequest) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page-cache:{version()}:{request.method}:{address}"


def _stored(response: HttpResponse) -> dict[str, Any]:
    # The inner middlewares' headers (Content-Language, Vary, X-Frame-Options) are kept; the
    # outer ones (security headers, CSP) add theirs to every answer, cached or not.
    return {"content": response.content, "headers": dict(response.items())}


def _response_from(stored: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(stored["content"])
    for name, value in stored["headers"].items():
        response[name] = value
    return response
