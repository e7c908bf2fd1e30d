"""Count, in the database, what the check-in load did: for `make bench`'s correctness check."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Count

from som.core.models import AuditEntry
from som.events.models import Registration


class Command(BaseCommand):
    help = "Print, as JSON, the check-ins among the given ticket codes and any double check-in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--codes", required=True, help="file of the codes sent, one a line")

    def handle(self, *args: Any, **options: Any) -> None:
        codes = Path(options["codes"]).read_text().split()
        checked_in = 0
        for start in range(0, len(codes), 500):
            checked_in += Registration.objects.filter(
                ticket_code__in=codes[start : start + 500], checked_in_at__isnull=False
            ).count()
        doubles = (
            AuditEntry.objects.filter(action="registration.checked_in")
            .values("object_id")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .count()
        )
        self.stdout.write(
            json.dumps(
                {
                    "codes": len(codes),
                    "checked_in": checked_in,
                    "checked_in_total": Registration.objects.filter(
                        checked_in_at__isnull=False
                    ).count(),
                    "checked_in_twice": doubles,
                }
            )
        )
