"""The canonical dataset: JSON Lines, format `claimdesk/2` (documented in docs/data-format.md).

One JSON object a line, each with `"format": "claimdesk/2"` and a `"type"`:

- `schema`, the first line: every field of every record type, with a one-line description
  as its value (numbers are 0, lists hold one example element). It pins each field's type
  for loaders that infer a schema from the first rows (Hugging Face `datasets` reads the
  first 10 MB and refuses a later `null` that turns into a list or an object): filter on
  `type` to drop it;
- `source`, once before the first claim naming it: name, kind, URL, aliases and parent;
- `article`, once per exported article (in id order): its metadata, full text and assigned
  annotators, so the dataset is self-contained;
- `figure`, one per figure of the article whatever its state, with the detector's first
  reading and who decided it; `judgement`, one per annotator per figure;
- `claim`, one per claim, with its article reference, span, quote in context, source, via,
  tags, links and figures;
- `finding`, after the claims of each group of articles: the consistency findings (repeats,
  contradictions, suspicious magnitudes, link checks, a translation's changes) within them,
  keyed by figure spans;
- `relation` and `alignment` (issue 18, claims/exports/relations.py), last in each group:
  each article's relation to its original and the figure alignment of the pair.

Record types are produced by `RecordProducer`s, called once per group of articles (so each
adds a fixed number of queries per batch, never one per row). A new record type is a
producer appended to `RECORD_PRODUCERS`, or passed in `producers=`; its `template()` joins
the schema line. Avoid the top-level names `message`, `messages` and `payload`: `datasets`
reads those as agent traces.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Protocol, TypedDict, cast

import orjson
from django.contrib.auth.models import User
from django.db.models import QuerySet

from articles.models import Article
from claims.exports import sqlite_json
from claims.exports.common import (
    DEFAULT_CHUNK_SIZE,
    FORMAT_VERSION,
    ArticleRow,
    ClaimRow,
    ExportBatch,
    FigureRow,
    LinkRow,
    SourceRow,
    claim_article_ref,
    iter_batches,
)
from claims.exports.dataset import (
    ArticleGroup,
    DatasetFigure,
    DatasetJudgement,
    SourceRecordRow,
    SourceRecords,
    figure_spans,
    iter_article_groups,
    stable_finding_key,
)
from claims.exports.evidence import EvidenceRecords
from claims.exports.findings import FindingRecord, FindingRecords
from claims.exports.relations import RelationRecords
from claims.exports.sqlite_json import ClaimLine, JsonBatch, JsonGroup
from claims.models import Claim
from core.types import JSONObject, Record

CONTENT_TYPE = "application/x-ndjson; charset=utf-8"
EXTENSION = "jsonl"


class RecordProducer(Protocol):
    """Makes the records of one type from each batch of the export."""

    type: str

    def template(self) -> JSONObject:
        """Every field this record type writes, with a description as the value
        (0 for numbers, one-element lists), as the schema line shows it."""
        ...

    def records(self, batch: DatasetBatch) -> Iterator[Record | bytes]:
        """The records: each a dict (written by orjson) or bytes, one or more records
        already written as JSON lines, each ending in a newline."""
        ...


class DatasetBatch:
    """A group of exported articles (ArticleGroup) and their exported claims, in article
    order; `new_articles` are the group's articles (what FindingRecords reads)."""

    __slots__ = ("claims", "group", "new_articles", "sources", "using")

    def __init__(
        self,
        group: ArticleGroup | JsonGroup,
        claims: Sequence[ClaimRow | ClaimLine],
        sources: dict[int, list[SourceRecordRow]],
        using: str = "default",
    ) -> None:
        self.using = using
        self.group = group
        self.new_articles = group.articles
        self.claims = claims
        self.sources = sources  # claim id -> the source records to write before it


class SourceRecord(TypedDict):
    format: str
    type: str
    name: str
    kind: str
    url: str
    aliases: list[str]
    parent: str | None


class ReadingFields(TypedDict):
    """A reading of a figure as the records write it (the figure's and each judgement's)."""

    value: str | None
    lower: str | None
    upper: str | None
    qualifier: str
    unit: str
    counted: str


class FigureRecord(ReadingFields):
    format: str
    type: str
    id: int
    article_id: int
    start: int
    end: int
    surface: str
    state: str
    origin: str
    created_by: str | None
    decided_by: str | None
    detected: dict[str, object] | None


