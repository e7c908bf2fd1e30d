"""SQLite's WAL checkpoints off the request path (PERFORMANCE.md G4 and G10).

By default SQLite checkpoints inside the commit that pushes the write-ahead log past 1000
pages: that request copies the pages into the database file and waits for its fsync, 6-8 ms on
a small machine. At a network day, with a few hundred ballots a second, that is the vote at the
99th percentile. So each process leaves the routine checkpoints to a daemon thread of its own,
which runs a PASSIVE checkpoint (it never blocks a reader or a writer, it copies what it can)
every second on its own connection. The commits keep a far-off safety net (20 000 pages, about
80 MB) in case that thread falls behind or is gone.

Only for a database file: an in-memory database has no log to checkpoint.
"""

import logging
import os
import sqlite3
import threading
import time
from typing import Any

logger = logging.getLogger(__name__)

INTERVAL_SECONDS = 1.0
SAFETY_NET_PAGES = 20_000

_checkpointers: set[tuple[int, str]] = set()  # (process, database file) with a thread running
_lock = threading.Lock()


def on_connection_created(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Django's `connection_created`: move this connection's checkpoints to the thread."""
    path = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite" or _is_in_memory(path):
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA wal_autocheckpoint={SAFETY_NET_PAGES}")
    start_checkpointer(path)


def start_checkpointer(path: str) -> None:
    """One thread per process and database file (a forked worker starts its own)."""
    key = (os.getpid(), path)
    with _lock:
        if key in _checkpointers:
            return
        _checkpointers.add(key)
    threading.Thread(
        target=_checkpoint_forever, args=(path,), name="sqlite-checkpoints", daemon=True
    ).start()


def checkpoint(database: sqlite3.Connection) -> tuple[int, int, int]:
    """One PASSIVE checkpoint: (busy, pages in the log, pages checkpointed)."""
    busy, in_log, done = database.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    return busy, in_log, done


def _checkpoint_forever(path: str) -> None:
    database = sqlite3.connect(path, check_same_thread=False)
    while True:
        time.sleep(INTERVAL_SECONDS)
        try:
            checkpoint(database)
        except sqlite3.Error:
            logger.warning("WAL checkpoint of %s failed; trying again", path, exc_info=True)


def _is_in_memory(path: str) -> bool:
    return path in ("", ":memory:") or "mode=memory" in path
