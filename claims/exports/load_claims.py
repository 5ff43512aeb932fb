"""Readers of `source` and `claim` records for `import_dataset`.

Sources are matched by name (case-insensitive) and tags by slug (the collection's, then a
global one); a claim already present with the same span, source, via, attribution and (from
claimdesk/2 on) author is reused, so loading a file twice adds nothing. Links and the
`superseded_by` of curated claims point at claims anywhere in the file: they are written
once the whole file is read, with the exported claim ids remapped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from articles.models import Article, Collection
from claims.exports.load_base import (
    RecordReader,
    claim_id_or_none,
    expect,
    validation_failure,
)
from claims.exports.load_figures import FigureReader
from claims.models import Claim, ClaimLink, Source, Tag
from core.types import LoadedRecord

if TYPE_CHECKING:
    from claims.exports.load import DatasetLoader


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


class SourceReader(RecordReader):
    """`source` records (claimdesk/2), and the sources claim records name."""

    type = "source"
    since = "claimdesk/2"

    def __init__(self, loader: DatasetLoader) -> None:
        super().__init__(loader)
        self.sources: dict[str, Source] = {_name_key(s.name): s for s in Source.objects.all()}

    def read(self, record: LoadedRecord, line: int) -> None:
        """Matched by name, or created with its kind, URL, aliases and parent (which an
        earlier record or this database holds)."""
        name = expect(record, "name", str, line, self.name)
        key = _name_key(name)
        kind = record.get("kind") or Source.Kind.OTHER
        if kind not in Source.Kind.values:
            raise self.fail(f"{kind!r} is not a source kind.", line, "kind")
        aliases = record.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise self.fail("expected a list of names.", line, "aliases")
        parent = None
        if record.get("parent") is not None:
            parent_name = expect(record, "parent", str, line, self.name)
            parent = self.sources.get(_name_key(parent_name))
            if parent is None:
                raise self.fail(
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
            raise validation_failure(exc, self.name, line, "") from None
        source.save()
        self.sources[key] = source
        self.report.sources_created += 1

    def named(self, value: object, line: int, name: str) -> Source | None:
        """A claim's `source` or `via` ({name, kind} or null), created when new."""
        if value is None:
            return None
        if not isinstance(value, dict) or not isinstance(value.get("name"), str):
            raise self.fail("expected null or {name, kind}.", line, name)
        key = _name_key(value["name"])
        if key not in self.sources:
            kind = value.get("kind") or Source.Kind.OTHER
            if kind not in Source.Kind.values:
                raise self.fail(f"{kind!r} is not a source kind.", line, name)
            source = Source(name=value["name"], kind=kind)
            source.clean()
            source.save()
            self.sources[key] = source
            self.report.sources_created += 1
        return self.sources[key]


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


