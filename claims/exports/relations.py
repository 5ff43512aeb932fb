"""Related articles in the JSONL export and back (issue 18): `relation` and `alignment`
records of `claimdesk/2`, written after each group's claims and findings
(`RelationRecords`, a RecordProducer of claims/exports/jsonl.py) and read back by
`import_dataset` (`RelationLoader`, called from claims/exports/load.py).

A relation is written with the group holding its derived article, naming both articles by
their exported id and text SHA-256; each alignment row follows its relation, naming its
figures by span. The loader keeps them until every article is loaded (the original may come
later in the file), then stores the relations whose two articles the file holds and their
rows, before the findings' decisions are restored (a translation finding's decision needs
its alignment). A relation to an article the file does not hold is counted and skipped.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

from articles.models import ArticleRelation
from claims.alignments.models import EXPORTED_FIELDS, FigureAlignment
from claims.alignments.store import relations_changed
from claims.exports.common import FORMAT_VERSION
from claims.exports.load_base import RecordReader
from claims.models import Figure
from core.db import one_parameter
from core.types import JSONObject, LoadedRecord

if TYPE_CHECKING:
    from claims.exports.jsonl import DatasetBatch
    from claims.exports.load import DatasetLoader

KINDS = {choice for choice, _ in ArticleRelation.Kind.choices}
CHANGES = {choice for choice, _ in FigureAlignment.Change.choices}
ORIGINS = {choice for choice, _ in FigureAlignment.Origin.choices}


class RelationRecord(TypedDict):
    format: str
    type: str
    derived: dict[str, int | str]  # id, text_sha256
    original: dict[str, int | str]
    relation_kind: str
    derived_language: str
    original_language: str
    note: str
    created_by: str | None
    created_at: str


class AlignmentRecord(TypedDict):
    format: str
    type: str
    derived: dict[str, int | str]
    original: dict[str, int | str]
    derived_figure: dict[str, int] | None  # start, end
    original_figure: dict[str, int] | None
    change: str
    also: list[str]
    weak: bool
    explanation: str
    origin: str
    created_by: str | None


# A FigureAlignment's EXPORTED_FIELDS and who made it: the derived and the original figure's
# span (None where a figure is missing), change, also, weak, explanation, origin, username.
AlignmentRow = tuple[
    int | None, int | None, int | None, int | None, str, str, bool, str, str, str | None
]


def _article_ref(pk: int, sha: str) -> dict[str, int | str]:
    return {"id": pk, "text_sha256": sha}


def _span(start: int | None, end: int | None) -> dict[str, int] | None:
    return None if start is None or end is None else {"start": start, "end": end}


class RelationRecords:
    """`relation` and `alignment` records of the group's derived articles: two queries a
    group."""

    type = "relation"
    reads_json_batches = True  # reads only the group's articles

    def template(self) -> JSONObject:
        article: JSONObject = {
            "id": 0,
            "text_sha256": "relation, alignment: an article, by its exported id and text SHA-256.",
        }
        span: JSONObject = {"start": 0, "end": 0}
        return {
            "derived": dict(article),
            "original": dict(article),
            "relation_kind": "relation: translation_of, based_on or relays (derived of original).",
            "derived_language": "relation: the derived article's language when related.",
            "original_language": "relation: the original's language when related.",
            "note": "relation: the editor's note.",
            "created_by": "relation, alignment: username of who made it, or null.",
            "derived_figure": dict(span),
            "original_figure": dict(span),
            "change": "alignment: value, scale, hedge, range, missing, added, noun, event, or "
            "empty for a faithful pair.",
            "also": ["alignment: further changes of the same pair."],
            "weak": "alignment: true for a noun or event change only (a weaker signal).",
            "explanation": "alignment: one line on why the figures are paired or what changed.",
            "origin": "alignment: computed or by_hand.",
        }

    def records(self, batch: DatasetBatch) -> Iterator[RelationRecord | AlignmentRecord]:
        ids = [article.id for article in batch.new_articles]
        if not ids:
            return
        relations = list(
            ArticleRelation.objects.filter(derived_id__in=one_parameter(ids, DEFAULT_DB_ALIAS))
            .order_by("derived_id", "original_id")
            .values_list(
                "pk",
                "derived_id",
                "derived__text_sha256",
                "original_id",
                "original__text_sha256",
                "kind",
                "derived_language",
                "original_language",
                "note",
                "created_by__username",
                "created_at",
            )
        )
        if not relations:
            return
        rows: dict[int, list[AlignmentRow]] = defaultdict(list)
        for row in (
            FigureAlignment.objects.filter(relation_id__in=[r[0] for r in relations])
            .order_by("derived_figure__start", "original_figure__start", "change", "pk")
            .values_list(
                "relation_id",
                *EXPORTED_FIELDS,
                "created_by__username",
            )
        ):
            rows[row[0]].append(row[1:])
        for pk, d_id, d_sha, o_id, o_sha, kind, d_lang, o_lang, note, by, at in relations:
            derived, original = _article_ref(d_id, d_sha), _article_ref(o_id, o_sha)
            yield {
                "format": FORMAT_VERSION,
                "type": "relation",
                "derived": derived,
                "original": original,
                "relation_kind": kind,
                "derived_language": d_lang,
                "original_language": o_lang,
                "note": note,
                "created_by": by,
                "created_at": at.isoformat(),
            }
            for d_start, d_end, o_start, o_end, change, also, weak, why, origin, who in rows[pk]:
                yield {
                    "format": FORMAT_VERSION,
                    "type": "alignment",
                    "derived": derived,
                    "original": original,
                    "derived_figure": _span(d_start, d_end),
                    "original_figure": _span(o_start, o_end),
                    "change": change,
                    "also": [k for k in also.split(",") if k],
                    "weak": weak,
                    "explanation": why,
                    "origin": origin,
                    "created_by": who,
                }


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


# An alignment record as read: its line, the derived and the original figure's span, change,
# also, weak, explanation, origin, who made it.
_ReadAlignment = tuple[
    int, tuple[int, int] | None, tuple[int, int] | None, str, list[str], bool, str, str, str | None
]


@dataclass
class _Relation:
    line: int
    derived: int
    original: int
    kind: str
    languages: tuple[str, str]
    note: str
    created_by: str | None
    created_at: dt.datetime | None
    rows: list[_ReadAlignment] = field(default_factory=list)


class RelationLoader:
    """Reads `relation` and `alignment` records (`read`) and stores them once every article
    is loaded (`store`)."""

    def __init__(self, loader: DatasetLoader) -> None:
        self.loader = loader
        self.relations: dict[tuple[int, int], _Relation] = {}

    def _fail(self, message: str, line: int, name: str) -> Exception:
        from articles.importers.base import ImportFailure

        return ImportFailure(self.loader.name, message, line, name)

    def _article(self, record: LoadedRecord, name: str, line: int) -> int:
        ref = record.get(name)
        pk = ref.get("id") if isinstance(ref, dict) else None
        if not isinstance(pk, int) or isinstance(pk, bool):
            raise self._fail("expected an article as {id, text_sha256}.", line, f"{name}.id")
        return pk

    def _span(self, record: LoadedRecord, name: str, line: int) -> tuple[int, int] | None:
        span = record.get(name)
        if span is None:
            return None
        if not isinstance(span, dict) or not all(
            isinstance(span.get(k), int) and not isinstance(span.get(k), bool)
            for k in ("start", "end")
        ):
            raise self._fail("expected a figure span {start, end} or null.", line, name)
        return span["start"], span["end"]

    def _choice(self, record: LoadedRecord, name: str, allowed: set[str], line: int) -> str:
        value = record.get(name)
        if value not in allowed:
            listed = ", ".join(sorted(repr(a) for a in allowed))
            raise self._fail(f"{value!r} is not one of {listed}.", line, name)
        return str(value)

    def read(self, record: LoadedRecord, line: int) -> None:
        pair = (self._article(record, "derived", line), self._article(record, "original", line))
        if record.get("type") == "relation":
            self.loader.user(record.get("created_by"), line, "created_by")
            self.relations[pair] = _Relation(
                line=line,
                derived=pair[0],
                original=pair[1],
                kind=self._choice(record, "relation_kind", KINDS, line),
                languages=(
                    str(record.get("derived_language") or ""),
                    str(record.get("original_language") or ""),
                ),
                note=str(record.get("note") or ""),
                created_by=record.get("created_by"),
                created_at=self.loader.datetime(record.get("created_at"), line, "created_at"),
            )
            return
        relation = self.relations.get(pair)
        if relation is None:
            raise self._fail("an alignment record must follow its relation record.", line, "type")
        derived, original = (
            self._span(record, "derived_figure", line),
            self._span(record, "original_figure", line),
        )
        if derived is None and original is None:
            raise self._fail("an alignment names at least one figure.", line, "derived_figure")
        also = record.get("also") or []
        if not isinstance(also, list) or not all(k in CHANGES for k in also):
            raise self._fail("expected a list of changes.", line, "also")
        self.loader.user(record.get("created_by"), line, "created_by")
        relation.rows.append(
            (
                line,
                derived,
                original,
                self._choice(record, "change", CHANGES, line),
                also,
                bool(record.get("weak")),
                str(record.get("explanation") or "")[:500],
                self._choice(record, "origin", ORIGINS, line),
                record.get("created_by"),
            )
        )

    def store(self) -> None:
        """The relations whose two articles the file holds, with their alignment rows (a
        row whose figure is not here is skipped): a few queries, whatever the number."""
        if not self.relations:
            return
        articles = self.loader.articles
        report = self.loader.report
        wanted = [
            r for r in self.relations.values() if r.derived in articles and r.original in articles
        ]
        report.relations_skipped += len(self.relations) - len(wanted)
        if not wanted:
            return
        pairs = {(articles[r.derived].pk, articles[r.original].pk) for r in wanted}
        existing = {
            (d, o): pk
            for pk, d, o in ArticleRelation.objects.filter(
                Q(derived_id__in={d for d, _ in pairs}), Q(original_id__in={o for _, o in pairs})
            ).values_list("pk", "derived_id", "original_id")
            if (d, o) in pairs
        }
        users = self.loader.users
        new = []
        for r in wanted:
            key = (articles[r.derived].pk, articles[r.original].pk)
            if key not in existing:
                relation = ArticleRelation(
                    derived_id=key[0],
                    original_id=key[1],
                    kind=r.kind,
                    derived_language=r.languages[0],
                    original_language=r.languages[1],
                    note=r.note,
                    created_by=users.get(r.created_by or ""),
                )
                relation.full_clean(validate_unique=False, validate_constraints=False)
                new.append((r, relation))
        ArticleRelation.objects.bulk_create([relation for _, relation in new])
        for r, relation in new:
            if r.created_at is not None:
                relation.created_at = r.created_at
        ArticleRelation.objects.bulk_update(
            [relation for r, relation in new if r.created_at is not None], ["created_at"]
        )
        report.relations_created += len(new)
        report.relations_existing += len(wanted) - len(new)
        ids = {a for _, relation in new for a in (relation.derived_id, relation.original_id)}
        figures = {
            (article_id, start, end): pk
            for pk, article_id, start, end in Figure.objects.filter(article_id__in=ids)
            .order_by("-pk")
            .values_list("pk", "article_id", "start", "end")
        }
        rows = []
        for r, relation in new:
            for line, d, o, change, also, weak, why, origin, who in r.rows:
                d_id = figures.get((relation.derived_id, *d)) if d else None
                o_id = figures.get((relation.original_id, *o)) if o else None
                if (d and d_id is None) or (o and o_id is None):
                    report.alignments_skipped.append(
                        f"{self.loader.name}, line {line}: a figure of this alignment is not in the file."
                    )
                    continue
                rows.append(
                    FigureAlignment(
                        relation=relation,
                        derived_figure_id=d_id,
                        original_figure_id=o_id,
                        change=change,
                        also=",".join(also),
                        weak=weak,
                        explanation=why,
                        origin=origin,
                        created_by=users.get(who or ""),
                    )
                )
        FigureAlignment.objects.bulk_create(rows, batch_size=1000)
        report.alignments_created += len(rows)
        relations_changed(ids)


class RelationReader(RecordReader):
    """`relation` records for load.RECORD_READERS; stored once the file is read, before the
    findings' decisions (translation findings need the relations)."""

    type = "relation"
    since = "claimdesk/2"

    def __init__(self, loader: DatasetLoader) -> None:
        super().__init__(loader)
        self.relations = RelationLoader(loader)

    def read(self, record: LoadedRecord, line: int) -> None:
        self.relations.read(record, line)

    def after_file(self) -> None:
        self.relations.store()


class AlignmentReader(RecordReader):
    """`alignment` records, kept by the RelationReader's RelationLoader."""

    type = "alignment"
    since = "claimdesk/2"

    def read(self, record: LoadedRecord, line: int) -> None:
        self.loader.reader(RelationReader).relations.read(record, line)
