"""Evidence documents attached in the background: a large PDF (more pages than
`CLAIMDESK_EVIDENCE_BACKGROUND_PAGES`) and any web address, fetched with trafilatura.

`document_submit` attaches a small file at once and queues a large one as a `Job` (its bytes
kept in the default storage until the job has read them); `fetch_start` queues the fetch of an
address. The tasks (claims/tasks.py) call `run_attach` and `run_fetch`, which note their steps
on the job and end in `document_attach` (claims/evidence/store.py): a document is stored whole,
with its figures and the collection's matches refreshed, or the job fails naming the problem
and nothing is stored.
"""

from __future__ import annotations

import io
import uuid
from configparser import ConfigParser
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from articles.models import Collection, Job
from claims.evidence.extract import KINDS_BY_SUFFIX, DocumentRefused
from claims.evidence.store import document_attach
from claims.models import Claim, EvidenceDocument

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile


def pdf_pages(data: bytes) -> int:
    """The page count of a PDF, 0 if it cannot be read (extraction then says why)."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return len(pdf.pages)
    except Exception:
        return 0


def needs_background(data: bytes, name: str) -> int:
    """The page count of a PDF too long to read during a request; 0 otherwise."""
    if Path(name).suffix.lower() != ".pdf":
        return 0
    pages = pdf_pages(data)
    return pages if pages > settings.CLAIMDESK_EVIDENCE_BACKGROUND_PAGES else 0


def _params(claim: Claim | None, title: str, source_url: str) -> dict[str, object]:
    return {"claim": claim.pk if claim else None, "title": title, "source_url": source_url}


def document_submit(
    *,
    collection: Collection,
    data: bytes,
    name: str,
    user: User,
    claim: Claim | None = None,
    title: str = "",
    source_url: str = "",
) -> EvidenceDocument | Job:
    """Attach the document now (the stored document), or, for a long PDF, queue a job that
    does (the job). Raises DocumentRefused for a file refused now."""
    pages = needs_background(data, name)
    if not pages:
        return document_attach(
            collection=collection,
            data=data,
            name=name,
            added_by=user,
            claim=claim,
            title=title,
            source_url=source_url,
        )[0]
    from claims.tasks import attach_document_task

    kept = default_storage.save(
        f"jobs/evidence/{uuid.uuid4().hex}/{Path(name).name}", ContentFile(data)
    )
    return Job.objects.start(
        kind=Job.Kind.EVIDENCE,
        task=attach_document_task,
        user=user,
        collection=collection,
        params={**_params(claim, title, source_url), "upload": kept, "name": name, "pages": pages},
    )


def check_address(url: str) -> str:
    """The address, stripped; DocumentRefused unless it is an http(s) address with a host."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DocumentRefused(url or "(no address)", "not an http:// or https:// address.")
    return url


def fetch_start(
    *, collection: Collection, url: str, user: User, claim: Claim | None = None, title: str = ""
) -> Job:
    """Queue the fetch of `url` as a job; DocumentRefused for an address that is not one."""
    from claims.tasks import fetch_document_task

    url = check_address(url)
    return Job.objects.start(
        kind=Job.Kind.EVIDENCE,
        task=fetch_document_task,
        user=user,
        collection=collection,
        params={**_params(claim, title, url), "url": url},
    )


def _claim(job: Job) -> Claim | None:
    pk = job.params.get("claim")
    return None if pk is None else Claim.objects.select_related("article").get(pk=pk)


