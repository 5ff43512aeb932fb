"""The database entry points of the consistency checks: load figures, claims and links as
records with a constant number of queries (`load_figures`, `load_claims_and_links`), check
them (`collection_findings`, `articles_findings`), and give each finding its status from
reviewers' decisions (`report_of`: accepted, dismissed, linked or open).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

from articles.models import Article, Collection
from claims.alignments.store import translation_findings
from claims.blind import READING_FIELDS
from claims.consistency.reading import read_figures
from claims.consistency.records import (
    ClaimRecord,
    FigureRecord,
    Finding,
    LinkRecord,
    SuggestedLink,
    sort_findings,
    unique_findings,
)
from claims.consistency.rules import check, check_links
from claims.models import Claim, ClaimLink, Figure, FindingDecision
from core.db import one_parameter

# --------------------------------------------------------------------------------------------
# The database entry points
# --------------------------------------------------------------------------------------------


class Status:
    OPEN: Final = "open"
    ACCEPTED: Final = "accepted"
    DISMISSED: Final = "dismissed"
    LINKED: Final = "linked"


@dataclass(frozen=True, slots=True)
class FindingState:
    """A finding with what reviewers did about it."""

    finding: Finding
    status: str
    decision: FindingDecision | None = None

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    @property
    def can_accept(self) -> bool:
        return self.is_open and self.finding.suggested_link is not None

    def as_dict(self) -> dict[str, object]:
        data = self.finding.as_dict()
        data["status"] = self.status
        return data


@dataclass(frozen=True, slots=True)
class Report:
    findings: list[FindingState]

    @property
    def open(self) -> list[FindingState]:
        return [s for s in self.findings if s.is_open]

    @property
    def closed(self) -> list[FindingState]:
        return [s for s in self.findings if not s.is_open]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for state in self.open:
            counts[state.finding.severity] += 1
        return dict(counts)

    def without_articles(self, article_ids: set[int]) -> Report:
        """The findings that touch none of these articles (those an annotator reads blind)."""
        if not article_ids:
            return self
        return Report([s for s in self.findings if article_ids.isdisjoint(s.finding.article_ids)])


_FIGURE_FIELDS: Final = (
    "id",
    "article_id",
    "start",
    "end",
    "surface",
    *READING_FIELDS,
)


def load_figures(figure_filter: dict[str, object]) -> list[FigureRecord]:
    """Figures (not rejected) matching `figure_filter`, read against their articles' text.

    Two queries: the figures, then the text of the articles they belong to.
    """
    rows = (
        Figure.objects.filter(**figure_filter)
        .exclude(state=Figure.State.REJECTED)
        .order_by("article_id", "start", "end")
        .values_list(*_FIGURE_FIELDS)
    )
    per_article: dict[int, list[FigureRecord]] = defaultdict(list)
    for row in rows.iterator(chunk_size=5000):
        record = FigureRecord(*row)
        per_article[record.article_id].append(record)
    texts = Article.objects.filter(pk__in=list(per_article)).values_list("pk", "text")
    read: list[FigureRecord] = []
    for article_id, text in texts.iterator(chunk_size=500):
        read.extend(read_figures(text, per_article.get(article_id, [])))
    return read


def load_claims_and_links(
    claim_filter: dict[str, object], link_filter: Q
) -> tuple[list[ClaimRecord], list[LinkRecord]]:
    """Claims with their figure ids, and links: three queries whatever the size."""
    figure_ids: dict[int, list[int]] = defaultdict(list)
    through = Claim.figures.through.objects.filter(
        **{f"claim__{k}": v for k, v in claim_filter.items()}
    )
    for claim_id, figure_id in through.values_list("claim_id", "figure_id").iterator(
        chunk_size=5000
    ):
        figure_ids[claim_id].append(figure_id)
    claims = [
        ClaimRecord(
            pk,
            article_id,
            start,
            end,
            tuple(sorted(figure_ids.get(pk, []))),
            usable=status != Claim.Status.REJECTED and superseded_by_id is None,
        )
        for pk, article_id, start, end, status, superseded_by_id in Claim.objects.filter(
            **claim_filter
        )
        .distinct()
        .values_list("pk", "article_id", "start", "end", "status", "superseded_by_id")
        .iterator(chunk_size=5000)
    ]
    links = [
        LinkRecord(*row)
        for row in ClaimLink.objects.filter(link_filter).values_list(
            "pk", "from_claim_id", "to_claim_id", "relation"
        )
    ]
    return claims, links


def collection_findings(collection: Collection) -> Report:
    """Every finding in a collection: within each article and across its articles.

    Eight queries, whatever the size of the collection.
    """
    figures = load_figures({"article__collection": collection})
    claims, links = load_claims_and_links(
        {"article__collection": collection}, Q(from_claim__article__collection=collection)
    )
    ids = {f.article_id for f in figures}
    found = sort_findings(
        unique_findings([*check(figures, claims, links), *translation_findings(ids)])
    )
    return _report(found, links)


def articles_findings(article_ids: set[int]) -> tuple[list[Finding], list[LinkRecord]]:
    """Findings within each of these articles (not across them), plus link checks for every
    link touching their claims (and the other parts of a whole one of them is part of).

    At most twelve queries, however many articles: the JSONL export calls it once per batch.
    """
    link_filter = Q(from_claim__article__in=article_ids) | Q(to_claim__article__in=article_ids)
    wholes = ClaimLink.objects.filter(link_filter, relation="part_of").values("to_claim_id")
    link_filter |= Q(relation="part_of", to_claim_id__in=wholes)
    own_claims, links = load_claims_and_links({"article__in": article_ids}, link_filter)
    known = {c.id for c in own_claims}
    others = {c for link in links for c in (link.from_claim_id, link.to_claim_id)} - known
    other_claims: list[ClaimRecord] = []
    if others:
        other_claims, _ = load_claims_and_links({"pk__in": others}, no_links())
    figures = load_figures({"article__in": article_ids})
    own_figure_ids = {f.id for f in figures}
    other_figures = {fid for c in other_claims for fid in c.figure_ids} - own_figure_ids
    if other_figures:
        figures += load_figures({"pk__in": other_figures})
    own = [f for f in figures if f.article_id in article_ids]
    # Other articles' figures are loaded for the link checks only, never compared here.
    findings = check(own, own_claims, [], across_articles=False)
    link_findings = check_links(figures, [*own_claims, *other_claims], links)
    # A translation beside its original (issue 18): the stored alignment's changes.
    translated = translation_findings(article_ids)
    return sort_findings(unique_findings([*findings, *link_findings, *translated])), links


def no_links() -> Q:
    """A link filter that matches nothing: load claims without their links."""
    return Q(pk__in=[])


def _report(findings: list[Finding], links: Sequence[LinkRecord]) -> Report:
    """The findings with their status: a reviewer's decision, else linked, else open."""
    return report_of(list(zip(findings, linked_flags(findings, links), strict=True)))


