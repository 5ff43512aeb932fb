"""Blind double annotation: the one rule of what an annotator working blind may see.

An article with two or more annotators assigned is read blind by each of them until every
one has submitted it (`ArticleQuerySet.blind_for`, which stays in `articles` because the
article's own back-office asks it and `articles` imports nothing from `claims`). Reviewers and
editors (core.permissions.REVIEW) curate, so they are never blind. On the articles she
annotates blind an annotator sees:

- figures: the detected ones, those she added, and those she has a judgement of (a figure
  another annotator added at a span she added too: one row per span, a reading each), each
  as *she* reads it (`read_as_she_reads`), never as the shared working copy, which holds the
  reading of whoever decided last (`visible_figures`, `in_state`, `hidden_figures`);
- claims: her own (`visible_claims`); links: those between claims she sees (`visible_links`);
  judgements: her own (`visible_judgements`);
- nothing that compares both annotators' work or shows the working copy: findings, exports,
  the back-office's figure rows and a figure's history (`without_blind_articles`).

Every page, the API, the admin, the exports and the background reports ask these functions;
the condition is written here once.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, TypeVar

from django.contrib.auth.models import User
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from articles.models import Article
from claims.models import Claim, ClaimLink, Evidence, Figure, FigureJudgement
from claims.review.models import Reading as Reading
from core.permissions import REVIEW

M = TypeVar("M", bound=models.Model)
# A figure's reading: what an annotator decides about it besides its state, in record order.
# FigureJudgement.COPIED (her judgement) is its state and these; the exports, the reports, the
# loader and seed_bench read and write these columns through this one list.
READING_FIELDS: Final = tuple(name for name in FigureJudgement.COPIED if name != "state")


# Every caller is behind the login: an authenticated user (core.http.AuthenticatedHttpRequest).
Viewer = User

# Article ids as a subquery: `Article.objects.values("pk")`.
ArticleIds = QuerySet[Article, Mapping[str, object]]


def blind_articles(user: Viewer) -> ArticleIds | None:
    """The ids of the articles `user` annotates blind, as a subquery; None for reviewers and
    editors, who are never blind (no query at all then)."""
    if user.has_perm(REVIEW):
        return None
    return Article.objects.blind_for(user).values("pk")


def blind_article_ids(user: Viewer) -> set[int]:
    """`blind_articles` as a set of ids (the reports leave those articles out): one query,
    none for reviewers."""
    blind = blind_articles(user)
    return set() if blind is None else set(blind.values_list("pk", flat=True))


def annotates_blind(user: Viewer, article_id: int) -> bool:
    """Whether `user` annotates this article blind: one query, none for reviewers."""
    blind = blind_articles(user)
    return blind is not None and blind.filter(pk=article_id).exists()


def reader_of(article: Article, user: Viewer) -> User | None:
    """`user` if she annotates `article` blind (the workspace then shows it as she reads
    it), else None."""
    return user if annotates_blind(user, article.pk) else None


def _seen_by(user: Viewer) -> Q:
    """The figures of a blind article she sees: detected, hers, or judged by her."""
    judged = FigureJudgement.objects.filter(figure=OuterRef("pk"), annotator=user.pk)
    return Q(origin=Figure.Origin.DETECTED) | Q(created_by=user.pk) | Q(Exists(judged))


def visible_figures(figures: QuerySet[Figure], user: Viewer) -> QuerySet[Figure]:
    """`figures` without those other annotators added on the articles `user` annotates blind."""
    blind = blind_articles(user)
    if blind is None:
        return figures
    return figures.exclude(Q(article__in=blind) & ~_seen_by(user))


def hidden_figures(figures: QuerySet[Figure], user: Viewer) -> QuerySet[Figure]:
    """The complement: the figures of `figures` hidden from `user` (another annotator's
    additions on an article she annotates blind)."""
    blind = blind_articles(user)
    if blind is None:
        return figures.none()
    return figures.filter(article__in=blind).exclude(_seen_by(user))


def in_state(figures: QuerySet[Figure], state: str, user: Viewer) -> QuerySet[Figure]:
    """The figures in `state`; on the articles `user` annotates blind, in her reading: her
    judgement's state, suggested where she has none."""
    blind = blind_articles(user)
    if blind is None:
        return figures.filter(state=state)
    hers = FigureJudgement.objects.filter(figure=OuterRef("pk"), annotator=user.pk)
    return figures.annotate(
        her_state=Coalesce(Subquery(hers.values("state")[:1]), Value(Figure.State.SUGGESTED))
    ).filter(Q(article__in=blind, her_state=state) | (~Q(article__in=blind) & Q(state=state)))


def visible_claims(claims: QuerySet[Claim], user: Viewer) -> QuerySet[Claim]:
    """`claims` without other annotators' claims on the articles `user` annotates blind."""
    blind = blind_articles(user)
    if blind is None:
        return claims
    return claims.exclude(Q(article__in=blind) & ~Q(created_by=user.pk))


