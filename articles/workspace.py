"""What the annotation workspace shows, and who may see it.

The page is read with a fixed number of queries whatever the number of figures and claims:
the article, its figures, its claims (with source and via names), their tags, their links
and the collection's tags, each as plain values (no model instance per row).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from html import escape
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from articles.models import SEES_ALL_PERMISSION, Article
from articles.rendering import Span, render_annotated_text
from claims.models import Claim, ClaimLink, Figure, FigureJudgement, Tag

VIEW_ARTICLE = "articles.view_article"


def get_article_for_user(request: HttpRequest, pk: int) -> Article:
    """The article, or 404 for anyone who may not read articles (outsiders see nothing)."""
    if not request.user.has_perm(VIEW_ARTICLE):
        raise Http404("No such article.")
    return get_object_or_404(Article.objects.select_related("collection"), pk=pk)


def blind_articles(user: Any) -> QuerySet[Article, Any] | None:
    """The articles `user` annotates blind (Article.objects.blind_for), as a subquery of their
    ids; None for reviewers and editors, who are never blind."""
    if user.has_perm(SEES_ALL_PERMISSION):
        return None
    return Article.objects.blind_for(user).values("pk")


def without_blind_articles(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Leave out the rows (claims) of every article `user` annotates blind, her own included:
    exports carry the figures as the shared working copy (the reading of whoever decided
    last) and the articles' findings, which compare both annotators' work."""
    blind = blind_articles(user)
    return queryset if blind is None else queryset.exclude(article__in=blind)


def visible_links(links: QuerySet[ClaimLink], user: Any) -> QuerySet[ClaimLink]:
    """Leave out the links from or to another annotator's claim on an article `user`
    annotates blind (as Claim.objects.visible_to leaves out the claims)."""
    blind = blind_articles(user)
    if blind is None:
        return links
    return links.exclude(
        Q(from_claim__article__in=blind) & ~Q(from_claim__created_by=user)
    ).exclude(Q(to_claim__article__in=blind) & ~Q(to_claim__created_by=user))


def require(request: HttpRequest, perm: str) -> None:
    """403 for a reader who may see the page but not make this change."""
    if not request.user.has_perm(perm):
        raise PermissionDenied(f"You do not have the {perm} permission.")


def number(value: Decimal | None) -> str:
    """67000.0000000000 -> "67,000"; 0.5 -> "0.5"; None -> ""."""
    if value is None:
        return ""
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return f"{normal.to_integral_value():,f}"
    return f"{normal:,f}"


# The fields a stale-edit message compares, with the label it names them by.
FIGURE_FIELDS = {
    "start": "start",
    "end": "end",
    "value": "value",
    "lower": "lower bound",
    "upper": "upper bound",
    "qualifier": "qualifier",
    "unit": "unit",
    "counted": "counted",
    "state": "state",
}
CLAIM_FIELDS = {
    "start": "start",
    "end": "end",
    "source": "source",
    "via": "via",
    "attribution": "attribution",
    "tags": "tags",
    "status": "status",
    "verdict": "verdict",
    "rejection_reason": "rejection reason",
    "note": "note",
}


def figure_snapshot(figure: Figure) -> dict[str, str]:
    return figure_row(figure).snapshot()


def claim_snapshot(claim: Claim, tags: list[Tag]) -> dict[str, str]:
    return {
        "start": str(claim.start),
        "end": str(claim.end),
        "source": str(claim.source) if claim.source_id else "",
        "via": str(claim.via) if claim.via_id else "",
        "attribution": claim.attribution,
        "tags": ", ".join(sorted(t.name for t in tags)),
        "status": claim.status,
        "verdict": claim.verdict,
        "rejection_reason": claim.rejection_reason,
        "note": claim.note,
    }


def snapshot_json(snapshot: dict[str, str]) -> str:
    return json.dumps(snapshot, ensure_ascii=False, separators=(",", ":"))


@dataclass(slots=True)
class FigureRow:
    """One figure as the side panel shows it (values as display strings)."""

    id: int
    start: int
    end: int
    surface: str
    value: str
    lower: str
    upper: str
    qualifier: str
    unit: str
    counted: str
    state: str
    version: int

    def snapshot(self) -> dict[str, str]:
        return {
            "start": str(self.start),
            "end": str(self.end),
            "value": self.value,
            "lower": self.lower,
            "upper": self.upper,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "counted": self.counted,
            "state": self.state,
        }


