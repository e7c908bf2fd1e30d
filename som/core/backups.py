"""Backups that have been restored: django-dbbackup's dump and media archive, with a manifest.

A backup is one folder in SOM_BACKUP_DIR, named after its local time (`2026-12-07-031500`):

    database.psql.bin.gz[.gpg]            dbbackup's dump (PostgreSQL: pg_dump's custom format;
                                          SQLite: a copy by the online backup API)
    database.psql.bin.gz[.gpg].metadata   dbbackup's note of the engine and the connector
    media.tar.gz[.gpg]                    mediabackup's archive of MEDIA_ROOT
    manifest.json                         every file's name, size and SHA-256, written last

It is written as `<name>.partial` and renamed once the manifest is in it: a folder without the
suffix is complete. `restore` changes nothing before every checksum matches, and only restores
into an empty database and media folder unless told to replace them.

The checksums find a damaged or incomplete copy (a disk, a transfer, a truncated upload); they
are no signature: whoever can rewrite the files can rewrite the manifest. The encryption (GPG's
integrity check) and an off-site copy the server cannot overwrite guard against that
(docs/deploy.md, "Backups").
"""

import contextlib
import datetime
import hashlib
import json
import re
import shutil
import sqlite3
import tarfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from tempfile import NamedTemporaryFile
from typing import IO, Any

from dbbackup import settings as dbbackup_settings
from dbbackup.db.base import get_connector
from dbbackup.db.exceptions import CommandConnectorError
from dbbackup.db.sqlite import SqliteBackupConnector
from dbbackup.utils import DecryptionError, EncryptionError
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import SuspiciousFileOperation
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.utils import timezone

MANIFEST = "manifest.json"
FORMAT = 1
FOLDER_FORMAT = "%Y-%m-%d-%H%M%S"
FOLDER_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-\d{6}$")
PARTIAL = ".partial"
# A `.partial` folder this old is what a killed run left behind (a run takes minutes).
ABANDONED_AFTER = datetime.timedelta(hours=6)
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class BackupError(Exception):
    """A backup that cannot be made, trusted or restored; the message says why and what to do."""


@dataclass(frozen=True)
class FileEntry:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    created_at: str
    engine: str
    database: str
    media: str
    compressed: bool
    encrypted: bool
    files: tuple[FileEntry, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "created_at": self.created_at,
            "engine": self.engine,
            "database": self.database,
            "media": self.media,
            "compressed": self.compressed,
            "encrypted": self.encrypted,
            "files": [vars(entry) for entry in self.files],
        }


# --- Making one -----------------------------------------------------------------------------------


def create(
    root: Path, *, database: str = DEFAULT_DB_ALIAS, now: datetime.datetime | None = None
) -> Path:
    """Back up the database, then the media files (a file uploaded in between is in the archive
    without its row, never a row without its file), then write the manifest."""
    created_at = timezone.localtime(now)
    name = created_at.strftime(FOLDER_FORMAT)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    final, partial = root / name, root / f"{name}{PARTIAL}"
    if final.exists() or partial.exists():
        raise BackupError(f"{final} exists already: start the next backup a second later.")
    partial.mkdir(mode=0o700)  # personal data: only the user who runs the backups reads it
    try:
        manifest = _write_files(partial, database=database, created_at=created_at)
        _write_json(partial / MANIFEST, manifest.as_json())
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def _write_files(folder: Path, *, database: str, created_at: datetime.datetime) -> Manifest:
    connector = get_connector(database)
    encrypted = bool(dbbackup_settings.GPG_RECIPIENT)
    suffix = ".gz.gpg" if encrypted else ".gz"
    dump, media = f"database.{connector.extension}{suffix}", f"media.tar{suffix}"
    options = {"compress": True, "encrypt": encrypted, "interactive": False, "verbosity": 0}
    # mediabackup lists MEDIA_ROOT, which a new install has not made yet.
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    try:
        call_command("dbbackup", database=database, output_path=str(folder / dump), **options)
        call_command("mediabackup", output_path=str(folder / media), **options)
    except (CommandConnectorError, EncryptionError) as error:
        raise BackupError(f"The backup failed: {error}") from error
    return Manifest(
        created_at=created_at.isoformat(),
        engine=connections[database].settings_dict["ENGINE"],
        database=dump,
        media=media,
        compressed=True,
        encrypted=encrypted,
        files=tuple(_entry(folder / name) for name in (dump, f"{dump}.metadata", media)),
    )


