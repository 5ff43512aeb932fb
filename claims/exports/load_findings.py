"""Reader of `finding` records for `import_dataset`: reviewers' decisions brought back.

Findings (claims/consistency/) are derived data: they are recomputed from the figures, claims
and links whenever they are read, so their content is not loaded. What a reviewer decided
about one is not derived, though: a finding marked `accepted` or `dismissed` gets its
`FindingDecision` back, under its key here (claimdesk/2: the figures found by their spans;
claimdesk/1: the figure ids remapped, `contradiction:12,15` -> `contradiction:<new>,<new>`),
once the whole file is loaded and only if the finding holds again here. Decisions that cannot
be carried (a figure not in the file, a finding that no longer holds) are listed in the
report, never an error.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from articles.models import Article
from claims.consistency.records import KIND_LABELS, finding_key, parse_finding_key
from claims.consistency.reports import Status, articles_findings
from claims.exports.dataset import parse_stable_finding_key
from claims.exports.load_base import RecordReader, claim_id_or_none, expect
from claims.exports.load_claims import ClaimReader
from claims.exports.load_figures import FigureReader
from claims.models import ClaimLink, Figure, FindingDecision
from core.types import LoadedRecord

if TYPE_CHECKING:
    from claims.exports.load import DatasetLoader

FINDING_STATUSES = (Status.OPEN, Status.LINKED, Status.ACCEPTED, Status.DISMISSED)
# Articles re-checked at once when restoring decisions (articles_findings reads their texts).
RECHECK_ARTICLES = 200


@dataclass
class _Decision:
    """A reviewer's decision read from a `finding` record, restored once the file is loaded."""

    line: int
    key: str
    kind: str
    figure_ids: tuple[int, ...]
    decision: str
    note: str
    article_id: int
    suggested: tuple[str, int | None, int | None] | None
    # claimdesk/2: the figures by (article text SHA-256, start, end), and who decided when.
    spans: list[tuple[str, int, int]] | None = None
    decided_by: str | None = None
    decided_at: dt.datetime | None = None


