from typing import Any

from django.core.management.base import BaseCommand

from som.events.services import follow_up


class Command(BaseCommand):
    help = (
        "The day after an event: mail a thank-you (with the materials) to those who came and a "
        '"we missed you" (with the next events) to those who had a place and did not. Run it '
        "daily: every event and every person is mailed once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = follow_up.send_follow_ups()
        self.stdout.write(f"{count} mail(s) after events queued.")
