"""`manage.py backup` and `restore` (som/core/backups.py): a backup is trusted only whole, lands
only in an empty database unless told, is encrypted for a key the server cannot decrypt with,
and is kept daily for two weeks and monthly for a year. The restore drill of the demo is in
test_restore_drill.py."""

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from som.core import backups
from som.core.tests.restoring import (
    connect,
    database_url,
    empty_database,
    files_of,
    fingerprint,
    manage,
    needs_pg_tools,
)

# --- Which backups stay -----------------------------------------------------------------------


def _at(day: str, hour: int = 3) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{hour:02}:15:00")


def test_the_newest_backup_of_each_of_the_last_days_and_months_stays():
    # A year of nightly backups, with a second one on 6 December and none from 20 to 24 June.
    nights = [_at("2025-12-01") + datetime.timedelta(days=n) for n in range(372)]
    nights = [night for night in nights if not _at("2026-06-20") <= night < _at("2026-06-25")]
    nights.append(_at("2026-12-06", 14))

    kept = backups.kept(nights, keep_daily=14, keep_monthly=12)

    daily = {moment for moment in kept if moment >= _at("2026-11-24")}
    assert sorted(daily) == [_at("2026-11-24") + datetime.timedelta(days=n) for n in range(12)] + [
        _at("2026-12-06", 14),
        _at("2026-12-07"),
    ]
    # Of 6 December, the afternoon's; of each earlier month, its last night; 12 months in all.
    assert _at("2026-12-06") not in kept
    monthly = sorted(kept - daily)
    assert monthly == [
        _at(day)
        for day in [
            "2026-01-31",
            "2026-02-28",
            "2026-03-31",
            "2026-04-30",
            "2026-05-31",
            "2026-06-30",
            "2026-07-31",
            "2026-08-31",
            "2026-09-30",
            "2026-10-31",
        ]
    ]  # November's last night is one of the fourteen days
    assert _at("2025-12-31") not in kept  # the thirteenth month back


def test_days_without_a_backup_do_not_count_against_the_two_weeks():
    nights = [_at("2026-10-01"), _at("2026-10-02"), _at("2026-11-30")]  # the timer stopped

    assert backups.kept(nights, keep_daily=14, keep_monthly=0) == set(nights)


def _backup_folder(root: Path, name: str) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / backups.MANIFEST).write_text("{}")
    return folder


def test_pruning_deletes_what_retention_lets_go_and_what_a_killed_run_left(tmp_path):
    old = _backup_folder(tmp_path, "2026-11-01-031500")
    yesterday = _backup_folder(tmp_path, "2026-12-06-031500")
    today = _backup_folder(tmp_path, "2026-12-07-031500")
    unfinished = tmp_path / "2026-12-05-031500"  # no manifest: not a backup, not counted
    unfinished.mkdir()
    killed = tmp_path / "2026-12-01-031500.partial"
    killed.mkdir()
    os.utime(killed, (0, 0))
    running = tmp_path / "2026-12-07-041500.partial"  # another run writing now
    running.mkdir()
    theirs = tmp_path / "off-site-copy-log"
    theirs.mkdir()

    gone = backups.prune(tmp_path, keep_daily=2, keep_monthly=0)

    assert gone == [old, killed]
    assert sorted(tmp_path.iterdir()) == sorted([yesterday, today, unfinished, running, theirs])


def test_pruning_keeps_at_least_one_backup(tmp_path):
    _backup_folder(tmp_path, "2026-12-07-031500")

    with pytest.raises(backups.BackupError):
        backups.prune(tmp_path, keep_daily=0, keep_monthly=12)


@pytest.mark.parametrize(
    "arguments",
    [
        ["--keep-monthly", "12"],
        ["--keep-daily", "0"],
        ["--keep-daily", "14", "--keep-monthly", "-1"],
    ],
)
def test_retention_that_would_keep_nothing_is_refused_before_backing_up(
    settings, tmp_path, arguments
):
    settings.SOM_BACKUP_DIR = tmp_path / "backups"

    with pytest.raises(CommandError):
        call_command("backup", *arguments, stdout=io.StringIO())

    assert not settings.SOM_BACKUP_DIR.exists()


