"""The public lab pages' content, from the cache (PERFORMANCE.md G6).

Two layers. Anonymous visitors get whole pages from som.core.page_cache. For logged-in members,
whose pages carry personal links, the page's main content (everything but the header, the footer
and those links) is the same for everybody, so it is rendered once per language and address and
kept in the cache here.

Every key carries a version number; a service that changes what the public pages show calls
`invalidate()`, which moves this version on and forgets the anonymous pages too (an event's page
shows the pitches and results of labs), so a stale page is never served again.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.utils import translation

from som.core import page_cache

VERSION_KEY = "labs:public:version"
TIMEOUT = 600


def version() -> int:
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, 1, None)
        current = cache.get(VERSION_KEY, 1)
    return int(current)


def invalidate() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)
    page_cache.invalidate()


def fragment(name: str, build: Callable[[], str]) -> str:
    """The cached HTML named `name` (the page and its validated filters, never the raw query
    string) in the current language, built and kept when missing."""
    key = f"labs:page:{version()}:{translation.get_language()}:{name}"
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, TIMEOUT)
    return str(html)
