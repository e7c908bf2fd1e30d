from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from som.core import backups


class Command(BaseCommand):
    help = (
        "Back up the database and the media files into a new folder of SOM_BACKUP_DIR, with a "
        "manifest of checksums (django-dbbackup; encrypted for SOM_BACKUP_GPG_RECIPIENT when "
        "it is set). With --keep-daily/--keep-monthly, then delete the backups they let go "
        "(docs/deploy.md, 'Backups')."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--keep-daily",
            type=int,
            metavar="N",
            help="keep the newest backup of each of the last N days that have one",
        )
        parser.add_argument(
            "--keep-monthly",
            type=int,
            default=0,
            metavar="N",
            help="and of each of the last N months that have one",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(settings.SOM_BACKUP_DIR)
        try:
            folder = backups.create(root)
            self.stdout.write(f"Backed up into {folder}.")
            if options["keep_daily"] is not None:
                for path in backups.prune(
                    root, keep_daily=options["keep_daily"], keep_monthly=options["keep_monthly"]
                ):
                    self.stdout.write(f"Deleted {path}.")
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
