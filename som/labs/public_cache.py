"""The public lab pages' content, from the cache (PERFORMANCE.md G6).

The page's main content (everything but the header, the footer and personal links) is the same
for every visitor, so it is rendered once per language and address and kept in the cache. Whole
responses are not cached: base.html carries CSRF tokens (the language switch).

Every key carries a version number; a service that changes what the public pages show calls
`invalidate()`, which moves the version on, so a stale page is never served again.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.utils import translation

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


def fragment(name: str, build: Callable[[], str]) -> str:
    """The cached HTML named `name` (the page and its validated filters, never the raw query
    string) in the current language, built and kept when missing."""
    key = f"labs:page:{version()}:{translation.get_language()}:{name}"
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, TIMEOUT)
    return str(html)
