"""The public lab pages' content, from the cache (PERFORMANCE.md G6).

Two layers. Anonymous visitors get whole pages from som.core.page_cache. For logged-in members,
whose pages carry personal links, the page's main content (everything but the header, the footer
and those links) is the same for everybody, so it is rendered once per language and address and
kept in the cache here.

Every key carries the page cache's version; a service that changes what the public pages show
calls `invalidate()`, which moves it on after commit and so forgets the anonymous pages too (an
event's page shows the pitches and results of labs): a stale page is never served again.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.utils import translation

from som.core import page_cache

TIMEOUT = 600


def invalidate() -> None:
    """Forget the members' fragments and the anonymous pages: one version for both, moved on
    once the current transaction has committed (som.core.page_cache.invalidate)."""
    page_cache.invalidate()


def fragment(name: str, build: Callable[[], str]) -> str:
    """The cached HTML named `name` (the page and its validated filters, never the raw query
    string) in the current language, built and kept when missing."""
    key = f"labs:page:{page_cache.version()}:{translation.get_language()}:{name}"
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, TIMEOUT)
    return str(html)
