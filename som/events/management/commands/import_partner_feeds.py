from typing import Any

from django.core.management.base import BaseCommand

from som.events.services import partner_feeds


class Command(BaseCommand):
    help = (
        "Read every active partner's iCal feed and bring its coming items into the calendar "
        "(new, changed and cancelled items; waiting for the team unless the feed is trusted). "
        "A feed that cannot be read keeps its error for the team's page and changes nothing. "
        "Run it every 6 hours."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for feed, result in partner_feeds.import_active_feeds():
            if result.error:
                self.stderr.write(f"{feed.organisation}: {result.error}")
            else:
                self.stdout.write(
                    f"{feed.organisation}: {len(result.created)} new, {len(result.updated)} "
                    f"changed, {len(result.withdrawn)} taken off the calendar."
                )
