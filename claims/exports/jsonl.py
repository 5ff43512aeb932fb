"""The canonical dataset: JSON Lines, format `claimdesk/1` (documented in docs/data-format.md).

One JSON object a line, each with `"format": "claimdesk/1"` and a `"type"`:

- `schema`, the first line: every field of every record type, with a one-line description
  as its value (numbers are 0, lists hold one example element). It pins each field's type
  for loaders that infer a schema from the first rows (Hugging Face `datasets` reads the
  first 10 MB and refuses a later `null` that turns into a list or an object): filter on
  `type` to drop it;
- `article`, once before the first claim of each article: its metadata and full text, so
  the dataset is self-contained;
- `claim`, one per claim, with its article reference, span, quote in context, source, via,
  tags, links and figures;
- `finding`, after the claims of each batch: the consistency findings (repeats,
  contradictions, suspicious magnitudes, link checks) within the batch's articles.

Record types are produced by `RecordProducer`s, called once per batch of claims (so each
adds a fixed number of queries per batch, never one per row). A new record type is a
producer appended to `RECORD_PRODUCERS`, or passed in `producers=`; its `template()` joins
the schema line. Avoid the top-level names `message`, `messages` and `payload`: `datasets`
reads those as agent traces.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

import orjson
from django.db.models import QuerySet

from claims.exports import sqlite_json
from claims.exports.common import (
    DEFAULT_CHUNK_SIZE,
    FORMAT_VERSION,
    ArticleRow,
    ClaimRow,
    ExportBatch,
    SourceRow,
    iter_batches,
)
from claims.exports.findings import FindingRecords
from claims.exports.sqlite_json import ClaimLine, JsonBatch
from claims.models import Claim

CONTENT_TYPE = "application/x-ndjson; charset=utf-8"
EXTENSION = "jsonl"


class RecordProducer(Protocol):
    """Makes the records of one type from each batch of the export."""

    type: str

    def template(self) -> dict[str, Any]:
        """Every field this record type writes, with a description as the value
        (0 for numbers, one-element lists), as the schema line shows it."""
        ...

    def records(
        self, batch: ExportBatch | JsonBatch
    ) -> Iterator[dict[str, Any] | orjson.Fragment]: ...


def _source(source: SourceRow | None) -> dict[str, str] | None:
    return None if source is None else {"name": source.name, "kind": source.kind}


def article_record(article: ArticleRow) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "type": "article",
        "id": article.id,
        "collection": {"slug": article.collection_slug, "name": article.collection_name},
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "byline": article.byline,
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "language": article.language,
        "status": article.status,
        "text_sha256": article.text_sha256,
        "text": article.text,
        # A JSON string, not an object: its keys differ from article to article, which
        # columnar loaders cannot type.
        "metadata": json.dumps(article.metadata, ensure_ascii=False, sort_keys=True),
    }


def claim_record(claim: ClaimRow) -> dict[str, Any]:
    """A claim record, for orjson (which writes the LinkRow and FigureRow dataclasses)."""
    article = claim.article
    return {
        "format": FORMAT_VERSION,
        "type": "claim",
        "id": claim.id,
        "article": {
            "id": article.id,
            "title": article.title,
            "url": article.url,
            "outlet": article.outlet,
            "published_on": article.published_on.isoformat() if article.published_on else None,
            "text_sha256": article.text_sha256,
        },
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "prefix": claim.prefix,
        "suffix": claim.suffix,
        "source": _source(claim.source),
        "via": _source(claim.via),
        "attribution": claim.attribution,
        "status": claim.status,
        "verdict": claim.verdict,
        "note": claim.note,
        "rejection_reason": claim.rejection_reason,
        "tags": [{"slug": t.slug, "name": t.name} for t in claim.tags],
        # LinkRow and FigureRow have exactly the record's fields, in order: orjson writes
        # dataclasses itself, faster than building a dict for each.
        "links": claim.links,
        "figures": claim.figures,
    }


_SOURCE_TEMPLATE = {
    "name": "The source's name.",
    "kind": "One of: government, regulator, news_agency, news_outlet, company, ngo, "
    "research, person, document, other.",
}


def article_template() -> dict[str, Any]:
    return {
        "id": 0,
        "collection": {"slug": "Collection slug.", "name": "Collection name."},
        "title": "Article title.",
        "url": "Article URL, or empty.",
        "outlet": "Publication, or empty.",
        "byline": "Author(s) as printed, or empty.",
        "published_on": "Publication date YYYY-MM-DD, or null.",
        "language": "BCP 47 language code.",
        "status": "article: new, in_progress or done.",
        "text_sha256": "SHA-256 (hex) of the UTF-8 article text.",
        "text": "The article text (Unicode NFC, \\n line endings); offsets are code "
        "points into it.",
        "metadata": "Extra import fields as a JSON object, written as a string.",
    }


def claim_template() -> dict[str, Any]:
    return {
        "id": 0,
        "article": {
            "id": 0,
            "title": "Article title.",
            "url": "Article URL, or empty.",
            "outlet": "Publication, or empty.",
            "published_on": "Publication date YYYY-MM-DD, or null.",
            "text_sha256": "SHA-256 (hex) of the UTF-8 article text.",
        },
        "start": 0,
        "end": 0,
        "quote": "The claim: article text[start:end].",
        "prefix": "Up to 32 characters of article text before start.",
        "suffix": "Up to 32 characters of article text after end.",
        "source": dict(_SOURCE_TEMPLATE, name="Who made the claim, or null."),
        "via": dict(_SOURCE_TEMPLATE, name="Who relayed the claim, or null."),
        "attribution": "direct, paraphrase or unattributed.",
        "status": "claim: draft, submitted, approved or rejected.",
        "verdict": "unchecked, accurate, inaccurate, misleading, unverifiable or disputed.",
        "note": "Annotator's note, or empty.",
        "rejection_reason": "Why a reviewer rejected the claim, or empty.",
        "tags": [{"slug": "Tag slug.", "name": "Tag name."}],
        "links": [
            {
                "relation": "repeats, part_of, contradicts, supports, updates or derived_from.",
                "target": 0,
                "note": "Note on the link, or empty.",
            }
        ],
        "figures": [
            {
                "id": 0,
                "start": 0,
                "end": 0,
                "surface": "The figure as written: article text[start:end].",
                "value": "Normalised value as a decimal string, or null.",
                "lower": "Lower bound as a decimal string, or null.",
                "upper": "Upper bound as a decimal string, or null.",
                "qualifier": "exact, approx, approx_below, more_than, less_than, "
                "at_least, at_most, range or vague.",
                "unit": "percent, an ISO 4217 code, year, or empty.",
                "counted": "What is counted, or empty.",
                "state": "suggested, confirmed or rejected.",
                "origin": "detected or manual.",
            }
        ],
    }


class ArticleAndClaimRecords:
    """`article` and `claim` records: each article's record right before its first claim.

    Takes either batch: claim rows (written by claim_record) or, on SQLite, claim records
    the database wrote as JSON (claims/exports/sqlite_json.py), passed through as they are.
    """

    type = "claim"
    reads_json_batches = True

    def template(self) -> dict[str, Any]:
        return merge_templates([article_template(), claim_template()])

    def records(self, batch: ExportBatch | JsonBatch) -> Iterator[dict[str, Any] | orjson.Fragment]:
        new = {article.id for article in batch.new_articles}
        for claim in batch.claims:
            if claim.article.id in new:
                new.discard(claim.article.id)
                yield article_record(claim.article)
            if isinstance(claim, ClaimLine):
                yield orjson.Fragment(claim.line)
            else:
                yield claim_record(claim)


# Further record types come after the batch's claims: the consistency findings of the
# batch's articles (claims/exports/findings.py).
RECORD_PRODUCERS: list[RecordProducer] = [ArticleAndClaimRecords(), FindingRecords()]


def merge_templates(templates: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One template holding every field; descriptions of a shared field are joined."""
    record: dict[str, Any] = {}
    for template in templates:
        for name, value in template.items():
            if name in record and record[name] != value:
                if not (isinstance(value, str) and isinstance(record[name], str)):
                    raise ValueError(f"Record types disagree on the type of field {name!r}.")
                if value not in record[name]:
                    record[name] = f"{record[name]} {value}"
            else:
                record[name] = value
    return record


