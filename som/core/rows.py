"""Plain SQL for the hot paths (PERFORMANCE.md): INSERTs for the audit log, which every write
passes through, and the network day's ballots (with their vote record and audit entry in one
round trip on PostgreSQL); model instances from rows read by hand. Building an INSERT with the
ORM costs several times what the database needs to run it; here each value is still prepared by
its own model field, as the ORM would, so what is stored is the same. No signals, no `save()`:
the models these rows belong to have neither."""

from collections.abc import Sequence
from functools import cache
from typing import Any, TypeVar, cast

from django.db import connection, models
from django.db.models import Field

Rows = Sequence[dict[str, Any]]


def insert(model: type[models.Model], rows: Rows) -> None:
    """Insert `rows` ({field name: value}, every row with the same fields) into `model`'s
    table in one statement. Database errors (an IntegrityError for a unique constraint) come
    through as Django's, as with `objects.create`."""
    insert_together((model, rows))


def insert_together(*batches: tuple[type[models.Model], Rows]) -> None:
    """Insert each batch of rows into its model's table, in this order, stopping at the first
    error. On PostgreSQL the statements travel in one round trip (Django's psycopg cursors bind
    parameters on the client, so one `execute` may hold several statements); SQLite takes one
    `execute` per statement. Call it inside a transaction, as for `insert`."""
    statements, params = [], []
    for model, batch in batches:
        if not batch:
            continue
        names = tuple(batch[0])
        fields = _fields(model, names)
        statements.append(_insert_sql(model, names, len(batch), connection.vendor))
        params.append(
            [
                field.get_db_prep_save(row[name], connection)
                for row in batch
                for name, field in zip(names, fields, strict=True)
            ]
        )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(statements) > 1:
            cursor.execute("; ".join(statements), [value for one in params for value in one])
            return
        for statement, values in zip(statements, params, strict=True):
            cursor.execute(statement, values)


@cache
def _fields(model: type[models.Model], names: tuple[str, ...]) -> list[Field[Any, Any]]:
    return [cast("Field[Any, Any]", model._meta.get_field(name)) for name in names]


@cache
def _insert_sql(model: type[models.Model], names: tuple[str, ...], count: int, vendor: str) -> str:
    """The statement for `count` rows of these fields (`vendor`: the quoting differs)."""
    one_row = "(" + ", ".join(["%s"] * len(names)) + ")"
    return "INSERT INTO {table} ({columns}) VALUES {values}".format(
        table=connection.ops.quote_name(model._meta.db_table),
        columns=", ".join(
            connection.ops.quote_name(field.column) for field in _fields(model, names)
        ),
        values=", ".join([one_row] * count),
    )


M = TypeVar("M", bound=models.Model)


def instance(model: type[M], **values: Any) -> M:
    """An instance of `model` as the ORM builds it from a row: these fields set (Python values),
    the others deferred, loaded on first access. For rows read with plain SQL."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    # from_db wants the values in the model's field order.
    return model.from_db(connection.alias, names, [values[name] for name in names])
