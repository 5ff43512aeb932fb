"""How far annotators agree, on a double-annotated article or a whole collection.

Who annotated an article: its assigned annotators (articles.Assignment) or, where nobody was
assigned, everyone who made a claim or judged a figure on it. An article counts when at
least two of them did some work on it.

What is compared, per pair of annotators and across all of them:

- figure spans: each annotator's figures are those they confirmed (FigureJudgement) or
  attached to one of their claims, less those they rejected; precision, recall and F1 of
  one set against the other, on exact spans and on overlapping spans (one-to-one matches);
- claim spans: the same on the annotators' claims (overlapping spans);
- attribution: for claims the two annotators both made (their spans overlap), the source;
- qualifiers: for figures both confirmed, the qualifier (exact, more than, about…);
- figure decisions: for figures both judged, confirmed or rejected;
- tags: for claims both made, each tag of the collection applied or not.

The last four are labels, compared with Cohen's kappa per pair (scikit-learn) and
Krippendorff's alpha across annotators (the `krippendorff` package, nominal level), beside
the plain share of units on which the labels agree. Kappa and alpha are None where they are
undefined (fewer than two units, or a single label used throughout).

Every measure is read in a fixed number of queries (plain values, no model instances) and
computed in memory; `disagreements` lists what a reviewer curates.
"""

from __future__ import annotations

import math
import warnings
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from typing import TypedDict

from django.contrib.auth import get_user_model

from articles.models import Article, Assignment, Collection
from claims.models import Claim, Figure, FigureJudgement, Source, Tag
from claims.workspace.rows import number

Span = tuple[int, int]
LABEL_MEASURES = ("attribution", "qualifiers", "decisions", "tags")
LABEL_TITLES = {
    "attribution": "Attribution (same source)",
    "qualifiers": "Qualifiers",
    "decisions": "Figure decisions (confirmed / rejected)",
    "tags": "Tags",
}


# --- measures -------------------------------------------------------------------------------


@dataclass(slots=True)
class PRF:
    """Precision, recall and F1 of `b` against `a` (symmetric in F1)."""

    matched: int = 0
    a_total: int = 0
    b_total: int = 0

    def add(self, other: PRF) -> None:
        self.matched += other.matched
        self.a_total += other.a_total
        self.b_total += other.b_total

    @property
    def precision(self) -> float | None:
        return self.matched / self.b_total if self.b_total else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.a_total if self.a_total else None

    @property
    def f1(self) -> float | None:
        total = self.a_total + self.b_total
        return 2 * self.matched / total if total else None

    def as_dict(self) -> dict[str, object]:
        return {
            "matched": self.matched,
            "a": self.a_total,
            "b": self.b_total,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
        }


@dataclass(slots=True)
class Labels:
    """Two annotators' labels on the units both labelled: agreement share and Cohen's kappa."""

    a: list[str] = field(default_factory=list)
    b: list[str] = field(default_factory=list)

    def add(self, label_a: str, label_b: str) -> None:
        self.a.append(label_a)
        self.b.append(label_b)

    @property
    def units(self) -> int:
        return len(self.a)

    @property
    def agreement(self) -> float | None:
        if not self.a:
            return None
        return sum(1 for x, y in zip(self.a, self.b, strict=True) if x == y) / len(self.a)

    @property
    def kappa(self) -> float | None:
        return cohen_kappa(self.a, self.b)

    def as_dict(self) -> dict[str, object]:
        return {
            "units": self.units,
            "agreement": _round(self.agreement),
            "kappa": _round(self.kappa),
        }


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Cohen's kappa (scikit-learn), None where it is undefined."""
    if len(a) < 2 or len(set(a) | set(b)) < 2:
        return None
    from sklearn.metrics import cohen_kappa_score  # imported on first use: ~0.5 s

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        value = float(cohen_kappa_score(list(a), list(b)))
    return None if math.isnan(value) else value


