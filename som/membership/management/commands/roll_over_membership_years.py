import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from som.membership.services import rollover


class Command(BaseCommand):
    help = (
        "Run daily (cron or a systemd timer): from the day the settings name, open next year's "
        "membership year; from the renewal day, renew every active member into it and mail the "
        "invoices, before the year starts. Prints nothing when there was nothing to do; safe to "
        "run twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args: Any, today: datetime.date | None, **options: Any) -> None:
        done = rollover.roll_over(today=today or timezone.localdate())
        for year in done.opened:
            self.stdout.write(f"Membership year {year.year} opened.")
        if done.renewed:
            self.stdout.write(f"{len(done.renewed)} membership(s) renewed and invoiced.")
