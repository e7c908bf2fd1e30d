import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings

from som.demo import loader


class Command(BaseCommand):
    help = "Load a believable SOM year of demo data (once) and print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.IS_PRODUCTION:
            raise CommandError("Demo data can never be loaded when SOM_ENV=production.")
        if loader.is_loaded():
            self.stdout.write("Demo data is already loaded; keeping it (make demo-reset rebuilds).")
        else:
            # The demo's invitation mails go nowhere: nobody behind these addresses.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                loader.load()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(self._logins())

    def _logins(self) -> str:
        lines = [
            "",
            f"Demo logins (password for all: {loader.DEMO_PASSWORD}):",
        ]
        for login in loader.LOGINS:
            where = f" – {login.organisation}" if login.organisation else ""
            lines.append(f"  {login.role:<15} {login.email:<30} {login.full_name}{where}")
        lines += [
            "  The team member needs a two-factor code: run `make totp` in another terminal",
            f"  (or add the secret {loader.TEAM_TOTP_SECRET} to an authenticator app).",
            f"  Back office: http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/",
            "",
        ]
        return "\n".join(lines)
