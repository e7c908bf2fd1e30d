from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PublishingConfig(AppConfig):
    name = "som.publishing"
    label = "publishing"

    def ready(self) -> None:
        # After `migrate` (a new install, an upgrade, a test database, a flush): the start
        # pages that are missing, with the schema as it is now (som/publishing/site_pages.py).
        post_migrate.connect(_start_pages, sender=self)
        from som.core.context_processors import register_page_links
        from som.publishing import selectors, signals  # noqa: F401 (the signals' receivers)

        register_page_links(selectors.page_links)


def _start_pages(*, using: str = "default", **kwargs: Any) -> None:
    from som.publishing.site_pages import ensure_site_pages

    ensure_site_pages(using=using)
