from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test import override_settings

from som.demo import loader


class Command(BaseCommand):
    help = "Load a believable SOM year of demo data (once) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-logins",
            action="store_true",
            help="Do not print the logins (`make demo`: the server prints them when it starts).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.IS_PRODUCTION:
            raise CommandError("Demo data can never be loaded when SOM_ENV=production.")
        if loader.is_loaded():
            self.stdout.write("Demo data is already loaded; keeping it (make demo-reset rebuilds).")
        else:
            self.stdout.write("Building the demo data (a minute or two)...")
            # The demo's mails go to its mailbox (/demo/mail/), whatever the environment:
            # nobody is behind these addresses.
            with override_settings(EMAIL_BACKEND="som.demo.mailbox.EmailBackend"):
                loader.load()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if not options["no_logins"]:
            self.stdout.write(loader.logins_text(settings.SITE_URL))
