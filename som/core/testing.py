"""Helpers for tests that race real transactions against each other (PostgreSQL only)."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection


def needs_postgres() -> None:
    """SQLite runs one writer at a time, so races only mean something on PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent transactions")


def in_threads(count: int, target: Callable[[int], object]) -> list[BaseException]:
    """Run target(0..count-1) in threads that start together; return what they raised."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def run(index: int) -> None:
        try:
            barrier.wait()
            target(index)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
