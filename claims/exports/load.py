"""Loading a `claimdesk/2` (or `claimdesk/1`) JSON Lines export (claims/exports/jsonl.py).

claimdesk/2 adds `source`, `figure` and `judgement` records, the claims' and figures' users,
the articles' annotators, and findings keyed by figure spans; what it carries is loaded back
so that exporting again gives the same records, ids aside. Users are matched by username
(created, inactive and without a password, when missing: they are names on the work, not
accounts). A figure record gets the history the export read: a first row with the detector's
reading, then, when someone decided it, a change by that user. Judgements keep their times.

The round trip: export, load here (empty or not), export again: the same records, ids
aside. Articles are matched by their text (Article.objects.import_text), sources by name
(case-insensitive), tags by slug (the collection's, then a global one), figures by span;
claims already present with the same span, source, via and attribution are reused, so
loading a file twice adds nothing. Ids in the file are remapped to this database's; new
figures and claims are created in the order of their old ids, so the new ids keep the old
ones' relative order (the consistency checks break ties by id).

`finding` records (claims/consistency/) are derived data: findings are recomputed from
the figures, claims and links whenever they are read, so their content is not loaded. What
a reviewer decided about one is not derived, though: a finding marked `accepted` or
`dismissed` gets its `FindingDecision` back, under its key with the figure ids remapped
(`contradiction:12,15` -> `contradiction:<new id>,<new id>`), once the whole file is loaded
and only if the finding holds again here. Decisions that cannot be carried (a figure not in
the file, a finding that no longer holds) are listed in the report, never an error.

Work is written one article at a time (the file holds each article's record right before
its claims), with bulk inserts, so a query count per article rather than per claim. Any
bad record stops the load with an ImportFailure naming the file, line and field, and the
transaction leaves the database as it was.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import orjson
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.importers.base import ImportFailure
from articles.limits import NestedTooDeeply, loads
from articles.models import Article, Assignment, Collection, normalise_text, text_sha256
from claims.consistency.records import KIND_LABELS, finding_key, parse_finding_key
from claims.consistency.reports import Status, articles_findings
from claims.exports.common import READABLE_FORMATS
from claims.exports.dataset import READING_FIELDS, parse_stable_finding_key
from claims.exports.evidence_load import TYPES as EVIDENCE_TYPES
from claims.exports.evidence_load import EvidenceLoad
from claims.models import Claim, ClaimLink, Figure, FigureJudgement, FindingDecision, Source, Tag

FINDING_STATUSES = (Status.OPEN, Status.LINKED, Status.ACCEPTED, Status.DISMISSED)
# Articles re-checked at once when restoring decisions (articles_findings reads their texts).
RECHECK_ARTICLES = 200


@dataclass
class DatasetReport:
    articles_created: int = 0
    articles_existing: int = 0
    claims_created: int = 0
    claims_existing: int = 0
    figures_created: int = 0
    sources_created: int = 0
    tags_created: int = 0
    links_created: int = 0
    links_skipped: list[str] = field(default_factory=list)
    findings_read: int = 0
    decisions_created: int = 0
    decisions_existing: int = 0
    decisions_skipped: list[str] = field(default_factory=list)
    other_records: dict[str, int] = field(default_factory=dict)
    figures_existing: int = 0
    judgements_created: int = 0
    judgements_existing: int = 0
    users_created: int = 0
    assignments_created: int = 0
    sources_existing: int = 0


@dataclass
class _PendingClaim:
    line: int
    claim: Claim
    figure_keys: list[tuple[int, int]]
    tags: list[Tag]
    links: list[tuple[str, int, str]]
    old_id: int
    existing: Claim | None = None
    superseded_by: int | None = None


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
    decided_at: Any = None


@dataclass
class _PendingFigure:
    """What a `figure` record adds to a new figure: its users and the detector's reading."""

    created_by: str | None
    decided_by: str | None
    detected: dict[str, Any] | None


def _field(record: dict[str, Any], name: str, kind: type, line: int, file: str) -> Any:
    value = record.get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ImportFailure(
            file,
            f"expected {kind.__name__} for {name!r}, got {type(value).__name__}.",
            line=line,
            field=name,
        )
    return value


def _decimal(value: Any, name: str, line: int, file: str) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ImportFailure(
            file, f"{value!r} is not a decimal number.", line=line, field=name
        ) from None


