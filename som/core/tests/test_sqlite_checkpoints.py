"""SQLite's WAL checkpoints run in a thread of their own, not in a request's commit
(som/core/sqlite_checkpoints.py). The suite runs on PostgreSQL: these tests open SQLite files."""

import os
import sqlite3
import threading

import pytest
from django.db.utils import ConnectionHandler

from som.core import sqlite_checkpoints


@pytest.fixture
def sqlite_connection(django_db_blocker):
    """A Django connection to the SQLite database at the given path, opened (so Django sent
    `connection_created`), and closed after the test."""
    opened = []

    def connect(path: str):
        handler = ConnectionHandler(
            {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": path}}
        )
        connection = handler["default"]
        with django_db_blocker.unblock():
            connection.ensure_connection()
        opened.append(connection)
        return connection

    yield connect
    with django_db_blocker.unblock():
        for connection in opened:
            connection.close()


def _autocheckpoint(connection) -> int:
    return connection.connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0]


def test_connections_to_a_file_leave_the_checkpoints_to_one_thread_per_process(
    tmp_path, sqlite_connection
):
    path = str(tmp_path / "som.sqlite3")
    for connection in (sqlite_connection(path), sqlite_connection(path)):
        assert _autocheckpoint(connection) == sqlite_checkpoints.SAFETY_NET_PAGES
    assert (os.getpid(), path) in sqlite_checkpoints._checkpointers
    threads = [t for t in threading.enumerate() if t.name == "sqlite-checkpoints"]
    assert threads and all(t.daemon and t.is_alive() for t in threads)


def test_an_in_memory_database_keeps_its_own_checkpoints(sqlite_connection):
    assert _autocheckpoint(sqlite_connection(":memory:")) == 1000  # SQLite's default
    assert (os.getpid(), ":memory:") not in sqlite_checkpoints._checkpointers


def test_a_checkpoint_copies_the_log_while_the_writer_keeps_its_connection(tmp_path):
    path = str(tmp_path / "votes.sqlite3")
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute(f"PRAGMA wal_autocheckpoint={sqlite_checkpoints.SAFETY_NET_PAGES}")
    writer.execute("CREATE TABLE vote (id INTEGER PRIMARY KEY, choice TEXT)")
    for n in range(200):
        writer.execute("INSERT INTO vote (choice) VALUES (?)", (f"keuze {n}" * 20,))
        writer.commit()
    checkpointer = sqlite3.connect(path)
    busy, in_log, done = sqlite_checkpoints.checkpoint(checkpointer)
    assert busy == 0 and in_log > 0 and done == in_log
    assert writer.execute("SELECT count(*) FROM vote").fetchone()[0] == 200
    writer.close()
    checkpointer.close()