def _entry(path: Path) -> FileEntry:
    return FileEntry(name=path.name, size=path.stat().st_size, sha256=_sha256(path))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


# --- Trusting one ---------------------------------------------------------------------------------


def verify(folder: Path) -> Manifest:
    """The folder's manifest, once every file it lists has its size and checksum."""
    if not folder.is_dir():
        raise BackupError(f"{folder} is not a folder: name a backup folder. Nothing was restored.")
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(
            f"{folder} has no {MANIFEST}: it is not a complete backup. Nothing was restored."
        ) from None
    except (OSError, ValueError) as error:
        raise BackupError(
            f"{folder / MANIFEST} cannot be read ({error}). Nothing was restored."
        ) from None
    manifest = _parse(data, folder)
    problems = [problem for entry in manifest.files if (problem := _check(folder, entry))]
    if problems:
        raise BackupError(
            f"The backup in {folder} does not match its manifest; nothing was restored. "
            "Take an earlier backup or another copy of this one.\n"
            + "\n".join(f"  {problem}" for problem in problems)
        )
    return manifest


def _check(folder: Path, entry: FileEntry) -> str:
    path = folder / entry.name
    if not path.is_file():
        return f"{entry.name}: missing"
    size = path.stat().st_size
    if size != entry.size:
        return f"{entry.name}: {size} bytes, the manifest says {entry.size}"
    if _sha256(path) != entry.sha256:
        return f"{entry.name}: its SHA-256 differs from the manifest's (the file was changed)"
    return ""


def _parse(data: Any, folder: Path) -> Manifest:
    wrong = BackupError(
        f"{folder / MANIFEST} is not a manifest of this platform's backups. Nothing was restored."
    )
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise wrong
    try:
        files = tuple(
            FileEntry(name=item["name"], size=item["size"], sha256=item["sha256"])
            for item in data["files"]
        )
        manifest = Manifest(
            created_at=data["created_at"],
            engine=data["engine"],
            database=data["database"],
            media=data["media"],
            compressed=data["compressed"],
            encrypted=data["encrypted"],
            files=files,
        )
    except (KeyError, TypeError):
        raise wrong from None
    names = {entry.name for entry in files}
    if not (
        all(_is_plain_name(entry.name) for entry in files)
        and all(type(entry.size) is int and SHA256.match(str(entry.sha256)) for entry in files)
        and isinstance(manifest.engine, str)
        and {manifest.database, manifest.media} <= names
        and type(manifest.compressed) is bool
        and type(manifest.encrypted) is bool
    ):
        raise wrong
    return manifest


def _is_plain_name(name: Any) -> bool:
    """A file of the folder itself: never a path that leads out of it."""
    return isinstance(name, str) and name not in {"", ".", ".."} and Path(name).name == name


# --- Restoring one --------------------------------------------------------------------------------


def restore(
    folder: Path,
    *,
    database: str = DEFAULT_DB_ALIAS,
    replace: bool = False,
    passphrase: str | None = None,
) -> Manifest:
    """Check the folder, then restore its database and its media files. Into an empty database
    and media folder only, unless `replace`: then the backup's tables and files overwrite theirs."""
    manifest = verify(folder)
    engine = connections[database].settings_dict["ENGINE"]
    if manifest.engine != engine:
        raise BackupError(
            f"This backup is of a {manifest.engine} database, the target is {engine}. "
            "Nothing was restored."
        )
    if not replace:
        _refuse_if_not_empty(database)
    options = {
        "decrypt": manifest.encrypted,
        "uncompress": manifest.compressed,
        "passphrase": passphrase,
        "interactive": False,
        "verbosity": 0,
    }
    try:
        call_command(
            "dbrestore", database=database, input_path=str(folder / manifest.database), **options
        )
        call_command(
            "mediarestore", input_path=str(folder / manifest.media), replace=replace, **options
        )
    except (
        CommandConnectorError,
        DecryptionError,
        CommandError,
        OSError,
        tarfile.TarError,
        SuspiciousFileOperation,  # an archived name that leads out of MEDIA_ROOT
    ) as error:
        # After the checksums matched: a backup written damaged, or a wrong key or passphrase.
        raise BackupError(f"The restore failed: {error}") from error
    # Cached sessions and pages belong to the database that was there before.
    for alias in settings.CACHES:
        caches[alias].clear()
    return manifest


