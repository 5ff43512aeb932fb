"""The export page: choose a format and filters, download the dataset as it is written.

The download streams (StreamingHttpResponse over the export's chunks): the server holds one
batch of claims at a time whatever the size of the collection. Anyone who may view claims
may export them; login is enforced by LoginRequiredMiddleware.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles.views_jobs import job_for_page
from claims.blind import without_blind_articles
from claims.exports import FORMATS, export_bytes, export_claims
from claims.forms_export import ExportForm
from claims.tasks import start_export
from core.access import require_reader
from core.http import AuthenticatedHttpRequest
from core.jobs import job_url

EXPORT_PERMISSION = "claims.view_claim"


def _check_can_export(request: AuthenticatedHttpRequest) -> None:
    require_reader(request)  # 404 for outsiders, as every page
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied("You cannot view claims, so you cannot export them.")


def export_page(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    _check_can_export(request)
    if "format" not in request.GET:
        # `?job=<id>`: the page shows the progress of an export started from it (issue 8).
        # `?collection=<slug>` (the collection page's Export link) preselects the collection.
        initial = {"collection": request.GET.get("collection", "")}
        context = {"form": ExportForm(initial=initial), "job": job_for_page(request)}
        return render(request, "claims/export.html", context)
    form = ExportForm(request.GET)
    if not form.is_valid():
        return render(request, "claims/export.html", {"form": form}, status=400)
    if request.GET.get("background"):
        # Without JavaScript the background button asks first, with a POST form (issue 8).
        return render(request, "claims/export.html", {"form": form, "confirm_job": True})
    data = form.cleaned_data
    collection = data["collection"]
    status = data["status"] or None
    fmt = FORMATS[data["format"]]
    label = f"Claimdesk: {collection.name}" if collection else "Claimdesk: all collections"
    chunks = export_bytes(
        fmt.name,
        without_blind_articles(export_claims(collection=collection, status=status), request.user),
        base_url=request.build_absolute_uri("/").rstrip("/"),
        bom=data["bom"],
        label=label,
    )
    response = StreamingHttpResponse(chunks, content_type=fmt.content_type)
    name = "-".join(
        [
            "claimdesk",
            collection.slug if collection else "all",
            *([status] if status else []),
            timezone.localdate().isoformat(),
        ]
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt.extension}"'
    return response


# --- Background export (issue 8) ------------------------------------------------------------


@require_POST
def export_job(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    """Write the export to a file in the background; the page shows its progress and then
    a download link (htmx gets the progress fragment, a plain POST is redirected)."""
    _check_can_export(request)
    form = ExportForm(request.POST)
    if not form.is_valid():
        return render(request, "claims/export.html", {"form": form}, status=400)
    data = form.cleaned_data
    job = start_export(
        user=request.user,
        format=data["format"],
        collection=data.get("collection"),
        status=data.get("status") or "",
        bom=bool(data.get("bom")),
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    if request.htmx:
        return render(request, "articles/_job.html", {"job": job})
    return redirect(job_url(job, "claims:export"))
