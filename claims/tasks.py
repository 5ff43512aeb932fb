"""Background tasks for claims: a large export written to a file, a collection's
consistency report, its agreement report.

Each takes the id of a `Job` (articles/models.py) and wraps the function the export page,
`manage.py export_dataset` or the consistency report page call directly.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TypedDict

from django.contrib.auth.models import User
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from articles.models import Collection, Job
from claims.blind import blind_article_ids, without_blind_articles
from claims.exports import FORMATS, export_bytes, export_claims, export_snapshot
from claims.exports.common import write_chunks
from claims.models import Claim
from core.jobs import running

# Progress is noted every this many claims read (and written at most twice a second).
PROGRESS_EVERY = 1000


class ExportParams(TypedDict):
    """An export job's `params`, as start_export writes them."""

    format: str
    collection: str  # slug, or empty
    status: str  # a claim status, or empty: any
    bom: bool
    base_url: str


def counting(claims: QuerySet[Claim], on_count: Callable[[int], None]) -> QuerySet[Claim]:
    """`claims`, calling `on_count(n)` as its rows stream by (every PROGRESS_EVERY rows).

    The exports read claims through one streaming `.iterator()` (claims/exports/common.py);
    this queryset's clones count what that iterator yields, whatever the format.
    """
    base = type(claims)

    def iterator(self: QuerySet[Claim], chunk_size: int | None = None) -> Iterator[object]:
        for done, row in enumerate(base.iterator(self, chunk_size=chunk_size), 1):
            yield row
            if done % PROGRESS_EVERY == 0:
                on_count(done)

    counted = claims.all()
    counted.__class__ = type("Counting" + base.__name__, (base,), {"iterator": iterator})
    return counted


def export_filename(params: ExportParams, collection_slug: str | None) -> str:
    parts = ["claimdesk", collection_slug or "all"]
    if params.get("status"):
        parts.append(params["status"])
    parts.append(timezone.localdate().isoformat())
    return "-".join(parts) + "." + FORMATS[params["format"]].extension


@task()
def export_task(job_id: int) -> dict[str, object]:
    """The export page's dataset, written to a file in the default storage (MEDIA_ROOT)."""
    with running(job_id, step="Counting claims") as job:
        params: ExportParams = job.params
        collection = job.collection
        if params.get("collection") and collection is None:
            raise ValueError("The collection was deleted after the export was started.")
        claims = without_blind_articles(
            export_claims(collection=collection, status=params.get("status") or None),
            job.created_by,
        )
        total = claims.count()
        job.progress(0, total=total, step="Writing claims", force=True)
        fmt = FORMATS[params["format"]]
        label = f"Claimdesk: {collection.name}" if collection else "Claimdesk: all collections"
        chunks = export_bytes(
            fmt.name,
            counting(claims, lambda done: job.progress(done, side_connection=True)),
            base_url=params.get("base_url", "http://localhost:8000"),
            bom=bool(params.get("bom")),
            label=label,
        )
        name = export_filename(params, collection.slug if collection else None)
        # On disk while it is written (memory holds one batch), then moved into storage. On
        # PostgreSQL in one transaction (export_snapshot; the progress goes through a
        # connection of its own to be seen meanwhile).
        with TemporaryUploadedFile(name, fmt.content_type, 0, "utf-8") as out:
            with export_snapshot(fmt.name, claims):
                size = write_chunks(chunks, out)
            out.seek(0)
            job.result_name = name
            job.result_file.save(name, out, save=False)
        report = {
            "claims": total,
            "bytes": size,
            "summary": [f"{total:,} claims as {fmt.label}: {name} ({size / 1e6:,.1f} MB)."],
        }
        job.succeed(report=report)
        return {"claims": total, "bytes": size}


