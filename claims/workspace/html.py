"""The workspace's HTML: the marked-up text and the side panel's rows, and the page context.

Rows are rendered with escape() and f-strings rather than a template included per row: a long
article has 2,000 figure rows and 500 claim rows, and a per-row template costs ~1 ms each
(measured in bench/workspace.py). Every value from the database goes through escape().
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import cast

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, ArticleRelation
from articles.rendering import Span, render_annotated_text
from claims import blind
from claims.alignments.views import relations_of
from claims.models import Figure, Tag
from claims.workspace.rows import (
    CLAIM_STATUS_LABELS,
    FIGURE_STATE_LABELS,
    QUALIFIER_LABELS,
    VERDICT_LABELS,
    ClaimRow,
    FigureRow,
    LinkRow,
    claim_rows,
    figure_rows,
    short_quote,
    snapshot_json,
    tags_for,
)
from core.http import AuthenticatedHttpRequest
from core.permissions import CHANGE_ARTICLE


def render_text(article: Article, figures: list[FigureRow], claims: list[ClaimRow]) -> SafeString:
    spans = [Span("figure", r.id, r.start, r.end, f"figure--{r.state}") for r in figures]
    spans += [Span("claim", r.id, r.start, r.end, f"claim--{r.status}") for r in claims]
    return render_annotated_text(article.text, spans)


# --- side panel rows ------------------------------------------------------------------------


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


def permissions(user: User) -> dict[str, bool]:
    return {
        "can_change_figures": user.has_perm("claims.change_figure"),
        "can_add_figures": user.has_perm("claims.add_figure"),
        "can_add_claims": user.has_perm("claims.add_claim"),
        "can_change_claims": user.has_perm("claims.change_claim"),
        "can_link": user.has_perm("claims.add_claimlink"),
    }


def text_context(article: Article, user: User) -> dict[str, object]:
    """Everything the text and both lists of the side panel need."""
    perms = permissions(user)
    reader = blind.reader_of(article, user)
    figures = figure_rows(article, blind_for=reader)
    claims = claim_rows(article, by=reader, viewer=user)
    tags = list(tags_for(article))
    counts = dict.fromkeys(Figure.State.values, 0)
    for r in figures:
        counts[r.state] = counts.get(r.state, 0) + 1
    return {
        **perms,
        "blind": reader is not None,
        "article": article,
        "tags": tags,
        "figure_count": len(figures),
        "claim_count": len(claims),
        "figure_counts": counts,
        "rendered_text": render_text(article, figures, claims),
        "figures_html": figure_list_html(
            figures, can_change=perms["can_change_figures"], history=reader is None
        ),
        "claims_html": claim_list_html(
            claims, tags, can_change=perms["can_change_claims"], can_link=perms["can_link"]
        ),
    }


def workspace_context(request: AuthenticatedHttpRequest, article: Article) -> dict[str, object]:
    context = text_context(article, request.user)
    tags = cast(list[Tag], context["tags"])
    context.update(
        {
            "collection": article.collection,
            "keyed_tags": [t for t in tags if t.key],
            # Translations and originals (issue 18): one query.
            "relations": relations_of(article),
            "can_relate": request.user.has_perm(CHANGE_ARTICLE),
            "relation_kinds": ArticleRelation.Kind.choices,
        }
    )
    return context
