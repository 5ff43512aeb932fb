"""A claim's evidence: each of its figures beside the document passage or table row that
supports or contradicts it (suggested by claims/evidence/matching.py), and the reviewer's
decision (accept a suggestion, or reject it as not found), stored as Evidence.

Reading needs the claim to be visible (404 for outsiders, as every claim page); deciding is a
review action (claims.review_claim; 403 for annotators). The page reads a fixed number of
queries whatever the number of documents and figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypedDict

from django.contrib import messages
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.models import Job
from claims.evidence.extract import DocumentRefused
from claims.evidence.forms import DocumentUploadForm, EvidenceDecisionForm, VerdictConfirmForm
from claims.evidence.jobs import upload_submit
from claims.evidence.matching import (
    Candidate,
    Match,
    describe_locator,
)
from claims.evidence.suggestions import claim_matches
from claims.evidence.verdict import FigureOutcome, VerdictProposal, propose_verdict
from claims.models import Claim, Evidence, EvidenceDocument
from core.access import (
    get_claim_for_user,
    get_collection_for_user,
    get_document_for_user,
    require,
)
from core.http import AuthenticatedHttpRequest
from core.permissions import REVIEW


@dataclass
class Passage:
    """A document figure in its passage, split around it for highlighting (escaped by the
    template)."""

    candidate: Candidate
    title: str
    where: str
    before: str
    figure: str
    after: str
    href: str


def passage(candidate: Candidate, titles: dict[int, str]) -> Passage:
    quote = candidate.quote
    at = quote.find(candidate.surface)
    if at < 0:
        before, figure, after = quote + " — ", candidate.surface, ""
    else:
        before, figure, after = (
            quote[:at],
            candidate.surface,
            quote[at + len(candidate.surface) :],
        )
    return Passage(
        candidate,
        titles.get(candidate.document_id, f"Document {candidate.document_id}"),
        describe_locator(candidate.locator),
        before,
        figure,
        after,
        document_href(candidate.document_id, candidate.locator),
    )


def document_href(document_id: int, locator: Mapping[str, object]) -> str:
    """The document page, opened at the figure's line (running text) or page (a table)."""
    url = reverse("claims:evidence_document", args=[document_id])
    if "line" in locator:
        return f"{url}#p{locator.get('page', 1)}-l{locator['line']}"
    return f"{url}#page-{locator['page']}" if "page" in locator else url


@require_GET
def evidence_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The document's extracted text, page by page and line by line (anchors p2-l4)."""
    document = get_document_for_user(request, pk)
    pages = [
        (number, list(enumerate(text.split("\n"), start=1)))
        for number, text in enumerate(document.text.split("\f"), start=1)
    ]
    return render(request, "evidence/document.html", {"document": document, "pages": pages})


@require_GET
def evidence_document_file(request: HttpRequest, pk: int) -> FileResponse:
    """The document as it was attached, to the same readers as its text."""
    document = get_document_for_user(request, pk)
    if not document.file:
        raise Http404("This document has no stored file.")
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1]
    )


class EvidenceRow(TypedDict):
    """One figure of a claim on its evidence page (`claim_rows`)."""

    match: Match
    best: Passage | None
    others: list[Passage]
    decision: Evidence | None


def claim_rows(claim: Claim) -> tuple[list[EvidenceRow], int]:
    """Each figure of `claim` with its suggested evidence, other candidates and the reviewer's
    decision; and the number of the collection's documents. A fixed number of queries."""
    collection = claim.article.collection
    matches: list[Match] = claim_matches(claim)
    titles = dict(EvidenceDocument.objects.filter(collection=collection).values_list("pk", "title"))
    decisions = {
        e.figure_id: e
        for e in Evidence.objects.filter(claim=claim).select_related(
            "document_figure__document", "decided_by"
        )
    }
    rows: list[EvidenceRow] = []
    for match in matches:
        rows.append(
            {
                "match": match,
                "best": passage(match.best, titles) if match.best else None,
                "others": [
                    passage(c, titles)
                    for _, c in match.ranked
                    if match.best is None or c.pk != match.best.pk
                ][:3],
                "decision": decisions.get(match.figure.figure_id),
            }
        )
    return rows, len(titles)


