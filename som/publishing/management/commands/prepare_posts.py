from typing import Any

from django.core.management.base import BaseCommand

from som.publishing.sharing import prepare_posts


class Command(BaseCommand):
    help = (
        "Prepare a LinkedIn post for every public story, portrait, coming event and lab result "
        "that has none yet (the team's to-post list; opening the list does it too)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        written = prepare_posts()
        self.stdout.write(f"{written} post(s) prepared.")
