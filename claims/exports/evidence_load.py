"""Loading the evidence records of a `claimdesk/2` file (claims/exports/evidence.py) back, once
the file's claims and figures are loaded (claims/exports/load.py calls `add` per record and
`finish` at the end, inside the load's transaction).

A document is matched by its SHA-256 in the collection of the claims tied to it (else the
load's collection, else that of the file's first article), or created with its text and
figures (the file's bytes are not in the export: the document has no stored file). Its
attachments to claims are restored; a decision is restored on the claim and figure the file's
ids map to, with its document figure (by position), outcome, reason, reviewer and time, unless
that claim figure has a decision already. What cannot be carried (a claim outside the file, a
document neither in the file nor here) is listed in the report, never an error; a malformed
record stops the load naming its line and field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import orjson
from django.utils import timezone

from articles.importers.base import ImportFailure
from articles.models import Collection
from claims.evidence.suggestions import refresh_collection
from claims.exports.load_base import RecordReader
from claims.exports.load_base import parse_decimal as _decimal
from claims.exports.load_claims import ClaimReader
from claims.exports.load_figures import FigureReader
from claims.models import Claim, Evidence, EvidenceDocument, EvidenceFigure, Figure
from core.types import LoadedRecord

if TYPE_CHECKING:
    from claims.exports.load import DatasetLoader

TYPES = ("evidence_document", "evidence")


@dataclass
class EvidenceLoad:
    documents: list[tuple[int, LoadedRecord]] = field(default_factory=list)
    decisions: list[tuple[int, LoadedRecord]] = field(default_factory=list)
    # exported document id -> the document here
    loaded: dict[int, EvidenceDocument] = field(default_factory=dict)

    def add(self, kind: str, record: LoadedRecord, line: int) -> None:
        (self.documents if kind == "evidence_document" else self.decisions).append((line, record))

    def finish(self, loader: DatasetLoader) -> None:
        touched: set[int] = set()
        for line, record in self.documents:
            document = self.add_document(loader, record, line)
            if document is not None:
                touched.add(document.collection_id)
        for line, record in self.decisions:
            collection_id = self.add_decision(loader, record, line)
            if collection_id is not None:
                touched.add(collection_id)
        for collection in Collection.objects.filter(pk__in=touched):
            refresh_collection(collection)

    def _claims(self, loader: DatasetLoader, old_ids: list[object]) -> list[int]:
        return [
            loader.reader(ClaimReader).claims[i]
            for i in old_ids
            if isinstance(i, int) and i in loader.reader(ClaimReader).claims
        ]

    def _collection(self, loader: DatasetLoader, claim_ids: list[int]) -> Collection | None:
        if loader.collection is not None:
            return loader.collection
        if claim_ids:
            return Collection.objects.filter(articles__claims__pk=claim_ids[0]).first()
        first = next(iter(loader.articles.values()), None)
        return first.collection if first is not None else None

    def add_document(
        self, loader: DatasetLoader, record: LoadedRecord, line: int
    ) -> EvidenceDocument | None:
        name = loader.name
        old_id = record.get("id")
        data = record.get("document")
        figures = record.get("document_figures")
        if not isinstance(old_id, int) or not isinstance(data, dict):
            raise ImportFailure(name, "expected an id and a document object.", line, "document")
        if not isinstance(figures, list) or not all(isinstance(f, dict) for f in figures):
            raise ImportFailure(name, "expected a list of figures.", line, "document_figures")
        sha = data.get("sha256")
        if not isinstance(sha, str) or not sha:
            raise ImportFailure(name, "expected the file's SHA-256.", line, "document.sha256")
        claim_ids = self._claims(loader, list(record.get("attached_claim_ids") or []))
        collection = self._collection(loader, claim_ids)
        if collection is None:
            loader.report.decisions_skipped.append(
                f"line {line}: evidence document {sha[:12]}: no collection to attach it to."
            )
            return None
        document = EvidenceDocument.objects.filter(collection=collection, sha256=sha).first()
        if document is None:
            document = EvidenceDocument(collection=collection)
            for key in ("title", "kind", "source_url", "language", "status", "error", "text"):
                setattr(document, key, str(data.get(key) or ""))
            document.sha256 = sha
            document.size = int(data.get("size") or 0)
            document.pages = int(data.get("pages") or 0)
            document.status = document.status or EvidenceDocument.Status.READY
            document.added_by = loader.created_by
            document.save()
            EvidenceFigure.objects.bulk_create(
                [self.figure(loader, document, f, line) for f in figures], batch_size=1000
            )
        if claim_ids:
            document.claims.add(*claim_ids)
        self.loaded[old_id] = document
        return document

    def figure(
        self, loader: DatasetLoader, document: EvidenceDocument, data: LoadedRecord, line: int
    ) -> EvidenceFigure:

        where = "document_figures"
        try:
            locator = orjson.loads(data.get("locator") or "{}")
        except orjson.JSONDecodeError:
            raise ImportFailure(
                loader.name, "is not a JSON object written as a string.", line, f"{where}.locator"
            ) from None
        position = data.get("position")
        if not isinstance(position, int) or not isinstance(locator, dict):
            raise ImportFailure(loader.name, "expected a position.", line, f"{where}.position")
        return EvidenceFigure(
            document=document,
            position=position,
            locator=locator,
            surface=str(data.get("surface") or ""),
            value=_decimal(data.get("value"), f"{where}.value", line, loader.name),
            lower=_decimal(data.get("lower"), f"{where}.lower", line, loader.name),
            upper=_decimal(data.get("upper"), f"{where}.upper", line, loader.name),
            qualifier=str(data.get("qualifier") or Figure.Qualifier.EXACT),
            unit=str(data.get("unit") or ""),
            counted=str(data.get("counted") or ""),
            quote=str(data.get("quote") or ""),
        )

    def add_decision(self, loader: DatasetLoader, record: LoadedRecord, line: int) -> int | None:
        old_claim, old_figure = record.get("claim_id"), record.get("figure_id")
        outcome = record.get("outcome")
        if outcome not in Evidence.Outcome.values:
            raise ImportFailure(
                loader.name, f"{outcome!r} is not an evidence outcome.", line, "outcome"
            )
        claim_id = (
            loader.reader(ClaimReader).claims.get(old_claim) if isinstance(old_claim, int) else None
        )
        figure_id = (
            loader.reader(FigureReader).figure_ids.get(old_figure)
            if isinstance(old_figure, int)
            else None
        )
        if claim_id is None or figure_id is None:
            loader.report.decisions_skipped.append(
                f"line {line}: evidence for claim {old_claim}: the claim or figure is not in the file."
            )
            return None
        claim = Claim.objects.select_related("article").get(pk=claim_id)
        found = None
        if outcome != Evidence.Outcome.NOT_FOUND:
            document_id = record.get("document_id")
            document = self.loaded.get(document_id) if isinstance(document_id, int) else None
            position = record.get("document_figure_position")
            if document is not None and isinstance(position, int):
                found = EvidenceFigure.objects.filter(document=document, position=position).first()
            if found is None:
                loader.report.decisions_skipped.append(
                    f"line {line}: evidence for claim {old_claim}: its document is not in the file."
                )
                return None
        if Evidence.objects.filter(claim_id=claim_id, figure_id=figure_id).exists():
            return claim.article.collection_id
        Evidence.objects.create(
            claim=claim,
            figure_id=figure_id,
            document_figure=found,
            outcome=outcome,
            reason=str(record.get("reason") or ""),
            decided_by=loader.user(record.get("decided_by"), line, "decided_by"),
            decided_at=loader.datetime(record.get("decided_at"), line, "decided_at")
            or timezone.now(),
        )
        return claim.article.collection_id


class EvidenceDocumentReader(RecordReader):
    """`evidence_document` records for load.RECORD_READERS, stored once the whole file is read
    (after the findings' decisions): they name claims and figures of any article."""

    type = "evidence_document"
    since = "claimdesk/2"

    def __init__(self, loader: DatasetLoader) -> None:
        super().__init__(loader)
        self.load = EvidenceLoad()

    def read(self, record: LoadedRecord, line: int) -> None:
        self.load.add(self.type, record, line)

    def after_file(self) -> None:
        self.load.finish(self.loader)


class EvidenceReader(RecordReader):
    """`evidence` records (reviewers' decisions), kept by the EvidenceDocumentReader's load."""

    type = "evidence"
    since = "claimdesk/2"

    def read(self, record: LoadedRecord, line: int) -> None:
        self.loader.reader(EvidenceDocumentReader).load.add(self.type, record, line)