def _refuse_if_not_empty(database: str) -> None:
    connection = connections[database]
    try:
        tables = connection.introspection.table_names()
    except DatabaseError as error:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} cannot be reached ({error}). "
            "Create it first (createdb), empty. Nothing was restored."
        ) from None
    if tables:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} "
            "tables); nothing was restored. Restore into a new, empty database (createdb, "
            "without migrate), or add --replace to overwrite this one."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and any(path.is_file() for path in media_root.rglob("*")):
        raise BackupError(
            f"The media folder {media_root} is not empty; nothing was restored. Point MEDIA_ROOT "
            "at an empty folder, or add --replace to overwrite the files of the same name."
        )


class SqliteOnlineConnector(SqliteBackupConnector):  # type: ignore[misc]
    """dbbackup's copy by SQLite's online backup API, and the restore by the same API.

    dbbackup's own restore writes the file over the database while connections are open (every
    process keeps one for its WAL checkpoints, som/core/sqlite_checkpoints.py), and a connection
    that still holds the old log could write its pages into the new file. The backup API copies
    through SQLite's locks instead.
    """

    def restore_dump(self, dump: IO[bytes]) -> None:
        self.connection.ensure_connection()
        with NamedTemporaryFile(suffix=".sqlite3", dir=dbbackup_settings.TMP_DIR) as copy:
            shutil.copyfileobj(dump, copy)
            copy.flush()
            source = sqlite3.connect(copy.name)
            try:
                source.backup(self.connection.connection)
            finally:
                source.close()


# --- Keeping some ---------------------------------------------------------------------------------


def kept(
    moments: Iterable[datetime.datetime], *, keep_daily: int, keep_monthly: int
) -> set[datetime.datetime]:
    """The newest backup of each of the last `keep_daily` days that have one, and of each of the
    last `keep_monthly` months that have one (restic's and borg's --keep-daily/--keep-monthly)."""
    days: set[datetime.date] = set()
    months: set[tuple[int, int]] = set()
    keep: set[datetime.datetime] = set()
    for moment in sorted(moments, reverse=True):
        day, month = moment.date(), (moment.year, moment.month)
        if day not in days and len(days) < keep_daily:
            days.add(day)
            keep.add(moment)
        if month not in months and len(months) < keep_monthly:
            months.add(month)
            keep.add(moment)
    return keep


def prune(root: Path, *, keep_daily: int, keep_monthly: int) -> list[Path]:
    """Delete the complete backups `kept` lets go, and what killed runs left; the rest stays
    (folders of other names are not ours)."""
    if keep_daily < 1:
        raise BackupError("Keep at least one daily backup (--keep-daily 1 or more).")
    backups = {
        datetime.datetime.strptime(path.name, FOLDER_FORMAT): path  # noqa: DTZ007 (local, as named)
        for path in root.iterdir()
        if path.is_dir() and FOLDER_NAME.match(path.name) and (path / MANIFEST).is_file()
    }
    keep = kept(backups, keep_daily=keep_daily, keep_monthly=keep_monthly)
    gone = [path for moment, path in sorted(backups.items()) if moment not in keep]
    abandoned = time.time() - ABANDONED_AFTER.total_seconds()
    gone += [
        path
        for path in sorted(root.glob(f"*{PARTIAL}"))
        if path.is_dir() and path.stat().st_mtime < abandoned
    ]
    for path in gone:
        shutil.rmtree(path)
    return gone


def latest(root: Path) -> Path:
    """The newest complete backup in `root`."""
    with contextlib.suppress(FileNotFoundError):
        complete = sorted(
            path
            for path in root.iterdir()
            if path.is_dir() and FOLDER_NAME.match(path.name) and (path / MANIFEST).is_file()
        )
        if complete:
            return complete[-1]
    raise BackupError(f"There is no complete backup in {root}.")