@task()
def consistency_task(job_id: int) -> dict[str, object]:
    """A collection's consistency findings (`collection_findings`), as a JSON file and counts."""
    from claims.consistency.reports import collection_findings

    with running(job_id, step="Reading figures and comparing them") as job:
        collection = job.collection
        if collection is None:
            raise ValueError("The collection was deleted after the check was started.")
        # As the report's page: without the articles its reader annotates blind.
        hidden = blind_article_ids(job.created_by)
        states = collection_findings(collection).without_articles(hidden).findings
        open_states = [s for s in states if s.is_open]
        by_severity = Counter(s.finding.severity for s in open_states)
        by_kind = Counter(s.finding.label for s in open_states)
        name = f"consistency-{collection.slug}-{timezone.localdate().isoformat()}.json"
        with TemporaryUploadedFile(name, "application/json", 0, "utf-8") as out:
            out.write(
                json.dumps([s.as_dict() for s in states], ensure_ascii=False, indent=1).encode()
            )
            out.seek(0)
            job.result_name = name
            job.result_file.save(name, out, save=False)
        summary = [f"{len(states):,} findings, {len(open_states):,} open."]
        summary += [f"{label}: {n:,}" for label, n in sorted(by_kind.items())]
        report = {
            "findings": len(states),
            "open": len(open_states),
            "by_severity": dict(by_severity),
            "summary": summary,
            "links": [
                {
                    "label": "Open the report",
                    "url": reverse("claims:collection_findings", args=[collection.slug]),
                }
            ],
        }
        job.succeed(report=report)
        return {"findings": len(states), "open": len(open_states)}


@task()
def agreement_task(job_id: int) -> dict[str, object]:
    """A collection's agreement between annotators (`agreement_report`), as a JSON file."""
    from claims.review.agreement import agreement_report

    with running(job_id, step="Comparing the annotators' figures and claims") as job:
        collection = job.collection
        if collection is None:
            raise ValueError("The collection was deleted after the report was started.")
        report = agreement_report(collection)
        # As the agreement page: the disagreements of the articles its reader annotates
        # blind are left out (they quote the other annotator's work); the measures stay.
        hidden = blind_article_ids(job.created_by)
        report.disagreements = [d for d in report.disagreements if d.article_id not in hidden]
        name = f"agreement-{collection.slug}-{timezone.localdate().isoformat()}.json"
        with TemporaryUploadedFile(name, "application/json", 0, "utf-8") as out:
            out.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=1).encode())
            out.seek(0)
            job.result_name = name
            job.result_file.save(name, out, save=False)
        open_count = sum(1 for d in report.disagreements if not d.curated)
        summary = [
            f"{report.articles:,} articles, {len(report.annotators)} annotators, "
            f"{len(report.pairs)} pairs; {len(report.disagreements):,} disagreements, "
            f"{open_count:,} not curated yet.",
        ]
        summary += [
            f"Krippendorff's alpha, {measure}: {value:.3f}"
            for measure, value in report.alpha.items()
            if value is not None
        ]
        result = {
            "articles": report.articles,
            "disagreements": len(report.disagreements),
            "summary": summary,
            "links": [
                {
                    "label": "Open the agreement page",
                    "url": reverse("claims:agreement", args=[collection.slug]),
                }
            ],
        }
        job.succeed(report=result)
        return {"articles": report.articles, "disagreements": len(report.disagreements)}


def start_export(
    *,
    user: User,
    format: str,
    collection: Collection | None,
    status: str,
    bom: bool,
    base_url: str,
) -> Job:
    """An export job for what the export form asked for (claims/forms_export.py)."""
    params: ExportParams = {
        "format": format,
        "collection": collection.slug if collection else "",
        "status": status,
        "bom": bom,
        "base_url": base_url,
    }
    return Job.objects.start(
        kind=Job.Kind.EXPORT, task=export_task, user=user, collection=collection, params=params
    )


@task()
def attach_document_task(job_id: int) -> dict[str, object]:
    """A long evidence PDF attached in the background (claims/evidence/jobs.py)."""
    from claims.evidence.jobs import run_attach

    with running(job_id, step="Waiting to read the document") as job:
        return run_attach(job)


@task()
def fetch_document_task(job_id: int) -> dict[str, object]:
    """An evidence document fetched from its address and attached (claims/evidence/jobs.py)."""
    from claims.evidence.jobs import run_fetch

    with running(job_id, step="Fetching the document") as job:
        return run_fetch(job)
