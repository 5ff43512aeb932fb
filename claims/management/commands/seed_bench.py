"""`python manage.py seed_bench --claims N [--articles M]`: a synthetic collection for benchmarks.

Wire-style articles whose sentences quote two or three figures each ("The regulator said
more than 1.4 million posts were removed ..."); every such sentence is a claim with its
figures, a source (sometimes a via), tags, and links to earlier claims of the article.
Everything is written with bulk_create, so 200,000 claims take well under a minute; on
PostgreSQL with COPY (claims/pgcopy.py), so 1,000,000 claims and their 2.3 million figures
take a few minutes (issue 8). Offsets are exact: the text is built piece by piece and each
span is recorded as it is written. Deterministic for a given --seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from articles.models import Article, Collection, text_sha256
from claims.blind import READING_FIELDS
from claims.models import Claim, ClaimLink, Figure, Source, Tag
from claims.pgcopy import copy_rows, reserve_ids

SOURCES = [
    ("Cyberspace Administration of China", Source.Kind.REGULATOR),
    ("Ministry of Public Security", Source.Kind.GOVERNMENT),
    ("National Bureau of Statistics", Source.Kind.GOVERNMENT),
    ("European Commission", Source.Kind.GOVERNMENT),
    ("Office for National Statistics", Source.Kind.GOVERNMENT),
    ("World Health Organization", Source.Kind.NGO),
    ("Amnesty International", Source.Kind.NGO),
    ("Tencent", Source.Kind.COMPANY),
    ("ByteDance", Source.Kind.COMPANY),
    ("Pew Research Center", Source.Kind.RESEARCH),
    ("Li Wei, a ministry spokesman", Source.Kind.PERSON),
    ("Maria Santos, the agency's director", Source.Kind.PERSON),
]
WIRES = [
    ("Reuters", Source.Kind.NEWS_AGENCY),
    ("Associated Press", Source.Kind.NEWS_AGENCY),
    ("Agence France-Presse", Source.Kind.NEWS_AGENCY),
    ("Xinhua", Source.Kind.NEWS_AGENCY),
]
TAGS = [
    ("Enforcement", "enforcement", "#b91c1c"),
    ("Scope", "scope", "#1d4ed8"),
    ("Official figure", "official-figure", "#047857"),
    ("Unverified", "unverified", "#a16207"),
    ("Economy", "economy", "#7c3aed"),
    ("Health", "health", "#0e7490"),
]
CITIES = ["BEIJING", "BRUSSELS", "LONDON", "GENEVA", "SHANGHAI", "HONG KONG", "WASHINGTON"]
COUNTED = [
    "posts",
    "accounts",
    "websites",
    "people",
    "companies",
    "complaints",
    "videos",
    "live streams",
    "cases",
    "households",
]
VERBS = ["removed", "closed", "penalised", "investigated", "reported", "suspended", "flagged"]
FILLERS = [
    "The campaign, launched in March, targets what officials call rumour-mongering.",
    "Critics say the rules are vague and leave wide room for interpretation.",
    "The figures could not be independently verified.",
    "Officials did not respond to a request for comment on Sunday.",
    "Analysts said the numbers were broadly in line with earlier years.",
    "The announcement came a day after a similar statement by the cabinet.",
]
# (hedge as written, qualifier)
HEDGES = [
    ("", Figure.Qualifier.EXACT),
    ("more than ", Figure.Qualifier.MORE_THAN),
    ("nearly ", Figure.Qualifier.APPROX_BELOW),
    ("about ", Figure.Qualifier.APPROX),
    ("at least ", Figure.Qualifier.AT_LEAST),
    ("up to ", Figure.Qualifier.AT_MOST),
]
CLAIM_STATUSES = [
    Claim.Status.APPROVED,
    Claim.Status.APPROVED,
    Claim.Status.APPROVED,
    Claim.Status.SUBMITTED,
    Claim.Status.DRAFT,
    Claim.Status.REJECTED,
]
VERDICTS = [v for v, _ in Claim.Verdict.choices]


@dataclass
class PlannedFigure:
    start: int
    end: int
    surface: str
    value: Decimal
    qualifier: str
    counted: str
    unit: str


@dataclass
class PlannedClaim:
    start: int
    end: int
    figures: list[PlannedFigure]
    source: int
    via: int | None


def _number(rng: random.Random) -> tuple[str, Decimal, str]:
    """A figure as a wire writes it: (text, value, unit)."""
    kind = rng.random()
    if kind < 0.3:
        millions = rng.randint(11, 99) / 10
        return f"{millions:.1f} million", Decimal(str(millions)) * 1_000_000, ""
    if kind < 0.7:
        n = rng.randint(120, 99_000)
        return f"{n:,}", Decimal(n), ""
    if kind < 0.85:
        pct = rng.randint(2, 95)
        return f"{pct} percent", Decimal(pct), "percent"
    billions = rng.randint(12, 480) / 10
    return f"${billions:.1f} billion", Decimal(str(billions)) * 1_000_000_000, "USD"


class Writer:
    """Builds a text piece by piece, recording the spans of figures and claims."""

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


def plan_article(
    rng: random.Random, index: int, claims: int, sources: list[int], wires: list[int]
) -> tuple[str, list[PlannedClaim]]:
    out = Writer()
    day = date(2023, 1, 1) + timedelta(days=index % 365)
    out.write(f"{rng.choice(CITIES)}, {day:%B} {day.day} (Wire {index}) - ")
    planned = []
    for n in range(claims):
        source = rng.choice(sources)
        via = rng.choice(wires) if rng.random() < 0.3 else None
        start, _ = out.write("")
        figures = []
        out.write(f"{SOURCES_TEXT[source]} said ")
        for k in range(rng.choice([2, 2, 3])):
            if k:
                out.write(", and " if k == 2 else " while ")
            hedge, qualifier = rng.choice(HEDGES)
            written, value, unit = _number(rng)
            counted = rng.choice(COUNTED) if unit != "percent" else ""
            surface = hedge + written
            f_start, f_end = out.write(surface)
            figures.append(PlannedFigure(f_start, f_end, surface, value, qualifier, counted, unit))
            if unit == "percent":
                out.write(f" of {rng.choice(COUNTED)} were {rng.choice(VERBS)}")
            else:
                out.write(f" {counted} had been {rng.choice(VERBS)}")
        _, end = out.write(f" in the {n + 1}{_ordinal(n + 1)} phase of the campaign.")
        planned.append(PlannedClaim(start, end, figures, source, via))
        out.write(" " if rng.random() < 0.6 else "\n\n")
        if rng.random() < 0.5:
            out.write(rng.choice(FILLERS) + "\n\n")
    return out.text().strip() + "\n", planned


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


SOURCES_TEXT: dict[int, str] = {}


class Command(BaseCommand):
    help = (
        "Build a synthetic collection of N claims (2-3 figures each, tags, links) for benchmarks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--claims", type=int, required=True)
        parser.add_argument(
            "--articles", type=int, help="How many articles (default: one per 10 claims)."
        )
        parser.add_argument("--collection", default="bench")
        parser.add_argument("--seed", type=int, default=6)

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        total = options["claims"]
        n_articles = options["articles"] or max(1, total // 10)
        if total < 0 or n_articles < 1:
            raise CommandError("--claims must be 0 or more and --articles 1 or more.")
        rng = random.Random(options["seed"])
        slug = options["collection"]
        if Collection.objects.filter(slug=slug).exists():
            raise CommandError(f"Collection {slug!r} already exists; pick another --collection.")
        collection = Collection.objects.create(name=f"Benchmark ({total:,} claims)", slug=slug)

        source_ids = []
        for name, kind in SOURCES:
            source, _ = Source.objects.get_or_create(name=name, defaults={"kind": kind})
            source_ids.append(source.pk)
            # "The Ministry of …" but "Amnesty International", "Tencent", "Li Wei, …".
            the = name.split()[0] in {
                "Cyberspace",
                "Ministry",
                "National",
                "European",
                "Office",
                "World",
            }
            SOURCES_TEXT[source.pk] = f"The {name}" if the else name
        wire_ids = []
        for name, kind in WIRES:
            wire, _ = Source.objects.get_or_create(name=name, defaults={"kind": kind})
            wire_ids.append(wire.pk)
        tags = Tag.objects.bulk_create(
            [Tag(collection=collection, name=n, slug=s, colour=c) for n, s, c in TAGS]
        )

        per_article = [total // n_articles] * n_articles
        for i in range(total % n_articles):
            per_article[i] += 1
        made = 0
        batch_size = 1000
        # Issue 8: on PostgreSQL the rows go in with COPY, not bulk_create.
        write = self._batch_copy if connection.vendor == "postgresql" else self._batch
        for first in range(0, n_articles, batch_size):
            made += write(
                rng,
                collection,
                range(first, min(first + batch_size, n_articles)),
                per_article,
                source_ids,
                wire_ids,
                [t.pk for t in tags],
            )
        self.stdout.write(
            f"Seeded {collection.slug}: {n_articles:,} articles, {made:,} claims "
            f"({Figure.objects.filter(article__collection=collection).count():,} figures)."
        )

    def _batch(
        self,
        rng: random.Random,
        collection: Collection,
        indexes: range,
        per_article: list[int],
        sources: list[int],
        wires: list[int],
        tags: list[int],
    ) -> int:
        plans = [plan_article(rng, i, per_article[i], sources, wires) for i in indexes]
        articles = Article.objects.bulk_create(
            [
                Article(
                    collection=collection,
                    title=f"Campaign update {i}: {text.split(' - ', 1)[1][:80]}",
                    outlet=rng.choice(["Reuters", "AP", "AFP", "Xinhua"]),
                    url=f"https://wire.example/2023/{i}",
                    published_on=date(2023, 1, 1) + timedelta(days=i % 365),
                    language="en",
                    text=text,
                    text_sha256=text_sha256(text),
                    status=Article.Status.IN_PROGRESS,
                )
                for i, (text, _) in zip(indexes, plans, strict=True)
            ]
        )
        figures: list[Figure] = []
        claims: list[tuple[Claim, list[Figure]]] = []
        for article, (text, planned) in zip(articles, plans, strict=True):
            for p in planned:
                claim = Claim(
                    article=article,
                    start=p.start,
                    end=p.end,
                    quote=text[p.start : p.end],
                    source_id=p.source,
                    via_id=p.via,
                    attribution=rng.choice(
                        [Claim.Attribution.DIRECT, Claim.Attribution.PARAPHRASE]
                    ),
                    status=rng.choice(CLAIM_STATUSES),
                    verdict=rng.choice(VERDICTS),
                )
                claim_figures = [
                    Figure(
                        article=article,
                        start=f.start,
                        end=f.end,
                        surface=f.surface,
                        value=f.value,
                        lower=f.value if f.qualifier in {"more_than", "at_least"} else None,
                        upper=f.value if f.qualifier in {"approx_below", "at_most"} else None,
                        qualifier=f.qualifier,
                        unit=f.unit,
                        counted=f.counted,
                        state=Figure.State.CONFIRMED,
                        origin=Figure.Origin.DETECTED,
                    )
                    for f in p.figures
                ]
                figures += claim_figures
                claims.append((claim, claim_figures))
        Claim.objects.bulk_create([c for c, _ in claims], batch_size=2000)
        Figure.objects.bulk_create(figures, batch_size=2000)

        figure_links = []
        tag_links = []
        links = []
        earlier: list[Claim] = []
        for claim, claim_figures in claims:
            if earlier and earlier[-1].article_id != claim.article_id:
                earlier = []
            figure_links += [
                Claim.figures.through(claim_id=claim.pk, figure_id=f.pk) for f in claim_figures
            ]
            for tag in rng.sample(tags, rng.choice([0, 1, 1, 2])):
                tag_links.append(Claim.tags.through(claim_id=claim.pk, tag_id=tag))
            if earlier and rng.random() < 0.3:
                links.append(
                    ClaimLink(
                        from_claim=claim,
                        to_claim=rng.choice(earlier),
                        relation=rng.choice([r for r, _ in ClaimLink.Relation.choices]),
                    )
                )
            earlier.append(claim)
        Claim.figures.through.objects.bulk_create(figure_links, batch_size=5000)
        Claim.tags.through.objects.bulk_create(tag_links, batch_size=5000)
        ClaimLink.objects.bulk_create(links, batch_size=2000)
        return len(claims)

    # --- PostgreSQL: COPY (issue 8) ---------------------------------------------------------

    def _batch_copy(
        self,
        rng: random.Random,
        collection: Collection,
        indexes: range,
        per_article: list[int],
        sources: list[int],
        wires: list[int],
        tags: list[int],
    ) -> int:
        """`_batch` as plain tuples COPYed in, with ids reserved from the sequences; the
        same random draws in the same order, so the same data for a given --seed."""
        plans = [plan_article(rng, i, per_article[i], sources, wires) for i in indexes]
        article_ids = reserve_ids(Article, len(plans))
        article_rows = [
            (
                pk,
                collection.pk,
                f"Campaign update {i}: {text.split(' - ', 1)[1][:80]}",
                rng.choice(["Reuters", "AP", "AFP", "Xinhua"]),
                f"https://wire.example/2023/{i}",
                date(2023, 1, 1) + timedelta(days=i % 365),
                "en",
                text,
                text_sha256(text),
                Article.Status.IN_PROGRESS.value,
            )
            for pk, i, (text, _) in zip(article_ids, indexes, plans, strict=True)
        ]
        copy_rows(
            Article,
            (
                "id",
                "collection_id",
                "title",
                "outlet",
                "url",
                "published_on",
                "language",
                "text",
                "text_sha256",
                "status",
            ),
            article_rows,
        )
        n_claims = sum(len(planned) for _, planned in plans)
        n_figures = sum(len(p.figures) for _, planned in plans for p in planned)
        claim_ids = iter(reserve_ids(Claim, n_claims))
        figure_ids = iter(reserve_ids(Figure, n_figures))
        attributions = [Claim.Attribution.DIRECT.value, Claim.Attribution.PARAPHRASE.value]
        statuses = [s.value for s in CLAIM_STATUSES]
        claim_rows: list[tuple[object, ...]] = []
        figure_rows: list[tuple[object, ...]] = []
        claims: list[tuple[int, int, list[int]]] = []  # (claim, article, figures)
        for article_id, (text, planned) in zip(article_ids, plans, strict=True):
            for p in planned:
                pk = next(claim_ids)
                claim_rows.append(
                    (
                        pk,
                        article_id,
                        p.start,
                        p.end,
                        text[p.start : p.end],
                        p.source,
                        p.via,
                        rng.choice(attributions),
                        rng.choice(statuses),
                        rng.choice(VERDICTS),
                    )
                )
                ids = []
                for f in p.figures:
                    figure_pk = next(figure_ids)
                    ids.append(figure_pk)
                    figure_rows.append(
                        (
                            figure_pk,
                            article_id,
                            f.start,
                            f.end,
                            f.surface,
                            f.value,
                            f.value if f.qualifier in {"more_than", "at_least"} else None,
                            f.value if f.qualifier in {"approx_below", "at_most"} else None,
                            f.qualifier,
                            f.unit,
                            f.counted,
                            Figure.State.CONFIRMED.value,
                            Figure.Origin.DETECTED.value,
                        )
                    )
                claims.append((pk, article_id, ids))
        copy_rows(
            Claim,
            (
                "id",
                "article_id",
                "start",
                "end",
                "quote",
                "source_id",
                "via_id",
                "attribution",
                "status",
                "verdict",
            ),
            claim_rows,
        )
        copy_rows(
            Figure,
            (
                "id",
                "article_id",
                "start",
                "end",
                "surface",
                *READING_FIELDS,
                "state",
                "origin",
            ),
            figure_rows,
        )

        figure_links: list[tuple[int, int]] = []
        tag_links: list[tuple[int, int]] = []
        links: list[tuple[int, int, str]] = []
        relations = [r for r, _ in ClaimLink.Relation.choices]
        earlier: list[int] = []
        previous_article = None
        for pk, article_id, ids in claims:
            if earlier and previous_article != article_id:
                earlier = []
            previous_article = article_id
            figure_links += [(pk, figure_pk) for figure_pk in ids]
            for tag in rng.sample(tags, rng.choice([0, 1, 1, 2])):
                tag_links.append((pk, tag))
            if earlier and rng.random() < 0.3:
                links.append((pk, rng.choice(earlier), rng.choice(relations)))
            earlier.append(pk)
        copy_rows(Claim.figures.through, ("claim_id", "figure_id"), figure_links)
        copy_rows(Claim.tags.through, ("claim_id", "tag_id"), tag_links)
        copy_rows(ClaimLink, ("from_claim_id", "to_claim_id", "relation"), links)
        return len(claims)
