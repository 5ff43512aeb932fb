"""core/jobs.py: what every background task shares."""

from __future__ import annotations

from typing import Any

import pytest

from articles.models import Job
from core.jobs import job_url, running


def _job(user: Any) -> Job:
    return Job.objects.create(kind=Job.Kind.EXPORT, created_by=user)


def test_running_marks_the_job_running_with_its_step(alice: Any) -> None:
    job = _job(alice)
    with running(job.pk, total=10, step="Counting claims") as current:
        assert current.pk == job.pk
        job.refresh_from_db()
        assert (job.status, job.total, job.step) == (Job.Status.RUNNING, 10, "Counting claims")
        assert job.started_at is not None


def test_a_failure_inside_marks_the_job_failed_with_the_error_and_goes_on_up(
    alice: Any,
) -> None:
    job = _job(alice)
    with pytest.raises(ValueError, match="no such format"), running(job.pk):
        raise ValueError("no such format")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == "ValueError: no such format"
    assert job.finished_at is not None


def test_job_url_is_the_starting_page_naming_the_job(alice: Any) -> None:
    job = _job(alice)
    assert job_url(job, "articles:import") == f"/import/?job={job.pk}"
    assert job_url(job, "claims:export") == f"/export/?job={job.pk}"