class ClaimReader(RecordReader):
    """`claim` records: the claim with its figures (claimdesk/1: made from the claim's own
    figure list), tags and links."""

    type = "claim"

    def __init__(self, loader: DatasetLoader) -> None:
        super().__init__(loader)
        self.claims: dict[int, int] = {}  # exported claim id -> claim id here
        self.tags: dict[tuple[int, str], Tag] = {}
        self.links: list[tuple[int, int, str, str, int]] = []
        self.pending: list[_PendingClaim] = []
        self.existing_claims: dict[tuple[object, ...], Claim] = {}
        self.superseded: list[tuple[int, int]] = []  # new claim id, exported id of the kept one

    def start_article(self, article: Article) -> None:
        self.existing_claims = {self.claim_key(c): c for c in Claim.objects.filter(article=article)}

    def claim_key(self, claim: Claim) -> tuple[object, ...]:
        """What makes a claim here the one in the file: its span, source, via, attribution
        and, from claimdesk/2 on, who made it (two annotators' versions of one statement)."""
        key = (claim.start, claim.end, claim.source_id, claim.via_id, claim.attribution)
        return key if self.loader.version == "claimdesk/1" else (*key, claim.created_by_id)

    def tag(self, value: object, collection: Collection, line: int) -> Tag:
        if not isinstance(value, dict) or not isinstance(value.get("slug"), str):
            raise self.fail("expected {slug, name}.", line, "tags")
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
                    raise validation_failure(exc, self.name, line, "tags.") from None
                tag.save()
                self.report.tags_created += 1
            self.tags[key] = tag
        return self.tags[key]

    def read(self, record: LoadedRecord, line: int) -> None:
        loader = self.loader
        old_id = expect(record, "id", int, line, self.name)
        reference = record.get("article")
        article_id = reference.get("id") if isinstance(reference, dict) else None
        if loader.article is None or loader.articles.get(article_id or -1) is not loader.article:
            raise self.fail(
                f"refers to article {article_id!r}, whose record must come right before "
                "its claims.",
                line,
                "article.id",
            )
        article = loader.article
        sources = loader.reader(SourceReader)
        source = sources.named(record.get("source"), line, "source")
        via = sources.named(record.get("via"), line, "via")
        claim = Claim(
            article=article,
            start=expect(record, "start", int, line, self.name),
            end=expect(record, "end", int, line, self.name),
            quote=record.get("quote") or "",
            source=source,
            via=via,
            attribution=record.get("attribution") or Claim.Attribution.PARAPHRASE,
            status=record.get("status") or Claim.Status.DRAFT,
            verdict=record.get("verdict") or Claim.Verdict.UNCHECKED,
            note=record.get("note") or "",
            rejection_reason=record.get("rejection_reason") or "",
            created_by=(
                loader.created_by
                if loader.version == "claimdesk/1"
                else loader.user(record.get("created_by"), line, "created_by")
            ),
        )
        try:
            claim.clean_fields(exclude=["article", "source", "via", "created_by", "reviewed_by"])
            claim.clean()
        except ValidationError as exc:
            raise validation_failure(exc, self.name, line, "") from None
        figures = loader.reader(FigureReader)
        if loader.version != "claimdesk/1":
            figures.check_claim_figures(record.get("figures") or [], line)
        figure_keys = [figures.figure(f, line) for f in record.get("figures") or []]
        outside = [k for k in figure_keys if k[0] < claim.start or k[1] > claim.end]
        if outside:
            raise self.fail(
                f"figures at {outside} lie outside the claim's span {claim.start}:{claim.end}.",
                line,
                "figures",
            )
        tags = [self.tag(t, article.collection, line) for t in record.get("tags") or []]
        links = []
        for link in record.get("links") or []:
            if not isinstance(link, dict) or link.get("relation") not in ClaimLink.Relation.values:
                raise self.fail("expected {relation, target, note}.", line, "links")
            links.append(
                (
                    link["relation"],
                    expect(link, "target", int, line, self.name),
                    link.get("note") or "",
                )
            )
        superseded_by = record.get("superseded_by")
        if superseded_by is not None and claim_id_or_none(superseded_by) is None:
            raise self.fail("expected a claim id or null.", line, "superseded_by")
        self.pending.append(
            _PendingClaim(
                line,
                claim,
                figure_keys,
                tags,
                links,
                old_id,
                self.existing_claims.get(self.claim_key(claim)),
                superseded_by,
            )
        )

    def after_article(self) -> None:
        """The article's new claims (in the order of their exported ids) with their figure
        and tag rows; every claim's exported id resolved, its links kept for after_file."""
        if not self.pending:
            return
        figures = self.loader.reader(FigureReader).figures
        new = [p for p in self.pending if p.existing is None]
        Claim.objects.bulk_create([p.claim for p in sorted(new, key=lambda p: p.old_id)])
        figure_rows = []
        tag_rows = []
        for p in new:
            figure_rows += [
                Claim.figures.through(claim_id=p.claim.pk, figure_id=figures[k].pk)
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

    def after_file(self) -> None:
        self.add_links()
        self.add_superseded()

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
                    created_by=self.loader.created_by,
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
