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
        # Team members are in Wagtail's "SOM-team" group from the moment they join the team.
        from som.accounts.team_changes import register_team_group
        from som.publishing.team_editors import team_group

        register_team_group(team_group)
        # A person's directory listing is in their data export and goes with their erasure.
        from som.core import personal_data
        from som.publishing import personal_data as publishing_data

        personal_data.register(
            "publishing", exporter=publishing_data.export, eraser=publishing_data.erase
        )


def _start_pages(*, using: str = "default", **kwargs: Any) -> None:
    from som.publishing.site_pages import ensure_site_pages

    ensure_site_pages(using=using)
