"""`python manage.py import_articles PATH... --collection SLUG [--skip-bad]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.importers.base import FORMATS_BY_SUFFIX, ImportFailure
from articles.importers.store import ImportRefused, PathFile, import_articles
from articles.models import Collection


def expand(paths: list[Path]) -> list[PathFile]:
    """The files to import: each path, or the importable files inside a directory."""
    files = []
    for path in paths:
        if path.is_dir():
            files += [
                PathFile(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in FORMATS_BY_SUFFIX
            ]
        else:
            files.append(PathFile(path))
    return files


class Command(BaseCommand):
    help = (
        "Import articles from plain text (.txt), HTML (.html), Word (.docx), or bulk JSONL "
        "and CSV files (one article per line or row), and detect their figures. All or "
        "nothing unless --skip-bad."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--collection",
            required=True,
            help="Slug of the collection to import into (created if missing).",
        )
        parser.add_argument(
            "--skip-bad",
            action="store_true",
            help="Import the good articles and list the bad lines, instead of importing nothing.",
        )
        parser.add_argument("--no-detect", action="store_true", help="Skip figure detection.")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["collection"]
        collection, _ = Collection.objects.get_or_create(
            slug=slug, defaults={"name": slug.replace("-", " ").capitalize()}
        )
        files = expand(options["paths"])
        if not files:
            raise CommandError("No importable files found.")
        try:
            report = import_articles(
                collection=collection,
                files=files,
                skip_bad=options["skip_bad"],
                detect=not options["no_detect"],
            )
        except ImportRefused as exc:
            raise CommandError(f"{exc}\nUse --skip-bad to import the rest.") from None
        except ImportFailure as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Imported {len(report.created)} article(s) into {collection.slug}; "
            f"{len(report.existing)} already there."
        )
        if report.skipped:
            self.stdout.write(f"Skipped {len(report.skipped)}:")
            for failure in report.skipped:
                self.stdout.write(f"  {failure}")
