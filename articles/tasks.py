"""Background tasks for articles: a bulk import with figure detection.

Every task takes the id of a `Job` row (articles/models.py) and is a thin wrapper around the
function a page or command would call directly; core/jobs.py's `running` notes its start, its
failure and any error on the job, which the page that started it shows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django_tasks import task

from articles import hooks
from articles.importers.base import ImportFailure, format_for
from articles.importers.store import BytesFile, ImportRefused, import_articles
from articles.models import Collection, Job
from core.jobs import running

# How many skipped lines or files a job's report lists (the count is always given).
REPORT_LIMIT = 50


@dataclass
class StoredFile:
    """An uploaded file kept in the default storage until its import job has read it."""

    name: str
    path: str
    format: str | None = None
    defaults: dict[str, object] | None = None

    @property
    def size(self) -> int | None:
        try:
            return int(default_storage.size(self.path))
        except OSError:
            return None

    def read(self) -> bytes:
        try:
            with default_storage.open(self.path, "rb") as handle:
                data: bytes = handle.read()
                return data
        except OSError as exc:
            raise ImportFailure(self.name, f"cannot be read: {exc.strerror}.") from None


def estimate_articles(data: bytes, name: str, format: str | None) -> int:
    """About how many articles a file holds: a line each in JSONL, a row each in CSV."""
    try:
        kind = format or format_for(name)
    except ImportFailure:
        return 1
    if kind == "jsonl":
        return max(1, sum(1 for line in data.splitlines() if line.strip()))
    if kind == "csv":
        return max(1, data.count(b"\n"))
    return 1


def store_upload(job_key: str, name: str, data: bytes) -> str:
    """Keep an upload for a background import; returns its path in the default storage."""
    from django.core.files.base import ContentFile

    return default_storage.save(f"imports/{job_key}/{name}", ContentFile(data))


# How many imported articles have their findings stored at a time (one progress step each).
CONSISTENCY_CHUNK = 500


@task()
def import_articles_task(job_id: int) -> dict[str, object]:
    """`import_articles` over the files a job's upload kept, with progress per article."""
    with running(job_id, step="Reading the files") as job:
        params = job.params
        files = [StoredFile(**spec) for spec in params["files"]]
        try:
            job.progress(
                0, total=params.get("total"), step="Importing and detecting figures", force=True
            )
            if job.collection is None:
                raise ImportFailure("collection", "the collection was deleted.")
            try:
                report = import_articles(
                    collection=job.collection,
                    files=files,
                    skip_bad=bool(params.get("skip_bad")),
                    created_by=job.created_by,
                    # The import is one transaction: progress goes through a connection
                    # of its own, or nobody would see it before the end.
                    progress=lambda done: job.progress(done, side_connection=True),
                )
            except ImportRefused as exc:
                job.fail(str(exc))
                return {"failed": len(exc.failures)}
            except ImportFailure as exc:
                job.fail(str(exc))
                return {"failed": 1}
        finally:
            for file in files:
                default_storage.delete(file.path)
        # The new articles' consistency findings, stored now (after the import's transaction)
        # so the workspace and the first export read them instead of computing them.
        created = [article.pk for article in report.created]
        job.progress(0, total=len(created), step="Checking consistency", force=True)
        for start in range(0, len(created), CONSISTENCY_CHUNK):
            hooks.store_findings(created[start : start + CONSISTENCY_CHUNK])
            job.progress(min(start + CONSISTENCY_CHUNK, len(created)))
        collection = job.collection
        summary = [
            f"Imported {len(report.created):,} article(s) into {collection.name}; "
            f"{len(report.existing):,} already there.",
        ]
        if report.skipped:
            summary.append(f"Skipped {len(report.skipped):,}:")
        links = [{"label": f"Open {collection.name}", "url": collection.get_absolute_url()}]
        if len(report.created) == 1:
            article = report.created[0]
            links.insert(0, {"label": f"Open “{article.title}”", "url": article.get_absolute_url()})
        result = {
            "created": len(report.created),
            "existing": len(report.existing),
            "skipped": len(report.skipped),
            "summary": summary,
            "problems": [str(f) for f in report.skipped[:REPORT_LIMIT]],
            "links": links,
        }
        job.succeed(report=result)
        return {k: result[k] for k in ("created", "existing", "skipped")}


def start_import(
    *, user: User, collection: Collection, files: list[BytesFile], skip_bad: bool
) -> Job:
    """An import job for files read from the import page: each is kept in the default
    storage until the job has read it."""
    key = uuid.uuid4().hex
    specs = []
    total = 0
    for file in files:
        path = store_upload(key, Path(file.name).name or "upload", file.data)
        specs.append(
            {"name": file.name, "path": path, "format": file.format, "defaults": file.defaults}
        )
        total += estimate_articles(file.data, file.name, file.format)
    return Job.objects.start(
        kind=Job.Kind.IMPORT,
        task=import_articles_task,
        user=user,
        collection=collection,
        params={"files": specs, "skip_bad": skip_bad, "total": total},
    )
