"""The JSONL export's claim, figure and judgement records written by SQLite's JSON functions
(the fast path; figures and judgements: `iter_json_groups`, at the end of this module).

`iter_batches` reads each claim, figure, tag and link as a Python tuple, makes a row object of
it and orjson writes the record: about half of a 200,000-claim export's time goes into those
Python objects. On SQLite the same records can come out of the database as text: one query a
batch writes each claim's fields after its quote (source and via, status, note ...) with its
tags, links and figures joined to them by `group_concat`, in the key order and escaping orjson
uses; Python writes the head of each line (its ids, the article, once per article, and the
quote's prefix and suffix: `substr` would count code points from the start of the article's
text for each claim, a slice of Python's text is direct).

The claims and their order still come from the export's queryset (its filters are the ORM's);
the JSON is read by article range, like the figures in `iter_batches`. A figure whose decimals
SQLite holds as REAL or text (not a whole number) is written by `db_decimal_text` in Python
as before, so every value reads exactly as on the slow path. `claims/tests/exports/test_exports.py`
checks the two paths give the same bytes.

The path is taken only where `available()` says so: SQLite, the setting
CLAIMDESK_EXPORT_SQLITE_JSON on (the default; 0 turns it off, as bench/export.py does for its
side-by-side row), and a SQLite library whose `json_object` writes a probe of awkward text
(control characters, DEL, quotes, line separators, combining accents, CJK, emoji) byte for byte
as orjson does: a SQLite version that escapes otherwise falls back to the Python path.

PostgreSQL keeps the Python path: `json_build_object` writes spaces after colons and commas,
and its export already streams from one transaction at the target speed (docs/benchmarks.md).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass

import orjson
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import DatabaseError, connections
from django.db.backends.utils import CursorWrapper
from django.db.models import QuerySet

from articles.models import Article
from claims.exports.common import (
    _ARTICLE_COLUMNS,
    DEFAULT_CHUNK_SIZE,
    FIGURE_ROW_FIELDS,
    FORMAT_VERSION,
    ArticleRow,
    _batched,
    claim_article_ref,
    figure_row,
    prefix_of,
    suffix_of,
)
from claims.exports.dataset import (
    ArticleGroup,
    article_group_head,
    article_ids,
    iter_article_groups,
)
from claims.models import Claim, ClaimLink, Figure, FigureJudgement, Source, Tag

_FORMAT = orjson.dumps(FORMAT_VERSION).decode()
# The claim query gives each claim as one text column (one string a row rather than eight
# values), its parts apart by this character, which no JSON text holds raw; the record's tail
# comes last, so splitting reads only the short head (callgrind: 6% fewer instructions for a
# 20,000-claim export than eight columns, 4% fewer than the whole batch as one text).
_PART_END = "\x02"


@dataclass(slots=True)
class ClaimLine:
    """A claim record as SQLite wrote it: its quote and everything after it as JSON text,
    with the ids of its source and via. `line` finishes it, once the article's reference is
    written (json_records: once per article)."""

    id: int
    article: ArticleRow
    start: int
    end: int
    quote: str  # JSON text
    tail: str  # JSON text of the fields after the context, '"source":...}'
    source_id: int | None
    via_id: int | None

    def line(self, article_ref: str) -> str:
        """The record, its article named by `article_ref` (article_ref_json's text)."""
        text = self.article.text
        prefix = orjson.dumps(prefix_of(text, self.start)).decode()
        suffix = orjson.dumps(suffix_of(text, self.end)).decode()
        return (
            f'{{"format":{_FORMAT},"type":"claim","id":{self.id},"article":{article_ref},'
            f'"start":{self.start},"end":{self.end},"quote":{self.quote},'
            f'"prefix":{prefix},"suffix":{suffix},{self.tail}'
        )


def article_ref_json(article: ArticleRow) -> str:
    """The article as a claim record names it, as JSON text (once per article)."""
    return orjson.dumps(claim_article_ref(article)).decode()


@dataclass(slots=True)
class JsonBatch:
    new_articles: list[ArticleRow]
    claims: list[ClaimLine]


def available(claims: QuerySet[Claim]) -> bool:
    """Whether the claims' database can write the records: SQLite, the setting on
    (CLAIMDESK_EXPORT_SQLITE_JSON), and a library that writes JSON as orjson does."""
    connection = connections[claims.db]
    return (
        connection.vendor == "sqlite"
        and settings.CLAIMDESK_EXPORT_SQLITE_JSON
        and writes_like_orjson(claims.db)
    )


# Text with everything either writer might escape differently: every control character,
# DEL, quotes, backslash, slash, the JavaScript line separators, a byte order mark, accents
# (precomposed and combining), CJK and a character outside the BMP.
_PROBE_TEXT = "".join(map(chr, range(0x20))) + '\x7f "q" \\ / é e\u0301 中文 \u2028\u2029 \ufeff 😀'
_PROBE_NUMBER = 2**62
_PROBE_SQL = (
    "SELECT json_object('text', %s, 'n', %s, 'none', NULL, 'list', json_array(1, 'a')), "
    "json_quote(%s)"
)
# The answer for each SQLite library version (a process has one; the tests set it).
probed: dict[str, bool] = {}


def writes_like_orjson(using: str) -> bool:
    """Whether this SQLite's `json_object` and `json_quote` write the probe byte for byte as
    orjson does.
    Asked once per library version; a build without JSON functions answers no."""
    connection = connections[using]
    version = sqlite3.sqlite_version  # Django's SQLite backend is this module
    if version not in probed:
        expected = {"text": _PROBE_TEXT, "n": _PROBE_NUMBER, "none": None, "list": [1, "a"]}
        try:
            with connection.cursor() as cursor:
                cursor.execute(_PROBE_SQL, (_PROBE_TEXT, _PROBE_NUMBER, _PROBE_TEXT))
                written, quoted = cursor.fetchone()
        except DatabaseError:
            written = quoted = None
        probed[version] = (
            written == orjson.dumps(expected).decode()
            and quoted == orjson.dumps(_PROBE_TEXT).decode()
        )
    return probed[version]


def _tables() -> dict[str, str]:
    return {
        "claim": Claim._meta.db_table,
        "article": Article._meta.db_table,
        "source": Source._meta.db_table,
        "figure": Figure._meta.db_table,
        "claim_figures": Claim.figures.through._meta.db_table,
        "tag": Tag._meta.db_table,
        "claim_tags": Claim.tags.through._meta.db_table,
        "link": ClaimLink._meta.db_table,
        "user": get_user_model()._meta.db_table,
    }


def _source(alias: str) -> str:
    return (
        f"CASE WHEN {alias}.id IS NULL THEN NULL "
        f"ELSE json_object('name', {alias}.name, 'kind', {alias}.kind) END"
    )


def _claim_sql() -> str:
    # Each claim's fields after its quote, in claim_record's key order, with its tags, links
    # and figures joined by SQLite (one text a claim; an ORDER BY subquery under group_concat
    # is not flattened, so the parts come in order). A figure SQLite cannot write exactly is
    # UNWRITTEN (Python writes that claim's figures). The record's head (ids, the article,
    # the quote's context) is Python's: `substr` would count code points from the start of
    # the article's text for every claim, and the article is the same for ten claims.
    t = _tables()
    decimals = ("value", "lower", "upper")
    whole = _whole(*(f"f.{c}" for c in decimals))
    columns = {n: _decimal(n) if n in decimals else f'f."{n}"' for n in FIGURE_ROW_FIELDS}
    pairs = ", ".join(f"'{name}', {column}" for name, column in columns.items())
    return f"""
        SELECT (c.id || char(2) || coalesce(c.source_id, '') || char(2)
            || coalesce(c.via_id, '') || char(2) || c.start || char(2) || c."end" || char(2)
            || json_quote(c.quote) || char(2) || (rtrim(json_object(
                'source', json({_source("s")}), 'via', json({_source("v")}),
                'attribution', c.attribution, 'status', c.status, 'verdict', c.verdict,
                'note', c.note, 'rejection_reason', c.rejection_reason,
                'created_by', u.username, 'superseded_by', c.superseded_by_id), '}}')
            || ',"tags":[' || coalesce((SELECT group_concat(x, ',') FROM (
                SELECT json_object('slug', g.slug, 'name', g.name) AS x
                FROM {t["claim_tags"]} ct JOIN {t["tag"]} g ON g.id = ct.tag_id
                WHERE ct.claim_id = c.id ORDER BY g.slug, ct.tag_id)), '')
            || '],"links":[' || coalesce((SELECT group_concat(x, ',') FROM (
                SELECT json_object(
                    'relation', l.relation, 'target', l.to_claim_id, 'note', l.note) AS x
                FROM {t["link"]} l
                WHERE l.from_claim_id = c.id ORDER BY l.relation, l.to_claim_id)), '')
            || '],"figures":[' || coalesce((SELECT group_concat(coalesce(x, char(1)), ',') FROM (
                SELECT CASE WHEN {whole} THEN json_object({pairs}) END AS x
                FROM {t["claim_figures"]} cf JOIN {t["figure"]} f ON f.id = cf.figure_id
                WHERE cf.claim_id = c.id ORDER BY f.start, f."end", cf.figure_id)), '')
            || ']}}'))
        FROM {t["claim"]} c
        LEFT JOIN {t["source"]} s ON s.id = c.source_id
        LEFT JOIN {t["source"]} v ON v.id = c.via_id
        LEFT JOIN {t["user"]} u ON u.id = c.created_by_id
        WHERE c.article_id BETWEEN %s AND %s
    """


# A claim's parts: source, via, start, end, the quote's JSON and the rest of its record's.
ClaimHead = tuple[int | None, int | None, int, int, str, str]


def _claim_heads(texts: list[str], wanted: set[int]) -> dict[int, ClaimHead]:
    """`_claim_sql`'s texts (a claim's parts apart by char(2), which no JSON text holds raw)
    as each claim's parts by its id, for the claims `wanted`."""
    heads: dict[int, ClaimHead] = {}
    for part in texts:
        pk, source, via, start, end, quote, tail = part.split(_PART_END, 6)
        claim = int(pk)
        if claim in wanted:
            heads[claim] = (
                int(source) if source else None,
                int(via) if via else None,
                int(start),
                int(end),
                quote,
                tail,
            )
    return heads


def _decimal(column: str) -> str:
    # A whole number is written as its digits (NULL stays NULL); only used under `_whole`'s
    # check, so anything else (REAL, text) never reaches it: Python writes those figures.
    return f"CAST(f.{column} AS TEXT)"


def _figure_ids_sql() -> str:
    # The figures of some claims (a JSON list of ids), in the order their records list them.
    t = _tables()
    return f"""
        SELECT cf.claim_id, f.id
        FROM {t["claim_figures"]} cf JOIN {t["figure"]} f ON f.id = cf.figure_id
        WHERE cf.claim_id IN (SELECT value FROM json_each(%s))
        ORDER BY cf.claim_id, f.start, f."end", cf.figure_id
    """


def _figures_in_python(ids: list[int], using: str) -> dict[int, str]:
    """The figures SQLite cannot write exactly (decimals not whole), as `iter_batches` does."""
    written: dict[int, str] = {}
    for chunk in _batched(ids, 500):
        sql, params = (
            Figure.objects.using(using)
            .filter(pk__in=chunk)
            .values_list(*FIGURE_ROW_FIELDS)
            .query.sql_with_params()
        )
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            for values in cursor.fetchall():
                written[values[0]] = orjson.dumps(figure_row(*values)).decode()
    return written


def _with_python_figures(lines: dict[int, str], using: str) -> None:
    """Rewrite the figures of the claims whose line holds a figure SQLite left UNWRITTEN,
    every figure of theirs written by Python (the same bytes for those SQLite wrote). Two
    queries, for those claims only."""
    claim_ids = [pk for pk, line in lines.items() if UNWRITTEN in line]
    if not claim_ids:
        return
    with connections[using].cursor() as cursor:
        cursor.execute(_figure_ids_sql(), (orjson.dumps(claim_ids).decode(),))
        order = cursor.fetchall()
    written = _figures_in_python([figure_id for _, figure_id in order], using)
    figures: defaultdict[int, list[str]] = defaultdict(list)
    for claim_id, figure_id in order:
        figures[claim_id].append(written[figure_id])
    for pk in claim_ids:
        line = lines[pk]
        # The last '"figures":[' is the key: in a JSON string a quote is always escaped.
        head = line[: line.rindex('"figures":[')]
        lines[pk] = f'{head}"figures":[{",".join(figures[pk])}]}}'


def _fetched(cursor: CursorWrapper, size: int) -> Iterator[tuple[int, int]]:
    """The cursor's rows, `size` at a time from the database; closes it at the end."""
    try:
        while chunk := cursor.fetchmany(size):
            yield from chunk
    finally:
        cursor.close()


def iter_json_batches(
    claims: QuerySet[Claim],
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    known_articles: dict[int, ArticleRow] | None = None,
    within: Collection[int] | None = None,
) -> Iterator[JsonBatch]:
    """The claims of `claims` as JSON records, `chunk_size` at a time, in the order and with
    the articles `iter_batches` gives (`known_articles` as there); only those of the articles
    `within` when given. A fixed number of queries per batch."""
    using = claims.db
    # The ids and their order straight from a cursor of their own (the ORM's iterator costs
    # more per row than the records' JSON).
    ids_sql, ids_params = (
        claims.order_by("article_id", "start", "end", "id")
        .values_list("id", "article_id")
        .query.sql_with_params()
    )
    ids_cursor = connections[using].cursor()
    ids_cursor.execute(ids_sql, ids_params)
    rows: Iterator[tuple[int, int]] = _fetched(ids_cursor, chunk_size)  # (claim, article)
    if within is not None:
        rows = (row for row in rows if row[1] in within)
    claim_sql = _claim_sql()
    articles: dict[int, ArticleRow] = dict(known_articles or {})
    known = set(articles)
    for batch in _batched(rows, chunk_size):
        claim_ids = {pk for pk, _ in batch}
        span = (batch[0][1], batch[-1][1])

        wanted = {article_id for _, article_id in batch}
        articles = {pk: a for pk, a in articles.items() if pk in wanted or pk in known}
        missing = wanted - articles.keys()
        new_articles: list[ArticleRow] = []
        if missing:
            found = Article.objects.using(using).filter(pk__in=missing)
            for values in found.values_list(*_ARTICLE_COLUMNS):
                articles[values[0]] = ArticleRow(*values)
            new_articles = sorted((articles[pk] for pk in missing), key=lambda a: a.id)

        with connections[using].cursor() as cursor:
            cursor.execute(claim_sql, span)
            heads = _claim_heads([row[0] for row in cursor.fetchall()], claim_ids)
        tails = {pk: head[5] for pk, head in heads.items()}
        _with_python_figures(tails, using)

        out = []
        for pk, article_id in batch:
            source_id, via_id, start, end, quote, _ = heads[pk]
            line = ClaimLine(
                pk, articles[article_id], start, end, quote, tails[pk][1:], source_id, via_id
            )
            out.append(line)
        yield JsonBatch(new_articles=new_articles, claims=out)


# Figure and judgement records (claimdesk/2) ----------------------------------------------------
#
# The same records jsonl.figure_record and jsonl.judgement_record write, from SQLite: a figure's
# detector reading is its first "+" history row, who decided it the latest annotator whose
# judgement it reads as (dataset._decided_by_judgements), else the user of its latest history row
# when that row is a change. An article with anything SQLite cannot write exactly (a decimal not
# a whole number, a time not in Django's own text form) gets the Python path for its figures and
# judgements (`JsonGroup.python`), so every value reads as there. The judgement query finds
# those judgements (its record is NULL), which is what lets the figure query compare readings
# and order times in SQL (`decided_by`) without checking them again. The latest judgement is
# the max() of "time char(1) username" (Django's time text orders as the times do, a shorter
# one first; the first char(1) ends the time): the same one as ORDER BY time DESC, username
# DESC LIMIT 1, without a sort for every figure.


def _whole(*columns: str) -> str:
    return " AND ".join(f"typeof({c}) IN ('integer', 'null')" for c in columns)


_DATETIME = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]"


