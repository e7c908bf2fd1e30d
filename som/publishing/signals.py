"""A published, unpublished, moved or deleted page changes what anonymous visitors see and where
the menu points: the page cache starts a new version (som.core.page_cache)."""

from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from som.core import page_cache


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def _pages_changed(**kwargs: Any) -> None:
    page_cache.invalidate()


@receiver(post_delete)
def _page_deleted(sender: type, **kwargs: Any) -> None:
    if issubclass(sender, Page):
        page_cache.invalidate()


# What the consent register needs from the site (where a consent is used, what its revocation
# takes down), the upload's safety net, and the admin's checks before publishing: registered here,
# as this module is imported when Django starts (apps.py).
from som.publishing import consent_effects, image_hooks  # noqa: E402, F401
