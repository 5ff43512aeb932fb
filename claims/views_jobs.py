"""Collection-wide reports as background jobs (issue 8): consistency and agreement.

Both read every figure and claim of a collection, which for a large one takes longer than a
page should; the job writes the whole report to a JSON file and sums it up, and the job's
page shows its progress, then the summary, the download and a link to the report's page.
Anyone who may read articles may start one (404 for outsiders, as for the reports).
"""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from articles.models import Job
from claims.alignments.tasks import realign_task
from claims.tasks import agreement_task, consistency_task
from core.access import get_collection_for_user
from core.http import AuthenticatedHttpRequest

COLLECTION_JOBS = {
    "consistency": (Job.Kind.CONSISTENCY, consistency_task),
    "agreement": (Job.Kind.AGREEMENT, agreement_task),
    # Issue 18: the collection's translations aligned again with their originals.
    "realign": (Job.Kind.REALIGN, realign_task),
}


@require_POST
def collection_job(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    collection = get_collection_for_user(request, slug)
    name = request.POST.get("kind", "")
    if name not in COLLECTION_JOBS:
        return HttpResponseBadRequest("Choose kind=consistency, kind=agreement or kind=realign.")
    kind, task = COLLECTION_JOBS[name]
    job = Job.objects.start(
        kind=kind,
        task=task,
        user=request.user,
        collection=collection,
        params={"report": name, "collection": collection.slug},
    )
    if request.htmx:
        return render(request, "articles/_job.html", {"job": job})
    return redirect(job)
