"""seed_bench writes with COPY on PostgreSQL (issue 8): the same data as bulk_create."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Collection
from claims.management.commands import seed_bench
from claims.models import Claim, ClaimLink, Figure, Source, Tag

POSTGRES = connection.vendor == "postgresql"


def _fingerprint(collection: Collection) -> dict[str, Any]:
    claims = Claim.objects.filter(article__collection=collection).order_by("article__url", "start")
    return {
        "articles": sorted(
            collection.articles.values_list("url", "title", "outlet", "text_sha256")
        ),
        "claims": [
            (c.article.url, c.start, c.end, c.quote, c.status, c.verdict, c.attribution)
            for c in claims.select_related("article")
        ],
        "figures": sorted(
            Figure.objects.filter(article__collection=collection).values_list(
                "article__url", "start", "end", "surface", "value", "lower", "upper", "qualifier"
            )
        ),
        "claim_figures": sorted(
            Claim.figures.through.objects.filter(claim__article__collection=collection).values_list(
                "claim__article__url", "claim__start", "figure__start"
            )
        ),
        "tags": sorted(
            Claim.tags.through.objects.filter(claim__article__collection=collection).values_list(
                "claim__article__url", "claim__start", "tag__slug"
            )
        ),
        "links": sorted(
            ClaimLink.objects.filter(from_claim__article__collection=collection).values_list(
                "from_claim__article__url", "from_claim__start", "to_claim__start", "relation"
            )
        ),
    }


def _seed_with(writer: str, slug: str) -> Collection:
    command = seed_bench.Command()
    collection = Collection.objects.create(name=slug, slug=slug)
    sources = [
        Source.objects.get_or_create(name=name, defaults={"kind": kind})[0].pk
        for name, kind in seed_bench.SOURCES
    ]
    for pk, (name, _) in zip(sources, seed_bench.SOURCES, strict=True):
        seed_bench.SOURCES_TEXT[pk] = name
    wires = [
        Source.objects.get_or_create(name=name, defaults={"kind": kind})[0].pk
        for name, kind in seed_bench.WIRES
    ]
    tags = [
        Tag.objects.create(collection=collection, name=n, slug=s, colour=c).pk
        for n, s, c in seed_bench.TAGS
    ]
    write = getattr(command, writer)
    made = write(random.Random(3), collection, range(0, 4), [7, 6, 6, 6], sources, wires, tags)
    assert made == 25
    return collection


def test_copy_writes_what_bulk_create_writes(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    if POSTGRES:
        with_bulk = _fingerprint(_seed_with("_batch", "bulk"))
        with_copy = _fingerprint(_seed_with("_batch_copy", "copy"))
        assert with_copy == with_bulk
        assert len(with_copy["figures"]) >= 50 and with_copy["links"]
    else:
        # SQLite has no COPY: seed_bench must not try it.
        def no_copy(*args: Any, **kwargs: Any) -> None:
            raise AssertionError("COPY on SQLite")

        monkeypatch.setattr(seed_bench, "copy_rows", no_copy)
        call_command("seed_bench", "--claims", "25", "--articles", "4", "--collection", "s")
        assert Claim.objects.count() == 25
