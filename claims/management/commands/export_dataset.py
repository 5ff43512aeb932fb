"""`python manage.py export_dataset --format FMT [filters] [-o FILE|-]`: the tagged dataset."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, TypedDict

from django.contrib.auth import get_user_model
from django.core.checks import Tags
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet

from articles.models import Article, Collection
from claims.exports import (
    FORMATS,
    DatasetFilters,
    Selection,
    SpanOptions,
    export,
    export_bytes,
    export_snapshot,
    selection,
)
from claims.exports.common import frozen_heap, write_chunks
from claims.exports.spans import parse_split
from claims.models import Claim


class ExportSettings(TypedDict):
    """The keyword arguments of `export` and `export_bytes` the command passes on."""

    base_url: str
    bom: bool
    label: str
    findings: bool
    rows: str
    chosen: Selection


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date YYYY-MM-DD.") from None


class Command(BaseCommand):
    # The models' checks only: the rest (URL configuration, templates, security) is the
    # web app's, and importing every view for it costs a third of a second of each export.
    requires_system_checks = [Tags.models]
    help = (
        "Export the tagged dataset as jsonl (the lossless claimdesk/2 dataset: articles, every "
        "figure, judgements, claims, findings), csv (one row per figure, or --rows claims), "
        "spans (for span-labelling trainers), claimreview (schema.org JSON-LD) or "
        "webannotation (W3C)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=sorted(FORMATS))
        parser.add_argument("--collection", help="Slug of the collection (default: all).")
        parser.add_argument(
            "--status",
            choices=[s for s, _ in Claim.Status.choices],
            help="Only claims with this review status, and the articles holding one.",
        )
        parser.add_argument(
            "--article-status",
            choices=[s for s, _ in Article.Status.choices],
            help="Only articles with this annotation status.",
        )
        parser.add_argument(
            "--published-from", help="Only articles published on or after YYYY-MM-DD."
        )
        parser.add_argument(
            "--published-to", help="Only articles published on or before YYYY-MM-DD."
        )
        parser.add_argument(
            "--annotator",
            help="Username: only her claims and judgements, and the articles she is assigned "
            "to or worked on.",
        )
        parser.add_argument(
            "-o", "--output", default="-", help="File to write, or - for standard output."
        )
        parser.add_argument(
            "--bom", action="store_true", help="CSV: start with a byte order mark (for Excel)."
        )
        parser.add_argument(
            "--rows",
            choices=["figures", "claims", "alignments"],
            default="figures",
            help="CSV: one row per figure of the exported articles (default), per claim, or "
            "per figure alignment of a translation and its original (issue 18).",
        )
        parser.add_argument(
            "--by",
            choices=["article", "sentence"],
            default="article",
            help="spans: one record per article (default) or per sentence.",
        )
        parser.add_argument(
            "--split",
            default="80/10/10",
            help="spans: train/dev/test percentages, by article (default 80/10/10).",
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="spans: the seed of the split (default 0)."
        )
        parser.add_argument(
            "--no-findings",
            action="store_true",
            help="JSONL: leave out the consistency findings (about four times faster).",
        )
        parser.add_argument(
            "--base-url",
            default="http://localhost:8000",
            help="The site's root URL, for the links in claimreview and webannotation.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        collection = None
        if options["collection"]:
            try:
                collection = Collection.objects.get(slug=options["collection"])
            except Collection.DoesNotExist:
                raise CommandError(f"No collection with slug {options['collection']!r}.") from None
        annotator = None
        if options["annotator"]:
            annotator = get_user_model().objects.filter(username=options["annotator"]).first()
            if annotator is None:
                raise CommandError(f"No user with username {options['annotator']!r}.")
        filters = DatasetFilters(
            collection=collection,
            status=options["status"],
            article_status=options["article_status"],
            published_from=_date(options["published_from"]) if options["published_from"] else None,
            published_to=_date(options["published_to"]) if options["published_to"] else None,
            annotator=annotator,
        )
        claims, chosen = selection(filters)
        try:
            span_options = SpanOptions(
                by=options["by"], split=parse_split(options["split"]), seed=options["seed"]
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        chosen = Selection(chosen.articles, chosen.annotator, span_options)
        label = f"Claimdesk: {collection.name}" if collection else "Claimdesk: all collections"
        settings: ExportSettings = {
            "base_url": options["base_url"].rstrip("/"),
            "bom": options["bom"],
            "label": label,
            "findings": not options["no_findings"],
            "rows": options["rows"],
            "chosen": chosen,
        }
        with frozen_heap():
            self._write(options["output"], options["format"], claims, settings)

    def _write(
        self, output: str, format: str, claims: QuerySet[Claim], settings: ExportSettings
    ) -> None:
        if output == "-":
            for chunk in export(format, claims, **settings):
                self.stdout.write(chunk, ending="")
            self.stdout.flush()
            return
        path = Path(output)
        try:
            snapshot = export_snapshot(format, claims, findings=settings["findings"])
            with snapshot, path.open("wb") as out:
                write_chunks(export_bytes(format, claims, **settings), out)
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror}.") from None
        self.stderr.write(f"Wrote {path} ({path.stat().st_size:,} bytes).")
