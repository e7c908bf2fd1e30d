from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from som.membership import services
from som.membership.models import MembershipYear


class Command(BaseCommand):
    help = (
        "Create and mail next year's membership invoices for every active member. "
        "Safe to run again: nobody is renewed twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int, help="the membership year to renew into, e.g. 2027")

    def handle(self, *args: Any, year: int, **options: Any) -> None:
        if MembershipYear.objects.filter(year__gt=year).exists():
            raise CommandError(f"{year} lies before a year that already exists.")
        membership_year = services.open_year(year=year, by=None)
        renewed = services.renew_all(year=membership_year, by=None)
        self.stdout.write(f"{len(renewed)} membership(s) renewed into {year} and invoiced.")