def visible_links(links: QuerySet[ClaimLink], user: Viewer) -> QuerySet[ClaimLink]:
    """`links` without those from or to a claim hidden from `user` (visible_claims)."""
    blind = blind_articles(user)
    if blind is None:
        return links
    return links.exclude(
        Q(from_claim__article__in=blind) & ~Q(from_claim__created_by=user.pk)
    ).exclude(Q(to_claim__article__in=blind) & ~Q(to_claim__created_by=user.pk))


def visible_judgements(
    judgements: QuerySet[FigureJudgement], user: Viewer
) -> QuerySet[FigureJudgement]:
    """`judgements` without other annotators' judgements on the articles `user` annotates blind."""
    blind = blind_articles(user)
    if blind is None:
        return judgements
    return judgements.exclude(Q(figure__article__in=blind) & ~Q(annotator=user.pk))


def visible_evidence(evidence: QuerySet[Evidence], user: Viewer) -> QuerySet[Evidence]:
    """`evidence` without the decisions on claims hidden from `user` (visible_claims)."""
    blind = blind_articles(user)
    if blind is None:
        return evidence
    return evidence.exclude(Q(claim__article__in=blind) & ~Q(claim__created_by=user.pk))


def without_blind_articles(rows: QuerySet[M], user: Viewer) -> QuerySet[M]:
    """`rows` (anything with an `article`) without those of every article `user` annotates
    blind, her own included: exports carry the figures as the shared working copy and the
    articles' findings, the back-office's figure rows the working copy and its history the
    other annotator's decisions."""
    blind = blind_articles(user)
    return rows if blind is None else rows.exclude(article__in=blind)


# The back-office shows each model's rows through one of the rules above.
_BACK_OFFICE: dict[type[models.Model], Callable[[QuerySet[Any], Viewer], QuerySet[Any]]] = {
    Figure: without_blind_articles,
    Claim: visible_claims,
    ClaimLink: visible_links,
    FigureJudgement: visible_judgements,
    Evidence: visible_evidence,
}


def back_office_rows(rows: QuerySet[M], user: Viewer) -> QuerySet[M]:
    """The rows of a back-office list, autocomplete or change page that `user` may see."""
    rule = _BACK_OFFICE[rows.model]
    return rule(rows, user)


def hides(user: Viewer, obj: models.Model | None) -> bool:
    """Whether the back-office hides `obj` from `user`: a stored row the rules leave out,
    or a deleted one (its History page shows its last record) another annotator made on
    an article she annotates blind."""
    if obj is None or obj.pk is None:
        return False
    blind = blind_articles(user)
    if blind is None:
        return False
    stored = type(obj)._default_manager.filter(pk=obj.pk)
    if stored.exists():
        return not back_office_rows(stored, user).exists()
    owner = getattr(obj, "created_by_id", getattr(obj, "annotator_id", None))
    article = getattr(obj, "article_id", None)
    if article is None or owner == user.pk:
        return False
    return blind.filter(pk=article).exists()


# --- her reading of a figure ------------------------------------------------------------------


def read_as_she_reads(
    figures: Iterable[Figure], user: Viewer, *, all_blind: bool = False
) -> list[Figure]:
    """`figures`, those on articles `user` annotates blind read as she reads them: her
    judgement, or where she has none the detector's first reading with state suggested
    (FigureJudgement.objects.readings). `all_blind`: the caller knows every figure's article
    is blind for her (one query fewer). Two or three queries, or none for reviewers."""
    source = figures if isinstance(figures, QuerySet) else None
    figures = list(figures)
    if not figures:
        return figures
    if all_blind:
        ids = {f.article_id for f in figures}
    else:
        blind = blind_articles(user)
        if blind is None:
            return figures
        articles = {f.article_id for f in figures}
        ids = set(blind.filter(pk__in=articles).values_list("pk", flat=True))
    hers = [f.pk for f in figures if f.article_id in ids]
    if not hers:
        return figures
    # A queryset stays a subquery rather than a list of ids.
    judged = source if all_blind and source is not None else Figure.objects.filter(pk__in=hers)
    readings = FigureJudgement.objects.readings(user, judged)
    return [read_as(f, readings.get(f.pk)) if f.article_id in ids else f for f in figures]


def read_as(figure: Figure, reading: Mapping[str, object] | None) -> Figure:
    """A copy of `figure` with one annotator's reading laid over it, for showing (never saved:
    the stored row stays the working copy)."""
    if not reading:
        return figure
    shown = copy.copy(figure)
    for name, value in reading.items():
        setattr(shown, name, value)
    return shown


def her_reading(user: Viewer, figure: Figure) -> Reading:
    """How `user` reads one figure of an article she annotates blind."""
    return FigureJudgement.objects.reading(user, figure)
