"""Background jobs: the plumbing every task shares.

A page or command starts long work as a `Job` row (articles/models.py: `Job.objects.start`
queues the task, `job.progress`, `succeed` and `fail` note how it goes) and a task that
takes the job's id. Each task is a thin wrapper around the function the page would call
directly (articles/tasks.py: the bulk import; claims/tasks.py: exports, consistency and
agreement reports); here is what they all use: `running`, which notes the job's start and
any failure, and `job_url`, the page that polls its progress.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.urls import reverse

from articles.models import Job

logger = logging.getLogger(__name__)


@contextmanager
def running(job_id: int, *, total: int | None = None, step: str = "") -> Iterator[Job]:
    """The job, marked running; an exception marks it failed with the error, then goes on up
    (so the task backend records the failure too)."""
    job = Job.objects.select_related("collection", "created_by").get(pk=job_id)
    job.begin(total=total, step=step)
    try:
        yield job
    except Exception as exc:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        job.fail(f"{type(exc).__name__}: {exc}")
        raise


def job_url(job: Job, page: str) -> str:
    """The page (a URL name) that started a job, showing its progress (`?job=<id>`)."""
    return f"{reverse(page)}?job={job.pk}"