class JudgementRecord(ReadingFields):
    format: str
    type: str
    figure_id: int
    annotator: str
    state: str
    created_at: str
    updated_at: str


class ArticleRecord(TypedDict):
    format: str
    type: str
    id: int
    collection: dict[str, str]  # slug, name
    title: str
    url: str
    outlet: str
    byline: str
    published_on: str | None
    language: str
    status: str
    text_sha256: str
    text: str
    metadata: str  # a JSON object, as text
    annotators: list[dict[str, str | None]]  # username, done_at


class ClaimRecord(TypedDict):
    format: str
    type: str
    id: int
    article: dict[str, str | int | None]  # id, title, url, outlet, published_on, text_sha256
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    source: dict[str, str] | None
    via: dict[str, str] | None
    attribution: str
    status: str
    verdict: str
    note: str
    rejection_reason: str
    created_by: str | None
    superseded_by: int | None
    tags: list[dict[str, str]]
    links: list[LinkRow]
    figures: list[FigureRow]


# What ArticleAndClaimRecords writes, as Python records.
ArticleAndClaimRecord = ArticleRecord | FigureRecord | JudgementRecord | SourceRecord | ClaimRecord


def _source(source: SourceRow | None) -> dict[str, str] | None:
    return None if source is None else {"name": source.name, "kind": source.kind}


def source_record(source: SourceRecordRow) -> SourceRecord:
    return {
        "format": FORMAT_VERSION,
        "type": "source",
        "name": source.name,
        "kind": source.kind,
        "url": source.url,
        "aliases": source.aliases,
        "parent": source.parent,
    }


def figure_record(figure: DatasetFigure) -> FigureRecord:
    row = figure.row
    return {
        "format": FORMAT_VERSION,
        "type": "figure",
        "id": row.id,
        "article_id": figure.article_id,
        "start": row.start,
        "end": row.end,
        "surface": row.surface,
        "value": row.value,
        "lower": row.lower,
        "upper": row.upper,
        "qualifier": row.qualifier,
        "unit": row.unit,
        "counted": row.counted,
        "state": row.state,
        "origin": row.origin,
        "created_by": figure.created_by,
        "decided_by": figure.decided_by,
        "detected": figure.detected,
    }


def judgement_record(judgement: DatasetJudgement) -> JudgementRecord:
    return {
        "format": FORMAT_VERSION,
        "type": "judgement",
        "figure_id": judgement.figure_id,
        "annotator": judgement.annotator,
        "state": judgement.state,
        "value": judgement.value,
        "lower": judgement.lower,
        "upper": judgement.upper,
        "qualifier": judgement.qualifier,
        "unit": judgement.unit,
        "counted": judgement.counted,
        "created_at": judgement.created_at,
        "updated_at": judgement.updated_at,
    }


def article_record(
    article: ArticleRow, annotators: list[dict[str, str | None]] | None = None
) -> ArticleRecord:
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
        "annotators": annotators or [],
    }


def claim_record(claim: ClaimRow) -> ClaimRecord:
    """A claim record, for orjson (which writes the LinkRow and FigureRow dataclasses)."""
    return {
        "format": FORMAT_VERSION,
        "type": "claim",
        "id": claim.id,
        "article": claim_article_ref(claim.article),
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
        "created_by": claim.created_by,
        "superseded_by": claim.superseded_by,
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


def article_template() -> JSONObject:
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
        "annotators": [
            {
                "username": "An annotator assigned to the article.",
                "done_at": "When she submitted it as done (ISO 8601), or null.",
            }
        ],
    }


_READING_TEMPLATE = {
    "value": "Normalised value as a decimal string, or null.",
    "lower": "Lower bound as a decimal string, or null.",
    "upper": "Upper bound as a decimal string, or null.",
    "qualifier": "exact, approx, approx_below, more_than, less_than, at_least, at_most, "
    "range or vague.",
    "unit": "percent, an ISO 4217 code, year, or empty.",
    "counted": "What is counted, or empty.",
}


def source_template() -> JSONObject:
    return {
        "name": "source: the source's name.",
        "kind": _SOURCE_TEMPLATE["kind"],
        "url": "source: its URL, or empty.",
        "aliases": ["source: another name it is cited by."],
        "parent": "source: the name of the body it belongs to, or null.",
    }


