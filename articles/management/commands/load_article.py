from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.importers.base import ImportFailure
from articles.importers.text import import_plain_text_file
from articles.models import Collection


class Command(BaseCommand):
    help = (
        "Import one plain-text article (UTF-8; a leading 'date YYYY-MM-DD' is read as its "
        "publication date) and detect its figures."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--collection",
            default="inbox",
            help="Slug of the collection to import into (created if missing; default: inbox).",
        )
        parser.add_argument("--title", default="", help="Title (default: the first line).")
        parser.add_argument("--outlet", default="")
        parser.add_argument("--url", default="")
        parser.add_argument("--no-detect", action="store_true", help="Skip figure detection.")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["collection"]
        collection, _ = Collection.objects.get_or_create(
            slug=slug, defaults={"name": slug.replace("-", " ").capitalize()}
        )
        try:
            article, created = import_plain_text_file(
                options["path"],
                collection=collection,
                title=options["title"],
                outlet=options["outlet"],
                url=options["url"],
                detect=not options["no_detect"],
            )
        except ImportFailure as exc:
            raise CommandError(str(exc)) from None
        verb = "Imported" if created else "Already imported"
        figures = article.figures.count()
        self.stdout.write(
            f"{verb}: article {article.pk} {article.title!r} in {collection.slug} "
            f"({len(article.text)} characters, {figures} figures)."
        )
