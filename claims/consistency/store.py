"""Consistency findings stored per article, so exports and the workspace read them instead of
recomputing them (reading every figure's sentence is most of what checking costs).

`StoredFindings` holds, per article, the findings `articles_findings` gives for it (within
the article, and the checks of links touching its claims), each with whether its suggested
link exists. Database triggers (migration claims 0010) bump the article's `version` on every
write to its figures, claims, claim figures, links and text, whichever code writes; stored
findings are used while they were computed at the current version, by the current code
(`ENGINE`), and every article they read through a link (`depends_on`) is still at the version
it was read at. Anything else is recomputed, for all the stale articles of a call at once,
and stored.

Race-free without locks: versions are read before the figures, so a change committed after
that read leaves the stored `computed_version` behind the bumped `version`, and the next
reader recomputes. A reviewer's decision (accept, dismiss) is not stored here: `report_of`
reads decisions live, one query.
"""

from __future__ import annotations

import contextvars
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from articles.models import Article, ArticleRelation
from claims.alignments.store import ALIGNMENT_SOURCES, realign
from claims.consistency.records import Finding, LinkRecord, StoredFinding, sort_findings
from claims.consistency.reports import Report, articles_findings, linked_flags, report_of
from claims.detection import sentences
from claims.models import ClaimLink, StoredFindings
from core.db import one_parameter


def engine_of(sources: Iterable[Path]) -> str:
    """A digest of these source files, names and bytes: which code computed a finding."""
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


# The code that findings are computed by: every module of this package (a module added to it
# is included without being named here) and the sentence splitter `read_figures` uses. Stored
# findings of an older version of it are recomputed, so a fix to the checks reaches every
# article without a migration.
# The translation findings (issue 18) are the alignment's: its code is part of it.
ENGINE_SOURCES = (
    *sorted(Path(__file__).parent.glob("*.py")),
    Path(sentences.__file__ or ""),
    *ALIGNMENT_SOURCES,
)
ENGINE = engine_of(ENGINE_SOURCES)

Stored = dict[int, list[tuple[Finding, bool]]]


class StoredRow(StoredFinding):
    """One finding of StoredFindings.findings: `Finding.stored` and whether its suggested
    link exists."""

    linked: bool


def stored_findings(article_ids: Iterable[int]) -> Stored:
    """For each article, its findings with whether each one's suggested link exists.

    Two queries when everything is current; about fifteen more, whatever the number of
    articles, when some must be recomputed.
    """
    return {
        article_id: [(Finding.from_stored(data), bool(data["linked"])) for data in rows]
        for article_id, rows in stored_finding_rows(article_ids).items()
    }


def stored_finding_rows(article_ids: Iterable[int]) -> dict[int, list[StoredRow]]:
    """Each article's findings as `Finding.stored` wrote them, with `linked` (what
    `stored_findings` builds its objects from; the JSONL export writes its records straight
    from them). Out-of-date articles are recomputed and stored."""
    ids = set(article_ids)
    if not ids:
        return {}
    current = _current_rows(ids, load=True)
    stale = ids - set(current)
    if stale:
        for article_id, pairs in refresh(stale).items():
            current[article_id] = [{**f.stored(), "linked": linked} for f, linked in pairs]
    return current


def refresh_stale(article_ids: Iterable[int], chunk: int = 500) -> int:
    """Recompute and store the findings of those of these articles that are out of date,
    `chunk` articles at a time; the number recomputed. An export that then runs in one long
    transaction (PostgreSQL) calls it first, in autocommit, and reads without storing."""
    ids = list(dict.fromkeys(article_ids))
    done = 0
    for start in range(0, len(ids), chunk):
        part = set(ids[start : start + chunk])
        stale = part - set(_current_rows(part, load=False))
        if stale:
            refresh(stale)
            done += len(stale)
    return done


# Set while a long transaction reads: stored findings found out of date are computed but not
# written, since rows written in a transaction stay locked until it ends, and every save on
# those articles (the triggers write the same rows) would wait for it.
_storing = contextvars.ContextVar("claimdesk_storing_findings", default=True)


@contextmanager
def without_storing() -> Iterator[None]:
    token = _storing.set(False)
    try:
        yield
    finally:
        _storing.reset(token)


def _current_rows(ids: set[int], *, load: bool) -> dict[int, list[StoredRow]]:
    """The articles among `ids` whose stored findings are current, with those findings as
    stored (read only if `load`; else empty lists). Two queries at most."""
    columns = ["article_id", "version", "computed_version", "engine", "depends_on"]
    sql, params = (
        StoredFindings.objects.filter(article_id__in=one_parameter(ids, connection.alias))
        .values_list(*columns, *(["findings"] if load else []))
        .query.sql_with_params()
    )
    # The JSON columns as the database gives them, decoded by orjson: an export reads every
    # article's findings, and Django's converters (json.loads per value) cost more than that.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    current: dict[int, list[StoredRow]] = {}
    depends: dict[int, dict[int, int]] = {}
    for article_id, version, computed, engine, depends_on, *findings in rows:
        stored: list[StoredRow] | None = _json(findings[0]) if load else []
        if computed == version and engine == ENGINE and stored is not None:
            current[article_id] = stored
            depends[article_id] = {int(k): v for k, v in (_json(depends_on) or {}).items()}
    needed = {b for deps in depends.values() for b in deps}
    if needed:
        versions = dict(
            StoredFindings.objects.filter(article_id__in=needed).values_list(
                "article_id", "version"
            )
        )
        for article_id, deps in depends.items():
            if any(versions.get(b) != v for b, v in deps.items()):
                del current[article_id]
    return current