@dataclass(slots=True)
class LinkRow:
    relation: str
    other_id: int
    other_quote: str
    other_article_id: int
    other_article_title: str


@dataclass(slots=True)
class ClaimRow:
    """One claim as the side panel shows it, with its tag ids and links both ways."""

    id: int
    article_id: int
    start: int
    end: int
    quote: str
    source: str
    via: str
    attribution: str
    status: str
    verdict: str
    rejection_reason: str
    note: str
    version: int
    # Whose version of the sentence this is (double annotation), and whether curation
    # superseded it by another annotator's claim.
    created_by: str = ""
    superseded: bool = False
    tag_ids: list[int] = field(default_factory=list)
    links_out: list[LinkRow] = field(default_factory=list)
    links_in: list[LinkRow] = field(default_factory=list)

    def snapshot(self, tag_names: dict[int, str]) -> dict[str, str]:
        return {
            "start": str(self.start),
            "end": str(self.end),
            "source": self.source,
            "via": self.via,
            "attribution": self.attribution,
            "tags": ", ".join(sorted(tag_names.get(t, "") for t in self.tag_ids)),
            "status": self.status,
            "verdict": self.verdict,
            "rejection_reason": self.rejection_reason,
            "note": self.note,
        }


FIGURE_COLUMNS = (
    "id",
    "start",
    "end",
    "surface",
    "value",
    "lower",
    "upper",
    "qualifier",
    "unit",
    "counted",
    "state",
    "version",
)


def _figure_row(values: tuple[Any, ...]) -> FigureRow:
    pk, start, end, surface, value, lower, upper, qualifier, unit, counted, state, version = values
    return FigureRow(
        pk,
        start,
        end,
        surface,
        number(value),
        number(lower),
        number(upper),
        qualifier,
        unit,
        counted,
        state,
        version,
    )


# Where a reading (FigureJudgementQuerySet.readings) goes in a FIGURE_COLUMNS row.
_READ_COLUMNS = [(FIGURE_COLUMNS.index(name), name) for name in FigureJudgement.COPIED]


def _read_as(values: tuple[Any, ...], reading: dict[str, Any] | None) -> tuple[Any, ...]:
    if reading is None:
        return values
    row = list(values)
    for index, name in _READ_COLUMNS:
        row[index] = reading[name]
    return tuple(row)


def visible_figures(article: Article, blind_for: Any = None) -> QuerySet[Figure]:
    """The article's figures; for an annotator working blind, those she reads
    (Figure.read_blind_by: another annotator's additions would give his reading away)."""
    figures = Figure.objects.filter(article=article)
    if blind_for is not None:
        figures = figures.filter(Figure.read_blind_by(blind_for))
    return figures


def figure_rows(article: Article, blind_for: Any = None) -> list[FigureRow]:
    """The article's figures in text order: one query, no model instances.

    `blind_for`, an annotator working blind (Article.is_blind_for): her figures, each as she
    reads it (two more queries).
    """
    figures = visible_figures(article, blind_for)
    values = figures.order_by("start", "end").values_list(*FIGURE_COLUMNS)
    if blind_for is None:
        return [_figure_row(v) for v in values]
    readings = FigureJudgement.objects.readings(blind_for, figures)
    return [_figure_row(_read_as(v, readings.get(v[0]))) for v in values]


def figure_counts(article: Article, blind_for: Any = None) -> dict[str, int]:
    """How many of the article's figures are in each state: one query (three for an
    annotator working blind: her figures as she reads them)."""
    counts = dict.fromkeys(Figure.State.values, 0)
    if blind_for is not None:
        for row in figure_rows(article, blind_for):
            counts[row.state] += 1
        return counts
    states = Figure.objects.filter(article=article).values_list("state").annotate(n=Count("pk"))
    for state, n in states.order_by():
        counts[state] = n
    return counts


def figure_row(figure: Figure, reading: dict[str, Any] | None = None) -> FigureRow:
    """The figure's row; with `reading`, as that annotator reads it (blind annotation)."""
    values = tuple(getattr(figure, "pk" if c == "id" else c) for c in FIGURE_COLUMNS)
    return _figure_row(_read_as(values, reading))


def short_quote(quote: str) -> str:
    """A claim as one line, as Claim.__str__ shows it."""
    quote = " ".join(quote.split())
    return quote if len(quote) <= 80 else quote[:77] + "…"


CLAIM_COLUMNS = (
    "id",
    "article_id",
    "start",
    "end",
    "quote",
    "source__name",
    "via__name",
    "attribution",
    "status",
    "verdict",
    "rejection_reason",
    "note",
    "version",
    "created_by__username",
    "superseded_by_id",
)


