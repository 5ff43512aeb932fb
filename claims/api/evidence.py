"""Evidence (issue 19): a collection's documents, an address fetched into one by a background
job, a claim's figures with their suggested evidence, and a reviewer's decision on one of them
(through the same form as the evidence page, claims/evidence/forms.py)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja import File, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import Field

from articles.models import Collection, Job
from claims import blind
from claims.api.common import Page as PageOf
from claims.api.common import check_form, get_or_404, page, require, responses, user_of
from claims.api.schemas import Id, Page, PageIn
from claims.evidence.extract import DocumentRefused
from claims.evidence.forms import DocumentUploadForm, EvidenceDecisionForm
from claims.evidence.jobs import fetch_start, upload_submit
from claims.evidence.records import EvidenceRecord, claim_records
from claims.models import Claim, Evidence, EvidenceDocument
from core.permissions import REVIEW

router = Router(tags=["evidence"])

Slug = Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=100)


class DocumentOut(Schema):
    id: int
    collection: str
    title: str
    kind: str
    source_url: str
    sha256: str
    size: int
    language: str
    pages: int
    status: str
    figures: int
    created_at: datetime

    @staticmethod
    def resolve_collection(obj: EvidenceDocument) -> str:
        return obj.collection.slug

    @staticmethod
    def resolve_figures(obj: EvidenceDocument) -> int:
        return int(getattr(obj, "figure_count", 0))


class DocumentPage(Page):
    items: list[DocumentOut]


class DocumentFilters(PageIn):
    collection: str | None = Field(None, pattern=r"^[-a-zA-Z0-9_]+$", max_length=100)


class FetchIn(Schema):
    collection: str = Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=100)
    url: str = Field(max_length=2000, description="An http:// or https:// address.")
    claim: Id | None = Field(None, description="Attach the document to this claim too.")
    title: str = Field("", max_length=500)


class JobOut(Schema):
    id: int
    status: str
    step: str
    done: int
    total: int | None
    error: str
    report: dict[str, object]
    url: str

    @staticmethod
    def resolve_url(obj: Job) -> str:
        return obj.get_absolute_url()


class DecisionIn(Schema):
    figure: Id
    document_figure: Id | None = None
    outcome: str = Field(description="supported, contradicted or not_found.")
    reason: str = Field("", max_length=2000)


class DecisionOut(Schema):
    claim: int
    figure: int
    document_figure: int | None
    outcome: str
    reason: str
    decided_by: str | None
    decided_at: datetime

    @staticmethod
    def resolve_claim(obj: Evidence) -> int:
        return obj.claim_id

    @staticmethod
    def resolve_figure(obj: Evidence) -> int:
        return obj.figure_id

    @staticmethod
    def resolve_document_figure(obj: Evidence) -> int | None:
        return obj.document_figure_id

    @staticmethod
    def resolve_decided_by(obj: Evidence) -> str | None:
        return obj.decided_by.username if obj.decided_by else None


def _documents() -> QuerySet[EvidenceDocument]:
    from django.db.models import Count

    return (
        EvidenceDocument.objects.select_related("collection")
        .annotate(figure_count=Count("figures"))
        .order_by("pk")
    )


@router.get("/evidence/documents", response=responses(200, DocumentPage))
def list_documents(
    request: HttpRequest, params: Query[DocumentFilters]
) -> PageOf[EvidenceDocument]:
    """The evidence documents, optionally of one collection (by slug)."""
    require(request, "claims.view_evidencedocument")
    documents = _documents()
    if params.collection:
        documents = documents.filter(collection__slug=params.collection)
    return page(documents, params)


@router.get("/evidence/documents/{document_id}", response=responses(200, DocumentOut, 404))
def get_document(request: HttpRequest, document_id: Id) -> EvidenceDocument:
    require(request, "claims.view_evidencedocument")
    return get_or_404(_documents(), document_id)


@router.post("/evidence/documents", response={**responses(201, DocumentOut, 400, 404), 202: JobOut})
def upload_document(
    request: HttpRequest,
    collection: Form[str],
    file: File[UploadedFile],
    title: Form[str] = "",
    source_url: Form[str] = "",
) -> Status[EvidenceDocument] | Status[Job]:
    """Upload an evidence document (multipart: `file`, `collection` slug, optional `title` and
    `source_url`): PDF, XLSX, CSV, HTML, DOCX or plain text, extracted as `attach_document`
    does (201 with the document), or queued as a job for a long PDF (202). A file that cannot
    be read is refused (400; 422 for one too large or of an unknown kind, from the form)
    naming it and its problem, with nothing stored."""
    user = require(request, "claims.add_evidencedocument")
    found = Collection.objects.filter(slug=collection).first()
    if found is None:
        raise HttpError(404, f"There is no collection with slug {collection!r}.")
    form = DocumentUploadForm(
        data={"title": title, "source_url": source_url}, files=MultiValueDict({"file": [file]})
    )
    check_form(form)
    try:
        stored = upload_submit(
            collection=found,
            upload=form.cleaned_data["file"],
            user=user,
            title=form.cleaned_data["title"],
            source_url=form.cleaned_data["source_url"],
        )
    except DocumentRefused as exc:
        raise HttpError(400, str(exc)) from None
    if isinstance(stored, Job):
        stored.refresh_from_db()
        return Status(202, stored)
    return Status(201, get_or_404(_documents(), stored.pk))


@router.post("/evidence/fetch", response=responses(202, JobOut, 400, 404))
def fetch_document(request: HttpRequest, payload: FetchIn) -> Status[Job]:
    """Fetch an address into an evidence document of the collection, as a background job
    (trafilatura); the job's `error` says why when the server cannot reach the address."""
    user = require(request, "claims.add_evidencedocument")
    collection = Collection.objects.filter(slug=payload.collection).first()
    if collection is None:
        raise HttpError(404, f"There is no collection with slug {payload.collection!r}.")
    claim = None
    if payload.claim is not None:
        claim = Claim.objects.filter(pk=payload.claim, article__collection=collection).first()
        if claim is None:
            raise HttpError(404, f"There is no claim {payload.claim} in {collection.slug!r}.")
    try:
        job = fetch_start(
            collection=collection, url=payload.url, user=user, claim=claim, title=payload.title
        )
    except DocumentRefused as exc:
        raise HttpError(400, str(exc)) from None
    job.refresh_from_db()
    return Status(202, job)


