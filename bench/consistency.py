"""Consistency checks over a large collection: 10,000 articles, 100,000 figures.

    .venv/bin/python bench/consistency.py [--articles 10000] [--figures-per-article 10]
                                          [--runs 3] [--skip-db]

Two measurements, both on the same synthetic collection:

1. **In memory**: `read_figures` (reading each figure's verb, reason and paragraph from its
   article's text) and `check` (grouping, the within-article pairs and the cross-article
   sweep) over plain records, no database.
2. **End to end**: the same collection written to a throwaway SQLite database (a temporary
   directory, via DATABASE_URL) with bulk_create, then `collection_findings(collection)`,
   which is what the collection report and `manage.py check_consistency --collection` run:
   loading figures, article texts, claims and links (seven queries), checking, statuses.

The articles are wire-style reports of a few hundred "stories" (campaigns), so many
articles quote the same figures (repeats across articles), a tenth of them with a
different number (contradictions), with hedges (more than, nearly, about, up to), vague
magnitudes, percentages and currencies mixed in, and nouns written with modifiers and
synonyms (posts / public posts / social media posts). Deterministic for a given --seed.
Prints a Markdown table of the median of --runs runs, plus the group sizes, which show
that the collection-wide groups are large (a few thousand figures) yet never compared
pair by pair.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from articles.models import Collection

ROOT = Path(__file__).resolve().parents[1]

NOUNS = [
    ("posts", "removed"),
    ("public posts", "deleted"),
    ("social media posts", "taken down"),
    ("accounts", "closed"),
    ("social media accounts", "shut down"),
    ("user accounts", "deactivated"),
    ("people", "penalised"),
    ("websites", "closed"),
    ("videos", "removed"),
    ("live streams", "suspended"),
    ("apps", "removed"),
    ("channels", "closed"),
]
SOURCES = ["The regulator", "The ministry", "Officials", "The agency", "Police", "The statement"]
FILLERS = [
    "The figures could not be independently verified.",
    "Critics say the rules are vague.",
    "Officials did not respond to a request for comment.",
]
HEDGES = [
    ("", "exact"),
    ("", "exact"),
    ("more than ", "more_than"),
    ("nearly ", "approx_below"),
    ("about ", "approx"),
    ("up to ", "at_most"),
    ("at least ", "at_least"),
]


def _setup(db_dir: str | None) -> None:
    sys.path.insert(0, str(ROOT))
    if db_dir is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{db_dir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if db_dir is not None:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


class _Writer:
    """Builds a text piece by piece; `write` returns the span of what it wrote."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def write(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


def _written(value: int) -> str:
    if value >= 1_000_000 and value % 100_000 == 0:
        return f"{value / 1_000_000:g} million"
    return f"{value:,}"


Row = tuple[int, int, str, Decimal | None, Decimal | None, Decimal | None, str, str, str]


def build(n_articles: int, per_article: int, seed: int) -> tuple[list[str], list[list[Row]]]:
    """Article texts and, for each, its figures as
    (start, end, surface, value, lower, upper, qualifier, unit, counted)."""
    rng = random.Random(seed)
    stories = [
        {
            noun: rng.choice([67_000, 1_400_000, 45_000, 930_000, 8_000, 250_000, 13_000])
            * rng.randint(1, 9)
            for noun, _ in NOUNS
        }
        for _ in range(300)
    ]
    texts: list[str] = []
    figures: list[list[Row]] = []
    for a in range(n_articles):
        story = stories[rng.randrange(len(stories))]
        out = _Writer()
        write = out.write
        found: list[Row] = []

        write(f"BEIJING (Wire {a}) - ")
        for k in range(per_article):
            kind = rng.random()
            source = rng.choice(SOURCES)
            write(f"{source} said ")
            if kind < 0.1:  # a percentage
                pct = rng.randint(2, 95)
                s, e = write(f"{pct} percent")
                found.append(
                    (s, e, f"{pct} percent", Decimal(pct), None, None, "exact", "percent", "")
                )
                write(" of complaints were resolved. ")
            elif kind < 0.15:  # a fine in a currency
                amount = rng.randint(2, 90) * 1_000_000
                currency, symbol = rng.choice([("USD", "$"), ("CNY", "¥")])
                surface = f"{symbol}{amount // 1_000_000} million"
                s, e = write(surface)
                found.append(
                    (s, e, surface, Decimal(amount), None, None, "exact", currency, "fines")
                )
                write(" in fines were imposed. ")
            elif kind < 0.2:  # a vague magnitude
                noun, verb = rng.choice(NOUNS)
                s, e = write("hundreds of thousands")
                found.append(
                    (
                        s,
                        e,
                        "hundreds of thousands",
                        None,
                        Decimal(100_000),
                        Decimal(999_999),
                        "vague",
                        "",
                        noun,
                    )
                )
                write(f" of {noun} were {verb}. ")
            else:
                noun, verb = rng.choice(NOUNS)
                value = story[noun]
                if rng.random() < 0.1:  # a different number for the same thing
                    value = value * rng.choice([2, 3]) // rng.choice([1, 2]) + 1_000
                hedge, qualifier = rng.choice(HEDGES)
                surface = hedge + _written(value)
                s, e = write(surface)
                v = Decimal(value)
                lower = v if qualifier in ("more_than", "at_least") else None
                upper = v if qualifier in ("approx_below", "at_most") else None
                found.append((s, e, surface, v, lower, upper, qualifier, "", noun))
                write(f" {noun} had been {verb} since March. ")
            if k % 3 == 2:
                write(rng.choice(FILLERS) + "\n\n")
        texts.append(out.text().strip() + "\n")
        figures.append(found)
    return texts, figures


