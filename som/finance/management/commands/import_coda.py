from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from som.accounts.models import Person
from som.finance import services
from som.finance.coda import CodaError
from som.finance.models import Payment


class Command(BaseCommand):
    help = (
        "Import a CODA bank statement file: payments with the structured communication of an "
        "open invoice pay it; the rest is listed. A faulty file books nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--by", metavar="EMAIL", help="the team member who imports it")

    def handle(self, *args: Any, file: Path, by: str | None, **options: Any) -> None:
        person = None
        if by:
            person = Person.objects.filter(email__iexact=by, is_staff=True).first()
            if person is None:
                raise CommandError(f"No team member with the address {by}.")
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from None
        try:
            report = services.import_statement_file(data=data, file_name=file.name, by=person)
        except CodaError as error:
            raise CommandError(f"{file.name}: {error}") from None
        except services.FinanceError as error:
            raise CommandError(f"{file.name}: {error.message}") from None
        self._print(report)

    def _print(self, report: services.ImportReport) -> None:
        statement_import = report.statement_import
        self.stdout.write(
            f"{statement_import.file_name}: {statement_import.statements} statement(s); "
            f"paid {len(report.paid)}, amount differs {len(report.amount_differs)}, "
            f"unmatched {len(report.unmatched)}, booked before {report.already_booked}, "
            f"debits ignored {report.debits_ignored}."
        )
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"warning: {warning}"))
        for payment in report.amount_differs:
            self.stdout.write(f"amount differs: {self._line(payment)}")
        for payment in report.unmatched:
            self.stdout.write(f"unmatched: {self._line(payment)}")

    @staticmethod
    def _line(payment: Payment) -> str:
        invoice = payment.invoice
        against = f" for {invoice.number} (EUR {invoice.amount})" if invoice else ""
        who = payment.counterparty_name or payment.counterparty_account or "?"
        text = payment.communication or payment.structured_reference
        return f"{payment.booked_on} EUR {payment.amount}{against} from {who}: {text}"