class FindingReader(RecordReader):
    """`finding` records: checked, and their decisions kept for after_file."""

    type = "finding"

    def __init__(self, loader: DatasetLoader) -> None:
        super().__init__(loader)
        self.decisions: list[_Decision] = []

    def read(self, record: LoadedRecord, line: int) -> None:
        loader = self.loader
        self.report.findings_read += 1
        key = expect(record, "key", str, line, self.name)
        spans = None
        if loader.version == "claimdesk/1":
            parsed = parse_finding_key(key)
            what = "comma-separated figure ids"
        else:
            stable = parse_stable_finding_key(key)
            parsed = (stable[0], ()) if stable else None
            spans = stable[1] if stable else None
            what = "per article the SHA-256 of its text and the figures' spans (sha:1-4,9-12)"
        if parsed is None or parsed[0] != record.get("kind") or parsed[0] not in KIND_LABELS:
            raise self.fail(
                f"{key!r} is not a finding key: a kind ({', '.join(KIND_LABELS)}) and "
                f"{what}, the kind matching 'kind'.",
                line,
                "key",
            )
        status = record.get("status")
        if status not in FINDING_STATUSES:
            raise self.fail(
                f"{status!r} is not one of {', '.join(FINDING_STATUSES)}.", line, "status"
            )
        if status not in (Status.ACCEPTED, Status.DISMISSED):
            return  # open or linked: recomputed from the figures, claims and links
        article_ids = record.get("article_ids")
        if (
            not isinstance(article_ids, list)
            or not article_ids
            or not all(isinstance(i, int) and not isinstance(i, bool) for i in article_ids)
        ):
            raise self.fail("expected a list of article ids.", line, "article_ids")
        link = record.get("suggested_link")
        suggested = None
        if isinstance(link, dict):
            suggested = (
                str(link.get("relation")),
                claim_id_or_none(link.get("from_claim_id")),
                claim_id_or_none(link.get("to_claim_id")),
            )
        kind, figure_ids = parsed
        if spans is not None:
            loader.user(record.get("decided_by"), line, "decided_by")
        self.decisions.append(
            _Decision(
                line=line,
                key=key,
                kind=kind,
                figure_ids=figure_ids,
                decision=status,
                note=str(record.get("decision_note") or ""),
                article_id=min(article_ids),
                suggested=suggested,
                spans=spans,
                decided_by=record.get("decided_by"),
                decided_at=loader.datetime(record.get("decided_at"), line, "decided_at")
                if spans is not None
                else None,
            )
        )

    def after_file(self) -> None:
        """Restore the decisions of `finding` records, their figure ids remapped.

        A decision is restored only when its finding holds again here (the findings of the
        articles involved are re-checked, about ten queries per RECHECK_ARTICLES articles);
        one already stored under the new key is kept as it is.
        """
        loader = self.loader
        figure_ids = loader.reader(FigureReader).figure_ids
        wanted: dict[str, tuple[_Decision, Article]] = {}
        here = self.figures_by_span()
        for decision in self.decisions:
            article = loader.articles.get(decision.article_id)
            if decision.spans is not None:
                ids = [here.get(span) for span in decision.spans]
                missing_spans = [s for s, i in zip(decision.spans, ids, strict=True) if i is None]
                if missing_spans or article is None:
                    what = (
                        "figure(s) at "
                        + ", ".join(f"{sha[:12]}…:{a}-{b}" for sha, a, b in missing_spans)
                        if missing_spans
                        else "its article"
                    )
                    self.skip_decision(decision, f"{what} not in the file.")
                    continue
                key = finding_key(decision.kind, [i for i in ids if i is not None])
                wanted.setdefault(key, (decision, article))
                continue
            missing = [i for i in decision.figure_ids if i not in figure_ids]
            if missing or article is None:
                what = f"figure(s) {', '.join(map(str, missing))}" if missing else "its article"
                self.skip_decision(decision, f"{what} not in the file.")
                continue
            key = finding_key(decision.kind, (figure_ids[i] for i in decision.figure_ids))
            wanted.setdefault(key, (decision, article))
        if not wanted:
            return
        existing = set(
            FindingDecision.objects.filter(key__in=list(wanted)).values_list("key", flat=True)
        )
        self.report.decisions_existing += len(existing)
        wanted = {key: value for key, value in wanted.items() if key not in existing}
        # A finding is written with its lowest-id article, and checking an article finds the
        # findings within it and those of every link touching its claims.
        article_ids = sorted({article.pk for _, article in wanted.values()})
        holding: set[str] = set()
        for start in range(0, len(article_ids), RECHECK_ARTICLES):
            findings, _ = articles_findings(set(article_ids[start : start + RECHECK_ARTICLES]))
            holding.update(f.key for f in findings)
        links = self.accepted_links([d for key, (d, _) in wanted.items() if key in holding])
        made = []
        for key, (decision, article) in wanted.items():
            if key not in holding:
                self.skip_decision(decision, f"the finding ({key} here) no longer holds.")
                continue
            made.append(
                FindingDecision(
                    collection_id=article.collection_id,
                    key=key,
                    kind=decision.kind,
                    decision=decision.decision,
                    note=decision.note,
                    decided_by=loader.users.get(decision.decided_by or "")
                    if decision.spans is not None
                    else loader.created_by,
                    decided_at=decision.decided_at or timezone.now(),
                    link_id=links.get(decision.line),
                )
            )
        FindingDecision.objects.bulk_create(made, batch_size=1000)
        self.report.decisions_created += len(made)

    def figures_by_span(self) -> dict[tuple[str, int, int], int]:
        """The loaded articles' figures by (article text SHA-256, start, end): one query per
        1,000 articles, only when a claimdesk/2 decision is to be restored."""
        if not any(d.spans is not None for d in self.decisions):
            return {}
        ids = [a.pk for a in self.loader.articles.values()]
        found: dict[tuple[str, int, int], int] = {}
        for start in range(0, len(ids), 1000):
            for pk, sha, a, b in Figure.objects.filter(
                article_id__in=ids[start : start + 1000]
            ).values_list("pk", "article__text_sha256", "start", "end"):
                found[(sha, a, b)] = pk
        return found

    def skip_decision(self, decision: _Decision, why: str) -> None:
        self.report.decisions_skipped.append(
            f"{self.name}, line {decision.line}: {decision.decision} finding {decision.key}: {why}"
        )

    def accepted_links(self, decisions: list[_Decision]) -> dict[int, int]:
        """The link accepting each finding made (its suggested link, between the claims
        here), by the record's line, when it exists; one query per 1,000 decisions."""
        claims = self.loader.reader(ClaimReader).claims
        wanted: dict[tuple[int, int, str], list[int]] = defaultdict(list)
        for decision in decisions:
            if decision.decision != Status.ACCEPTED or decision.suggested is None:
                continue
            relation, from_id, to_id = decision.suggested
            source = claims.get(from_id) if from_id is not None else None
            target = claims.get(to_id) if to_id is not None else None
            if source is not None and target is not None:
                wanted[(source, target, relation)].append(decision.line)
        found: dict[int, int] = {}
        triples = list(wanted)
        for start in range(0, len(triples), 1000):
            chunk = triples[start : start + 1000]
            rows = ClaimLink.objects.filter(
                from_claim_id__in={t[0] for t in chunk}, relation__in={t[2] for t in chunk}
            ).values_list("pk", "from_claim_id", "to_claim_id", "relation")
            for pk, from_id, to_id, relation in rows:
                for line in wanted.get((from_id, to_id, relation), []):
                    found.setdefault(line, pk)
        return found
