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
        keep_daily, keep_monthly = options["keep_daily"], options["keep_monthly"]
        if keep_daily is None and keep_monthly:
            raise CommandError("--keep-monthly goes with --keep-daily (1 or more).")
        if (keep_daily is not None and keep_daily < 1) or keep_monthly < 0:
            raise CommandError("Keep at least one daily backup, and no negative number of months.")
        root = Path(settings.SOM_BACKUP_DIR)
        try:
            folder = backups.create(root)
            self.stdout.write(f"Backed up into {folder}.")
            if keep_daily is not None:
                for path in backups.prune(root, keep_daily=keep_daily, keep_monthly=keep_monthly):
                    self.stdout.write(f"Deleted {path}.")
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        except OSError as error:  # the folder cannot be written: its owner, its disk
            raise CommandError(f"The backup failed: {error}") from None