def schema_record(producers: Sequence[RecordProducer]) -> dict[str, Any]:
    fields = merge_templates([producer.template() for producer in producers])
    return {"format": FORMAT_VERSION, "type": "schema", **fields}


def export_jsonl(
    claims: QuerySet[Claim],
    *,
    producers: Sequence[RecordProducer] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[str]:
    """The dataset as text chunks: the schema line, then one chunk of lines per batch."""
    for chunk in export_jsonl_bytes(claims, producers=producers, chunk_size=chunk_size):
        yield chunk.decode()


def export_jsonl_bytes(
    claims: QuerySet[Claim],
    *,
    producers: Sequence[RecordProducer] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[bytes]:
    """The dataset as UTF-8 chunks, as orjson writes them: files and responses take them
    without a decode and an encode of every byte."""
    producers = RECORD_PRODUCERS if producers is None else producers
    yield orjson.dumps(schema_record(producers)) + b"\n"
    encode = orjson.dumps
    batches: Iterator[ExportBatch | JsonBatch]
    if sqlite_json.available(claims) and all(
        getattr(p, "reads_json_batches", False) for p in producers
    ):
        # SQLite writes the claim records itself (claims/exports/sqlite_json.py): the same
        # bytes, without a Python object per claim, figure, tag and link.
        batches = sqlite_json.iter_json_batches(claims, chunk_size=chunk_size)
    else:
        batches = iter_batches(claims, chunk_size=chunk_size)
    for batch in batches:
        lines = [encode(record) for producer in producers for record in producer.records(batch)]
        if lines:
            lines.append(b"")
            yield b"\n".join(lines)
