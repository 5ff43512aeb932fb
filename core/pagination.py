"""A paginator for lists of a million rows: no full COUNT(*) on every page (issue 8).

Counting a million claims costs PostgreSQL a scan of the table (or its index) on every page
load; the page itself reads 100 rows through an index. On PostgreSQL this paginator counts:

- an unfiltered table by its planner statistics, `pg_class.reltuples` (kept current by
  autovacuum and ANALYZE);
- a filtered list by the planner's own estimate of the query (`EXPLAIN`), when that estimate
  is large (EXACT_BELOW rows or more): "about 166,000 submitted claims" needs no exactness;
- anything smaller exactly, with COUNT(*): cheap, and a short list should say how long it is.

On SQLite (a desk's laptop, thousands of rows) it counts exactly, like Django's Paginator.
An estimate can be a little off: the last page may then be short or empty, never an error.
"""

from __future__ import annotations

import json

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Model, QuerySet
from django.utils.functional import cached_property

# Below this many (estimated) rows, the count is exact.
EXACT_BELOW = 10_000


def estimated_count(queryset: QuerySet[Model]) -> int | None:
    """PostgreSQL's estimate of how many rows `queryset` holds, or None (other databases, or
    no statistics yet)."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    query = queryset.query
    with connection.cursor() as cursor:
        if not query.where and not query.distinct and not query.combinator:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [connection.ops.quote_name(queryset.model._meta.db_table)],
            )
            row = cursor.fetchone()
            # -1: the table was never analysed (PostgreSQL 14+); 0 may be "never" on older.
            if row is not None and row[0] > 0:
                return int(row[0])
        try:
            sql, params = query.sql_with_params()
        except EmptyResultSet:  # queryset.none(), or a filter nothing can match
            return 0
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    """Django's Paginator, counting large PostgreSQL querysets by estimate (see above)."""

    @cached_property
    def count(self) -> int:
        object_list = self.object_list
        if isinstance(object_list, QuerySet):
            estimate = estimated_count(object_list)
            if estimate is not None and estimate >= EXACT_BELOW:
                return estimate
        return super().count