def _claim(request: HttpRequest, claim_id: int, *perms: str) -> Claim:
    user = require(request, "claims.view_claim", *perms)
    claims = blind.visible_claims(Claim.objects.select_related("article__collection"), user)
    return get_or_404(claims, claim_id)


@router.get("/claims/{claim_id}/evidence", response=responses(200, list[dict[str, object]], 404))
def list_claim_evidence(request: HttpRequest, claim_id: Id) -> list[EvidenceRecord]:
    """Each figure of the claim with its suggested outcome and best evidence, and the
    reviewer's decision (the records of `check_evidence --json`, docs/data-format.md)."""
    return claim_records(_claim(request, claim_id))


@router.post("/claims/{claim_id}/evidence", response=responses(200, DecisionOut, 400, 404))
def decide_claim_evidence(request: HttpRequest, claim_id: Id, payload: DecisionIn) -> Evidence:
    """A reviewer's decision on one figure of the claim: accept the suggestion (supported or
    contradicted, naming the document figure) or reject it (not_found). Replaces an earlier
    decision; the history keeps it."""
    claim = _claim(request, claim_id, REVIEW)
    form = EvidenceDecisionForm(data=payload.model_dump(), claim=claim)
    check_form(form)
    data = form.cleaned_data
    evidence = Evidence.decide(
        claim=claim,
        figure=data["figure"],
        document_figure=data["document_figure"],
        outcome=data["outcome"],
        reason=data["reason"],
        by=user_of(request),
    )
    return Evidence.objects.select_related("decided_by").get(pk=evidence.pk)