def claim_rows(
    article: Article, only: int | None = None, by: Any = None, viewer: Any = None
) -> list[ClaimRow]:
    """The article's claims in text order with tags and links: three queries in all.

    `by`: only the claims that user made (an annotator working blind sees her own).
    `viewer`: without the links from or to claims hidden from that user (visible_links).
    """
    claims = Claim.objects.filter(article=article)
    if by is not None:
        claims = claims.filter(created_by=by)
    if only is not None:
        claims = claims.filter(pk=only)
    rows: dict[int, ClaimRow] = {}
    for v in claims.order_by("start", "end", "pk").values_list(*CLAIM_COLUMNS):
        pk, article_id, start, end, quote, source, via, *rest = v
        attribution, status, verdict, rejection_reason, note, version, by, superseded_by = rest
        rows[pk] = ClaimRow(
            pk,
            article_id,
            start,
            end,
            quote,
            source or "",
            via or "",
            attribution,
            status,
            verdict,
            rejection_reason,
            note,
            version,
            by or "",
            superseded_by is not None,
        )
    tagged = Claim.tags.through.objects.filter(claim__in=claims).order_by("tag_id")
    for claim_id, tag_id in tagged.values_list("claim_id", "tag_id"):
        rows[claim_id].tag_ids.append(tag_id)
    # The claims' ids as values, not a subquery: PostgreSQL then reads both link indexes
    # (from, to) instead of scanning every link of a million-claim table (issue 8).
    ids = list(rows)
    links = ClaimLink.objects.filter(Q(from_claim_id__in=ids) | Q(to_claim_id__in=ids))
    if viewer is not None:
        links = visible_links(links, viewer)
    for (
        frm,
        to,
        relation,
        frm_quote,
        to_quote,
        frm_art,
        to_art,
        frm_title,
        to_title,
    ) in links.order_by("relation", "pk").values_list(
        "from_claim_id",
        "to_claim_id",
        "relation",
        "from_claim__quote",
        "to_claim__quote",
        "from_claim__article_id",
        "to_claim__article_id",
        "from_claim__article__title",
        "to_claim__article__title",
    ):
        label = RELATION_LABELS.get(relation, relation)
        if frm in rows:
            rows[frm].links_out.append(LinkRow(label, to, short_quote(to_quote), to_art, to_title))
        if to in rows:
            rows[to].links_in.append(
                LinkRow(label, frm, short_quote(frm_quote), frm_art, frm_title)
            )
    return list(rows.values())


RELATION_LABELS = dict(ClaimLink.Relation.choices)
QUALIFIER_LABELS = dict(Figure.Qualifier.choices)
FIGURE_STATE_LABELS = dict(Figure.State.choices)
CLAIM_STATUS_LABELS = dict(Claim.Status.choices)
VERDICT_LABELS = dict(Claim.Verdict.choices)


# Tags as the panel, the claim form and the ? overlay list them: those with a keyboard key
# first, by key (1, 2, 3…), then the others by name.
TAG_ORDER = (Case(When(key="", then=Value(1)), default=Value(0)), "key", "name")


def tags_for(article: Article) -> QuerySet[Tag]:
    """The tags a claim of `article` may carry (its collection's and global ones), in key order."""
    return Tag.objects.filter(
        Q(collection_id=article.collection_id) | Q(collection__isnull=True)
    ).order_by(*TAG_ORDER)


def collection_tags(article: Article) -> list[Tag]:
    return list(tags_for(article))


def render_text(article: Article, figures: list[FigureRow], claims: list[ClaimRow]) -> SafeString:
    spans = [Span("figure", r.id, r.start, r.end, f"figure--{r.state}") for r in figures]
    spans += [Span("claim", r.id, r.start, r.end, f"claim--{r.status}") for r in claims]
    return render_annotated_text(article.text, spans)


# --- side panel rows ------------------------------------------------------------------------
# Rendered with escape() and f-strings rather than a template included per row: a long
# article has 2,000 figure rows and 500 claim rows, and a per-row template costs ~1 ms each
# (measured in bench/workspace.py). Every value from the database goes through escape().


def _url_pattern(name: str) -> str:
    # reverse() once per page, not once per row: "/figures/0/edit/" -> "/figures/{}/edit/".
    return reverse(name, args=[0]).replace("/0/", "/{}/")


@lru_cache(maxsize=8)
def _history_pattern(name: str) -> str:
    # Issue 5: each row links to its history (who changed what, when).
    return _url_pattern(name)


