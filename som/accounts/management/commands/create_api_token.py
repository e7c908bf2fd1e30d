from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from som.accounts import api_tokens
from som.accounts.models import Person


class Command(BaseCommand):
    help = "Create a personal API token for the person with this email and print it (once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="what the token is for")
        parser.add_argument(
            "--scope",
            action="append",
            dest="scopes",
            help="read, register, vote or checkin (repeat for more); every scope the person "
            "may use when left out",
        )
        parser.add_argument("--days", type=int, help="how long it works (default: a year)")

    def handle(
        self,
        *args: Any,
        email: str,
        name: str,
        scopes: list[str] | None,
        days: int | None,
        **options: Any,
    ) -> None:
        person = Person.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if person is None:
            raise CommandError(f"No active person with email {email}.")
        try:
            _token, secret = api_tokens.create_api_token(
                person=person, name=name, scopes=scopes, days=days
            )
        except api_tokens.ApiTokenError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(secret)