def test_restore_into_a_database_that_does_not_exist_says_so(tmp_path):
    needs_pg_tools()
    backup = tmp_path / "2026-12-07-031500"
    backup.mkdir()
    (backup / "database.psql.bin.gz").write_bytes(b"dump")
    (backup / "media.tar.gz").write_bytes(b"media")
    (backup / backups.MANIFEST).write_text(
        json.dumps(
            backups.Manifest(
                created_at="2026-12-07T03:15:00+01:00",
                engine=connection.settings_dict["ENGINE"],
                database="database.psql.bin.gz",
                media="media.tar.gz",
                compressed=True,
                encrypted=False,
                files=(
                    backups._entry(backup / "database.psql.bin.gz"),
                    backups._entry(backup / "media.tar.gz"),
                ),
            ).as_json()
        )
    )

    result = manage(
        "restore", str(backup), DATABASE_URL=database_url("not_created"), MEDIA_ROOT=str(tmp_path)
    )

    assert result.returncode == 1
    assert "cannot be reached" in result.stderr and "createdb" in result.stderr
    assert "Traceback" not in result.stderr


# --- A backup that does not match its manifest ------------------------------------------------


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-10])


def _remove(path: Path) -> None:
    path.unlink()


def _wrong_checksum_in_manifest(folder: Path) -> None:
    manifest = json.loads((folder / backups.MANIFEST).read_text())
    manifest["files"][0]["sha256"] = "0" * 64
    (folder / backups.MANIFEST).write_text(json.dumps(manifest))


def _leads_out_of_the_folder(folder: Path) -> None:
    manifest = json.loads((folder / backups.MANIFEST).read_text())
    manifest["files"][0]["name"] = "../" + manifest["files"][0]["name"]
    (folder / backups.MANIFEST).write_text(json.dumps(manifest))