def in_memory(texts: list[str], figures: list[list[tuple]]) -> tuple[float, float, int, list]:
    from claims.consistency.reading import read_figures
    from claims.consistency.records import FigureRecord
    from claims.consistency.rules import check

    records = []
    next_id = 1
    for article_id, found in enumerate(figures, start=1):
        rows = []
        for row in found:
            rows.append(FigureRecord(next_id, article_id, *row))
            next_id += 1
        records.append(rows)
    t0 = time.perf_counter()
    read = []
    for text, rows in zip(texts, records, strict=True):
        read.extend(read_figures(text, rows))
    t1 = time.perf_counter()
    findings = check(read)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, len(findings), read


def write_db(texts: list[str], figures: list[list[tuple]]) -> Collection:
    from articles.models import Article, Collection, text_sha256
    from claims.models import Figure

    collection = Collection.objects.create(name="Consistency bench", slug="consistency-bench")
    for first in range(0, len(texts), 1000):
        chunk = range(first, min(first + 1000, len(texts)))
        articles = Article.objects.bulk_create(
            [
                Article(
                    collection=collection,
                    title=f"Wire {i}",
                    text=texts[i],
                    text_sha256=text_sha256(texts[i]),
                )
                for i in chunk
            ]
        )
        Figure.objects.bulk_create(
            [
                Figure(
                    article=article,
                    start=s,
                    end=e,
                    surface=surface,
                    value=value,
                    lower=lower,
                    upper=upper,
                    qualifier=qualifier,
                    unit=unit,
                    counted=counted,
                )
                for article, i in zip(articles, chunk, strict=True)
                for s, e, surface, value, lower, upper, qualifier, unit, counted in figures[i]
            ],
            batch_size=5000,
        )
    return collection


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--figures-per-article", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-db", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as db_dir:
        _setup(None if args.skip_db else db_dir)
        from django.db import connection, reset_queries
        from django.test.utils import CaptureQueriesContext

        from claims.consistency.reading import group_key
        from claims.consistency.reports import collection_findings

        texts, figures = build(args.articles, args.figures_per_article, args.seed)
        n_figures = sum(len(f) for f in figures)
        print(
            f"{args.articles:,} articles, {n_figures:,} figures, "
            f"{sum(len(t) for t in texts) / 1e6:.1f} M characters\n"
        )

        reads, checks, totals = [], [], []
        count = 0
        read: list = []
        for _ in range(args.runs):
            r, c, count, read = in_memory(texts, figures)
            reads.append(r)
            checks.append(c)
            totals.append(r + c)
        groups = Counter(key for f in read if (key := group_key(f)) is not None)
        largest = groups.most_common(1)[0][1] if groups else 0
        compared = sum(groups.values())
        rows = [
            ("In memory: read_figures", statistics.median(reads)),
            ("In memory: check", statistics.median(checks)),
            ("In memory: total", statistics.median(totals)),
        ]
        db_findings = None
        queries = None
        if not args.skip_db:
            t0 = time.perf_counter()
            collection = write_db(texts, figures)
            print(f"(SQLite written in {time.perf_counter() - t0:.1f} s)\n")
            times = []
            for _ in range(args.runs):
                reset_queries()
                with CaptureQueriesContext(connection) as captured:
                    t0 = time.perf_counter()
                    report = collection_findings(collection)
                    times.append(time.perf_counter() - t0)
                db_findings = len(report.findings)
                queries = len(captured)
            rows.append(("SQLite end to end: collection_findings", statistics.median(times)))

        print("| Step | Median time |")
        print("|---|---|")
        for label, seconds in rows:
            print(f"| {label} | {seconds:.2f} s |")
        print()
        print(
            f"Findings: {count:,} in memory"
            + (
                f", {db_findings:,} from the database in {queries} queries"
                if db_findings is not None
                else ""
            )
        )
        by_kind: Counter[str] = Counter()
        from claims.consistency.rules import check

        for finding in check(read):
            by_kind[finding.kind] += 1
        print("By kind: " + ", ".join(f"{k} {n:,}" for k, n in sorted(by_kind.items())))
        print(
            f"Comparable figures: {compared:,} in {len(groups):,} groups "
            f"(largest {largest:,}); all pairs across the collection would be "
            f"{compared * (compared - 1) // 2:,} comparisons."
        )


if __name__ == "__main__":
    main()
