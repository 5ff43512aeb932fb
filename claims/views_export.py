"""The export page: choose a format and filters, download the dataset as it is written.

The download streams (StreamingHttpResponse over the export's chunks): the server holds one
batch of claims at a time whatever the size of the collection. Anyone who may view claims
may export them; login is enforced by LoginRequiredMiddleware.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from claims.exports import FORMATS, export, export_claims
from claims.forms_export import ExportForm

EXPORT_PERMISSION = "claims.view_claim"


def _check_can_export(request: HttpRequest) -> None:
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied("You cannot view claims, so you cannot export them.")


def export_page(request: HttpRequest) -> HttpResponseBase:
    _check_can_export(request)
    if "format" not in request.GET:
        return render(request, "claims/export.html", {"form": ExportForm()})
    form = ExportForm(request.GET)
    if not form.is_valid():
        return render(request, "claims/export.html", {"form": form}, status=400)
    data = form.cleaned_data
    collection = data["collection"]
    status = data["status"] or None
    fmt = FORMATS[data["format"]]
    label = f"Claimdesk: {collection.name}" if collection else "Claimdesk: all collections"
    chunks = export(
        fmt.name,
        export_claims(collection=collection, status=status),
        base_url=request.build_absolute_uri("/").rstrip("/"),
        bom=data["bom"],
        label=label,
    )
    response = StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in chunks), content_type=fmt.content_type
    )
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