def _django_time(column: str) -> str:
    # Django's SQLite text, "2026-12-01 12:00:00[.123456]" in UTC (the ORM's datetime drops
    # ".000000", so that form is left to Python).
    return (
        f"({column} GLOB '{_DATETIME}' OR ({column} GLOB '{_DATETIME}.[0-9][0-9][0-9][0-9][0-9][0-9]'"
        f" AND substr({column}, 21) != '000000'))"
    )


def _iso_time(column: str) -> str:
    # Only for text `_django_time` accepts: its one space is the one between date and time.
    return f"replace({column}, ' ', 'T') || '+00:00'"


def _reading(alias: str) -> str:
    return (
        f"'value', CAST({alias}.value AS TEXT), 'lower', CAST({alias}.lower AS TEXT), "
        f"'upper', CAST({alias}.upper AS TEXT), 'qualifier', {alias}.qualifier, "
        f"'unit', {alias}.unit, 'counted', {alias}.counted"
    )


def _dataset_tables() -> dict[str, str]:
    return {
        "figure": Figure._meta.db_table,
        "history": Figure.history.model._meta.db_table,
        "judgement": FigureJudgement._meta.db_table,
        "user": get_user_model()._meta.db_table,
    }


def _dataset_figure_sql(annotator: bool) -> str:
    # `+h.article_id`: a figure's history rows are found by its id (one or two rows), never
    # by the article's index, which SQLite otherwise picks and then reads every history row
    # of the article for each of its figures (twice the query's time with two rows a figure).
    t = _dataset_tables()
    mine = "AND j.annotator_id = %s" if annotator else ""
    same = " AND ".join(f"j.{c} IS f.{c}" for c in FigureJudgement.COPIED)
    return f"""
        SELECT CASE WHEN {_whole("f.value", "f.lower", "f.upper")}
            AND NOT EXISTS (SELECT 1 FROM {t["history"]} h WHERE h.id = f.id
                AND +h.article_id = f.article_id
                AND NOT ({_whole("h.value", "h.lower", "h.upper")}))
        THEN json_object(
            'format', %s, 'type', 'figure', 'id', f.id, 'article_id', f.article_id,
            'start', f.start, 'end', f."end", 'surface', f.surface, {_reading("f")},
            'state', f.state, 'origin', f.origin, 'created_by', cu.username,
            'decided_by', coalesce(
                (SELECT substr(latest, instr(latest, char(1)) + 1) FROM (
                    SELECT max(j.updated_at || char(1) || ju.username) AS latest
                    FROM {t["judgement"]} j JOIN {t["user"]} ju ON ju.id = j.annotator_id
                    WHERE j.figure_id = f.id {mine} AND {same})),
                (SELECT CASE WHEN h.history_type = '~' THEN hu.username END
                 FROM {t["history"]} h LEFT JOIN {t["user"]} hu ON hu.id = h.history_user_id
                 WHERE h.id = f.id AND +h.article_id = f.article_id
                 ORDER BY h.history_id DESC LIMIT 1)),
            'detected', CASE WHEN f.origin = 'detected' THEN json(
                (SELECT json_object({_reading("h")}) FROM {t["history"]} h
                 WHERE h.id = f.id AND +h.article_id = f.article_id AND h.history_type = '+'
                 ORDER BY h.history_id LIMIT 1)) END)
        END AS line
        FROM {t["figure"]} f LEFT JOIN {t["user"]} cu ON cu.id = f.created_by_id
        WHERE f.article_id = ids.value
        ORDER BY f.start, f."end", f.id
    """


