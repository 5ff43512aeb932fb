"""The import page: paste an article or upload files (text, HTML, Word, JSONL, CSV).

Editors import (articles.add_article); annotators and reviewers may not. Login is enforced
for every page by LoginRequiredMiddleware; the permission is checked here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from articles import hooks
from articles.forms_import import ORIGINAL_OF, ImportForm
from articles.importers.base import ImportFailure
from articles.importers.store import BytesFile, ImportRefused, import_articles
from articles.models import Article, ArticleRelation, Collection
from articles.tasks import start_import
from articles.views_jobs import job_for_page
from core.http import AuthenticatedHttpRequest
from core.jobs import job_url

IMPORT_PERMISSION = "articles.add_article"


def _check_can_import(request: HttpRequest) -> None:
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied("Only editors can import articles.")


def import_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    _check_can_import(request)
    failures: list[ImportFailure] = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            collection: Collection = data["collection"]
            files = []
            if data["text"].strip():
                defaults = {k: data[k] for k in ("title", "outlet", "url") if data[k]}
                files.append(
                    BytesFile(
                        "pasted text",
                        data["text"].encode("utf-8"),
                        format="text",
                        defaults=defaults,
                    )
                )
            # Uploads larger than FILE_UPLOAD_MAX_MEMORY_SIZE wait on disk until read here.
            files += [
                BytesFile(upload.name or "upload", upload.read()) for upload in data["uploads"]
            ]
            related = data["related_article"]
            if related is not None and (request.POST.get("background") or len(files) != 1):
                form.add_error(
                    "related_article", "Relate one article at a time, imported here and now."
                )
            elif request.POST.get("background"):
                # Issue 8: a worker imports; this page shows the job's progress.
                job = start_import(
                    user=request.user,
                    collection=collection,
                    files=files,
                    skip_bad=data["skip_bad"],
                )
                return redirect(job_url(job, "articles:import"))
            else:
                done = _import_now(request, collection, files, data)
                if isinstance(done, HttpResponse):
                    return done
                failures = done
    else:
        initial: dict[str, Any] = {}
        slug = request.GET.get("collection")
        if slug:
            initial["collection"] = Collection.objects.filter(slug=slug).first()
        # "Import the original beside it" (the workspace's relations panel, issue 18).
        for name in ("relation", "related_article"):
            if request.GET.get(name):
                initial[name] = request.GET[name]
        form = ImportForm(initial=initial)
    context = {"form": form, "failures": failures, "job": job_for_page(request)}
    return render(request, "articles/import.html", context)


def _import_now(
    request: AuthenticatedHttpRequest,
    collection: Collection,
    files: list[BytesFile],
    data: dict[str, Any],
) -> HttpResponse | list[ImportFailure]:
    """Import in this request: a redirect to what was imported, or the failures to show."""
    try:
        report = import_articles(
            collection=collection,
            files=files,
            skip_bad=data["skip_bad"],
            created_by=request.user,
        )
    except ImportRefused as exc:
        return exc.failures
    except ImportFailure as exc:
        return [exc]
    messages.success(
        request,
        ngettext(
            "Imported %(n)d article into %(c)s; %(e)d already there.",
            "Imported %(n)d articles into %(c)s; %(e)d already there.",
            len(report.created),
        )
        % {"n": len(report.created), "c": collection.name, "e": len(report.existing)},
    )
    for failure in report.skipped[:50]:
        messages.warning(request, f"Skipped {failure}")
    if len(report.skipped) > 50:
        messages.warning(request, f"… and {len(report.skipped) - 50} more skipped.")
    imported = [*report.created, *report.existing]
    if data["related_article"] is not None and len(imported) == 1:
        _relate(request, imported[0], data["relation"], data["related_article"])
    if len(report.created) == 1 and not report.existing:
        return redirect(report.created[0])
    return redirect(collection)


def _relate(
    request: AuthenticatedHttpRequest, article: Article, relation: str, other: Article
) -> None:
    """The import page's relation (issue 18): the imported article is a translation of
    (based on, relays) `other`, or its original."""
    derived, original = (other, article) if relation == ORIGINAL_OF else (article, other)
    kind = ArticleRelation.Kind.TRANSLATION_OF if relation == ORIGINAL_OF else relation
    try:
        _, created = ArticleRelation.objects.relate(
            derived=derived, original=original, kind=kind, created_by=request.user
        )
    except ValidationError as exc:
        messages.error(request, "Not related: " + " ".join(exc.messages))
        return
    if created:
        hooks.relations_changed([derived.pk, original.pk])
    messages.success(request, f"“{derived.title}” is related to its original “{original.title}”.")
