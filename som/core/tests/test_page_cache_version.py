"""The page cache's version (som/core/page_cache.py): read from the shared cache once per
request, always afresh outside a request, and moved on by an invalidation at once."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from som.core import page_cache
from som.events.tests.factories import make_event

pytestmark = pytest.mark.django_db


def test_a_page_reads_the_shared_version_once(client, monkeypatch):
    event = make_event(title="Netwerkdag met vier fragmenten")
    reads = []
    real = cache.get_or_set

    def counted(key, *args, **kwargs):
        if key == page_cache._VERSION_KEY:
            reads.append(key)
        return real(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get_or_set", counted)
    visitor = client
    visitor.cookies["sessionid"] = "a-session-of-their-own"  # rendered, not from the page cache
    assert visitor.get(reverse("events:detail", kwargs={"slug": event.slug})).status_code == 200
    assert len(reads) == 1


def test_outside_a_request_another_workers_invalidation_is_seen_at_once():
    before = page_cache.version()
    cache.set(page_cache._VERSION_KEY, before + 5, None)  # as another process would
    assert page_cache.version() == before + 5


def test_an_invalidation_in_this_process_moves_the_version_on(django_capture_on_commit_callbacks):
    before = page_cache.version()
    with django_capture_on_commit_callbacks(execute=True):
        page_cache.invalidate()
    assert page_cache.version() != before