def _attach(job: Job, data: bytes, name: str) -> dict[str, object]:
    collection = job.collection
    if collection is None:
        raise ValueError("The collection was deleted after the job was started.")
    pages = job.params.get("pages")
    reading = f"Reading {name}" + (f" ({pages:,} pages)" if pages else "")
    job.progress(1, total=3, step=reading + " and finding its figures", force=True)
    document, created = document_attach(
        collection=collection,
        data=data,
        name=name,
        added_by=job.created_by,
        claim=_claim(job),
        title=job.params.get("title", ""),
        source_url=job.params.get("source_url", ""),
    )
    figures = document.figures.count()
    report = {
        "document": document.pk,
        "created": created,
        "pages": document.pages,
        "figures": figures,
        "summary": [
            f"Document {document.pk}, {document.title}: {document.pages:,} page(s), "
            f"{figures:,} figure(s) found" + ("" if created else " (already attached)") + "."
        ],
    }
    job.succeed(report=report, step="Attached and matched")
    return report


def run_attach(job: Job) -> dict[str, object]:
    """The job of `document_submit`: attach the kept upload, then remove it."""
    kept = job.params["upload"]
    try:
        with default_storage.open(kept, "rb") as handle:
            data = handle.read()
        return _attach(job, data, job.params["name"])
    finally:
        default_storage.delete(kept)


def _fetch_config() -> ConfigParser:
    from trafilatura.settings import use_config

    config = use_config()
    config["DEFAULT"]["DOWNLOAD_TIMEOUT"] = str(settings.CLAIMDESK_EVIDENCE_FETCH_TIMEOUT)
    config["DEFAULT"]["MAX_FILE_SIZE"] = str(settings.CLAIMDESK_MAX_EVIDENCE_BYTES)
    config["DEFAULT"]["SSRF_PROTECTION"] = (
        "off" if settings.CLAIMDESK_EVIDENCE_FETCH_PRIVATE else "on"
    )
    return config


def fetched_name(url: str, content_type: str) -> str:
    """A file name whose suffix says how to read what `url` answered."""
    path = PurePosixPath(urlsplit(url).path)
    stem = path.stem or urlsplit(url).hostname or "page"
    if "pdf" in content_type:
        return f"{stem}.pdf"
    if path.suffix.lower() in KINDS_BY_SUFFIX and "html" not in content_type:
        return f"{stem}{path.suffix.lower()}"
    if "html" in content_type or not content_type:
        return f"{stem}.html"
    if content_type.startswith("text/"):
        return f"{stem}.csv" if "csv" in content_type else f"{stem}.txt"
    return path.name or f"{stem}.html"


def fetch(url: str) -> tuple[bytes, str]:
    """The bytes at `url` and a name to read them by; DocumentRefused, naming the address,
    when the server cannot reach it or it does not answer with a document."""
    from trafilatura.downloads import fetch_response

    response = fetch_response(url, decode=False, config=_fetch_config())
    if response is None:
        private = (
            ""
            if settings.CLAIMDESK_EVIDENCE_FETCH_PRIVATE
            else (" (addresses on private or local networks are refused)")
        )
        raise DocumentRefused(
            url,
            "could not be fetched: the server cannot reach it, or it did not answer in "
            f"{settings.CLAIMDESK_EVIDENCE_FETCH_TIMEOUT} s{private}.",
        )
    if response.status != 200:
        raise DocumentRefused(url, f"could not be fetched: the server answered {response.status}.")
    headers = response.headers or {}
    content_type = str(headers.get("content-type", headers.get("Content-Type", ""))).lower()
    return bytes(response.data or b""), fetched_name(url, content_type)


def run_fetch(job: Job) -> dict[str, object]:
    """The job of `fetch_start`: fetch the address, then attach what it answered."""
    url = job.params["url"]
    job.progress(0, total=3, step=f"Fetching {url}", force=True)
    data, name = fetch(url)
    return _attach(job, data, name)


def upload_submit(
    *,
    collection: Collection,
    upload: UploadedFile,
    user: User,
    title: str = "",
    source_url: str = "",
) -> EvidenceDocument | Job:
    """An uploaded file (cleaned by DocumentUploadForm) attached now or queued, as
    `document_submit`; raises DocumentRefused, naming the file, with nothing stored."""
    return document_submit(
        collection=collection,
        data=upload.read(),
        name=Path(upload.name or "").name,
        user=user,
        title=title,
        source_url=source_url,
    )