def _dataset_judgement_sql(annotator: bool) -> str:
    t = _dataset_tables()
    mine = "AND j.annotator_id = %s" if annotator else ""
    fast = " AND ".join(
        (
            _whole("j.value", "j.lower", "j.upper"),
            _django_time("j.created_at"),
            _django_time("j.updated_at"),
        )
    )
    return f"""
        SELECT CASE WHEN {fast} THEN json_object(
            'format', %s, 'type', 'judgement', 'figure_id', j.figure_id,
            'annotator', u.username, 'state', j.state, {_reading("j")},
            'created_at', {_iso_time("j.created_at")},
            'updated_at', {_iso_time("j.updated_at")}) END AS line
        FROM {t["judgement"]} j
        JOIN {t["figure"]} f ON f.id = j.figure_id
        JOIN {t["user"]} u ON u.id = j.annotator_id
        WHERE f.article_id = ids.value {mine}
        ORDER BY f.start, f."end", j.figure_id, u.username
    """


# A record SQLite cannot write exactly is NULL; among an article's joined lines it is this
# character, which no JSON text SQLite writes holds raw (json_object escapes every control
# character): the article's records are then written by Python.
UNWRITTEN = "\x01"


def _per_article(records_sql: str) -> str:
    """`records_sql` (a `line` a row, the records of the article `ids.value` in file order)
    once per article of a JSON list of ids, its lines joined with newlines: one row per
    article rather than one per record, and the joining done by SQLite. An ORDER BY
    subquery under an aggregate is not flattened: group_concat reads its rows in order.
    (Not one text for the whole group: splitting it again costs more than two hundred rows.)"""
    return f"""
        SELECT ids.value,
               (SELECT group_concat(coalesce(line, char(1)), char(10)) FROM ({records_sql}))
        FROM json_each(%s) ids
    """