# Any: orjson.loads' own type; the caller names what the column holds.
def _json(value: object) -> Any:
    """A JSON column's value: text or bytes from SQLite (and psycopg's text loader), already
    decoded where the driver does it."""
    return orjson.loads(value) if isinstance(value, str | bytes) else value


def stored_report(article_ids: Iterable[int]) -> Report:
    """The stored findings of these articles (a finding shared by two of them once), sorted,
    with their status."""
    seen: dict[str, tuple[Finding, bool]] = {}
    for pairs in stored_findings(article_ids).values():
        for finding, linked in pairs:
            seen.setdefault(finding.key, (finding, linked))
    ordered = sort_findings(f for f, _ in seen.values())
    return report_of([seen[f.key] for f in ordered])


def article_findings(article: Article) -> Report:
    """The findings within one article, and those about links reaching out of it, as stored.

    Comparing with the rest of the collection is the collection report's job (it reads every
    article); here the article's own figures are compared with each other, and every link
    touching one of its claims is checked.
    """
    return stored_report({article.pk})


def refresh(article_ids: set[int]) -> Stored:
    """Compute and store the findings of these articles (all at once), and return them;
    within `without_storing()`, compute only."""
    if not _storing.get():
        findings, links = articles_findings(article_ids)
        return _by_article(article_ids, findings, links)
    _ensure_rows(article_ids)
    related = _related(article_ids)
    depends = _dependencies(article_ids, related)
    others = {b for deps in depends.values() for b in deps} - article_ids
    _ensure_rows(others)
    # Versions first, figures after: a change committed in between is seen by the next reader.
    versions = dict(
        StoredFindings.objects.filter(article_id__in=article_ids | others).values_list(
            "article_id", "version"
        )
    )
    # Related articles (issue 18): their figures aligned again where they changed, before
    # the translation findings are read from the alignment.
    if related:
        realign(article_ids)
    findings, links = articles_findings(article_ids)
    result = _by_article(article_ids, findings, links)
    _store(
        [
            (
                article_id,
                versions[article_id],
                [{**f.stored(), "linked": linked} for f, linked in pairs],
                {str(b): versions[b] for b in sorted(depends.get(article_id, ())) if b in versions},
            )
            for article_id, pairs in result.items()
        ]
    )
    return result


def _by_article(article_ids: set[int], findings: list[Finding], links: list[LinkRecord]) -> Stored:
    """Each finding under each of these articles it is about, with its linked flag."""
    result: Stored = {article_id: [] for article_id in article_ids}
    for finding, linked in zip(findings, linked_flags(findings, links), strict=True):
        for article_id in finding.article_ids:
            if article_id in result:
                result[article_id].append((finding, linked))
    return result


def _store(rows: list[tuple[int, int, list[StoredRow], dict[str, int]]]) -> None:
    """Write (article id, version read, findings, dependencies) rows: one UPDATE run for
    every row (`bulk_update` builds a CASE per row and field, far slower), never touching
    `version`, which only the triggers write."""
    by_name = {f.name: f for f in StoredFindings._meta.concrete_fields}
    names = ("computed_version", "engine", "findings", "depends_on", "computed_at")
    fields = [by_name[name] for name in names]
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(StoredFindings._meta.db_table)} SET "
        + ", ".join(f"{quote(f.column)} = %s" for f in fields)
        + f" WHERE {quote(by_name['article'].column)} = %s"
    )
    now = timezone.now()
    params = [
        [
            field.get_db_prep_save(value, connection)
            for field, value in zip(
                fields, (version, ENGINE, findings, depends_on, now), strict=True
            )
        ]
        + [article_id]
        for article_id, version, findings, depends_on in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _ensure_rows(article_ids: set[int]) -> None:
    """A row for every article (the triggers make one at the first figure; an article
    without figures has none), so its version can be read before its figures."""
    if article_ids:
        StoredFindings.objects.bulk_create(
            [StoredFindings(article_id=a) for a in sorted(article_ids)],
            ignore_conflicts=True,
            batch_size=500,
        )


def _related(article_ids: set[int]) -> list[tuple[int, int]]:
    """(derived, original) of every relation touching these articles: one query."""
    return list(
        ArticleRelation.objects.touching_any(article_ids).values_list("derived_id", "original_id")
    )


def _dependencies(article_ids: set[int], related: list[tuple[int, int]]) -> dict[int, set[int]]:
    """The other articles each article's findings read: those holding claims linked to its
    claims, those holding the other parts of a whole one of its claims is part of (as
    `articles_findings` loads them), and its translations and originals (`related`). Two queries."""
    depends: dict[int, set[int]] = defaultdict(set)
    wholes: dict[int, set[int]] = defaultdict(set)
    touching = ClaimLink.objects.filter(
        Q(from_claim__article__in=article_ids) | Q(to_claim__article__in=article_ids)
    ).values_list("from_claim__article_id", "to_claim__article_id", "relation", "to_claim_id")
    for source, target, relation, to_claim in touching:
        if source in article_ids:
            depends[source].add(target)
            if relation == "part_of":
                wholes[to_claim].add(source)
        if target in article_ids:
            depends[target].add(source)
    if wholes:
        parts = ClaimLink.objects.filter(relation="part_of", to_claim_id__in=wholes).values_list(
            "to_claim_id", "from_claim__article_id"
        )
        for whole, part_article in parts:
            for article_id in wholes[whole]:
                depends[article_id].add(part_article)
    # A translation and its original: each one's translation findings read the other.
    for derived, original in related:
        depends[derived].add(original)
        depends[original].add(derived)
    for article_id, deps in depends.items():
        deps.discard(article_id)
    return depends
