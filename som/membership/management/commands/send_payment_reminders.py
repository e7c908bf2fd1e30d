import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from som.membership import services


class Command(BaseCommand):
    help = (
        "Remind the holders of unpaid membership invoices (twice at most) and let memberships "
        "lapse after the grace period. Run it daily (cron or a scheduled task)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args: Any, today: datetime.date | None, **options: Any) -> None:
        done = services.send_reminders_and_lapse(today=today or timezone.localdate())
        self.stdout.write(
            "First reminders: {first_reminder}, second reminders: {second_reminder}, "
            "lapsed: {lapsed}.".format(**done)
        )
