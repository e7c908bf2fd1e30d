from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from som.network import importing


class Command(BaseCommand):
    help = (
        "Create or update organisations from a CSV file (UTF-8, ',' or ';'). Columns: name, and "
        "any of level_hint, kind, instellingsnummer, enterprise_number, network, sector, levels, "
        "street, postal_code, city, website, email_domains."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--strict", action="store_true", help="Write nothing at all when a row is invalid."
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, but write nothing.")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language of the report.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            self._import(options)

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        try:
            report = importing.import_organisations(
                importing.read_csv(path), strict=options["strict"], dry_run=options["dry_run"]
            )
        except FileNotFoundError:
            raise CommandError(_("There is no file %(path)s.") % {"path": path}) from None
        except importing.ImportFileError as error:
            raise CommandError(error.message) from None
        if options["verbosity"] > 0 or report.skipped:
            self._print(report)
        if not report.written and not options["dry_run"]:
            raise CommandError(_("Nothing was written: the file has invalid rows (--strict)."))

    def _print(self, report: importing.ImportReport) -> None:
        for column in report.ignored_columns:
            self.stderr.write(
                _("Column “%(column)s” is not known and was ignored.") % {"column": column}
            )
        for skipped in report.skipped:
            self.stderr.write(str(skipped))
        if not report.written:
            self.stdout.write(_("Nothing was written; this is what would have happened:"))
        self.stdout.write(report.summary())