def figure_row_html(
    row: FigureRow, *, can_change: bool, edit_pattern: str = "", history: bool = True
) -> str:
    pk = row.id
    facts = []
    if row.value:
        facts.append(f"= {escape(row.value)}")
    if row.lower or row.upper:
        facts.append(f"[{escape(row.lower or '…')} – {escape(row.upper or '…')}]")
    facts.append(
        f'<span class="qualifier">{escape(QUALIFIER_LABELS.get(row.qualifier, row.qualifier))}</span>'
    )
    if row.unit:
        facts.append(escape(row.unit))
    if row.counted:
        facts.append(f'· <span class="counted">{escape(row.counted)}</span>')
    actions = ""
    if can_change:
        edit = (edit_pattern or _url_pattern("claims:figure_edit")).format(pk)
        actions = (
            f' <span class="actions"><button type="submit" name="figure_action" '
            f'value="confirm:{pk}:{row.version}" data-figure-action="confirm" '
            f'aria-pressed="{str(row.state == "confirmed").lower()}" '
            f'title="Confirm (c)">Confirm</button> <button type="submit" name="figure_action" '
            f'value="reject:{pk}:{row.version}" data-figure-action="reject" '
            f'aria-pressed="{str(row.state == "rejected").lower()}" '
            f'title="Reject (x)">Reject</button> <a href="{edit}" data-load-editor '
            f'title="Correct (e)">Correct</a></span>'
        )
    if history:  # hidden from an annotator working blind (it shows the other's decisions)
        href = _history_pattern("claims:figure_history").format(pk)
        actions += (
            f' <a class="history-link" href="{href}" data-load-editor title="History">History</a>'
        )
    return (
        f'<li id="figure-row-{pk}" class="figure-row figure--{escape(row.state)}" '
        f'data-figure-id="{pk}" data-version="{row.version}" data-state="{escape(row.state)}" '
        f'data-seen="{escape(snapshot_json(row.snapshot()))}">'
        f'<a class="surface" href="#figure-{pk}" data-goto-figure="{pk}">{escape(row.surface)}</a> '
        f'<span class="facts">{" ".join(facts)}</span> '
        f'<span class="state">{escape(FIGURE_STATE_LABELS.get(row.state, row.state))}</span>'
        f"{actions}</li>"
    )


def figure_list_html(
    rows: list[FigureRow], *, can_change: bool, history: bool = True
) -> SafeString:
    pattern = _url_pattern("claims:figure_edit")
    html = "\n".join(
        figure_row_html(r, can_change=can_change, edit_pattern=pattern, history=history)
        for r in rows
    )
    return mark_safe(html)  # built from escaped values above


def _link_html(link: LinkRow, article_id: int, pattern: str, outgoing: bool) -> str:
    href = f"{pattern.format(link.other_article_id)}#claim-row-{link.other_id}"
    other = f'<a href="{href}">“{escape(link.other_quote)}”</a>'
    where = ""
    if link.other_article_id != article_id:
        where = f' <span class="muted">in {escape(link.other_article_title)}</span>'
    if outgoing:
        return f'<li class="link-out">{escape(link.relation)} {other}{where}</li>'
    return f'<li class="link-in">{other} {escape(link.relation)} this{where}</li>'