TAMPERINGS = {
    "a byte of the dump": (lambda folder, m: _flip_a_byte(folder / m["database"]), "SHA-256"),
    "a cut media archive": (lambda folder, m: _truncate(folder / m["media"]), "bytes"),
    "dbbackup's metadata gone": (
        lambda folder, m: _remove(folder / f"{m['database']}.metadata"),
        "missing",
    ),
    "the manifest's checksum": (lambda folder, m: _wrong_checksum_in_manifest(folder), "SHA-256"),
    "a name leading out": (lambda folder, m: _leads_out_of_the_folder(folder), "not a manifest"),
    "no manifest": (lambda folder, m: _remove(folder / backups.MANIFEST), "no manifest.json"),
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "labs").mkdir(parents=True)
    (settings.MEDIA_ROOT / "labs" / "plan.pdf").write_bytes(b"%PDF-1.7 the lab's plan")
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("tampering", list(TAMPERINGS))
def test_a_tampered_backup_is_refused_before_anything_changes(settings, tmp_path, media, tampering):
    needs_pg_tools()
    settings.SOM_BACKUP_DIR = tmp_path / "backups"
    call_command("backup", stdout=io.StringIO())
    folder = backups.latest(settings.SOM_BACKUP_DIR)
    manifest = json.loads((folder / backups.MANIFEST).read_text())
    tamper, says = TAMPERINGS[tampering]
    tamper(folder, manifest)
    (media / "labs" / "plan.pdf").write_bytes(b"changed since the backup")
    with connection.cursor() as cursor:
        before = fingerprint(cursor)

    # Even told to overwrite the live database and media files.
    with pytest.raises(CommandError) as error:
        call_command("restore", str(folder), "--replace", stdout=io.StringIO())

    assert says in str(error.value)
    assert "nothing was restored" in str(error.value).lower()
    with connection.cursor() as cursor:
        assert fingerprint(cursor) == before
    assert files_of(media) == {"labs/plan.pdf": b"changed since the backup"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_database_that_is_not_empty(settings, tmp_path, media):
    needs_pg_tools()
    settings.SOM_BACKUP_DIR = tmp_path / "backups"
    call_command("backup", stdout=io.StringIO())

    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", "--latest", stdout=io.StringIO())

    with pytest.raises(CommandError, match="Name a backup folder"):
        call_command("restore", stdout=io.StringIO())
    out = io.StringIO()
    call_command("restore", "--latest", "--check", stdout=out)
    assert "matches its manifest" in out.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_refused_restore_exits_non_zero_and_leaves_the_new_database_empty(
    settings, tmp_path, media
):
    needs_pg_tools()
    settings.SOM_BACKUP_DIR = tmp_path / "backups"
    call_command("backup", stdout=io.StringIO())
    folder = backups.latest(settings.SOM_BACKUP_DIR)
    _flip_a_byte(folder / json.loads((folder / backups.MANIFEST).read_text())["database"])
    restored_media = tmp_path / "restored-media"
    restored_media.mkdir()

    name = f"{connection.settings_dict['NAME']}_refused"
    with empty_database(name) as url:
        result = manage("restore", str(folder), DATABASE_URL=url, MEDIA_ROOT=str(restored_media))
        with connect(name) as restored, restored.cursor() as cursor:
            assert fingerprint(cursor) == {}

    assert result.returncode == 1, result.stderr
    assert "does not match its manifest" in result.stderr
    assert "Traceback" not in result.stderr
    assert files_of(restored_media) == {}


# --- SQLite: the online backup API both ways ----------------------------------------------------


def _sqlite_with_rows(path: Path) -> None:
    database = sqlite3.connect(path)
    database.execute("PRAGMA journal_mode=WAL")
    database.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    database.executemany("INSERT INTO note (text) VALUES (?)", [("één",), ("twee",)])
    database.commit()
    database.close()


def _dump(path: Path) -> list[str]:
    database = sqlite3.connect(path)
    try:
        return list(database.iterdump())
    finally:
        database.close()


def test_an_sqlite_database_goes_back_through_the_online_backup_api(tmp_path):
    source, target = tmp_path / "live.sqlite3", tmp_path / "restored.sqlite3"
    _sqlite_with_rows(source)
    (tmp_path / "media" / "labs").mkdir(parents=True)
    (tmp_path / "media" / "labs" / "plan.pdf").write_bytes(b"%PDF the plan")
    common = {"SOM_BACKUP_DIR": str(tmp_path / "backups")}

    made = manage(
        "backup", DATABASE_URL=f"sqlite:///{source}", MEDIA_ROOT=str(tmp_path / "media"), **common
    )
    restored = manage(
        "restore",
        "--latest",
        DATABASE_URL=f"sqlite:///{target}",
        MEDIA_ROOT=str(tmp_path / "restored-media"),
        **common,
    )
    again = manage(
        "restore",
        "--latest",
        DATABASE_URL=f"sqlite:///{target}",
        MEDIA_ROOT=str(tmp_path / "x"),
        **common,
    )

    assert made.returncode == 0, made.stderr
    assert restored.returncode == 0, restored.stderr
    assert _dump(target) == _dump(source)
    assert files_of(tmp_path / "restored-media") == {"labs/plan.pdf": b"%PDF the plan"}
    assert again.returncode == 1
    assert "is not empty" in again.stderr


def test_restoring_over_a_live_sqlite_database_leaves_nothing_of_its_log(tmp_path):
    source, target = tmp_path / "live.sqlite3", tmp_path / "target.sqlite3"
    _sqlite_with_rows(source)
    common = {"SOM_BACKUP_DIR": str(tmp_path / "backups"), "MEDIA_ROOT": str(tmp_path / "media")}
    assert manage("backup", DATABASE_URL=f"sqlite:///{source}", **common).returncode == 0
    # The site is running: its connection holds writes in the write-ahead log, not yet copied
    # into the database file.
    site = sqlite3.connect(target)
    site.execute("PRAGMA journal_mode=WAL")
    site.execute("PRAGMA wal_autocheckpoint=0")
    site.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    site.executemany("INSERT INTO note (text) VALUES (?)", [(f"later {n}",) for n in range(500)])
    site.commit()

    restored = manage(
        "restore", "--latest", "--replace", DATABASE_URL=f"sqlite:///{target}", **common
    )
    site.close()

    assert restored.returncode == 0, restored.stderr
    assert _dump(target) == _dump(source)


def test_a_media_archive_cannot_write_outside_the_media_folder(tmp_path):
    source, target = tmp_path / "live.sqlite3", tmp_path / "restored.sqlite3"
    _sqlite_with_rows(source)
    common = {"SOM_BACKUP_DIR": str(tmp_path / "backups")}
    made = manage(
        "backup", DATABASE_URL=f"sqlite:///{source}", MEDIA_ROOT=str(tmp_path / "m"), **common
    )
    assert made.returncode == 0, made.stderr
    folder = backups.latest(tmp_path / "backups")
    # An archive made elsewhere, with a manifest that matches it.
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        content = b"outside"
        entry = tarfile.TarInfo("../escaped.txt")
        entry.size = len(content)
        archive.addfile(entry, io.BytesIO(content))
    manifest = json.loads((folder / backups.MANIFEST).read_text())
    manifest["files"] = [vars(backups._entry(folder / item["name"])) for item in manifest["files"]]
    (folder / backups.MANIFEST).write_text(json.dumps(manifest))

    result = manage(
        "restore",
        str(folder),
        DATABASE_URL=f"sqlite:///{target}",
        MEDIA_ROOT=str(tmp_path / "media" / "restored"),
        **common,
    )

    assert result.returncode == 1
    assert "The restore failed" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "media" / "escaped.txt").exists()


