"""The public lab pages' freshness (PERFORMANCE.md G6).

Anonymous visitors get whole pages from som.core.page_cache; logged-in members get the pages'
main content from `page_cache.fragment`. Both carry the page cache's version: a service that
changes what the public pages show calls `invalidate()`, which moves it on after commit (an
event's page shows the pitches and results of labs too): a stale page is never served again.
"""

from som.core import page_cache


def invalidate() -> None:
    """Forget the members' fragments and the anonymous pages: one version for both, moved on
    once the current transaction has committed (som.core.page_cache.invalidate)."""
    page_cache.invalidate()
