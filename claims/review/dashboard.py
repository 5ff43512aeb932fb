"""A collection's dashboard: progress over time, claims by status and verdict, figures by
source, tags, and agreement per annotator pair, as server-rendered SVG charts.

Grouped counts in the database, a fixed number of queries whatever the collection's size
(the agreement report reads plain values of the double-annotated articles only).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Count
from django.db.models.functions import TruncDate

from articles.models import Assignment, Collection
from claims.models import Claim, Figure
from claims.review.agreement import agreement_report
from claims.review.charts import BarChart, LineChart, bar_chart, line_chart

if TYPE_CHECKING:
    from claims.blind import ArticleIds

STATUS_COLOURS: dict[str, str] = {
    Claim.Status.DRAFT: "#6b7280",
    Claim.Status.SUBMITTED: "#a16207",
    Claim.Status.APPROVED: "#047857",
    Claim.Status.REJECTED: "#b91c1c",
}
MAX_DAYS = 90
TOP_SOURCES = 12


def _cumulative(per_day: dict[date, int], days: list[date], before: int = 0) -> list[int]:
    total, values = before, []
    for day in days:
        total += per_day.get(day, 0)
        values.append(total)
    return values


def progress_chart(collection: Collection, hidden: ArticleIds | None = None) -> LineChart:
    """Claims created, submitted for review and approved, cumulated by day; without the
    articles `hidden` (ids) as dashboard_context."""
    claims = Claim.objects.filter(article__collection=collection)
    figures = Figure.objects.filter(article__collection=collection, state=Figure.State.CONFIRMED)
    if hidden is not None:
        claims = claims.exclude(article__in=hidden)
        figures = figures.exclude(article__in=hidden)
    created = dict(
        claims.annotate(day=TruncDate("created_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    approved = dict(
        claims.filter(status=Claim.Status.APPROVED, reviewed_at__isnull=False)
        .annotate(day=TruncDate("reviewed_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    confirmed = dict(
        figures.annotate(day=TruncDate("updated_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    known = set(created) | set(approved) | set(confirmed)
    if not known:
        return line_chart("Progress over time", [], [], empty="No claims yet.")
    last = max(known)
    first = max(min(known), last - timedelta(days=MAX_DAYS - 1))
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    if len(days) == 1:
        days = [first - timedelta(days=1), first]

    def earlier(per_day: dict[date, int]) -> int:
        return sum(n for day, n in per_day.items() if day < days[0])

    return line_chart(
        "Progress over time (cumulative)",
        days,
        [
            ("claims made", _cumulative(created, days, earlier(created))),
            ("claims approved", _cumulative(approved, days, earlier(approved))),
            ("figures confirmed", _cumulative(confirmed, days, earlier(confirmed))),
        ],
    )


def dashboard_context(
    collection: Collection, hidden: ArticleIds | None = None
) -> dict[str, object]:
    """The dashboard's charts and totals. `hidden`: ids of articles left out of the counts
    (those the reader annotates blind: their claims and figures are not hers to count);
    the agreement measures keep them, as on the agreement page."""
    claims = Claim.objects.filter(article__collection=collection)
    figures_of = Figure.objects.filter(article__collection=collection)
    through = Claim.figures.through.objects.filter(claim__article__collection=collection)
    tagged = Claim.tags.through.objects.filter(claim__article__collection=collection)
    if hidden is not None:
        claims = claims.exclude(article__in=hidden)
        figures_of = figures_of.exclude(article__in=hidden)
        through = through.exclude(claim__article__in=hidden)
        tagged = tagged.exclude(claim__article__in=hidden)
    by_status = dict(claims.values_list("status").annotate(n=Count("pk")).order_by())
    by_verdict = dict(claims.values_list("verdict").annotate(n=Count("pk")).order_by())
    by_source: dict[str, int] = defaultdict(int)
    for name, n in (
        through.values_list("claim__source__name")
        .annotate(n=Count("figure_id", distinct=True))
        .order_by("-n")
    ):
        by_source[name or "(no source)"] += n
    tags = list(
        tagged.values_list("tag__name", "tag__colour")
        .annotate(n=Count("claim_id"))
        .order_by("-n", "tag__name")
    )
    figures = dict(figures_of.values_list("state").annotate(n=Count("pk")).order_by())
    articles = collection.articles.count()
    assignments = Assignment.objects.filter(article__collection=collection)
    report = agreement_report(collection)
    pairs = [f"{p.a} & {p.b}" for p in report.pairs]
    charts: list[BarChart | LineChart] = [
        progress_chart(collection, hidden),
        bar_chart(
            "Claims by status",
            [(label, by_status.get(value, 0)) for value, label in Claim.Status.choices],
            colours=[STATUS_COLOURS[v] for v in Claim.Status.values],
        ),
        bar_chart(
            "Claims by verdict",
            [(label, by_verdict.get(value, 0)) for value, label in Claim.Verdict.choices],
        ),
        bar_chart(
            "Figures in claims, by source",
            sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_SOURCES],
            colours=["#0e7490"],
            empty="No figures attached to claims yet.",
        ),
        bar_chart(
            "Tags",
            [(name, n) for name, _, n in tags],
            colours=[colour for _, colour, _ in tags] or None,
            empty="No tags applied yet.",
        ),
        bar_chart(
            "Agreement per pair: figure spans (F1, overlapping)",
            [
                (label, p.figure_overlap.f1 or 0.0)
                for label, p in zip(pairs, report.pairs, strict=True)
            ],
            maximum=1.0,
            percent=True,
            colours=["#7c3aed"],
            empty="No double-annotated articles yet.",
        ),
        bar_chart(
            "Agreement per pair: same source (share of shared claims)",
            [
                (label, p.labels["attribution"].agreement or 0.0)
                for label, p in zip(pairs, report.pairs, strict=True)
            ],
            maximum=1.0,
            percent=True,
            colours=["#be185d"],
            empty="No claims made by two annotators yet.",
        ),
    ]
    return {
        "collection": collection,
        "charts": charts,
        "report": report,
        "totals": {
            "articles": articles,
            "assigned": assignments.values("article_id").distinct().count(),
            "claims": sum(by_status.values()),
            "figures": sum(figures.values()),
            "confirmed": figures.get(Figure.State.CONFIRMED, 0),
        },
    }
