"""`python manage.py export_dataset --format FMT [--collection SLUG] [--status approved] [-o FILE|-]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import Collection
from claims.exports import FORMATS, export, export_bytes, export_claims, export_snapshot
from claims.models import Claim


class Command(BaseCommand):
    help = (
        "Export claims with their figures, sources, tags and links as jsonl (the lossless "
        "claimdesk/1 dataset), csv, claimreview (schema.org JSON-LD) or webannotation (W3C)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=sorted(FORMATS))
        parser.add_argument("--collection", help="Slug of the collection (default: all).")
        parser.add_argument("--status", choices=[s for s, _ in Claim.Status.choices])
        parser.add_argument(
            "-o", "--output", default="-", help="File to write, or - for standard output."
        )
        parser.add_argument(
            "--bom", action="store_true", help="CSV: start with a byte order mark (for Excel)."
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
        claims = export_claims(collection=collection, status=options["status"])
        label = f"Claimdesk: {collection.name}" if collection else "Claimdesk: all collections"
        settings = {
            "base_url": options["base_url"].rstrip("/"),
            "bom": options["bom"],
            "label": label,
            "findings": not options["no_findings"],
        }
        output = options["output"]
        if output == "-":
            for chunk in export(options["format"], claims, **settings):
                self.stdout.write(chunk, ending="")
            self.stdout.flush()
            return
        path = Path(output)
        try:
            snapshot = export_snapshot(
                options["format"], claims, findings=not options["no_findings"]
            )
            with snapshot, path.open("wb") as out:
                for data in export_bytes(options["format"], claims, **settings):
                    out.write(data)
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror}.") from None
        self.stderr.write(f"Wrote {path} ({path.stat().st_size:,} bytes).")