def krippendorff_alpha(matrix: list[list[str | None]]) -> float | None:
    """Krippendorff's alpha, nominal, for rows of annotators by columns of units (None =
    the annotator gave no label); None where it is undefined."""
    codes: dict[str, int] = {}
    for row in matrix:
        for label in row:
            if label is not None:
                codes.setdefault(label, len(codes))
    pairable = sum(
        1 for column in zip(*matrix, strict=True) if sum(v is not None for v in column) >= 2
    )
    if len(codes) < 2 or pairable < 1 or len(matrix) < 2:
        return None
    import krippendorff
    import numpy as np

    data = np.array(
        [[np.nan if v is None else float(codes[v]) for v in row] for row in matrix], dtype=float
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            value = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except (ValueError, ZeroDivisionError):
        return None
    return None if math.isnan(value) else value


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def exact_matches(a: Iterable[Span], b: Iterable[Span]) -> PRF:
    sa, sb = set(a), set(b)
    return PRF(len(sa & sb), len(sa), len(sb))


def overlap_pairs(a: Sequence[Span], b: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one matches of overlapping spans, the largest overlaps first (indexes)."""
    candidates = []
    for i, (s1, e1) in enumerate(a):
        for j, (s2, e2) in enumerate(b):
            overlap = min(e1, e2) - max(s1, s2)
            if overlap > 0:
                candidates.append((-overlap, i, j))
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return pairs


def overlap_matches(a: Iterable[Span], b: Iterable[Span]) -> PRF:
    la, lb = sorted(set(a)), sorted(set(b))
    return PRF(len(overlap_pairs(la, lb)), len(la), len(lb))


# --- the data an agreement report reads ---------------------------------------------------

QUALIFIER_LABELS: dict[str, str] = dict(Figure.Qualifier.choices)
QUOTE_MARKS = "“”\"‘’'«»„‚"


def starts_with_quote_mark(text: str) -> bool:
    """A quote that opens with its own quote mark gets none added around it."""
    return text.lstrip()[:1] in QUOTE_MARKS


@dataclass(slots=True)
class ClaimVersion:
    id: int
    article_id: int
    start: int
    end: int
    quote: str
    source_id: int | None
    annotator_id: int
    status: str
    superseded_by_id: int | None
    tags: set[int] = field(default_factory=set)
    figures: set[int] = field(default_factory=set)


# What two readings of a figure must share to agree: state, value, bounds, qualifier, unit.
ReadingKey = tuple[str, Decimal | None, Decimal | None, Decimal | None, str, str]


@dataclass(slots=True)
class Judgement:
    id: int
    figure_id: int
    annotator_id: int
    state: str
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    qualifier: str
    unit: str
    counted: str

    def reading(self) -> ReadingKey:
        return (self.state, self.value, self.lower, self.upper, self.qualifier, self.unit)


@dataclass(slots=True)
class FigureInfo:
    id: int
    article_id: int
    start: int
    end: int
    surface: str
    reading: ReadingKey


class ClaimShown(TypedDict):
    """One annotator's claim in a claim disagreement."""

    id: int
    annotator: str
    start: int
    end: int
    quote: str
    quote_marks: bool
    source: str
    tags: list[str]
    figures: int
    status: str
    superseded: bool
    kept: bool
    others: list[int]  # the other versions' claim ids


class JudgementShown(TypedDict):
    """One annotator's judgement in a figure disagreement (values as display strings)."""

    id: int
    annotator: str
    state: str
    value: str
    lower: str
    upper: str
    qualifier: str
    qualifier_label: str
    unit: str
    counted: str
    kept: bool


@dataclass(slots=True)
class Disagreement:
    """Something two or more annotators of an article did differently, to curate."""

    kind: str  # "claim" or "figure"
    article_id: int
    article_title: str
    start: int
    end: int
    text: str
    reasons: list[str]
    versions: list[ClaimShown] | list[JudgementShown]  # one per annotator, as the page shows them
    curated: bool
    # Whether the page puts quote marks around `text`: not when it starts with one already.
    quote_marks: bool = True


@dataclass(slots=True)
class PairAgreement:
    a: str
    b: str
    articles: int = 0
    figure_exact: PRF = field(default_factory=PRF)
    figure_overlap: PRF = field(default_factory=PRF)
    claim_overlap: PRF = field(default_factory=PRF)
    labels: dict[str, Labels] = field(
        default_factory=lambda: {name: Labels() for name in LABEL_MEASURES}
    )

    def as_dict(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "articles": self.articles,
            "figure_spans_exact": self.figure_exact.as_dict(),
            "figure_spans_overlap": self.figure_overlap.as_dict(),
            "claim_spans_overlap": self.claim_overlap.as_dict(),
            **{name: self.labels[name].as_dict() for name in LABEL_MEASURES},
        }


@dataclass(slots=True)
class AgreementReport:
    collection: str
    articles: int
    annotators: list[str]
    pairs: list[PairAgreement]
    alpha: dict[str, float | None]
    disagreements: list[Disagreement]

    def as_dict(self) -> dict[str, object]:
        return {
            "collection": self.collection,
            "articles": self.articles,
            "annotators": self.annotators,
            "pairs": [p.as_dict() for p in self.pairs],
            "krippendorff_alpha": {k: _round(v) for k, v in self.alpha.items()},
            "disagreements": [
                {
                    "kind": d.kind,
                    "article": d.article_id,
                    "start": d.start,
                    "end": d.end,
                    "text": d.text,
                    "reasons": d.reasons,
                    "curated": d.curated,
                    "versions": [
                        {k: (str(v) if isinstance(v, Decimal) else v) for k, v in version.items()}
                        for version in d.versions
                    ],
                }
                for d in self.disagreements
            ],
        }


# --- the report -----------------------------------------------------------------------------


def _clusters(claims: list[ClaimVersion]) -> list[list[ClaimVersion]]:
    """Claims of one article grouped by overlapping spans (the same statement)."""
    ordered = sorted(claims, key=lambda c: (c.start, c.end, c.id))
    groups: list[list[ClaimVersion]] = []
    reach = -1
    for claim in ordered:
        if groups and claim.start < reach:
            groups[-1].append(claim)
            reach = max(reach, claim.end)
        else:
            groups.append([claim])
            reach = claim.end
    return groups


def agreement_report(collection: Collection, *, article: Article | None = None) -> AgreementReport:
    """Agreement between the annotators of `collection` (or of one article of it)."""
    articles = Article.objects.filter(collection=collection)
    if article is not None:
        articles = articles.filter(pk=article.pk)
    titles = dict(articles.values_list("pk", "title"))
    ids = list(titles)

    assigned: dict[int, set[int]] = defaultdict(set)
    for article_id, annotator_id in Assignment.objects.filter(article_id__in=ids).values_list(
        "article_id", "annotator_id"
    ):
        assigned[article_id].add(annotator_id)

    claims: dict[int, ClaimVersion] = {}
    for row in (
        Claim.objects.filter(article_id__in=ids, created_by__isnull=False)
        .order_by("article_id", "start", "end", "pk")
        .values_list(
            "pk",
            "article_id",
            "start",
            "end",
            "quote",
            "source_id",
            "created_by_id",
            "status",
            "superseded_by_id",
        )
    ):
        claims[row[0]] = ClaimVersion(*row)
    for claim_id, tag_id in Claim.tags.through.objects.filter(
        claim_id__in=list(claims)
    ).values_list("claim_id", "tag_id"):
        claims[claim_id].tags.add(tag_id)
    for claim_id, figure_id in Claim.figures.through.objects.filter(
        claim_id__in=list(claims)
    ).values_list("claim_id", "figure_id"):
        claims[claim_id].figures.add(figure_id)

    judgements: list[Judgement] = [
        Judgement(*row)
        for row in FigureJudgement.objects.filter(figure__article_id__in=ids).values_list(
            "pk",
            "figure_id",
            "annotator_id",
            *FigureJudgement.COPIED,
        )
    ]
    wanted_figures = {j.figure_id for j in judgements}
    for claim in claims.values():
        wanted_figures |= claim.figures
    figures = {
        pk: FigureInfo(pk, art, start, end, surface, (state, value, lower, upper, qualifier, unit))
        for pk, art, start, end, surface, state, value, lower, upper, qualifier, unit in (
            Figure.objects.filter(pk__in=wanted_figures).values_list(
                "pk",
                "article_id",
                "start",
                "end",
                "surface",
                "state",
                "value",
                "lower",
                "upper",
                "qualifier",
                "unit",
            )
        )
    }
    users = dict(get_user_model().objects.values_list("pk", "username"))
    source_names = dict(
        Source.objects.filter(
            pk__in={c.source_id for c in claims.values() if c.source_id}
        ).values_list("pk", "name")
    )
    tag_names = dict(
        Tag.objects.filter(pk__in={t for c in claims.values() for t in c.tags}).values_list(
            "pk", "name"
        )
    )

    by_article_claims: dict[int, list[ClaimVersion]] = defaultdict(list)
    for claim in claims.values():
        by_article_claims[claim.article_id].append(claim)
    by_article_judgements: dict[int, list[Judgement]] = defaultdict(list)
    for j in judgements:
        info = figures.get(j.figure_id)
        if info is not None:
            by_article_judgements[info.article_id].append(j)

    pairs: dict[tuple[int, int], PairAgreement] = {}
    everyone: set[int] = set()
    columns: dict[str, list[dict[int, str]]] = {name: [] for name in LABEL_MEASURES}
    disagreements: list[Disagreement] = []
    counted_articles = 0

    for article_id in ids:
        article_claims = by_article_claims.get(article_id, [])
        article_judgements = by_article_judgements.get(article_id, [])
        workers = {c.annotator_id for c in article_claims} | {
            j.annotator_id for j in article_judgements
        }
        annotators = assigned.get(article_id) or workers
        annotators = annotators & workers if assigned.get(article_id) else annotators
        if len(annotators) < 2:
            continue
        counted_articles += 1
        everyone |= annotators
        own_claims = {a: [c for c in article_claims if c.annotator_id == a] for a in annotators}
        own_judgements = {
            a: {j.figure_id: j for j in article_judgements if j.annotator_id == a}
            for a in annotators
        }
        figure_sets: dict[int, set[Span]] = {}
        for a in annotators:
            confirmed = {
                f for f, j in own_judgements[a].items() if j.state == Figure.State.CONFIRMED
            }
            rejected = {f for f, j in own_judgements[a].items() if j.state == Figure.State.REJECTED}
            linked = {f for c in own_claims[a] for f in c.figures}
            figure_sets[a] = {
                (figures[f].start, figures[f].end)
                for f in (confirmed | linked) - rejected
                if f in figures
            }

        clusters = _clusters([c for c in article_claims if c.annotator_id in annotators])
        used_tags = sorted({t for c in article_claims for t in c.tags})
        for a, b in combinations(sorted(annotators, key=lambda pk: users.get(pk, "")), 2):
            key = (a, b)
            pair = pairs.setdefault(key, PairAgreement(users.get(a, "?"), users.get(b, "?")))
            pair.articles += 1
            pair.figure_exact.add(exact_matches(figure_sets[a], figure_sets[b]))
            pair.figure_overlap.add(overlap_matches(sorted(figure_sets[a]), sorted(figure_sets[b])))
            pair.claim_overlap.add(
                overlap_matches(
                    [(c.start, c.end) for c in own_claims[a]],
                    [(c.start, c.end) for c in own_claims[b]],
                )
            )
            for group in clusters:
                ca = next((c for c in group if c.annotator_id == a), None)
                cb = next((c for c in group if c.annotator_id == b), None)
                if ca is None or cb is None:
                    continue
                pair.labels["attribution"].add(_source_label(ca), _source_label(cb))
                for tag in used_tags:
                    pair.labels["tags"].add(str(tag in ca.tags), str(tag in cb.tags))
            ja, jb = own_judgements[a], own_judgements[b]
            for figure_id in sorted(ja.keys() & jb.keys()):
                pair.labels["decisions"].add(ja[figure_id].state, jb[figure_id].state)
                if ja[figure_id].state == jb[figure_id].state == Figure.State.CONFIRMED:
                    pair.labels["qualifiers"].add(ja[figure_id].qualifier, jb[figure_id].qualifier)

        # Columns for Krippendorff's alpha: one unit per claim cluster (and tag), per figure.
        for group in clusters:
            first = {a: next((c for c in group if c.annotator_id == a), None) for a in annotators}
            made = {a: c for a, c in first.items() if c is not None}
            columns["attribution"].append({a: _source_label(c) for a, c in made.items()})
            for tag in used_tags:
                columns["tags"].append({a: str(tag in c.tags) for a, c in made.items()})
        judged_figures = sorted({j.figure_id for j in article_judgements})
        for figure_id in judged_figures:
            column = {
                a: own_judgements[a][figure_id].state
                for a in annotators
                if figure_id in own_judgements[a]
            }
            columns["decisions"].append(column)
            columns["qualifiers"].append(
                {
                    a: own_judgements[a][figure_id].qualifier
                    for a in annotators
                    if figure_id in own_judgements[a]
                    and own_judgements[a][figure_id].state == Figure.State.CONFIRMED
                }
            )

        disagreements += _claim_disagreements(
            article_id, titles[article_id], clusters, annotators, users, source_names, tag_names
        )
        disagreements += _figure_disagreements(
            article_id, titles[article_id], judged_figures, own_judgements, figures, users
        )

    order = sorted(everyone, key=lambda pk: users.get(pk, ""))
    alpha = {
        name: krippendorff_alpha([[col.get(a) for col in cols] for a in order]) if cols else None
        for name, cols in columns.items()
    }
    return AgreementReport(
        collection=collection.slug,
        articles=counted_articles,
        annotators=[users.get(a, "?") for a in order],
        pairs=sorted(pairs.values(), key=lambda p: (p.a, p.b)),
        alpha=alpha,
        disagreements=disagreements,
    )


def _source_label(claim: ClaimVersion) -> str:
    return str(claim.source_id) if claim.source_id else "none"


def _claim_disagreements(
    article_id: int,
    title: str,
    clusters: list[list[ClaimVersion]],
    annotators: set[int],
    users: dict[int, str],
    source_names: dict[int, str],
    tag_names: dict[int, str],
) -> list[Disagreement]:
    found = []
    for group in clusters:
        makers = {c.annotator_id for c in group}
        reasons = []
        if makers != annotators:
            missing = sorted(users.get(a, "?") for a in annotators - makers)
            reasons.append("not marked by " + ", ".join(missing))
        if len({(c.start, c.end) for c in group}) > 1:
            reasons.append("different spans")
        if len({c.source_id for c in group}) > 1:
            reasons.append("different sources")
        if len({frozenset(c.tags) for c in group}) > 1:
            reasons.append("different tags")
        if len({frozenset(c.figures) for c in group}) > 1:
            reasons.append("different figures")
        if not reasons:
            continue
        kept = [c for c in group if c.status == Claim.Status.APPROVED and not c.superseded_by_id]
        # Curated only by a real curation decision: one version kept, the others superseded
        # by it. A claim approved from the review queue is approved, not curated.
        curated = (
            len(kept) == 1
            and len(group) > 1
            and all(c.superseded_by_id == kept[0].id for c in group if c is not kept[0])
        )
        found.append(
            Disagreement(
                kind="claim",
                article_id=article_id,
                article_title=title,
                start=min(c.start for c in group),
                end=max(c.end for c in group),
                text=group[0].quote,
                reasons=reasons,
                versions=[
                    ClaimShown(
                        id=c.id,
                        annotator=users.get(c.annotator_id, "?"),
                        start=c.start,
                        end=c.end,
                        quote=c.quote,
                        quote_marks=not starts_with_quote_mark(c.quote),
                        source=source_names.get(c.source_id, "") if c.source_id else "",
                        tags=sorted(tag_names.get(t, "?") for t in c.tags),
                        figures=len(c.figures),
                        status=c.status,
                        superseded=c.superseded_by_id is not None,
                        kept=curated and c is kept[0],
                        others=[o.id for o in group if o.id != c.id],
                    )
                    for c in group
                ],
                curated=curated,
                quote_marks=not starts_with_quote_mark(group[0].quote),
            )
        )
    return found


def _figure_disagreements(
    article_id: int,
    title: str,
    judged: list[int],
    own: dict[int, dict[int, Judgement]],
    figures: dict[int, FigureInfo],
    users: dict[int, str],
) -> list[Disagreement]:
    found = []
    annotators = sorted(own, key=lambda pk: users.get(pk, ""))
    for figure_id in judged:
        versions = [own[a][figure_id] for a in annotators if figure_id in own[a]]
        readings = {j.reading() for j in versions}
        reasons = []
        if len(versions) < len(annotators):
            missing = [users.get(a, "?") for a in annotators if figure_id not in own[a]]
            reasons.append("not judged by " + ", ".join(missing))
        if len({j.state for j in versions}) > 1:
            reasons.append("confirmed by one, rejected by another")
        elif len({j.qualifier for j in versions}) > 1:
            reasons.append("different qualifiers")
        if len({(j.value, j.lower, j.upper, j.unit) for j in versions}) > 1:
            reasons.append("different values")
        if len(readings) == 1 and len(versions) == len(annotators):
            continue
        if not reasons:
            continue
        info = figures[figure_id]
        found.append(
            Disagreement(
                kind="figure",
                article_id=article_id,
                article_title=title,
                start=info.start,
                end=info.end,
                text=info.surface,
                reasons=reasons,
                versions=[
                    JudgementShown(
                        id=j.id,
                        annotator=users.get(j.annotator_id, "?"),
                        state=j.state,
                        value=number(j.value),
                        lower=number(j.lower),
                        upper=number(j.upper),
                        qualifier=j.qualifier,
                        qualifier_label=QUALIFIER_LABELS.get(j.qualifier, j.qualifier),
                        unit=j.unit,
                        counted=j.counted,
                        kept=j.reading() == info.reading,
                    )
                    for j in versions
                ],
                curated=any(j.reading() == info.reading for j in versions) and len(readings) > 1,
            )
        )
    return found
