import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from som.core import backups


class Command(BaseCommand):
    help = (
        "Restore a backup folder made by `manage.py backup` into an empty database and media "
        "folder, after checking every file against its manifest; nothing changes when a "
        "checksum differs. An encrypted backup needs the private key in the GPG keyring; its "
        "passphrase comes from SOM_BACKUP_GPG_PASSPHRASE or is asked for."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", nargs="?", help="the backup folder")
        parser.add_argument(
            "--latest", action="store_true", help="the newest complete backup in SOM_BACKUP_DIR"
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="only check the files against the manifest, restore nothing",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database and media folder that are not empty",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="the database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        if bool(options["folder"]) == options["latest"]:
            raise CommandError("Name a backup folder, or say --latest (not both).")
        try:
            folder = (
                backups.latest(Path(settings.SOM_BACKUP_DIR))
                if options["latest"]
                else Path(options["folder"])
            )
            if options["check"]:
                backups.verify(folder)
                self.stdout.write(f"{folder} matches its manifest.")
                return
            backups.restore(
                folder,
                database=options["database"],
                replace=options["replace"],
                passphrase=os.environ.get("SOM_BACKUP_GPG_PASSPHRASE") or None,
            )
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored {folder}.")
