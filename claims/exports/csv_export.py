"""CSV for spreadsheets, flat columns: one row per figure of the exported articles (the
default), or with `rows="claims"` one row per claim.

Figure rows: every figure whatever its state, with the ids of the exported claims using it
(empty when none) and, for the first two annotators of the article (assigned, else those who
judged its figures, by username), each one's judgement. Claim rows: the claim, its tags and
links joined into one cell each, its figures' ids and surfaces likewise. Text cells that a spreadsheet would
run as a formula (starting with =, +, -, @, tab or carriage return) get a leading
apostrophe, as OWASP advises for CSV that is opened in Excel: articles come from the web.
The jsonl export is the lossless one.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator

from django.contrib.auth.models import User
from django.db.models import QuerySet

from articles.models import Article
from claims.blind import READING_FIELDS
from claims.exports.common import DEFAULT_CHUNK_SIZE, ClaimRow, iter_batches
from claims.exports.csv_alignments import ALIGNMENT_COLUMNS, alignment_rows
from claims.exports.dataset import ArticleGroup, DatasetJudgement, iter_article_groups
from claims.exports.evidence import decided_evidence, evidence_cell
from claims.models import Claim, FigureJudgement

CONTENT_TYPE = "text/csv; charset=utf-8"
EXTENSION = "csv"
BOM = "\ufeff"

# Each of the article's first two annotators: her username and judgement of the figure.
ANNOTATOR_FIELDS = ("", *(f"_{name}" for name in FigureJudgement.COPIED))
# "language": the article's (BCP 47), which its figures were read in (Article.language).
_ARTICLE = ["article_title", "article_url", "article_outlet", "article_published_on", "language"]
FIGURE_COLUMNS = [
    "article_id",
    *_ARTICLE,
    "article_status",
    "figure_id",
    "figure_start",
    "figure_end",
    "surface",
    *READING_FIELDS,
    "figure_state",
    "origin",
    "created_by",
    "decided_by",
    "claim_ids",
    *(f"annotator_{n}{suffix}" for n in (1, 2) for suffix in ANNOTATOR_FIELDS),
]

CLAIM_COLUMNS = [
    "claim_id",
    "article_id",
    *_ARTICLE,
    "claim_start",
    "claim_end",
    "quote",
    "source",
    "source_kind",
    "via",
    "via_kind",
    "attribution",
    "status",
    "verdict",
    "tags",
    "links",
    "note",
    "created_by",
    "figure_ids",
    "figures",
    # Evidence (issue 19): each decided figure's outcome and document, in words.
    "evidence",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def claim_row(claim: ClaimRow) -> list[object]:
    """One row per claim (`rows="claims"`)."""
    article = claim.article
    return [
        claim.id,
        article.id,
        safe_cell(article.title),
        safe_cell(article.url),
        safe_cell(article.outlet),
        article.published_on.isoformat() if article.published_on else "",
        article.language,
        claim.start,
        claim.end,
        safe_cell(claim.quote),
        safe_cell(claim.source.name) if claim.source else "",
        claim.source.kind if claim.source else "",
        safe_cell(claim.via.name) if claim.via else "",
        claim.via.kind if claim.via else "",
        claim.attribution,
        claim.status,
        claim.verdict,
        "; ".join(t.slug for t in claim.tags),
        "; ".join(f"{link.relation}:{link.target}" for link in claim.links),
        safe_cell(claim.note),
        claim.created_by or "",
        "; ".join(str(f.id) for f in claim.figures),
        safe_cell(" | ".join(f.surface for f in claim.figures)),
    ]


def _annotators(group: ArticleGroup, article_id: int) -> list[str]:
    assigned = [str(a["username"]) for a in group.annotators.get(article_id, [])]
    judged = sorted({j.annotator for j in group.judgements.get(article_id, [])})
    return (assigned or judged)[:2]


def figure_rows(group: ArticleGroup, claim_ids: dict[int, list[int]]) -> Iterator[list[object]]:
    """One row per figure of the group's articles."""
    for article in group.articles:
        who = _annotators(group, article.id)
        judged: dict[tuple[int, str], DatasetJudgement] = {
            (j.figure_id, j.annotator): j for j in group.judgements.get(article.id, [])
        }
        head: list[object] = [
            article.id,
            safe_cell(article.title),
            safe_cell(article.url),
            safe_cell(article.outlet),
            article.published_on.isoformat() if article.published_on else "",
            article.language,
            article.status,
        ]
        for figure in group.figures.get(article.id, []):
            f = figure.row
            row = [
                *head,
                f.id,
                f.start,
                f.end,
                safe_cell(f.surface),
                f.value or "",
                f.lower or "",
                f.upper or "",
                f.qualifier,
                f.unit,
                safe_cell(f.counted),
                f.state,
                f.origin,
                figure.created_by or "",
                figure.decided_by or "",
                "; ".join(map(str, claim_ids.get(f.id, []))),
            ]
            for n in range(2):
                name = who[n] if n < len(who) else ""
                j = judged.get((f.id, name))
                row.append(name)
                if j is None:
                    row += [""] * (len(ANNOTATOR_FIELDS) - 1)
                else:
                    row += [
                        j.state,
                        j.value or "",
                        j.lower or "",
                        j.upper or "",
                        j.qualifier,
                        j.unit,
                        safe_cell(j.counted),
                    ]
            yield row


def export_csv(
    claims: QuerySet[Claim],
    *,
    bom: bool = False,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    articles: QuerySet[Article] | None = None,
    annotator: User | None = None,
    rows: str = "figures",
) -> Iterator[str]:
    """The CSV as text chunks: the header row, then one chunk per batch.

    `bom` starts the file with a UTF-8 byte order mark, which Excel needs to read UTF-8.
    `articles` are the exported articles (default: those holding one of `claims`).
    """
    if rows not in ("figures", "claims", "alignments"):
        raise ValueError(f"Unknown CSV rows {rows!r}; choose figures, claims or alignments.")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = {"figures": FIGURE_COLUMNS, "claims": CLAIM_COLUMNS, "alignments": ALIGNMENT_COLUMNS}
    writer.writerow(columns[rows])
    yield (BOM if bom else "") + buffer.getvalue()
    if rows == "alignments":  # issue 18: claims/exports/csv_alignments.py
        if articles is None:
            articles = Article.objects.filter(pk__in=claims.values("article_id"))
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(alignment_rows(articles, safe_cell))
        yield buffer.getvalue()
        return
    if rows == "claims":
        for batch in iter_batches(claims, chunk_size=chunk_size):
            buffer.seek(0)
            buffer.truncate()
            decided = decided_evidence([claim.id for claim in batch.claims])
            writer.writerows(
                [*claim_row(claim), safe_cell(evidence_cell(decided.get(claim.id, [])))]
                for claim in batch.claims
            )
            yield buffer.getvalue()
        return
    if articles is None:
        articles = Article.objects.filter(pk__in=claims.values("article_id"))
    through = Claim.figures.through
    for group in iter_article_groups(
        articles, group_size=max(1, chunk_size // 10), annotator=annotator
    ):
        using: dict[int, list[int]] = defaultdict(list)
        for figure_id, claim_id in (
            through.objects.filter(
                figure__article_id__in=group.ids, claim__in=claims.filter(article_id__in=group.ids)
            )
            .order_by("figure_id", "claim_id")
            .values_list("figure_id", "claim_id")
        ):
            using[figure_id].append(claim_id)
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(figure_rows(group, using))
        yield buffer.getvalue()