# --- Encrypted for a key whose private half is elsewhere ----------------------------------------


def _gpg(home: Path, *args: str) -> str:
    return subprocess.run(
        ["gpg", "--homedir", str(home), "--batch", "--pinentry-mode", "loopback", *args],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture
def keyrings(tmp_path_factory):
    """The vault's keyring (the private key, with a passphrase) and the server's (only the
    public key): (vault, server, fingerprint)."""
    if not shutil.which("gpg"):
        pytest.skip("gpg is not installed")
    # gpg-agent's socket path must stay short: not under pytest's long tmp_path.
    vault = Path(tmp_path_factory.mktemp("vault", numbered=True))
    server = Path(tmp_path_factory.mktemp("server", numbered=True))
    for home in (vault, server):
        home.chmod(0o700)
    _gpg(
        vault,
        "--passphrase",
        "drill",
        "--quick-gen-key",
        "SOM backup <backup@example.org>",
        "futuredefault",
        "default",
        "never",
    )
    fingerprint_ = (
        _gpg(vault, "--list-keys", "--with-colons").split("fpr:::::::::")[1].split(":")[0]
    )
    public = vault / "public.asc"
    public.write_text(_gpg(vault, "--armor", "--export", fingerprint_))
    _gpg(server, "--import", str(public))
    # The agent remembers the passphrase it was just given: a wrong one must be asked again.
    subprocess.run(["gpgconf", "--homedir", str(vault), "--kill", "gpg-agent"], check=False)
    yield vault, server, fingerprint_
    for home in (vault, server):
        subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "gpg-agent"], check=False)


def test_an_encrypted_backup_needs_the_private_key_that_the_server_has_not(tmp_path, keyrings):
    vault, server, key = keyrings
    source, target = tmp_path / "live.sqlite3", tmp_path / "restored.sqlite3"
    _sqlite_with_rows(source)
    common = {"SOM_BACKUP_DIR": str(tmp_path / "backups"), "MEDIA_ROOT": str(tmp_path / "media")}

    made = manage(
        "backup",
        DATABASE_URL=f"sqlite:///{source}",
        GNUPGHOME=str(server),
        SOM_BACKUP_GPG_RECIPIENT=key,
        **common,
    )
    assert made.returncode == 0, made.stderr
    folder = backups.latest(tmp_path / "backups")
    manifest = json.loads((folder / backups.MANIFEST).read_text())
    assert manifest["encrypted"] is True
    dump = (folder / manifest["database"]).read_bytes()
    assert manifest["database"].endswith(".gpg")
    assert b"SQLite format 3" not in dump and not dump.startswith(b"\x1f\x8b")  # not even gzip

    on_the_server = manage(
        "restore",
        str(folder),
        DATABASE_URL=f"sqlite:///{target}",
        GNUPGHOME=str(server),
        SOM_BACKUP_GPG_PASSPHRASE="drill",
        **common,
    )
    wrong_passphrase = manage(
        "restore",
        str(folder),
        DATABASE_URL=f"sqlite:///{target}",
        GNUPGHOME=str(vault),
        SOM_BACKUP_GPG_PASSPHRASE="guess",
        **common,
    )
    assert on_the_server.returncode == 1
    assert wrong_passphrase.returncode == 1
    assert "The restore failed" in wrong_passphrase.stderr
    assert "Traceback" not in on_the_server.stderr + wrong_passphrase.stderr
    assert not target.exists() or _dump(target) == _dump(tmp_path / "empty.sqlite3")

    with_the_key = manage(
        "restore",
        str(folder),
        DATABASE_URL=f"sqlite:///{target}",
        GNUPGHOME=str(vault),
        SOM_BACKUP_GPG_PASSPHRASE="drill",
        **common,
    )
    assert with_the_key.returncode == 0, with_the_key.stderr
    assert _dump(target) == _dump(source)
