"""Loading a `claimdesk/1` JSON Lines export (claims/exports/jsonl.py) into this database.

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
from django.core.exceptions import ValidationError
from django.db import transaction

from articles.importers.base import ImportFailure
from articles.limits import NestedTooDeeply, loads
from articles.models import Article, Collection, normalise_text, text_sha256
from claims.consistency.records import KIND_LABELS, finding_key, parse_finding_key
from claims.consistency.reports import Status, articles_findings
from claims.exports.common import FORMAT_VERSION
from claims.models import Claim, ClaimLink, Figure, FindingDecision, Source, Tag

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


@dataclass
class _PendingClaim:
    line: int
    claim: Claim
    figure_keys: list[tuple[int, int]]
    tags: list[Tag]
    links: list[tuple[str, int, str]]
    old_id: int
    existing: Claim | None = None


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
    def __init__(self, *, name: str, collection: Collection | None, created_by: Any) -> None:
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
            if record.get("format") != FORMAT_VERSION:
                raise ImportFailure(
                    self.name,
                    f"format {record.get('format')!r} is not {FORMAT_VERSION!r}.",
                    line=number,
                    field="format",
                )
            seen_any = True
            kind = record.get("type")
            if kind == "schema":
                continue
            if kind == "article":
                self.flush()
                self.add_article(record, number)
            elif kind == "claim":
                self.add_claim(record, number)
            elif kind == "finding":
                self.add_finding(record, number)
            else:
                key = str(kind)
                self.report.other_records[key] = self.report.other_records.get(key, 0) + 1
        if not seen_any:
            raise ImportFailure(self.name, "the file holds no records.")
        self.flush()
        self.add_links()
        self.add_decisions()
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
        self.figures = {(f.start, f.end): f for f in Figure.objects.filter(article=article)}
        self.new_figures = {}
        self.existing_claims = {
            (c.start, c.end, c.source_id, c.via_id, c.attribution): c
            for c in Claim.objects.filter(article=article)
        }

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
            created_by=self.created_by,
        )
        try:
            claim.clean_fields(exclude=["article", "source", "via", "created_by", "reviewed_by"])
            claim.clean()
        except ValidationError as exc:
            raise _validation_failure(exc, self.name, line, "") from None
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
        key = (claim.start, claim.end, claim.source_id, claim.via_id, claim.attribution)
        self.pending.append(
            _PendingClaim(
                line, claim, figure_keys, tags, links, old_id, self.existing_claims.get(key)
            )
        )

    def add_finding(self, record: dict[str, Any], line: int) -> None:
        """Check a `finding` record and keep its decision, if any, for add_decisions()."""
        self.report.findings_read += 1
        key = _field(record, "key", str, line, self.name)
        parsed = parse_finding_key(key)
        if parsed is None or parsed[0] != record.get("kind"):
            raise ImportFailure(
                self.name,
                f"{key!r} is not a finding key: a kind ({', '.join(KIND_LABELS)}) and "
                "comma-separated figure ids, the kind matching 'kind'.",
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
            )
        )

    # Writing -----------------------------------------------------------------------------

    def flush(self) -> None:
        """Write the current article's new figures and claims."""
        if not self.pending and not self.new_figures:
            return
        # In the order of the exported ids, so the new ids keep their relative order.
        old_ids = {span: old for old, span in self.figure_spans.items()}
        ordered = sorted(
            self.new_figures.items(), key=lambda item: old_ids.get(item[0], float("inf"))
        )
        created_figures = Figure.objects.bulk_create([figure for _, figure in ordered])
        self.report.figures_created += len(created_figures)
        self.figures.update(self.new_figures)
        self.new_figures = {}
        self.figure_ids.update(
            {old: self.figures[span].pk for old, span in self.figure_spans.items()}
        )
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
        self.report.claims_created += len(new)
        self.report.claims_existing += len(self.pending) - len(new)
        self.pending = []

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
        for decision in self.decisions:
            missing = [i for i in decision.figure_ids if i not in self.figure_ids]
            article = self.articles.get(decision.article_id)
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
                    decided_by=self.created_by,
                    link_id=links.get(decision.line),
                )
            )
        FindingDecision.objects.bulk_create(made, batch_size=1000)
        self.report.decisions_created += len(made)

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
    created_by: Any = None,
) -> DatasetReport:
    """Load a claimdesk/1 JSONL export; all or nothing."""
    return DatasetLoader(name=name, collection=collection, created_by=created_by).load(lines)