@dataclass(slots=True)
class JsonGroup:
    """A group of articles (dataset.ArticleGroup's articles and annotators) with their figure
    and judgement records as JSON text by article; `python` holds, as an ArticleGroup, the
    articles SQLite could not write (their records come from it). `figures` and `judgements`
    hold each article's lines joined (without a last newline)."""

    articles: list[ArticleRow]
    annotators: dict[int, list[dict[str, str | None]]]  # username, done_at
    figures: dict[int, str]
    judgements: dict[int, str]
    python: ArticleGroup | None


def iter_json_groups(
    articles: QuerySet[Article], *, group_size: int, annotator: User | None = None
) -> Iterator[JsonGroup]:
    """What dataset.iter_article_groups gives, its figures and judgements as JSON records; a
    fixed number of queries per group."""
    using = articles.db
    mine: tuple[int, ...] = () if annotator is None else (annotator.pk,)
    figure_sql = _per_article(_dataset_figure_sql(annotator is not None))
    judgement_sql = _per_article(_dataset_judgement_sql(annotator is not None))
    for chunk in article_ids(articles, group_size):
        head = article_group_head(chunk, using)
        ids = orjson.dumps(chunk).decode()
        with connections[using].cursor() as cursor:
            cursor.execute(figure_sql, (FORMAT_VERSION, *mine, ids))
            figures = {pk: text for pk, text in cursor.fetchall() if text is not None}
            cursor.execute(judgement_sql, (FORMAT_VERSION, *mine, ids))
            judgements = {pk: text for pk, text in cursor.fetchall() if text is not None}
        unwritten = {
            article_id
            for lines in (figures, judgements)
            for article_id, text in lines.items()
            if UNWRITTEN in text
        }
        python = None
        if unwritten:
            python = next(
                iter_article_groups(
                    Article.objects.using(using).filter(pk__in=unwritten),
                    group_size=len(unwritten),
                    annotator=annotator,
                )
            )
        yield JsonGroup(head.articles, head.annotators, figures, judgements, python)


def figure_spans(
    figure_ids: set[int], using: str, shas: dict[int, str]
) -> dict[int, tuple[str, int, int]]:
    """(article text SHA-256, start, end) of each figure: one query (dataset.figure_spans
    without the ORM's list of parameters), and one for the SHA-256 of any article not in
    `shas` (article id: SHA-256, those the caller has read already)."""
    sql = f"""
        SELECT f.id, f.article_id, f.start, f."end" FROM {Figure._meta.db_table} f
        WHERE f.id IN (SELECT value FROM json_each(%s))
    """
    with connections[using].cursor() as cursor:
        cursor.execute(sql, (orjson.dumps(sorted(figure_ids)).decode(),))
        rows = cursor.fetchall()
    others = {article_id for _, article_id, _, _ in rows if article_id not in shas}
    if others:
        shas = shas | dict(
            Article.objects.using(using).filter(pk__in=others).values_list("pk", "text_sha256")
        )
    return {pk: (shas[article_id], start, end) for pk, article_id, start, end in rows}
