"""Query helpers that hold for both databases (SQLite embedded, PostgreSQL in production)."""

from __future__ import annotations

from collections.abc import Collection
from typing import TypeVar

import orjson
from django.db import connections
from django.db.models.expressions import RawSQL

T = TypeVar("T", int, str)


def one_parameter(values: Collection[T], using: str) -> RawSQL | list[T]:
    """`values` for a `field__in=` lookup as one query parameter: a JSON array read by
    `json_each` on SQLite, an array unnested on PostgreSQL.

    Django prepares a parameter per element of a list (about as long as the query itself
    takes for a few hundred ids), and SQLite caps a statement's parameters; an export asks
    for a group of 200 articles several times a group. An empty collection stays an empty
    list, which Django answers without a query."""
    ordered = sorted(values)
    if not ordered:
        return []
    if connections[using].vendor == "postgresql":
        kind = "bigint" if isinstance(ordered[0], int) else "text"
        return RawSQL(f"SELECT unnest(%s::{kind}[])", (ordered,))
    return RawSQL("SELECT value FROM json_each(%s)", (orjson.dumps(ordered).decode(),))
