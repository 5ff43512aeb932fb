"""Back-office lists of large tables (issue 8): a million rows answer in milliseconds.

`LargeListAdmin` goes first in the bases of the admins of claims, figures, links and
articles:

- no full COUNT(*) per page: `show_full_result_count = False` (the "N total" link) and the
  estimating paginator (core/pagination.py) for the filtered count;
- no facet counts (one COUNT per filter choice);
- the search box uses full-text search on PostgreSQL (core/search.py, a GIN index) and the
  admin's own `search_fields` (icontains) on SQLite.

Each admin also orders by an indexed column and offers no sorting by unindexed columns
(`sortable_by`), since sorting a million rows by an unindexed column takes seconds.
`IndexedValuesFilter` lists a column's values one index probe each. The claims' tag filter,
which knows the claim-tag table, is claims/admin_scale.py's `ClaimTagFilter`.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from django.contrib import admin
from django.db import connections
from django.db.models import Field, Model, QuerySet
from django.http import HttpRequest

from core.pagination import EstimatedCountPaginator
from core.search import uses_full_text

M = TypeVar("M", bound=Model)


# Generic in its model (`LargeListAdmin[Claim]`) through typing.Generic: Django's ModelAdmin
# cannot be subscripted at run time.
class LargeListAdmin(admin.ModelAdmin, Generic[M]):
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    def full_text_search(self, queryset: QuerySet[M], text: str) -> QuerySet[M] | None:
        """core.search.search_claims or search_articles; None: the admin's own search."""
        return None

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[M], search_term: str
    ) -> tuple[QuerySet[M], bool]:
        if search_term.strip() and uses_full_text(queryset):
            found = self.full_text_search(queryset, search_term)
            if found is not None:
                return found, False
        return super().get_search_results(request, queryset, search_term)


def distinct_values(model: type[Model], field: Field[Any, Any], limit: int = 200) -> list[object]:
    """The distinct values of an indexed column, one index probe each (a "loose index
    scan"), not a DISTINCT over every row: milliseconds for 2.3 million figures."""
    connection = connections["default"]
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(field.column)
    sql = f"""
        WITH RECURSIVE found(value, n) AS (
            SELECT MIN({column}), 1 FROM {table}
            UNION ALL
            SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > found.value), n + 1
            FROM found WHERE found.value IS NOT NULL AND n < %s
        )
        SELECT value FROM found WHERE value IS NOT NULL
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [limit])
        return [row[0] for row in cursor.fetchall()]


class IndexedValuesFilter(admin.AllValuesFieldListFilter):
    """`AllValuesFieldListFilter` whose choices come from `distinct_values` (the column
    needs an index): Django's own runs SELECT DISTINCT over the whole table on every page."""

    def __init__(
        self,
        field: Field[Any, Any],
        request: HttpRequest,
        params: dict[str, str],
        model: type[Model],
        model_admin: admin.ModelAdmin,
        field_path: str,
    ) -> None:
        super().__init__(field, request, params, model, model_admin, field_path)
        # django-stubs types lookup_choices as a QuerySet; Django only iterates it.
        self.lookup_choices = distinct_values(field.model, field)  # type: ignore[assignment]
