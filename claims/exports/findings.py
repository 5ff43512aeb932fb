"""The `finding` records of the JSONL export: each article's consistency findings with their
status (claims/consistency/, read from the stored findings)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NotRequired, Protocol, TypedDict

from claims.consistency.reports import FindingState
from claims.consistency.store import stored_report
from claims.exports.common import FORMAT_VERSION, ArticleRow
from core.types import JSONObject


class NewArticles(Protocol):
    """A batch of any export path (ExportBatch, JsonBatch, jsonl's DatasetBatch): the
    articles that first appear in it."""

    @property
    def new_articles(self) -> Sequence[ArticleRow]: ...


class FindingRecord(TypedDict):
    format: str
    type: str
    key: str
    kind: str
    severity: str
    status: str
    explanation: str
    article_ids: list[int]
    figure_ids: list[int]
    claim_ids: list[int]
    link_ids: list[int]
    suggested_link: dict[str, object] | None
    decision_note: str
    # Written by the dataset's StableFindingRecords (claims/exports/jsonl.py), which keys
    # the record by figure spans.
    decided_by: NotRequired[str | None]
    decided_at: NotRequired[str | None]


class FindingRecords:
    """`finding` records for the JSONL export (claims/exports/jsonl.py, a RecordProducer).

    For the articles that first appear in a batch, their findings (within each article, and
    the checks of links touching their claims), after the batch's claims. A finding that
    involves several articles is written with its lowest-id article, so once. About ten
    queries per batch. Comparisons across articles are not exported: they depend on which
    articles a file holds (`manage.py check_consistency --collection --json` lists them).
    """

    type = "finding"
    reads_json_batches = True  # reads only the batch's new articles

    def template(self) -> JSONObject:
        return {
            "key": "finding: its kind and sorted figure ids, e.g. contradiction:12,15.",
            "kind": "finding: repeat, contradiction, magnitude, part, part_exceeds_whole, "
            "parts_exceed_whole, repeats_link_differs or contradicts_link_agrees.",
            "severity": "finding: high, medium, low or info.",
            "status": "finding: open, linked, accepted or dismissed.",
            "explanation": "finding: one sentence with the numbers and paragraphs.",
            "article_ids": [0],
            "figure_ids": [0],
            "claim_ids": [0],
            "link_ids": [0],
            "suggested_link": {
                "relation": "repeats, contradicts or part_of: the claim holding from_figure_id "
                "relation the claim holding to_figure_id.",
                "from_figure_id": 0,
                "to_figure_id": 0,
                "from_claim_id": 0,
                "to_claim_id": 0,
                "from_label": "The from figure as written, with its paragraph.",
                "to_label": "The to figure as written, with its paragraph.",
            },
            "decision_note": "finding: what accepting did, or empty.",
        }

    def records(self, batch: NewArticles) -> Iterator[FindingRecord]:
        for _, record in self.states(batch):
            yield record

    def states(self, batch: NewArticles) -> Iterator[tuple[FindingState, FindingRecord]]:
        """Each record with the finding's state (its reviewer's decision, when there is one,
        with who decided it loaded)."""
        new = {article.id for article in batch.new_articles}
        if not new:
            return

        for state in stored_report(new).findings:
            finding = state.finding
            if min(finding.article_ids, default=0) not in new:
                continue
            link = finding.suggested_link
            yield (
                state,
                {
                    "format": FORMAT_VERSION,
                    "type": self.type,
                    "key": finding.key,
                    "kind": finding.kind,
                    "severity": finding.severity,
                    "status": state.status,
                    "explanation": finding.message,
                    "article_ids": list(finding.article_ids),
                    "figure_ids": list(finding.figure_ids),
                    "claim_ids": list(finding.claim_ids),
                    "link_ids": list(finding.link_ids),
                    "suggested_link": link.as_dict() if link else None,
                    "decision_note": state.decision.note if state.decision else "",
                },
            )
