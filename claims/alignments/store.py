"""The figure alignment of related articles, stored, and the translation findings it gives.

`realign(article_ids)` aligns every relation touching these articles whose texts, figures or
alignment code changed since it was last aligned (`RelationAlignment.digest`): the stored
figures of both articles are matched to those `compare_texts` reads (by span, else by the
first stored figure overlapping it), one row per figure and side. Rows a reviewer set by hand
(`align_by_hand`) are kept and their figures left out of the computed rows. It runs where the
stored consistency findings are recomputed (claims/consistency/store.py `refresh`), so an
import, a figure decision or a new relation reaches the alignment the next time the findings
of either article are read; `relations_changed` (articles/hooks.py) marks them out of date.

`translation_findings(article_ids)` gives each stored change as a consistency `Finding`
(kinds `translation_<change>`), about both articles, suggesting a `contradicts` (or, for a
hedge, `repeats`) link from the translation's claim to the original's.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.models import Article, ArticleRelation
from claims import translations
from claims.alignments.models import FigureAlignment, RelationAlignment
from claims.consistency.records import (
    SUGGESTED_RELATION,
    TRANSLATION_KINDS,
    Finding,
    SuggestedLink,
)
from claims.detection import DetectedFigure
from claims.models import Claim, Figure, StoredFindings

# The code an alignment is computed by: a change to it aligns every pair again.
ALIGNMENT_SOURCES: Final = (Path(translations.__file__ or ""), Path(__file__))
ENGINE: Final = hashlib.sha256(b"".join(p.read_bytes() for p in ALIGNMENT_SOURCES)).hexdigest()[:16]

SEVERITY: Final = {
    "value": "high",
    "scale": "high",
    "range": "high",
    "hedge": "medium",
    "missing": "medium",
    "added": "medium",
    "noun": "low",
    "event": "low",
}

# (id, article_id, start, end, state, surface) of a stored figure.
FigureRow = tuple[int, int, int, int, str, str]


def relations_changed(article_ids: Iterable[int]) -> None:
    """A relation of these articles was made, changed or removed: their stored findings are
    recomputed (with the alignment) the next time they are read."""
    StoredFindings.objects.filter(article_id__in=list(article_ids)).update(computed_version=None)


def relation_create(
    *, derived: Article, original: Article, kind: str, by: User | None
) -> tuple[ArticleRelation, bool]:
    """Relate `derived` to `original` (the workspace, the API and the import page's step)
    and mark both articles' findings out of date."""
    relation, created = ArticleRelation.objects.relate(
        derived=derived, original=original, kind=kind, created_by=by
    )
    if created:
        relations_changed([derived.pk, original.pk])
    return relation, created


def relation_delete(relation: ArticleRelation) -> None:
    ids = [relation.derived_id, relation.original_id]
    relation.delete()
    relations_changed(ids)


# --------------------------------------------------------------------------------------------
# Aligning
# --------------------------------------------------------------------------------------------


def realign(article_ids: Iterable[int], *, force: bool = False) -> int:
    """Align every relation touching these articles that is out of date (all of them with
    `force`); the number aligned. Three queries when nothing changed."""
    ids = set(article_ids)
    if not ids:
        return 0
    relations = list(
        ArticleRelation.objects.touching_any(ids).select_related("derived", "original")
    )
    return realign_relations(relations, force=force)


def realign_relations(relations: Sequence[ArticleRelation], *, force: bool = False) -> int:
    """`realign` for these relations only (the re-align job, a correction by hand)."""
    if not relations:
        return 0
    figures = _figures_of({a for r in relations for a in (r.derived_id, r.original_id)})
    states = dict(
        RelationAlignment.objects.filter(relation__in=[r.pk for r in relations]).values_list(
            "relation_id", "digest"
        )
    )
    stale: list[tuple[ArticleRelation, str]] = []
    for relation in relations:
        digest = _digest(relation, figures)
        if force or states.get(relation.pk) != digest:
            stale.append((relation, digest))
    if not stale:
        return 0
    # By-hand rows are kept: one query for every relation, before the comparisons.
    kept: dict[int, list[tuple[int | None, int | None]]] = defaultdict(list)
    for relation_id, o, d in FigureAlignment.objects.filter(
        relation__in=[r.pk for r, _ in stale], origin=FigureAlignment.Origin.BY_HAND
    ).values_list("relation_id", "original_figure_id", "derived_figure_id"):
        kept[relation_id].append((o, d))
    now = timezone.now()
    rows: list[FigureAlignment] = []
    states_rows: list[RelationAlignment] = []
    for relation, digest in stale:
        comparison, relation_rows = _align(relation, figures, kept[relation.pk])
        rows.extend(relation_rows)
        states_rows.append(
            RelationAlignment(
                relation=relation,
                digest=digest,
                original_language=comparison.original_language,
                derived_language=comparison.translation_language,
                computed_at=now,
            )
        )
    # The writes of every relation at once: a few queries per step, not four per relation.
    with transaction.atomic():
        FigureAlignment.objects.filter(
            relation__in=[r.pk for r, _ in stale], origin=FigureAlignment.Origin.COMPUTED
        ).delete()
        FigureAlignment.objects.bulk_create(rows, batch_size=500)
        RelationAlignment.objects.bulk_create(
            states_rows,
            update_conflicts=True,
            unique_fields=["relation"],
            update_fields=["digest", "original_language", "derived_language", "computed_at"],
            batch_size=500,
        )
    return len(stale)


def _figures_of(article_ids: set[int]) -> dict[int, list[FigureRow]]:
    by_article: dict[int, list[FigureRow]] = defaultdict(list)
    rows = (
        Figure.objects.filter(article_id__in=article_ids)
        .order_by("article_id", "start", "end", "pk")
        .values_list("id", "article_id", "start", "end", "state", "surface")
    )
    for row in rows.iterator(chunk_size=5000):
        by_article[row[1]].append(row)
    return by_article


def _digest(relation: ArticleRelation, figures: dict[int, list[FigureRow]]) -> str:
    digest = hashlib.sha256(ENGINE.encode())
    for article in (relation.original, relation.derived):
        digest.update(f"|{article.pk}:{article.text_sha256}:{article.language}|".encode())
        for fid, _, start, end, state, _surface in figures.get(article.pk, ()):
            digest.update(f"{fid},{start},{end},{state};".encode())
    return digest.hexdigest()


class _Spans:
    """The usable stored figures of one article, looked up by a detected figure's span."""

    def __init__(self, rows: Sequence[FigureRow]) -> None:
        usable = [r for r in rows if r[4] != Figure.State.REJECTED]
        self.exact = {(r[2], r[3]): r[0] for r in usable}
        self.rows = usable
        self.starts = [r[2] for r in usable]

    def find(self, start: int, end: int) -> int | None:
        exact = self.exact.get((start, end))
        if exact is not None:
            return exact
        # The first stored figure overlapping the span (an annotator moved its edges).
        i = max(bisect_right(self.starts, start) - 1, 0)
        for row in self.rows[i:]:
            if row[2] >= end:
                break
            if row[3] > start:
                return row[0]
        return None


@dataclass
class _Row:
    original: int | None
    derived: int | None
    explanation: str
    changes: list[translations.Change]


def _align(
    relation: ArticleRelation,
    figures: dict[int, list[FigureRow]],
    kept: list[tuple[int | None, int | None]],
) -> tuple[translations.Comparison, list[FigureAlignment]]:
    """The comparison of one relation's texts and its computed rows (not stored), around the
    rows aligned by hand (`kept`: original and derived figure ids)."""
    original, derived = relation.original, relation.derived
    comparison = translations.compare_texts(
        original.text,
        derived.text,
        original_language=original.language or None,
        translation_language=derived.language or None,
    )
    o_spans = _Spans(figures.get(original.pk, ()))
    d_spans = _Spans(figures.get(derived.pk, ()))
    taken_o = {o for o, _ in kept if o is not None}
    taken_d = {d for _, d in kept if d is not None}
    rows: dict[tuple[int | None, int | None], _Row] = {}

    def side(spans: _Spans, figure: DetectedFigure | None, taken: set[int]) -> int | None:
        if figure is None:
            return None
        found = spans.find(figure.start, figure.end)
        return None if found is None or found in taken else found

    for pair in comparison.alignment:
        o = side(o_spans, pair.original, taken_o)
        d = side(d_spans, pair.translation, taken_d)
        if o is None and d is None:
            continue
        taken_o.add(o if o is not None else -1)
        taken_d.add(d if d is not None else -1)
        paired = _Row(o, d, pair.explanation, [])
        if pair.original is not None and pair.translation is not None and None in (o, d):
            # Its partner was aligned elsewhere by hand: this one now stands alone.
            alone = pair.original if d is None else pair.translation
            paired.changes.append(
                translations.Change(
                    "missing" if d is None else "added",
                    pair.original if d is None else None,
                    pair.translation if o is None else None,
                    f"{alone.surface}: its counterpart was aligned with another figure by hand",
                )
            )
        rows[(o, d)] = paired
    for change in comparison.changes:
        o = o_spans.find(change.original.start, change.original.end) if change.original else None
        d = (
            d_spans.find(change.translation.start, change.translation.end)
            if change.translation
            else None
        )
        row = rows.get((o, d))
        if row is None and change.kind == "range":
            # The range's first bound was left alone; the change is on the second's pair.
            row = next((r for r in rows.values() if r.derived == d and d is not None), None)
        if row is not None:
            row.changes.append(change)
    # Stored figures the comparison did not read (added by hand): none on the other side.
    for spans, is_original, taken in ((o_spans, True, taken_o), (d_spans, False, taken_d)):
        for figure_row in spans.rows:
            if figure_row[0] not in taken:
                o, d = (figure_row[0], None) if is_original else (None, figure_row[0])
                rows[(o, d)] = _Row(
                    o, d, "not read by the comparison (added by hand?): align it by hand", []
                )
    return comparison, [_stored(relation, row) for row in rows.values()]


def _stored(relation: ArticleRelation, row: _Row) -> FigureAlignment:
    kinds = [c.kind for c in row.changes]
    first = row.changes[0] if row.changes else None
    return FigureAlignment(
        relation=relation,
        original_figure_id=row.original,
        derived_figure_id=row.derived,
        change=first.kind if first else "",
        also=",".join(dict.fromkeys(k for k in kinds[1:] if k != kinds[0])),
        weak=bool(kinds) and all(k in translations.WEAK_KINDS for k in kinds),
        explanation=(first.explanation if first else row.explanation)[:500],
    )


class AlignmentError(Exception):
    """Why a correction by hand was refused, for the reviewer."""


def align_by_hand(
    *,
    relation: ArticleRelation,
    derived_figure: Figure,
    original_figure: Figure | None,
    by: User | None,
) -> FigureAlignment:
    """A reviewer's correction: `derived_figure` renders `original_figure` (None: it has no
    counterpart in the original). Kept when the pair is aligned again; the other figures are
    aligned again around it."""
    if derived_figure.article_id != relation.derived_id:
        raise AlignmentError("That figure is not in the translation.")
    if original_figure is not None and original_figure.article_id != relation.original_id:
        raise AlignmentError("That figure is not in the original.")
    with transaction.atomic():
        touching = Q(derived_figure=derived_figure)
        if original_figure is not None:
            touching |= Q(original_figure=original_figure)
        FigureAlignment.objects.filter(touching, relation=relation).delete()
        if original_figure is None:
            change, explanation = (
                "added",
                f"{derived_figure.surface}: no figure of the original, as set by hand",
            )
        else:
            change, explanation = _by_hand_change(derived_figure, original_figure)
        row = FigureAlignment.objects.create(
            relation=relation,
            derived_figure=derived_figure,
            original_figure=original_figure,
            change=change,
            explanation=explanation,
            origin=FigureAlignment.Origin.BY_HAND,
            created_by=by,
        )
        realign_relations([relation], force=True)
        relations_changed([relation.derived_id, relation.original_id])
    return row


def _by_hand_change(derived: Figure, original: Figure) -> tuple[str, str]:
    """A pair set by hand is compared by its stored values only: equal bounds or not."""
    a = (derived.value, derived.lower, derived.upper, derived.qualifier)
    b = (original.value, original.lower, original.upper, original.qualifier)
    if a[:3] != b[:3]:
        return (
            "value",
            f"aligned by hand: {original.surface} rendered {derived.surface}, another value",
        )
    if a[3] != b[3]:
        return (
            "hedge",
            f"aligned by hand: {original.surface} rendered {derived.surface}, another hedge",
        )
    return "", f"aligned by hand: {original.surface} rendered {derived.surface}"


def unalign_by_hand(*, relation: ArticleRelation, derived_figure: Figure) -> int:
    """Forget a correction by hand of `derived_figure`: the pair is aligned again."""
    with transaction.atomic():
        deleted, _ = FigureAlignment.objects.filter(
            relation=relation, derived_figure=derived_figure, origin=FigureAlignment.Origin.BY_HAND
        ).delete()
        realign_relations([relation], force=True)
        relations_changed([relation.derived_id, relation.original_id])
    return deleted


# --------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------


def translation_findings(article_ids: Iterable[int]) -> list[Finding]:
    """The stored changes of every relation touching these articles, as findings. One query
    when there are none, two whatever the number of articles."""
    ids = set(article_ids)
    if not ids:
        return []
    rows = list(
        FigureAlignment.objects.filter(
            Q(relation__derived_id__in=ids) | Q(relation__original_id__in=ids)
        )
        .exclude(change="")
        .exclude(derived_figure__state=Figure.State.REJECTED)
        .exclude(original_figure__state=Figure.State.REJECTED)
        .values_list(
            "relation__original_id",
            "relation__derived_id",
            "original_figure_id",
            "derived_figure_id",
            "original_figure__surface",
            "derived_figure__surface",
            "change",
            "explanation",
        )
    )
    if not rows:
        return []
    figure_ids = {f for row in rows for f in row[2:4] if f is not None}
    claims: dict[int, list[int]] = defaultdict(list)
    for claim_id, figure_id in (
        Claim.figures.through.objects.filter(figure_id__in=figure_ids)
        .order_by("claim_id")
        .values_list("claim_id", "figure_id")
    ):
        claims[figure_id].append(claim_id)
    return [_finding(row, claims) for row in rows]


#: A stored change as `translation_findings` reads it: the relation's original and derived
#: articles, the original's and the translation's figure (None: no figure on that side) and
#: their surfaces, the change and its explanation.
_ChangeRow = tuple[int, int, int | None, int | None, str | None, str | None, str, str]


def _finding(row: _ChangeRow, claims: dict[int, list[int]]) -> Finding:
    original_article, derived_article, o, d, o_surface, d_surface, change, explanation = row
    kind = TRANSLATION_KINDS[change]
    figure_ids = tuple(f for f in (d, o) if f is not None)
    relation = SUGGESTED_RELATION.get(kind)
    link = None
    if relation is not None and o is not None and d is not None:
        link = SuggestedLink(
            relation=relation,
            from_figure_id=d,
            to_figure_id=o,
            from_claim_id=_first(claims.get(d)),
            to_claim_id=_first(claims.get(o)),
            from_label=f"“{d_surface}” (translation)",
            to_label=f"“{o_surface}” (original)",
            from_claim_ids=tuple(claims.get(d, ())),
            to_claim_ids=tuple(claims.get(o, ())),
        )
    sides = " → ".join(f"“{s}”" for s in (o_surface, d_surface) if s)
    return Finding(
        kind=kind,
        severity=SEVERITY[change],
        figure_ids=figure_ids,
        message=f"{sides}: {explanation}" if sides else explanation,
        claim_ids=tuple(sorted({c for f in figure_ids for c in claims.get(f, ())})),
        suggested_link=link,
        article_ids=(original_article, derived_article),
    )


def _first(ids: list[int] | None) -> int | None:
    return ids[0] if ids else None


def translation_finding(key: str) -> Finding | None:
    """The translation finding stored under `key` (kind and figure ids), if it still holds."""
    for finding in translation_findings(_articles_of_key(key)):
        if finding.key == key:
            return finding
    return None


def _articles_of_key(key: str) -> set[int]:
    _, _, ids = key.partition(":")
    try:
        figure_ids = [int(i) for i in ids.split(",")]
    except ValueError:
        return set()
    return set(Figure.objects.filter(pk__in=figure_ids).values_list("article_id", flat=True))


def is_translation_key(key: str) -> bool:
    return key.startswith("translation_")
