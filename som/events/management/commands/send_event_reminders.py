from typing import Any

from django.core.management.base import BaseCommand

from som.events import services


class Command(BaseCommand):
    help = (
        'Mail the reminder (with the "I can\'t come after all" link) to everybody registered '
        "for an event in the next two days. Run it hourly or daily: nobody is reminded twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.send_reminders()
        self.stdout.write(f"{count} reminder(s) sent.")
