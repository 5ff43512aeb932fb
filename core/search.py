"""Full-text search of claims and articles (issue 8).

On PostgreSQL: full-text search (`to_tsvector` / `websearch_to_tsquery`, English stemming:
"removed" finds "remove", "accounts" finds "account") over a GIN index on exactly the
expression searched (claims/migrations, articles/migrations: `CLAIM_VECTOR`,
`ARTICLE_VECTOR`), so a search among a million claims reads the index, not the table. The
last word typed is also matched as a prefix ("accou" finds "accounts"), for search-as-you-
type. On SQLite (a desk's laptop): every word must appear, case-insensitively, in one of the
fields (`icontains`).

The back-office search (claims and articles) and the workspace's claim search (link
targets) go through `search_claims` and `search_articles`.
"""

from __future__ import annotations

import re
from typing import TypeVar

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Model, Q, QuerySet
from django.db.models.functions import Left

M = TypeVar("M", bound=Model)

CONFIG = "english"
# How much of an article's text is indexed: a tsvector holds at most 1 MB, and 100,000
# characters of even pathological text stay well under it. Longer articles are found by
# their title, outlet, byline and first 100,000 characters.
ARTICLE_TEXT_INDEXED = 100_000

CLAIM_FIELDS = ("quote", "note")
ARTICLE_FIELDS = ("title", "outlet", "byline")


def claim_vector() -> SearchVector:
    """What a claim is found by; the GIN index `claim_search` is built on this expression."""
    return SearchVector(*CLAIM_FIELDS, config=CONFIG)


def article_vector() -> SearchVector:
    """What an article is found by; the GIN index `article_search` is on this expression."""
    return SearchVector(*ARTICLE_FIELDS, Left("text", ARTICLE_TEXT_INDEXED), config=CONFIG)


_WORD = re.compile(r"[^\W_]+")


def search_query(text: str) -> SearchQuery | None:
    """The tsquery for what a person typed: web-search syntax ("quoted phrase", or, -word),
    with the last word also matched as a prefix unless it is followed by a space."""
    if not text.strip():
        return None
    still_typing = not text[-1].isspace()
    text = text.strip()
    last = text.rsplit(None, 1)[-1]
    if still_typing and _WORD.fullmatch(last) and not last.isdigit():
        head = text[: len(text) - len(last)].strip()
        prefix = SearchQuery(f"{last.lower()}:*", search_type="raw", config=CONFIG)
        if not head:
            return prefix
        return SearchQuery(head, search_type="websearch", config=CONFIG) & prefix
    return SearchQuery(text, search_type="websearch", config=CONFIG)


def uses_full_text(queryset: QuerySet[M]) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def _contains_every_word(queryset: QuerySet[M], text: str, fields: tuple[str, ...]) -> QuerySet[M]:
    for word in text.split():
        match = Q()
        for name in fields:
            match |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(match)
    return queryset


def _search(
    queryset: QuerySet[M], text: str, vector: SearchVector, fields: tuple[str, ...]
) -> QuerySet[M]:
    if not text.strip():
        return queryset
    if not uses_full_text(queryset):
        return _contains_every_word(queryset, text, fields)
    query = search_query(text)
    if query is None:
        return queryset
    # alias(), not annotate(): the vector is compared in WHERE, never computed for output.
    return queryset.alias(search_vector=vector).filter(search_vector=query)


def search_claims(queryset: QuerySet[M], text: str) -> QuerySet[M]:
    """Claims of `queryset` whose quote or note matches `text`."""
    return _search(queryset, text, claim_vector(), CLAIM_FIELDS)


def search_articles(queryset: QuerySet[M], text: str) -> QuerySet[M]:
    """Articles of `queryset` whose title, outlet, byline or text matches `text`."""
    return _search(queryset, text, article_vector(), (*ARTICLE_FIELDS, "text"))