def figure_template() -> JSONObject:
    return {
        "id": 0,
        "article_id": 0,
        "start": 0,
        "end": 0,
        "surface": "figure: article text[start:end].",
        **_READING_TEMPLATE,
        "state": "figure, judgement: suggested, confirmed or rejected.",
        "origin": "figure: detected or manual.",
        "created_by": "Username of who created it, or null.",
        "decided_by": "figure: username of who changed it last, or null.",
        "detected": dict(_READING_TEMPLATE),
    }


def judgement_template() -> JSONObject:
    return {
        "figure_id": 0,
        "annotator": "judgement: the annotator's username.",
        "state": "figure, judgement: suggested, confirmed or rejected.",
        **_READING_TEMPLATE,
        "created_at": "judgement: when first recorded (ISO 8601).",
        "updated_at": "judgement: when last changed (ISO 8601).",
    }


def claim_template() -> JSONObject:
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
        "created_by": "Username of who created it, or null.",
        "superseded_by": 0,
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
    """Each article of the group with its records: `article`, its `figure`s in text order,
    their `judgement`s, then its `claim`s in text order, each claim after the `source`
    records of the sources it names for the first time.

    Takes either kind of claim: rows (written by claim_record) or, on SQLite, claim records
    the database wrote as JSON (claims/exports/sqlite_json.py), passed through as they are.
    """

    type = "claim"
    reads_json_batches = True

    def template(self) -> JSONObject:
        return merge_templates(
            [
                source_template(),
                article_template(),
                figure_template(),
                judgement_template(),
                claim_template(),
            ]
        )

    def records(self, batch: DatasetBatch) -> Iterator[ArticleAndClaimRecord | bytes]:
        group = batch.group
        claims: dict[int, list[ClaimRow | ClaimLine]] = {}
        for claim in batch.claims:
            claims.setdefault(claim.article.id, []).append(claim)
        if isinstance(group, JsonGroup):
            yield from self.json_records(group, claims, batch.sources)
            return
        for article in group.articles:
            yield article_record(article, group.annotators.get(article.id))
            for figure in group.figures.get(article.id, ()):
                yield figure_record(figure)
            for judgement in group.judgements.get(article.id, ()):
                yield judgement_record(judgement)
            for claim in claims.get(article.id, ()):
                for source in batch.sources.get(claim.id, ()):
                    yield source_record(source)
                assert isinstance(claim, ClaimRow)
                yield claim_record(claim)

    def json_records(
        self,
        group: JsonGroup,
        claims: dict[int, list[ClaimRow | ClaimLine]],
        sources: dict[int, list[SourceRecordRow]],
    ) -> Iterator[bytes]:
        """The same records when SQLite wrote the figures, judgements and claims as JSON
        text (claims/exports/sqlite_json.py): one run of lines per article, joined as text
        (a record at a time through orjson costs more than the writing)."""
        python = group.python
        in_python = set() if python is None else {a.id for a in python.articles}
        dumps = orjson.dumps
        for article in group.articles:
            text = [dumps(article_record(article, group.annotators.get(article.id))).decode()]
            if python is not None and article.id in in_python:
                text += [
                    dumps(figure_record(f)).decode() for f in python.figures.get(article.id, ())
                ]
                text += [
                    dumps(judgement_record(j)).decode()
                    for j in python.judgements.get(article.id, ())
                ]
            else:
                for lines in (group.figures.get(article.id), group.judgements.get(article.id)):
                    if lines:
                        text.append(lines)
            ref = None
            for claim in claims.get(article.id, ()):
                for source in sources.get(claim.id, ()):
                    text.append(dumps(source_record(source)).decode())
                assert isinstance(claim, ClaimLine)
                if ref is None:
                    ref = sqlite_json.article_ref_json(claim.article)
                text.append(claim.line(ref))
            text.append("")
            yield "\n".join(text).encode()