def _claim_id(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _validation_failure(exc: ValidationError, file: str, line: int, prefix: str) -> ImportFailure:
    if hasattr(exc, "error_dict"):
        name, errors = next(iter(exc.error_dict.items()))
        return ImportFailure(file, " ".join(e.messages[0] for e in errors), line, f"{prefix}{name}")
    return ImportFailure(file, " ".join(exc.messages), line, prefix.rstrip(".") or None)


class DatasetLoader:
    def __init__(self, *, name: str, collection: Collection | None, created_by: User | None) -> None:
        self.name = name
        self.collection = collection
        self.created_by = created_by
        self.report = DatasetReport()
        self.articles: dict[int, Article] = {}
        self.claims: dict[int, int] = {}  # exported claim id -> claim id here
        self.sources: dict[str, Source] = {s.name.casefold(): s for s in Source.objects.all()}
        self.tags: dict[tuple[int, str], Tag] = {}
        self.collections: dict[str, Collection] = {}
        self.links: list[tuple[int, int, str, str, int]] = []
        self.article: Article | None = None
        self.figures: dict[tuple[int, int], Figure] = {}
        self.new_figures: dict[tuple[int, int], Figure] = {}
        # The current article's figures by exported id, resolved to ids here in flush().
        self.figure_spans: dict[int, tuple[int, int]] = {}
        self.figure_ids: dict[int, int] = {}  # exported figure id -> figure id here
        self.decisions: list[_Decision] = []
        self.pending: list[_PendingClaim] = []
        self.existing_claims: dict[tuple[Any, ...], Claim] = {}
        self.version: str | None = None
        self.superseded: list[tuple[int, int]] = []  # new claim id, exported id of the kept one
        self.users: dict[str, Any] = {}
        self.figure_extras: dict[tuple[int, int], _PendingFigure] = {}
        # (line, exported figure id, annotator, reading, created_at, updated_at)
        self.pending_judgements: list[tuple[int, int, str, dict[str, Any], Any, Any]] = []
        self.evidence = EvidenceLoad()  # claims/exports/evidence_load.py

    # Records -----------------------------------------------------------------------------

    def load(self, lines: Iterable[bytes | str]) -> DatasetReport:
        seen_any = False
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                record = loads(raw, orjson.loads)
            except NestedTooDeeply as exc:
                raise ImportFailure(self.name, str(exc), line=number) from None
            except orjson.JSONDecodeError as exc:
                raise ImportFailure(self.name, f"not valid JSON ({exc}).", line=number) from None
            if not isinstance(record, dict):
                raise ImportFailure(self.name, "a record must be a JSON object.", line=number)
            version = record.get("format")
            if version not in READABLE_FORMATS or (self.version and version != self.version):
                expected = self.version or " or ".join(map(repr, READABLE_FORMATS))
                raise ImportFailure(
                    self.name,
                    f"format {version!r} is not {expected}"
                    + (" (the file's first record)." if self.version else "."),
                    line=number,
                    field="format",
                )
            self.version = version
            seen_any = True
            kind = record.get("type")
            if kind == "schema":
                continue
            if kind == "article":
                self.flush()
                self.add_article(record, number)
            elif kind == "claim":
                self.add_claim(record, number)
            elif kind == "source" and self.version != "claimdesk/1":
                self.add_source(record, number)
            elif kind == "figure" and self.version != "claimdesk/1":
                self.add_figure(record, number)
            elif kind == "judgement" and self.version != "claimdesk/1":
                self.add_judgement(record, number)
            elif kind == "finding":
                self.add_finding(record, number)
            elif kind in EVIDENCE_TYPES:
                self.evidence.add(str(kind), record, number)
            else:
                key = str(kind)
                self.report.other_records[key] = self.report.other_records.get(key, 0) + 1
        if not seen_any:
            raise ImportFailure(self.name, "the file holds no records.")
        self.flush()
        self.add_links()
        self.add_superseded()
        self.add_decisions()
        self.evidence.finish(self)
        return self.report

    def target_collection(self, record: dict[str, Any], line: int) -> Collection:
        if self.collection is not None:
            return self.collection
        info = record.get("collection")
        if not isinstance(info, dict) or not isinstance(info.get("slug"), str):
            raise ImportFailure(
                self.name, "the article has no collection slug.", line, "collection.slug"
            )
        slug = info["slug"]
        if slug not in self.collections:
            self.collections[slug], _ = Collection.objects.get_or_create(
                slug=slug, defaults={"name": str(info.get("name") or slug)}
            )
        return self.collections[slug]

    def add_article(self, record: dict[str, Any], line: int) -> None:
        old_id = _field(record, "id", int, line, self.name)
        text = normalise_text(_field(record, "text", str, line, self.name))
        digest = record.get("text_sha256")
        if digest != text_sha256(text):
            raise ImportFailure(
                self.name,
                "does not match the SHA-256 of the article text: the text was changed.",
                line,
                "text_sha256",
            )
        published = record.get("published_on")
        try:
            published_on = date.fromisoformat(published) if published else None
        except (TypeError, ValueError):
            raise ImportFailure(
                self.name, f"{published!r} is not a date YYYY-MM-DD.", line, "published_on"
            ) from None
        try:
            metadata = loads(record.get("metadata") or "{}")
        except NestedTooDeeply as exc:
            raise ImportFailure(self.name, str(exc), line, "metadata") from None
        except (TypeError, ValueError):
            raise ImportFailure(
                self.name, "is not a JSON object written as a string.", line, "metadata"
            ) from None
        collection = self.target_collection(record, line)
        fields = {
            name: record.get(name) or ""
            for name in ("title", "url", "outlet", "byline", "language", "status")
        }
        try:
            article, created = Article.objects.import_text(
                collection=collection,
                text=text,
                published_on=published_on,
                metadata=metadata if isinstance(metadata, dict) else {},
                created_by=self.created_by,
                **fields,
            )
        except ValidationError as exc:
            raise _validation_failure(exc, self.name, line, "") from None
        if created:
            self.report.articles_created += 1
        else:
            self.report.articles_existing += 1
        self.articles[old_id] = article
        self.article = article
        self.add_assignments(article, record.get("annotators"), line)
        self.figures = {(f.start, f.end): f for f in Figure.objects.filter(article=article)}
        self.new_figures = {}
        self.existing_claims = {self.claim_key(c): c for c in Claim.objects.filter(article=article)}

    def claim_key(self, claim: Claim) -> tuple[Any, ...]:
        """What makes a claim here the one in the file: its span, source, via, attribution
        and, from claimdesk/2 on, who made it (two annotators' versions of one statement)."""
        key = (claim.start, claim.end, claim.source_id, claim.via_id, claim.attribution)
        return key if self.version == "claimdesk/1" else (*key, claim.created_by_id)

    def user(self, username: Any, line: int, name: str) -> Any:
        """The user with this username; created (inactive, no password) when missing."""
        if username is None:
            return None
        if not isinstance(username, str) or not username.strip():
            raise ImportFailure(self.name, "expected a username or null.", line, name)
        if username not in self.users:
            model = get_user_model()
            user = model.objects.filter(username=username).first()
            if user is None:
                user = model(username=username, is_active=False)
                user.set_unusable_password()
                try:
                    user.full_clean(exclude=["password"])
                except ValidationError as exc:
                    raise _validation_failure(exc, self.name, line, f"{name}.") from None
                user.save()
                self.report.users_created += 1
            self.users[username] = user
        return self.users[username]

    def add_assignments(self, article: Article, annotators: Any, line: int) -> None:
        if not annotators:
            return
        if not isinstance(annotators, list) or not all(isinstance(a, dict) for a in annotators):
            raise ImportFailure(
                self.name, "expected a list of {username, done_at}.", line, "annotators"
            )
        existing = set(
            Assignment.objects.filter(article=article).values_list("annotator__username", flat=True)
        )
        for entry in annotators:
            user = self.user(entry.get("username"), line, "annotators.username")
            if user is None or user.username in existing:
                continue
            Assignment.objects.create(
                article=article,
                annotator=user,
                done_at=self.datetime(entry.get("done_at"), line, "annotators.done_at"),
            )
            existing.add(user.username)
            self.report.assignments_created += 1

    def datetime(self, value: Any, line: int, name: str) -> Any:
        if value is None:
            return None
        parsed = parse_datetime(value) if isinstance(value, str) else None
        if parsed is None:
            raise ImportFailure(
                self.name, f"{value!r} is not an ISO 8601 date and time.", line, name
            )
        return parsed

    def add_source(self, record: dict[str, Any], line: int) -> None:
        """A `source` record: matched by name (or created with its kind, URL, aliases and
        parent, which an earlier record or this database holds)."""
        name = _field(record, "name", str, line, self.name)
        key = " ".join(name.split()).casefold()
        kind = record.get("kind") or Source.Kind.OTHER
        if kind not in Source.Kind.values:
            raise ImportFailure(self.name, f"{kind!r} is not a source kind.", line, "kind")
        aliases = record.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ImportFailure(self.name, "expected a list of names.", line, "aliases")
        parent = None
        if record.get("parent") is not None:
            parent_name = _field(record, "parent", str, line, self.name)
            parent = self.sources.get(" ".join(parent_name.split()).casefold())
            if parent is None:
                raise ImportFailure(
                    self.name,
                    f"names {parent_name!r}, which no earlier source record or source here is.",
                    line,
                    "parent",
                )
        if key in self.sources:
            self.report.sources_existing += 1
            return
        source = Source(
            name=name,
            kind=kind,
            url=record.get("url") or "",
            aliases="\n".join(aliases),
            parent=parent,
        )
        try:
            source.full_clean(validate_constraints=False)
        except ValidationError as exc:
            raise _validation_failure(exc, self.name, line, "") from None
        source.save()
        self.sources[key] = source
        self.report.sources_created += 1

    def current(self, line: int, what: str) -> Article:
        if self.article is None:
            raise ImportFailure(
                self.name,
                f"a {what} record must come after its article's record.",
                line,
                "type",
            )
        return self.article

    def add_figure(self, record: dict[str, Any], line: int) -> None:
        """A `figure` record of the current article: every figure, whatever its state."""
        article = self.current(line, "figure")
        old_article = record.get("article_id")
        if self.articles.get(old_article if isinstance(old_article, int) else -1) is not article:
            raise ImportFailure(
                self.name,
                f"refers to article {old_article!r}, not the one before it.",
                line,
                "article_id",
            )
        _field(record, "id", int, line, self.name)
        key = self.figure(record, line)
        detected = record.get("detected")
        if detected is not None and not isinstance(detected, dict):
            raise ImportFailure(self.name, "expected null or an object.", line, "detected")
        if key in self.new_figures and key not in self.figure_extras:
            self.new_figures[key].created_by = self.user(
                record.get("created_by"), line, "created_by"
            )
            self.user(record.get("decided_by"), line, "decided_by")
            if detected is not None:
                for name in ("value", "lower", "upper"):
                    _decimal(detected.get(name), f"detected.{name}", line, self.name)
            self.figure_extras[key] = _PendingFigure(
                record.get("created_by"), record.get("decided_by"), detected
            )
        elif key in self.figures:
            self.report.figures_existing += 1

    def check_claim_figures(self, figures: list[Any], line: int) -> None:
        """claimdesk/2: a claim's figures are figure records of its article, by id and span."""
        for value in figures:
            old_id = value.get("id") if isinstance(value, dict) else None
            span = self.figure_spans.get(old_id) if isinstance(old_id, int) else None
            if span is None or span != (value.get("start"), value.get("end")):
                raise ImportFailure(
                    self.name,
                    f"figure {old_id!r} is not a figure record of this article at "
                    f"{value.get('start') if isinstance(value, dict) else '?'}:"
                    f"{value.get('end') if isinstance(value, dict) else '?'}.",
                    line,
                    "figures.id",
                )

    def add_judgement(self, record: dict[str, Any], line: int) -> None:
        self.current(line, "judgement")
        figure_id = _field(record, "figure_id", int, line, self.name)
        if figure_id not in self.figure_spans:
            raise ImportFailure(
                self.name,
                f"refers to figure {figure_id}, which no figure record before it is.",
                line,
                "figure_id",
            )
        annotator = _field(record, "annotator", str, line, self.name)
        self.user(annotator, line, "annotator")
        state = record.get("state")
        if state not in Figure.State.values:
            raise ImportFailure(self.name, f"{state!r} is not a figure state.", line, "state")
        reading: dict[str, Any] = {"state": state}
        for name in ("value", "lower", "upper"):
            reading[name] = _decimal(record.get(name), name, line, self.name)
        qualifier = record.get("qualifier") or Figure.Qualifier.EXACT
        if qualifier not in Figure.Qualifier.values:
            raise ImportFailure(self.name, f"{qualifier!r} is not a qualifier.", line, "qualifier")
        reading.update(
            qualifier=qualifier, unit=record.get("unit") or "", counted=record.get("counted") or ""
        )
        self.pending_judgements.append(
            (
                line,
                figure_id,
                annotator,
                reading,
                self.datetime(record.get("created_at"), line, "created_at"),
                self.datetime(record.get("updated_at"), line, "updated_at"),
            )
        )

    def source(self, value: Any, line: int, name: str) -> Source | None:
        if value is None:
            return None
        if not isinstance(value, dict) or not isinstance(value.get("name"), str):
            raise ImportFailure(self.name, "expected null or {name, kind}.", line, name)
        key = " ".join(value["name"].split()).casefold()
        if key not in self.sources:
            kind = value.get("kind") or Source.Kind.OTHER
            if kind not in Source.Kind.values:
                raise ImportFailure(self.name, f"{kind!r} is not a source kind.", line, name)
            source = Source(name=value["name"], kind=kind)
            source.clean()
            source.save()
            self.sources[key] = source
            self.report.sources_created += 1
        return self.sources[key]

    def tag(self, value: Any, collection: Collection, line: int) -> Tag:
        if not isinstance(value, dict) or not isinstance(value.get("slug"), str):
            raise ImportFailure(self.name, "expected {slug, name}.", line, "tags")
        slug = value["slug"]
        key = (collection.pk, slug)
        if key not in self.tags:
            tag = (
                Tag.objects.filter(collection=collection, slug=slug).first()
                or Tag.objects.filter(collection__isnull=True, slug=slug).first()
            )
            if tag is None:
                tag = Tag(collection=collection, slug=slug, name=value.get("name") or slug)
                try:
                    tag.full_clean()
                except ValidationError as exc:
                    raise _validation_failure(exc, self.name, line, "tags.") from None
                tag.save()
                self.report.tags_created += 1
            self.tags[key] = tag
        return self.tags[key]

    def figure(self, value: Any, line: int) -> tuple[int, int]:
        assert self.article is not None
        if not isinstance(value, dict):
            raise ImportFailure(self.name, "each figure must be an object.", line, "figures")
        start = _field(value, "start", int, line, self.name)
        end = _field(value, "end", int, line, self.name)
        key = (start, end)
        old_id = value.get("id")
        if isinstance(old_id, int) and not isinstance(old_id, bool):
            self.figure_spans.setdefault(old_id, key)
        if key in self.figures or key in self.new_figures:
            return key
        figure = Figure(
            article=self.article,
            start=start,
            end=end,
            surface=value.get("surface") or "",
            value=_decimal(value.get("value"), "figures.value", line, self.name),
            lower=_decimal(value.get("lower"), "figures.lower", line, self.name),
            upper=_decimal(value.get("upper"), "figures.upper", line, self.name),
            qualifier=value.get("qualifier") or Figure.Qualifier.EXACT,
            unit=value.get("unit") or "",
            counted=value.get("counted") or "",
            state=value.get("state") or Figure.State.SUGGESTED,
            origin=value.get("origin") or Figure.Origin.MANUAL,
            created_by=self.created_by,
        )
        try:
            figure.clean_fields(exclude=["article", "created_by"])
            figure.clean()
        except ValidationError as exc:
            raise _validation_failure(exc, self.name, line, "figures.") from None
        self.new_figures[key] = figure
        return key

    def add_claim(self, record: dict[str, Any], line: int) -> None:
        old_id = _field(record, "id", int, line, self.name)
        reference = record.get("article")
        article_id = reference.get("id") if isinstance(reference, dict) else None
        if self.article is None or self.articles.get(article_id or -1) is not self.article:
            raise ImportFailure(
                self.name,
                f"refers to article {article_id!r}, whose record must come right before "
                "its claims.",
                line,
                "article.id",
            )
        article = self.article
        source = self.source(record.get("source"), line, "source")
        via = self.source(record.get("via"), line, "via")
        claim = Claim(
            article=article,
            start=_field(record, "start", int, line, self.name),
            end=_field(record, "end", int, line, self.name),
            quote=record.get("quote") or "",
            source=source,
            via=via,
            attribution=record.get("attribution") or Claim.Attribution.PARAPHRASE,
            status=record.get("status") or Claim.Status.DRAFT,
            verdict=record.get("verdict") or Claim.Verdict.UNCHECKED,
            note=record.get("note") or "",
            rejection_reason=record.get("rejection_reason") or "",
            created_by=(
                self.created_by
                if self.version == "claimdesk/1"
                else self.user(record.get("created_by"), line, "created_by")
            ),
        )
        try:
            claim.clean_fields(exclude=["article", "source", "via", "created_by", "reviewed_by"])
            claim.clean()
        except ValidationError as exc:
            raise _validation_failure(exc, self.name, line, "") from None
        if self.version != "claimdesk/1":
            self.check_claim_figures(record.get("figures") or [], line)
        figure_keys = [self.figure(f, line) for f in record.get("figures") or []]
        outside = [k for k in figure_keys if k[0] < claim.start or k[1] > claim.end]
        if outside:
            raise ImportFailure(
                self.name,
                f"figures at {outside} lie outside the claim's span {claim.start}:{claim.end}.",
                line,
                "figures",
            )
        tags = [self.tag(t, article.collection, line) for t in record.get("tags") or []]
        links = []
        for link in record.get("links") or []:
            if not isinstance(link, dict) or link.get("relation") not in ClaimLink.Relation.values:
                raise ImportFailure(self.name, "expected {relation, target, note}.", line, "links")
            links.append(
                (
                    link["relation"],
                    _field(link, "target", int, line, self.name),
                    link.get("note") or "",
                )
            )
        key = self.claim_key(claim)
        superseded_by = record.get("superseded_by")
        if superseded_by is not None and _claim_id(superseded_by) is None:
            raise ImportFailure(self.name, "expected a claim id or null.", line, "superseded_by")
        self.pending.append(
            _PendingClaim(
                line,
                claim,
                figure_keys,
                tags,
                links,
                old_id,
                self.existing_claims.get(key),
                superseded_by,
            )
        )

    def add_finding(self, record: dict[str, Any], line: int) -> None:
        """Check a `finding` record and keep its decision, if any, for add_decisions()."""
        self.report.findings_read += 1
        key = _field(record, "key", str, line, self.name)
        spans = None
        if self.version == "claimdesk/1":
            parsed = parse_finding_key(key)
            what = "comma-separated figure ids"
        else:
            stable = parse_stable_finding_key(key)
            parsed = (stable[0], ()) if stable else None
            spans = stable[1] if stable else None
            what = "per article the SHA-256 of its text and the figures' spans (sha:1-4,9-12)"
        if parsed is None or parsed[0] != record.get("kind") or parsed[0] not in KIND_LABELS:
            raise ImportFailure(
                self.name,
                f"{key!r} is not a finding key: a kind ({', '.join(KIND_LABELS)}) and "
                f"{what}, the kind matching 'kind'.",
                line,
                "key",
            )
        status = record.get("status")
        if status not in FINDING_STATUSES:
            raise ImportFailure(
                self.name,
                f"{status!r} is not one of {', '.join(FINDING_STATUSES)}.",
                line,
                "status",
            )
        if status not in (Status.ACCEPTED, Status.DISMISSED):
            return  # open or linked: recomputed from the figures, claims and links
        article_ids = record.get("article_ids")
        if (
            not isinstance(article_ids, list)
            or not article_ids
            or not all(isinstance(i, int) and not isinstance(i, bool) for i in article_ids)
        ):
            raise ImportFailure(self.name, "expected a list of article ids.", line, "article_ids")
        link = record.get("suggested_link")
        suggested = None
        if isinstance(link, dict):
            suggested = (
                str(link.get("relation")),
                _claim_id(link.get("from_claim_id")),
                _claim_id(link.get("to_claim_id")),
            )
        kind, figure_ids = parsed
        if spans is not None:
            self.user(record.get("decided_by"), line, "decided_by")
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
                decided_at=self.datetime(record.get("decided_at"), line, "decided_at")
                if spans is not None
                else None,
            )
        )

    # Writing -----------------------------------------------------------------------------

    def flush(self) -> None:
        """Write the current article's new figures and claims."""
        if not (self.pending or self.new_figures or self.pending_judgements or self.figure_spans):
            return
        # In the order of the exported ids, so the new ids keep their relative order.
        old_ids = {span: old for old, span in self.figure_spans.items()}
        ordered = sorted(
            self.new_figures.items(), key=lambda item: old_ids.get(item[0], float("inf"))
        )
        created_figures = Figure.objects.bulk_create([figure for _, figure in ordered])
        self.report.figures_created += len(created_figures)
        self.add_figure_history(ordered)
        self.figures.update(self.new_figures)
        self.new_figures = {}
        self.figure_extras = {}
        self.figure_ids.update(
            {old: self.figures[span].pk for old, span in self.figure_spans.items()}
        )
        self.add_judgements()
        self.figure_spans = {}
        new = [p for p in self.pending if p.existing is None]
        Claim.objects.bulk_create([p.claim for p in sorted(new, key=lambda p: p.old_id)])
        figure_rows = []
        tag_rows = []
        for p in new:
            figure_rows += [
                Claim.figures.through(claim_id=p.claim.pk, figure_id=self.figures[k].pk)
                for k in dict.fromkeys(p.figure_keys)
            ]
            tag_rows += [
                Claim.tags.through(claim_id=p.claim.pk, tag_id=t.pk)
                for t in {t.pk: t for t in p.tags}.values()
            ]
        Claim.figures.through.objects.bulk_create(figure_rows)
        Claim.tags.through.objects.bulk_create(tag_rows)
        for p in self.pending:
            claim = p.existing or p.claim
            self.claims[p.old_id] = claim.pk
            self.links += [
                (claim.pk, target, relation, note, p.line) for relation, target, note in p.links
            ]
        self.superseded += [(p.claim.pk, p.superseded_by) for p in new if p.superseded_by]
        self.report.claims_created += len(new)
        self.report.claims_existing += len(self.pending) - len(new)
        self.pending = []

    def add_figure_history(self, created: list[tuple[tuple[int, int], Figure]]) -> None:
        """The history a figure record describes: a first row with the detector's reading
        (state suggested; the figure as it is for one added by hand), then a change by who
        decided it. A figure the export found no first reading of gets no first row."""
        first: list[Figure] = []
        changed: list[Figure] = []
        for key, figure in created:
            extra = self.figure_extras.get(key)
            if extra is None:
                continue
            if figure.origin == Figure.Origin.MANUAL or extra.detected is not None:
                row = Figure(
                    pk=figure.pk,
                    article_id=figure.article_id,
                    start=figure.start,
                    end=figure.end,
                    surface=figure.surface,
                    created_by=figure.created_by,
                    origin=figure.origin,
                    state=figure.state,
                    value=figure.value,
                    lower=figure.lower,
                    upper=figure.upper,
                    qualifier=figure.qualifier,
                    unit=figure.unit,
                    counted=figure.counted,
                    version=1,
                    created_at=figure.created_at,
                    updated_at=figure.updated_at,
                )
                if extra.detected is not None:
                    row.state = Figure.State.SUGGESTED
                    for name in READING_FIELDS:
                        value = extra.detected.get(name)
                        if name in ("value", "lower", "upper"):
                            value = _decimal(value, name, 0, self.name)
                        setattr(
                            row,
                            name,
                            value
                            if value is not None or name in ("value", "lower", "upper")
                            else "",
                        )
                row._history_user = figure.created_by  # type: ignore[attr-defined]
                first.append(row)
            if extra.decided_by is not None:
                figure._history_user = self.users[extra.decided_by]  # type: ignore[attr-defined]
                changed.append(figure)
        history = Figure.history  # type: ignore[attr-defined]
        now = timezone.now()
        if first:
            history.bulk_history_create(first, default_date=now, default_change_reason="import")
        if changed:
            history.bulk_history_create(
                changed, update=True, default_date=now, default_change_reason="import"
            )

    def add_judgements(self) -> None:
        """The current article's judgements: one per figure and annotator; one already here
        is kept as it is. Their times are the file's."""
        if not self.pending_judgements:
            return
        figure_ids = {self.figure_ids[old] for _, old, *_ in self.pending_judgements}
        existing = set(
            FigureJudgement.objects.filter(figure_id__in=figure_ids).values_list(
                "figure_id", "annotator_id"
            )
        )
        made: list[FigureJudgement] = []
        times = []
        for _line, old, username, reading, created_at, updated_at in self.pending_judgements:
            figure_id, user = self.figure_ids[old], self.users[username]
            if (figure_id, user.pk) in existing:
                self.report.judgements_existing += 1
                continue
            existing.add((figure_id, user.pk))
            made.append(FigureJudgement(figure_id=figure_id, annotator=user, **reading))
            times.append((created_at, updated_at))
        FigureJudgement.objects.bulk_create(made)
        # bulk_create stamps auto_now fields with now; the file's times are put back.
        for judgement, (created_at, updated_at) in zip(made, times, strict=True):
            judgement.created_at = created_at or judgement.created_at
            judgement.updated_at = updated_at or judgement.updated_at
        FigureJudgement.objects.bulk_update(made, ["created_at", "updated_at"], batch_size=500)
        self.report.judgements_created += len(made)
        self.pending_judgements = []

    def add_superseded(self) -> None:
        """Curation: the new claims a reviewer superseded point at the version kept (when the
        file holds it); one UPDATE per claim kept."""
        kept: dict[int, list[int]] = defaultdict(list)
        for pk, old_target in self.superseded:
            if old_target in self.claims:
                kept[self.claims[old_target]].append(pk)
        for target, ids in kept.items():
            Claim.objects.filter(pk__in=ids).update(superseded_by_id=target)

    def add_links(self) -> None:
        wanted = []
        for from_id, old_target, relation, note, line in self.links:
            to_id = self.claims.get(old_target)
            if to_id is None:
                self.report.links_skipped.append(
                    f"{self.name}, line {line}: link {relation} to claim {old_target}, "
                    "which is not in the file."
                )
                continue
            wanted.append(
                ClaimLink(
                    from_claim_id=from_id,
                    to_claim_id=to_id,
                    relation=relation,
                    note=note,
                    created_by=self.created_by,
                )
            )
        existing = (
            set(
                ClaimLink.objects.filter(
                    from_claim_id__in={link.from_claim_id for link in wanted}
                ).values_list("from_claim_id", "to_claim_id", "relation")
            )
            if wanted
            else set()
        )
        new = [
            link
            for link in wanted
            if (link.from_claim_id, link.to_claim_id, link.relation) not in existing
        ]
        ClaimLink.objects.bulk_create(new, batch_size=1000)
        self.report.links_created += len(new)

    def add_decisions(self) -> None:
        """Restore the decisions of `finding` records, their figure ids remapped.

        A decision is restored only when its finding holds again here (the findings of the
        articles involved are re-checked, about ten queries per RECHECK_ARTICLES articles);
        one already stored under the new key is kept as it is.
        """
        wanted: dict[str, tuple[_Decision, Article]] = {}
        here = self.figures_by_span()
        for decision in self.decisions:
            article = self.articles.get(decision.article_id)
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
                key = finding_key(decision.kind, ids)  # type: ignore[arg-type]
                wanted.setdefault(key, (decision, article))
                continue
            missing = [i for i in decision.figure_ids if i not in self.figure_ids]
            if missing or article is None:
                what = f"figure(s) {', '.join(map(str, missing))}" if missing else "its article"
                self.skip_decision(decision, f"{what} not in the file.")
                continue
            key = finding_key(decision.kind, (self.figure_ids[i] for i in decision.figure_ids))
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
                    decided_by=self.users.get(decision.decided_by or "")
                    if decision.spans is not None
                    else self.created_by,
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
        ids = [a.pk for a in self.articles.values()]
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
        wanted: dict[tuple[int, int, str], list[int]] = defaultdict(list)
        for decision in decisions:
            if decision.decision != Status.ACCEPTED or decision.suggested is None:
                continue
            relation, from_id, to_id = decision.suggested
            source = self.claims.get(from_id) if from_id is not None else None
            target = self.claims.get(to_id) if to_id is not None else None
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


@transaction.atomic
def import_dataset(
    *,
    lines: Iterable[bytes | str],
    name: str,
    collection: Collection | None = None,
    created_by: User | None = None,
) -> DatasetReport:
    """Load a claimdesk/2 (or claimdesk/1) JSONL export; all or nothing."""
    return DatasetLoader(name=name, collection=collection, created_by=created_by).load(lines)
