from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from som.accounts import services
from som.accounts.models import Person


class Command(BaseCommand):
    help = "Create a personal API token for the person with this email and print it (once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="what the token is for")

    def handle(self, *args: Any, email: str, name: str, **options: Any) -> None:
        person = Person.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if person is None:
            raise CommandError(f"No active person with email {email}.")
        _token, secret = services.create_api_token(person=person, name=name)
        self.stdout.write(secret)