class StableFindingRecords:
    """`finding` records (claims.consistency.FindingRecords) keyed by figure spans instead of
    this database's figure ids (`contradiction:<article sha>:120-131,880-899`), with who
    decided a finding and when. The mapping reads the group's figures, and any figure of
    another article a link check names."""

    type = "finding"
    reads_json_batches = True

    def __init__(self) -> None:
        self.findings = FindingRecords()

    def template(self) -> JSONObject:
        template = dict(self.findings.template())
        template["key"] = (
            "finding: its kind, then the SHA-256 of each article's text and the figures' spans "
            "there, e.g. contradiction:<sha>:120-131,880-899 (;<sha>:... for another article)."
        )
        template["decided_by"] = "finding: username of the reviewer who decided it, or null."
        template["decided_at"] = "finding: when it was decided (ISO 8601), or null."
        return template

    def records(self, batch: DatasetBatch) -> Iterator[FindingRecord]:
        states = list(self.findings.states(batch))
        if not states:
            return
        records = [record for _, record in states]
        group = batch.group
        spans: dict[int, tuple[str, int, int]] = {}
        if isinstance(group, ArticleGroup):
            spans = {
                figure.row.id: (article.text_sha256, figure.row.start, figure.row.end)
                for article in group.articles
                for figure in group.figures.get(article.id, ())
            }
        else:  # SQLite: one query for the figures named here
            named = {i for r in records for i in r["figure_ids"]}
            shas = {article.id: article.text_sha256 for article in group.articles}
            spans = sqlite_json.figure_spans(named, batch.using, shas)
        elsewhere = {i for r in records for i in r["figure_ids"] if i not in spans}
        if elsewhere:
            spans.update(figure_spans(elsewhere))
        # Who decided each finding and when: the report read the decisions (and their
        # users) already.
        for decision, record in states:
            record["key"] = stable_finding_key(
                record["kind"], [spans[i] for i in record["figure_ids"] if i in spans]
            )
            who = decision.decided_by if decision else None
            record["decided_by"] = who.username if who else None
            record["decided_at"] = decision.decided_at.isoformat() if decision else None
            yield record


# Evidence (claims/exports/evidence.py) and findings come after the group's articles and claims;
# related articles and their figure alignments (issue 18) last.
RECORD_PRODUCERS: list[RecordProducer] = [
    ArticleAndClaimRecords(),
    EvidenceRecords(),
    StableFindingRecords(),
    RelationRecords(),
]


def merge_templates(templates: Sequence[JSONObject]) -> JSONObject:
    """One template holding every field; descriptions of a shared field are joined."""
    record: JSONObject = {}
    for template in templates:
        for name, value in template.items():
            known = record.get(name)
            if name in record and known != value:
                if not (isinstance(value, str) and isinstance(known, str)):
                    raise ValueError(f"Record types disagree on the type of field {name!r}.")
                if value not in known:
                    record[name] = f"{known} {value}"
            else:
                record[name] = value
    return record


def schema_record(producers: Sequence[RecordProducer]) -> JSONObject:
    fields = merge_templates([producer.template() for producer in producers])
    return {"format": FORMAT_VERSION, "type": "schema", **fields}


