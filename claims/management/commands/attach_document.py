"""`python manage.py attach_document FILE|ADDRESS --collection SLUG [--claim ID] [--title T]
[--url U] [--user NAME]`.

Attaches an evidence document (PDF, XLSX, CSV, HTML, DOCX, plain text) to a collection, and to
one of its claims with `--claim`: its text and figures are extracted (claims/evidence/) and
stored in one transaction. Prints the document's id, its page count and the figures found; a
file that cannot be read exits non-zero with a message naming it, and nothing is stored.

An http(s) ADDRESS is fetched by a background job, and so is a PDF longer than
CLAIMDESK_EVIDENCE_BACKGROUND_PAGES (claims/evidence/jobs.py), on behalf of `--user` (default:
the collection's creator): with the immediate task backend the job has run when the command
prints; with a worker, the command prints the job's page to follow.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import Collection, Job
from claims.evidence.extract import DocumentRefused
from claims.evidence.jobs import document_submit, fetch_start, needs_background
from claims.evidence.store import document_attach
from claims.models import Claim

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class Command(BaseCommand):
    help = "Attach a primary document (PDF, XLSX, CSV, HTML, DOCX, text) to a collection."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The document's path.")
        parser.add_argument("--collection", required=True, help="The collection's slug.")
        parser.add_argument("--claim", type=int, help="Attach it to this claim (by id) as well.")
        parser.add_argument("--title", default="", help="Its title (default: its own or its name).")
        parser.add_argument("--url", default="", help="Where the document was published.")
        parser.add_argument(
            "--user",
            help="Who attaches it, for a background job (default: the collection's creator).",
        )

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
        if options["file"].startswith(("http://", "https://")):
            try:
                job = fetch_start(
                    collection=collection,
                    url=options["file"],
                    user=self._user(options["user"], collection),
                    claim=claim,
                    title=options["title"],
                )
            except DocumentRefused as exc:
                raise CommandError(str(exc)) from None
            self._report_job(job)
            return
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        limit = settings.CLAIMDESK_MAX_EVIDENCE_BYTES
        size = path.stat().st_size
        if size > limit:  # refused before it is read into memory
            raise CommandError(
                f"{path.name}: the file is {size:,} bytes; the limit is {limit:,} bytes."
            )
        data = path.read_bytes()
        if needs_background(data, path.name):
            queued = document_submit(
                collection=collection,
                data=data,
                name=path.name,
                user=self._user(options["user"], collection),
                claim=claim,
                title=options["title"],
                source_url=options["url"],
            )
            if isinstance(queued, Job):
                self._report_job(queued)
                return
        try:
            document, created = document_attach(
                collection=collection,
                data=data,
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

    def _user(self, username: str | None, collection: Collection) -> User:
        if username:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"There is no user {username!r}.")
            return user
        if collection.created_by is None:
            raise CommandError("Say who attaches the document: --user NAME.")
        return collection.created_by

    def _report_job(self, job: Job) -> None:
        job.refresh_from_db()
        if job.status == Job.Status.FAILED:
            raise CommandError(f"Job {job.pk}: {job.error}")
        if job.status == Job.Status.SUCCEEDED:
            for line in job.report.get("summary", []):
                self.stdout.write(f"Job {job.pk}: {line}")
            return
        self.stdout.write(f"Queued as job {job.pk}: follow it at {job.get_absolute_url()}")
