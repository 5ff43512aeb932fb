"""The `finding` records of the JSONL export: each article's consistency findings with their
status (claims/consistency/, read from the stored findings)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NotRequired, Protocol, TypedDict

from claims.consistency.records import SHOWN_LINK_FIELDS, finding_key, finding_order
from claims.consistency.reports import decisions_by_key, status_of
from claims.consistency.store import StoredRow, stored_finding_rows
from claims.exports.common import FORMAT_VERSION, ArticleRow
from claims.models import FindingDecision
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

    def states(self, batch: NewArticles) -> Iterator[tuple[FindingDecision | None, FindingRecord]]:
        """Each record with its reviewer's decision, when there is one (who decided it
        loaded), in the report's order (`stored_report`). Written from the stored rows
        (`stored_finding_rows`), without a Finding object each."""
        new = {article.id for article in batch.new_articles}
        if not new:
            return
        seen: dict[str, StoredRow] = {}
        for rows in stored_finding_rows(new).values():
            for data in rows:
                seen.setdefault(finding_key(data["kind"], data["figure_ids"]), data)
        mine = [
            (key, data) for key, data in seen.items() if min(data["article_ids"], default=0) in new
        ]
        mine.sort(
            key=lambda kd: finding_order(
                kd[1]["severity"], kd[1]["article_ids"], kd[1]["figure_ids"]
            )
        )
        decisions = decisions_by_key({key for key, _ in mine})
        for key, data in mine:
            decision = decisions.get(key)
            link = data["suggested_link"]
            yield (
                decision,
                {
                    "format": FORMAT_VERSION,
                    "type": self.type,
                    "key": key,
                    "kind": data["kind"],
                    "severity": data["severity"],
                    "status": status_of(decision, bool(data["linked"])),
                    "explanation": data["message"],
                    "article_ids": data["article_ids"],
                    "figure_ids": data["figure_ids"],
                    "claim_ids": data["claim_ids"],
                    "link_ids": data["link_ids"],
                    "suggested_link": (
                        {name: link[name] for name in SHOWN_LINK_FIELDS} if link else None
                    ),
                    "decision_note": decision.note if decision else "",
                },
            )
