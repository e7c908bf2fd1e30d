from typing import Any

from django.core.management.base import BaseCommand

from som.events.services import reconfirmation


class Command(BaseCommand):
    help = (
        "The no-show loop (som/events/services/reconfirmation.py): ask registrants to reconfirm, "
        "warn those who have not answered, release unconfirmed places to the waiting list at "
        "the deadline, and pass expired waiting-list offers on to the next in line, in that "
        "order. Run it every quarter of an hour: every step happens once per person."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = reconfirmation.run()
        self.stdout.write(
            f"{report.asked} asked to reconfirm, {report.warned} warned, "
            f"{report.released} released, {report.offers_expired} offer(s) expired."
        )