def export_jsonl(
    claims: QuerySet[Claim],
    *,
    articles: QuerySet[Article] | None = None,
    annotator: User | None = None,
    producers: Sequence[RecordProducer] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[str]:
    """The dataset as text chunks: the schema line, then one chunk of lines per group."""
    for chunk in export_jsonl_bytes(
        claims, articles=articles, annotator=annotator, producers=producers, chunk_size=chunk_size
    ):
        yield chunk.decode()


# Articles per group: a group holds about chunk_size claims at ten claims an article.
CLAIMS_PER_ARTICLE = 10


def export_jsonl_bytes(
    claims: QuerySet[Claim],
    *,
    articles: QuerySet[Article] | None = None,
    annotator: User | None = None,
    producers: Sequence[RecordProducer] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[bytes]:
    """The dataset as UTF-8 chunks, as orjson writes them: files and responses take them
    without a decode and an encode of every byte.

    `articles` are the exported articles (default: those holding one of `claims`); every
    figure of theirs is written, with its judgements (only `annotator`'s when given), and
    those of `claims` that lie in them.
    """
    producers = RECORD_PRODUCERS if producers is None else producers
    yield orjson.dumps(schema_record(producers)) + b"\n"
    if articles is None:
        articles = Article.objects.filter(pk__in=claims.values("article_id"))
    encode = orjson.dumps
    use_json = sqlite_json.available(claims) and all(
        getattr(p, "reads_json_batches", False) for p in producers
    )
    sources = SourceRecords(claims.db)
    group_size = max(1, chunk_size // CLAIMS_PER_ARTICLE)
    groups: Iterator[ArticleGroup | JsonGroup]
    if use_json:
        # SQLite writes the figure and judgement records too (claims/exports/sqlite_json.py).
        groups = sqlite_json.iter_json_groups(articles, group_size=group_size, annotator=annotator)
    else:
        groups = iter_article_groups(articles, group_size=group_size, annotator=annotator)

    for group, rows in _group_claims(groups, claims, use_json=use_json, chunk_size=chunk_size):
        batch = DatasetBatch(group, rows, _new_sources(rows, sources, claims.db), claims.db)
        # One buffer per group: each record's bytes are copied in and freed at once (orjson
        # gives every record a buffer of several kilobytes; a list of 12,000 held 70 MB).
        out = bytearray()
        for producer in producers:
            for record in producer.records(batch):
                if type(record) is bytes:  # lines written already
                    out += record
                else:
                    out += encode(record)
                    out += b"\n"
        if out:
            yield bytes(out)


def _group_claims(
    groups: Iterator[ArticleGroup | JsonGroup],
    claims: QuerySet[Claim],
    *,
    use_json: bool,
    chunk_size: int,
) -> Iterator[tuple[ArticleGroup | JsonGroup, list[ClaimRow | ClaimLine]]]:
    """Each group of articles with the rows of its claims (ClaimLine on the SQLite JSON
    path, ClaimRow otherwise): everything of a group the database is asked for first."""
    for group in groups:
        known = {a.id: a for a in group.articles}
        rows: list[ClaimRow | ClaimLine] = []
        batches: Iterator[ExportBatch | JsonBatch]
        if use_json and known:
            # SQLite writes the claim records itself (claims/exports/sqlite_json.py): the
            # same bytes, without a Python object per claim, figure, tag and link. The
            # group's claims by article id range (an index range, not a list of 200 ids),
            # those of articles between them that the export leaves out dropped there.
            batches = sqlite_json.iter_json_batches(
                claims.filter(article_id__gte=min(known), article_id__lte=max(known)),
                chunk_size=chunk_size,
                known_articles=known,
                within=known.keys(),
            )
        else:
            in_group = claims.filter(article_id__in=list(known))
            batches = iter_batches(in_group, chunk_size=chunk_size, known_articles=known)
        for claim_batch in batches:
            rows.extend(claim_batch.claims)
        yield group, rows


def _new_sources(
    rows: list[ClaimRow | ClaimLine], sources: SourceRecords, using: str
) -> dict[int, list[SourceRecordRow]]:
    """The source records to write before each claim: those of the sources (and their
    parents) it names first in the export. One query for the group's new sources."""
    if not rows:
        return {}
    if isinstance(rows[0], ClaimLine):  # most groups name no new source: one pass to see
        lines = cast("list[ClaimLine]", rows)  # a group's claims are all of one kind
        named = {r.source_id for r in lines} | {r.via_id for r in lines}
        named.discard(None)
        if not (named - sources.seen):
            return {}
    by_claim = _source_ids(rows)
    fresh = sources.new({pk for ids in by_claim.values() for pk in ids})
    if not fresh:
        return {}
    rank = {source.id: i for i, source in enumerate(fresh)}
    parents = {source.id: source.parent_id for source in fresh}
    out: dict[int, list[SourceRecordRow]] = {}
    written: set[int] = set()
    for claim_id, ids in by_claim.items():
        chain: list[int] = []
        for pk in ids:
            current: int | None = pk
            while current is not None and current in rank and current not in written:
                chain.append(current)
                written.add(current)
                current = parents[current]
        if chain:
            out[claim_id] = [fresh[i] for i in sorted(rank[pk] for pk in chain)]
    return out


def _source_ids(rows: list[ClaimRow | ClaimLine]) -> dict[int, list[int]]:
    """The source and via ids of each claim, in claim order (a group's claims are all rows
    or all lines)."""
    if rows and isinstance(rows[0], ClaimLine):
        lines = cast("list[ClaimLine]", rows)
        return {r.id: [i for i in (r.source_id, r.via_id) if i is not None] for r in lines}
    claims = cast("list[ClaimRow]", rows)
    return {r.id: [s.id for s in (r.source, r.via) if s is not None] for r in claims}