def linked_flags(findings: Sequence[Finding], links: Sequence[LinkRecord]) -> list[bool]:
    """For each finding, whether the link it suggests exists among `links`."""
    linked = {(link.from_claim_id, link.to_claim_id, link.relation) for link in links}
    return [
        f.suggested_link is not None and _already_linked(f.suggested_link, linked) for f in findings
    ]


def report_of(findings: Sequence[tuple[Finding, bool]]) -> Report:
    """(finding, its suggested link exists) pairs with their status: a reviewer's decision
    (one query), else linked, else open."""
    decisions = decisions_by_key({f.key for f, _ in findings})
    states = []
    for finding, linked in findings:
        decision = decisions.get(finding.key)
        states.append(FindingState(finding, status_of(decision, linked), decision))
    return Report(states)


def decisions_by_key(keys: set[str]) -> dict[str, FindingDecision]:
    """The reviewers' decisions on the findings with these keys, with who decided: one query."""
    if not keys:
        return {}
    return {
        d.key: d
        for d in FindingDecision.objects.filter(
            key__in=one_parameter(keys, DEFAULT_DB_ALIAS)
        ).select_related("decided_by")
    }


def status_of(decision: FindingDecision | None, linked: bool) -> str:
    """A finding's status: its reviewer's decision, else linked (its suggested link
    exists), else open."""
    if decision is not None:
        return decision.decision
    return Status.LINKED if linked else Status.OPEN


def _already_linked(link: SuggestedLink, linked: set[tuple[int, int, str]]) -> bool:
    """Whether the suggested link, or one with its relation between any claims holding the
    two figures (an annotator may have linked her own version of the claims), exists."""
    sources = {*link.from_claim_ids, link.from_claim_id} - {None}
    targets = {*link.to_claim_ids, link.to_claim_id} - {None}
    for a in sources:
        for b in targets:
            if (a, b, link.relation) in linked:
                return True
            if link.relation != "part_of" and (b, a, link.relation) in linked:
                return True
    return False
