"""Let the database settle after `bench_setup` and `bench_ballots` loaded their rows in bulk.

Measured right after tens of thousands of INSERTs, PostgreSQL's autovacuum analyses and vacuums
the new tables in the middle of the first rounds, and its planner works from statistics of
tables that were empty a minute before: rounds then differ by what the background does, not by
what the endpoints cost. A network day's database was not bulk-loaded a minute earlier either.
So: statistics and visibility maps first, then a checkpoint (PostgreSQL); statistics and the
write-ahead log folded into the database (SQLite).
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = "VACUUM ANALYZE and CHECKPOINT (PostgreSQL), or ANALYZE and a WAL checkpoint (SQLite)."

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor == "postgresql":
            statements = ["VACUUM ANALYZE", "CHECKPOINT"]
        else:
            statements = ["ANALYZE", "PRAGMA wal_checkpoint(TRUNCATE)"]
        with connection.cursor() as cursor:
            for statement in statements:  # autocommit: VACUUM refuses a transaction block
                cursor.execute(statement)
        self.stdout.write(f"settled: {', '.join(statements)}")
