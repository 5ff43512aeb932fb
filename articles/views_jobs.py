"""Background jobs: a job's page, its progress fragment (polled by htmx) and its download.

A job is seen only by the user who started it (and superusers); anyone else gets a 404.
"""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from articles.models import Job


def get_job_for_user(request: HttpRequest, pk: int | str | None) -> Job:
    """The job, or 404 for anyone but the user who started it."""
    try:
        number = int(pk or "")
    except ValueError:
        raise Http404("No such job.") from None
    job = get_object_or_404(
        Job.objects.for_user(request.user).select_related("collection"), pk=number
    )
    job.sync_with_task()
    return job


def job_for_page(request: HttpRequest) -> Job | None:
    """The job named by `?job=<id>` on the page that started it, if it is the user's."""
    if "job" not in request.GET:
        return None
    return get_job_for_user(request, request.GET["job"])


@require_GET
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "articles/job.html", {"job": get_job_for_user(request, pk)})


@require_GET
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment; it polls itself until the job is finished."""
    return render(request, "articles/_job.html", {"job": get_job_for_user(request, pk)})


@require_GET
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = get_job_for_user(request, pk)
    if job.status != Job.Status.SUCCEEDED or not job.result_file:
        raise Http404("This job has no file to download.")
    try:
        handle = job.result_file.open("rb")
    except OSError:
        raise Http404("The file of this job is gone.") from None
    name = job.result_name or Path(job.result_file.name).name
    return FileResponse(handle, as_attachment=True, filename=name)
