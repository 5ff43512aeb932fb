"""`python manage.py import_dataset FILE.jsonl [--collection SLUG]`: load a claimdesk/2 (or /1) export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from articles.importers.base import ImportFailure
from articles.limits import too_large
from articles.models import Collection
from claims.exports.load import import_dataset


class Command(BaseCommand):
    help = (
        "Load a jsonl export (format claimdesk/2, or claimdesk/1) into this database: "
        "articles, sources, tags, figures, judgements, claims and links, with new ids, and "
        "reviewers' decisions on consistency findings. All or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--collection",
            help="Load every article into this collection (created if missing); "
            "default: the collections named in the file.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        limit = settings.CLAIMDESK_MAX_IMPORT_BYTES
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise CommandError(f"{path}: cannot be read: {exc.strerror}.") from None
        if size > limit:  # before anything is parsed (issue 20)
            message = too_large("the file", size, limit, "CLAIMDESK_MAX_IMPORT_BYTES")
            raise CommandError(f"{path}: {message} Nothing was imported.")
        try:
            # One transaction, the collection included: a refused file leaves nothing behind.
            with transaction.atomic(), path.open("rb") as lines:
                collection = None
                if options["collection"]:
                    slug = options["collection"]
                    collection, _ = Collection.objects.get_or_create(
                        slug=slug, defaults={"name": slug.replace("-", " ").capitalize()}
                    )
                report = import_dataset(lines=lines, name=str(path), collection=collection)
        except OSError as exc:
            raise CommandError(f"{path}: cannot be read: {exc.strerror}.") from None
        except ImportFailure as exc:
            raise CommandError(f"{exc} Nothing was imported.") from None
        self.stdout.write(
            f"Articles: {report.articles_created} new, {report.articles_existing} already there. "
            f"Claims: {report.claims_created} new, {report.claims_existing} already there. "
            f"Figures: {report.figures_created} new. Sources: {report.sources_created} new. "
            f"Tags: {report.tags_created} new. Links: {report.links_created} new."
        )
        if report.users_created or report.judgements_created or report.judgements_existing:
            self.stdout.write(
                f"Judgements: {report.judgements_created} new, {report.judgements_existing} "
                f"already there. Figures already there: {report.figures_existing}. "
                f"Assignments: {report.assignments_created} new. Users: "
                f"{report.users_created} new (inactive, without a password)."
            )
        for skipped in report.links_skipped:
            self.stdout.write(f"Skipped {skipped}")
        if report.relations_created or report.relations_skipped or report.relations_existing:
            self.stdout.write(
                f"Related articles: {report.relations_created} new, "
                f"{report.relations_existing} already there, {report.relations_skipped} "
                f"skipped (an article not in the file); figure alignments: "
                f"{report.alignments_created} new."
            )
        for skipped in report.alignments_skipped:
            self.stdout.write(f"Skipped {skipped}")
        if report.findings_read:
            self.stdout.write(
                f"Findings: {report.findings_read} read (recomputed from the figures, not "
                f"loaded); reviewers' decisions: {report.decisions_created} restored, "
                f"{report.decisions_existing} already there."
            )
        for skipped in report.decisions_skipped:
            self.stdout.write(f"Decision not restored: {skipped}")
        for kind, count in sorted(report.other_records.items()):
            self.stdout.write(f"Not loaded: {count} record(s) of type {kind!r}.")