def row_outcome(row: EvidenceRow) -> FigureOutcome:
    """What a row says about its figure: the reviewer's decision, else the suggestion."""
    match, decision = row["match"], row["decision"]
    if decision is not None:
        found = decision.document_figure
        return FigureOutcome(
            match.figure.surface,
            decision.outcome,
            found.surface if found else "",
            f"{found.document.title} (document {found.document_id}), "
            f"{describe_locator(found.locator)}"
            if found
            else "",
            decided=True,
        )
    best = row["best"]
    return FigureOutcome(
        match.figure.surface,
        match.outcome,
        best.figure if best else "",
        f"{best.title} (document {best.candidate.document_id}), {best.where}" if best else "",
    )


def claim_proposal(rows: list[EvidenceRow]) -> VerdictProposal | None:
    return propose_verdict([row_outcome(row) for row in rows])


@require_GET
def claim_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim_for_user(request, pk)
    require(request, "claims.view_claim")
    rows, documents = claim_rows(claim)
    return render(
        request,
        "evidence/claim.html",
        {
            "claim": claim,
            "article": claim.article,
            "rows": rows,
            "documents": documents,
            "proposal": claim_proposal(rows),
            "can_decide": request.user.has_perm(REVIEW),
            "decide_url": reverse("claims:claim_evidence_decide", args=[claim.pk]),
            "verdict_url": reverse("claims:claim_evidence_verdict", args=[claim.pk]),
        },
    )


@require_POST
def claim_evidence_verdict(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A reviewer confirms the verdict the evidence proposes; refused if the evidence changed
    since the page showed it (the proposal is computed again here)."""
    claim = get_claim_for_user(request, pk)
    require(request, REVIEW)
    form = VerdictConfirmForm(request.POST)
    proposal = claim_proposal(claim_rows(claim)[0])
    if not form.is_valid():
        messages.error(request, f"Not saved: {form.errors.as_text()}")
    elif proposal is None:
        messages.error(request, "Not saved: this claim has no figures to propose a verdict from.")
    elif form.cleaned_data["verdict"] != proposal.verdict:
        messages.error(
            request,
            "Not saved: the evidence changed since the page was shown; it now proposes "
            f"{proposal.label}. Look again and confirm.",
        )
    else:
        claim.confirm_verdict(
            verdict=proposal.verdict,
            by=request.user,
            reason=f"verdict {proposal.label} confirmed from evidence",
        )
        messages.success(request, f"Verdict set to {proposal.verdict_label} ({proposal.label}).")
    return redirect("claims:claim_evidence", pk=claim.pk)


@require_POST
def claim_evidence_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    claim = get_claim_for_user(request, pk)
    require(request, REVIEW)
    form = EvidenceDecisionForm(request.POST, claim=claim)
    if not form.is_valid():
        errors = "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in form.errors.items())
        messages.error(request, f"Not saved: {errors}")
        return redirect("claims:claim_evidence", pk=claim.pk)
    data = form.cleaned_data
    Evidence.decide(
        claim=claim,
        figure=data["figure"],
        document_figure=data["document_figure"],
        outcome=data["outcome"],
        reason=data["reason"],
        by=request.user,
    )
    label = Evidence.Outcome(data["outcome"]).label.lower()
    messages.success(request, f"Figure {data['figure'].surface} marked {label}.")
    return redirect("claims:claim_evidence", pk=claim.pk)


UPLOAD = "claims.add_evidencedocument"


@require_http_methods(["GET", "POST"])
def collection_evidence(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """A collection's evidence documents, and (for those who may add one: editors) a form to
    upload another. A refused file is named with its problem and nothing of it is stored."""
    collection = get_collection_for_user(request, slug)
    form = DocumentUploadForm()
    status = 200
    if request.method == "POST":
        require(request, UPLOAD)
        form = DocumentUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                stored = upload_submit(
                    collection=collection,
                    upload=form.cleaned_data["file"],
                    user=request.user,
                    title=form.cleaned_data["title"],
                    source_url=form.cleaned_data["source_url"],
                )
            except DocumentRefused as exc:
                form.add_error("file", str(exc))
            else:
                if isinstance(stored, Job):
                    messages.success(request, f"Queued as job {stored.pk}: a long PDF.")
                    return redirect(stored.get_absolute_url())
                messages.success(
                    request,
                    f"Attached {stored.title} (document {stored.pk}): {stored.pages} page(s).",
                )
                return redirect("claims:collection_evidence", slug=collection.slug)
        status = 400
    documents = (
        EvidenceDocument.objects.filter(collection=collection)
        .annotate(figure_count=Count("figures"))
        .order_by("-pk")
    )
    return render(
        request,
        "evidence/collection.html",
        {
            "collection": collection,
            "documents": documents,
            "form": form,
            "can_upload": request.user.has_perm(UPLOAD),
        },
        status=status,
    )
