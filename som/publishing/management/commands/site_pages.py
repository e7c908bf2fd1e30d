from typing import Any

from django.core.management.base import BaseCommand

from som.publishing.site_pages import ensure_site_pages


class Command(BaseCommand):
    help = "Make the site's start pages (home, about, join, ...) that do not exist yet, in Dutch and English."

    def handle(self, *args: Any, **options: Any) -> None:
        home = ensure_site_pages()
        self.stdout.write(f"Site pages ready under '{home.title}'.")
