"""What the backup tests share: a second database on the test's PostgreSQL server, a fingerprint
of a database's contents, and `manage.py` in a process of its own (settings are read once per
process, so a restore into another database is another process, as it is for the operator)."""

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
# The parent's settings that would point the child elsewhere; the test says what it means.
DROPPED = [
    "DATABASE_URL",
    "MEDIA_ROOT",
    "SOM_BACKUP_DIR",
    "SOM_BACKUP_GPG_RECIPIENT",
    "SOM_BACKUP_GPG_PASSPHRASE",
    "GNUPGHOME",
    "CACHE_DIR",
    "DJANGO_SETTINGS_MODULE",
]


def needs_pg_tools() -> None:
    """The PostgreSQL backups run pg_dump and pg_restore from PATH, as dbbackup does."""
    if connection.vendor != "postgresql":
        pytest.skip("backs up and restores a PostgreSQL database")
    missing = [tool for tool in ("pg_dump", "pg_restore") if not shutil.which(tool)]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not on PATH (apt-get install postgresql-client)")


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`manage.py ARGS` with SOM_ENV=test (memory caches: a restore clears nobody's files)."""
    environment = {k: v for k, v in os.environ.items() if k not in DROPPED}
    environment.update({"SOM_ENV": "test", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )


def _server() -> dict[str, Any]:
    settings = connection.settings_dict
    return {
        "host": settings["HOST"] or "localhost",
        "port": settings["PORT"] or "5432",
        "user": settings["USER"],
        "password": settings["PASSWORD"],
    }


def database_url(name: str) -> str:
    server = _server()
    credentials = quote(server["user"] or "", safe="")
    if server["password"]:
        credentials += ":" + quote(server["password"], safe="")
    host = quote(server["host"], safe="")
    return f"postgres://{credentials}@{host}:{server['port']}/{name}"


def connect(name: str) -> psycopg.Connection[Any]:
    server = _server()
    return psycopg.connect(
        dbname=name,
        host=server["host"],
        port=server["port"],
        user=server["user"],
        password=server["password"] or None,
        autocommit=True,
    )


@contextmanager
def empty_database(name: str) -> Iterator[str]:
    """A new database on the test's server (dropped afterwards): its DATABASE_URL."""
    with connect("postgres") as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(name)
    finally:
        with connect("postgres") as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fingerprint(cursor: Any) -> dict[str, tuple[int, str]]:
    """Every table's row count and the MD5 of its rows in a fixed order, and every sequence's
    position (a restored site must not hand out an id twice)."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    result: dict[str, tuple[int, str]] = {}
    for table in tables:
        cursor.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM \"{table}\" t"
        )
        count, digest = cursor.fetchone()
        result[table] = (count, digest)
    cursor.execute(
        "SELECT sequencename, coalesce(last_value, 0) FROM pg_sequences "
        "WHERE schemaname = 'public' ORDER BY sequencename"
    )
    for sequence, last_value in cursor.fetchall():
        result[f"sequence {sequence}"] = (last_value, "")
    return result


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
