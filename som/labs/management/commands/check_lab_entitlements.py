"""Daily: tell the leads and the team about lab members whose basis lapsed (once per lapse)."""

from typing import Any

from django.core.management.base import BaseCommand

from som.labs.services.labs import report_lapsed_entitlements


class Command(BaseCommand):
    help = "Mail the leads and the team about lab members whose membership no longer counts."

    def handle(self, *args: Any, **options: Any) -> None:
        reported = report_lapsed_entitlements()
        if options["verbosity"]:
            self.stdout.write(f"{len(reported)} lapsed lab membership(s) reported.")
