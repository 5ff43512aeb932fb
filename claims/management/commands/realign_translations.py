"""`python manage.py realign_translations [--collection SLUG] [--force] [--background]`:
align the figures of every related pair (a translation and its original) that is out of date,
or all of them with --force; --background starts it as a job (progress at /jobs/<id>/).
Like the other commands it has no access check: it runs with the server's rights."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import Collection, Job
from claims.alignments.tasks import realign_collection, realign_task


class Command(BaseCommand):
    help = "Align the figures of related articles (translations and their originals) again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--collection", help="Only the translations in this collection.")
        parser.add_argument(
            "--force", action="store_true", help="Align every pair, not only changed ones."
        )
        parser.add_argument(
            "--background",
            metavar="USERNAME",
            help="Start a background job owned by USERNAME (who follows it at /jobs/<id>/).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        collection = None
        if options["collection"]:
            collection = Collection.objects.filter(slug=options["collection"]).first()
            if collection is None:
                raise CommandError(f"There is no collection {options['collection']!r}.")
        if options["background"]:
            user = get_user_model().objects.filter(username=options["background"]).first()
            if user is None:
                raise CommandError(f"There is no user {options['background']!r}.")
            job = Job.objects.start(
                kind=Job.Kind.REALIGN,
                task=realign_task,
                user=user,
                collection=collection,
                params={
                    "collection": collection.slug if collection else None,
                    "force": options["force"],
                },
            )
            self.stdout.write(f"Started job {job.pk} ({job.get_status_display()}): /jobs/{job.pk}/")
            return

        def progress(done: int, total: int) -> None:
            if done:
                self.stderr.write(f"{done:,} of {total:,} pairs")

        total, aligned = realign_collection(
            collection, force=options["force"], on_progress=progress
        )
        self.stdout.write(f"{total:,} related pairs read, {aligned:,} aligned again.")
