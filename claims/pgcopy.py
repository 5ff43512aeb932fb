"""Rows straight into PostgreSQL tables with COPY (issue 8: seeding a million claims).

`bulk_create` builds a model instance per row and an INSERT per batch; COPY streams plain
tuples, about ten times faster. Only for synthetic data (`manage.py seed_bench`): no
`save()`, no signals, no validation. Columns not given take the model field's default (or
the current time for auto_now and auto_now_add fields), and ids come from the table's own
sequence, reserved ahead with `reserve_ids` when the caller needs them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone


def reserve_ids(model: type[models.Model], count: int, using: str = "default") -> list[int]:
    """`count` fresh primary keys from the sequence of `model`'s table."""
    if count == 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _default(field: models.Field[Any, Any], connection: BaseDatabaseWrapper) -> object:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        value: object = timezone.now()
    else:
        value = field.get_default()
    return field.get_db_prep_save(value, connection)


def copy_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[object]],
    using: str = "default",
) -> int:
    """COPY `rows` (values of `fields`, by attname: "article_id", not "article") into
    `model`'s table; every other column but an omitted primary key gets its default.
    Returns the number of rows written."""
    connection = connections[using]
    meta = model._meta
    by_attname = {f.attname: f for f in meta.concrete_fields}
    unknown = [name for name in fields if name not in by_attname]
    if unknown:
        raise ValueError(f"{meta.label} has no column {', '.join(unknown)}.")
    # Every other column takes its default; an omitted primary key its sequence.
    rest = [f for f in meta.concrete_fields if f.attname not in fields and not f.primary_key]
    defaults = tuple(_default(f, connection) for f in rest)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(by_attname[n].column) for n in fields)
    if rest:
        columns += ", " + ", ".join(quote(f.column) for f in rest)
    written = 0
    sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
    # cursor.cursor: the psycopg cursor under Django's wrapper.
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row((*row, *defaults))
            written += 1
    return written