def claim_row_html(
    row: ClaimRow,
    tags: list[Tag],
    *,
    can_change: bool,
    can_link: bool,
    patterns: tuple[str, str, str] | None = None,
) -> str:
    edit_p, link_p, article_p = patterns or _claim_patterns()
    pk = row.id
    names = {t.pk: t.name for t in tags}
    applied = set(row.tag_ids)
    buttons = []
    for t in tags:
        on = t.pk in applied
        key = f"<kbd>{escape(t.key)}</kbd> " if t.key else ""
        title = f"{'Remove' if on else 'Add'} tag {t.name}" + (f" ({t.key})" if t.key else "")
        buttons.append(
            f'<button type="submit" name="claim_tag" value="{pk}:{t.pk}:{row.version}" '
            f'class="tag{" on" if on else ""}" style="--tag: {escape(t.colour)}" '
            f'data-tag-id="{t.pk}" title="{escape(title)}"{"" if can_change else " disabled"}>'
            f"{key}{escape(t.name)}</button>"
        )
    facts = f'<dt>By</dt><dd class="created-by">{escape(row.created_by or "—")}'
    if row.superseded:
        facts += ' <span class="superseded">superseded</span>'
    facts += "</dd>"
    facts += f'<dt>Source</dt><dd class="source">{escape(row.source or "—")}</dd>'
    if row.via:
        facts += f'<dt>Via</dt><dd class="via">{escape(row.via)}</dd>'
    facts += (
        f'<dt>Status</dt><dd class="status-value">{escape(CLAIM_STATUS_LABELS.get(row.status, row.status))}</dd>'
        f'<dt>Verdict</dt><dd class="verdict">{escape(VERDICT_LABELS.get(row.verdict, row.verdict))}</dd>'
    )
    links = ""
    if row.links_out or row.links_in:
        items = [_link_html(link, row.article_id, article_p, True) for link in row.links_out]
        items += [_link_html(link, row.article_id, article_p, False) for link in row.links_in]
        links = f'<ul class="links">{"".join(items)}</ul>'
    edit_url, link_url = edit_p.format(pk), link_p.format(pk)
    actions = []
    if can_change:
        actions.append(f'<a href="{edit_url}" data-load-editor title="Edit">Edit</a>')
    if can_link:
        actions.append(
            f'<a href="{link_url}" data-load-editor title="Link to another claim (l)">Link…</a>'
        )
    history = _history_pattern("claims:claim_history").format(pk)
    actions.append(
        f'<a class="history-link" href="{history}" data-load-editor title="History">History</a>'
    )
    # Evidence (issue 19): the claim's figures checked against the collection's documents.
    evidence = _history_pattern("claims:claim_evidence").format(pk)
    actions.append(f'<a class="evidence-link" href="{evidence}" title="Evidence">Evidence</a>')
    seen = escape(snapshot_json(row.snapshot(names)))
    return (
        f'<li id="claim-row-{pk}" class="claim-row claim--{escape(row.status)}" '
        f'data-claim-id="{pk}" data-version="{row.version}" data-seen="{seen}" '
        f'data-edit-url="{edit_url}" data-link-url="{link_url}">\n'
        f'<a class="quote" href="#claim-{pk}" data-goto-claim="{pk}">“{escape(short_quote(row.quote))}”</a>\n'
        f'<dl class="facts">{facts}</dl>\n'
        f'<p class="tags">{"".join(buttons)}</p>\n{links}'
        f'<p class="actions">{" ".join(actions)}</p>\n</li>'
    )


def _claim_patterns() -> tuple[str, str, str]:
    return (
        _url_pattern("claims:claim_edit"),
        _url_pattern("claims:link_new"),
        _url_pattern("articles:article"),
    )


def claim_list_html(
    rows: list[ClaimRow], tags: list[Tag], *, can_change: bool, can_link: bool
) -> SafeString:
    patterns = _claim_patterns()
    html = "\n".join(
        claim_row_html(r, tags, can_change=can_change, can_link=can_link, patterns=patterns)
        for r in rows
    )
    return mark_safe(html)  # built from escaped values above


def permissions(user: Any) -> dict[str, bool]:
    return {
        "can_change_figures": user.has_perm("claims.change_figure"),
        "can_add_figures": user.has_perm("claims.add_figure"),
        "can_add_claims": user.has_perm("claims.add_claim"),
        "can_change_claims": user.has_perm("claims.change_claim"),
        "can_link": user.has_perm("claims.add_claimlink"),
    }


def text_context(article: Article, user: Any) -> dict[str, Any]:
    """Everything the text and both lists of the side panel need."""
    perms = permissions(user)
    blind = article.is_blind_for(user)
    figures = figure_rows(article, blind_for=user if blind else None)
    claims = claim_rows(article, by=user if blind else None, viewer=user)
    tags = collection_tags(article)
    counts = dict.fromkeys(Figure.State.values, 0)
    for r in figures:
        counts[r.state] = counts.get(r.state, 0) + 1
    return {
        **perms,
        "blind": blind,
        "article": article,
        "tags": tags,
        "figure_count": len(figures),
        "claim_count": len(claims),
        "figure_counts": counts,
        "rendered_text": render_text(article, figures, claims),
        "figures_html": figure_list_html(
            figures, can_change=perms["can_change_figures"], history=not blind
        ),
        "claims_html": claim_list_html(
            claims, tags, can_change=perms["can_change_claims"], can_link=perms["can_link"]
        ),
    }


def workspace_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    context = text_context(article, request.user)
    context.update(
        {
            "collection": article.collection,
            "keyed_tags": [t for t in context["tags"] if t.key],
        }
    )
    return context
