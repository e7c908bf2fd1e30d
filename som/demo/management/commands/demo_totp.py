from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from som.accounts.services import current_totp_code
from som.demo import loader


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo team member."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.IS_PRODUCTION:
            raise CommandError("There is no demo team member in production.")
        self.stdout.write(current_totp_code(loader.TEAM_TOTP_SECRET))
