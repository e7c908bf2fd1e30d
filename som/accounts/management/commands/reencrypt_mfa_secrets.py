from typing import Any

from django.core.management.base import BaseCommand, CommandError

from som.accounts import mfa


class Command(BaseCommand):
    help = (
        "Re-encrypt every authenticator-app secret and recovery-code seed under the current "
        "MFA_ENCRYPTION_KEY (after a rotation; docs/deploy.md). Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            count = mfa.reencrypt_all()
        except mfa.MfaSecretError as error:
            raise CommandError(
                f"{error}. Put the old key in MFA_ENCRYPTION_KEY_FALLBACKS and run this again."
            ) from None
        self.stdout.write(f"{count} authenticator(s) re-encrypted under the current key.")
