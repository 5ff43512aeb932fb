"""`python manage.py attach_document FILE --collection SLUG [--claim ID] [--title T] [--url U]`.

Attaches an evidence document (PDF, XLSX, CSV, HTML, DOCX, plain text) to a collection, and to
one of its claims with `--claim`: its text and figures are extracted (claims/evidence/) and
stored in one transaction. Prints the document's id, its page count and the figures found; a
file that cannot be read exits non-zero with a message naming it, and nothing is stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import Collection
from claims.evidence.extract import DocumentRefused
from claims.evidence.store import document_attach
from claims.models import Claim


class Command(BaseCommand):
    help = "Attach a primary document (PDF, XLSX, CSV, HTML, DOCX, text) to a collection."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The document's path.")
        parser.add_argument("--collection", required=True, help="The collection's slug.")
        parser.add_argument("--claim", type=int, help="Attach it to this claim (by id) as well.")
        parser.add_argument("--title", default="", help="Its title (default: its own or its name).")
        parser.add_argument("--url", default="", help="Where the document was published.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        collection = Collection.objects.filter(slug=options["collection"]).first()
        if collection is None:
            raise CommandError(f"There is no collection with the slug {options['collection']!r}.")
        claim = None
        if options["claim"] is not None:
            claim = (
                Claim.objects.select_related("article")
                .filter(pk=options["claim"], article__collection=collection)
                .first()
            )
            if claim is None:
                raise CommandError(
                    f"There is no claim {options['claim']} in collection {collection.slug!r}."
                )
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        limit = settings.CLAIMDESK_MAX_EVIDENCE_BYTES
        size = path.stat().st_size
        if size > limit:  # refused before it is read into memory
            raise CommandError(
                f"{path.name}: the file is {size:,} bytes; the limit is {limit:,} bytes."
            )
        try:
            document, created = document_attach(
                collection=collection,
                data=path.read_bytes(),
                name=path.name,
                claim=claim,
                title=options["title"],
                source_url=options["url"],
            )
        except DocumentRefused as exc:
            raise CommandError(str(exc)) from None
        figures = document.figures.count()
        state = "attached" if created else "already attached"
        self.stdout.write(
            f"Document {document.pk} ({document.get_kind_display()}, {state}): "
            f"{document.pages} page(s), {figures} figure(s) found"
            + (f", language {document.language}" if document.language else "")
            + (f", attached to claim {claim.pk}" if claim else "")
            + "."
        )
