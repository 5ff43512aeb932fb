"""Background export and consistency jobs (issue 8), with the immediate backend (the default:
`make run` needs no worker) and with the database backend and its worker (production)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from articles.models import Collection, Job
from claims.models import Claim
from claims.tasks import counting, export_task
from claims.tests.export_data import annotated_article

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _download(client: Client, job: Job) -> str:
    response = client.get(f"/jobs/{job.pk}/download/")
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")  # type: ignore[attr-defined]


def test_the_export_page_starts_a_background_export_with_htmx(
    client: Client, bob: User, collection: Collection
) -> None:
    annotated_article(collection)
    claims = Claim.objects.filter(article__collection=collection).count()
    client.force_login(bob)
    page = client.get("/export/").content.decode()
    assert 'hx-post="/export/jobs/"' in page and 'hx-target="#job-slot"' in page
    response = client.post(
        "/export/jobs/",
        {"format": "jsonl", "collection": "desk", "status": "", "background": "1"},
        headers={"HX-Request": "true"},
    )
    job = Job.objects.get()
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="job-{job.pk}"' in html and "hx-trigger" not in html  # already done
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert (job.done, job.total) == (claims, claims)
    assert job.result_name.startswith("claimdesk-desk-") and job.result_name.endswith(".jsonl")
    assert f'href="/jobs/{job.pk}/download/"' in html
    records = [json.loads(line) for line in _download(client, job).splitlines()]
    assert [r["type"] for r in records].count("claim") == claims
    # The file is the same as the streamed download of the same export.
    streamed = client.get("/export/", {"format": "jsonl", "collection": "desk"})
    body = b"".join(streamed.streaming_content)  # type: ignore[attr-defined]
    assert body.decode() == _download(client, job)


def test_without_javascript_the_export_is_confirmed_then_shown_on_the_export_page(
    client: Client, bob: User, collection: Collection
) -> None:
    annotated_article(collection)
    client.force_login(bob)
    confirm = client.get("/export/", {"format": "csv", "collection": "desk", "background": "1"})
    html = confirm.content.decode()
    assert confirm.status_code == 200 and 'action="/export/jobs/"' in html
    assert (
        'name="csrfmiddlewaretoken"' in html and 'type="hidden" name="format" value="csv"' in html
    )
    response = client.post("/export/jobs/", {"format": "csv", "collection": "desk"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/export/?job={job.pk}"
    page = client.get(response["Location"]).content.decode()
    assert f"Download {job.result_name}" in page
    assert _download(client, job).startswith("article_id,article_title,")


def test_outsiders_may_not_start_an_export(client: Client, mallory: User) -> None:
    client.force_login(mallory)
    # 404, as every page answers an outsider (a reader without view_claim gets 403).
    assert client.post("/export/jobs/", {"format": "jsonl"}).status_code == 404
    assert not Job.objects.exists()


def test_a_failing_export_job_shows_its_error(
    client: Client, bob: User, collection: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    annotated_article(collection)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("No space left on device")

    monkeypatch.setattr("claims.tasks.export_bytes", broken)
    client.force_login(bob)
    response = client.post("/export/jobs/", {"format": "jsonl"}, headers={"HX-Request": "true"})
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert job.error == "OSError: No space left on device"
    assert "No space left on device" in response.content.decode()


def test_counting_sees_every_row_the_export_streams(collection: Collection) -> None:
    annotated_article(collection)
    seen: list[int] = []
    counted = counting(Claim.objects.all(), seen.append)
    rows = list(counted.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=1))
    assert rows == list(Claim.objects.order_by("pk").values_list("pk", flat=True))
    assert seen == []  # fewer rows than PROGRESS_EVERY: nothing to report yet


def test_the_collection_page_starts_a_consistency_report(
    client: Client, carol: User, collection: Collection
) -> None:
    annotated_article(collection)
    client.force_login(carol)
    page = client.get("/collections/desk/").content.decode()
    assert 'action="/collections/desk/jobs/"' in page and 'value="consistency"' in page
    response = client.post("/collections/desk/jobs/", {"kind": "consistency"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.kind == Job.Kind.CONSISTENCY and job.status == Job.Status.SUCCEEDED, job.error
    findings = json.loads(_download(client, job))
    assert job.report["findings"] == len(findings)
    html = client.get(response["Location"]).content.decode()
    assert 'href="/collections/desk/consistency/"' in html


def test_the_collection_page_starts_an_agreement_report(
    client: Client, bob: User, carol: User, dave: User, collection: Collection
) -> None:
    article = annotated_article(collection)
    # Two annotators' claims on the same sentence: a pair to compare.
    first = Claim.objects.filter(article=article).order_by("pk").first()
    assert first is not None
    for who in (carol, dave):
        Claim.objects.create(
            article=article,
            start=first.start,
            end=first.end,
            quote=first.quote,
            created_by=who,
            status=Claim.Status.SUBMITTED,
        )
    client.force_login(bob)
    response = client.post(
        "/collections/desk/jobs/", {"kind": "agreement"}, headers={"HX-Request": "true"}
    )
    job = Job.objects.get()
    assert response.status_code == 200 and f'id="job-{job.pk}"' in response.content.decode()
    assert job.kind == Job.Kind.AGREEMENT and job.status == Job.Status.SUCCEEDED, job.error
    report = json.loads(_download(client, job))
    assert sorted(report["annotators"]) == ["carol", "dave"]
    assert job.report["articles"] == report["articles"] == 1
    html = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'href="/collections/desk/agreement/"' in html


def test_collection_jobs_are_for_readers_and_known_kinds(
    client: Client, mallory: User, carol: User, collection: Collection
) -> None:
    client.force_login(mallory)
    assert client.post("/collections/desk/jobs/", {"kind": "consistency"}).status_code == 404
    client.force_login(carol)
    assert client.post("/collections/desk/jobs/", {"kind": "dump"}).status_code == 400
    assert not Job.objects.exists()


def test_with_the_database_backend_a_job_waits_for_the_worker(
    client: Client, transactional_db: None, bob: User, collection: Collection, settings: Any
) -> None:
    settings.TASKS = DATABASE_TASKS
    annotated_article(collection)
    client.force_login(bob)
    client.post("/export/jobs/", {"format": "jsonl"}, headers={"HX-Request": "true"})
    job = Job.objects.get()
    assert job.status == Job.Status.QUEUED and job.task_id
    html = client.get(f"/jobs/{job.pk}/progress/").content.decode()
    assert "Waiting for a worker" in html and 'hx-trigger="every 1s"' in html

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert "hx-trigger" not in client.get(f"/jobs/{job.pk}/progress/").content.decode()
    assert _download(client, job).count('"type":"claim"') == job.total


def test_a_job_whose_task_failed_without_a_word_shows_the_task_error(
    client: Client, transactional_db: None, bob: User, settings: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    job = Job.objects.start(kind=Job.Kind.EXPORT, task=export_task, user=bob)
    # A worker killed the job before it could run it: the task result says so, the job not.
    DBTaskResult.objects.filter(pk=job.task_id).update(
        status="FAILED",
        exception_class_path="builtins.MemoryError",
        traceback="Traceback (most recent call last):\nMemoryError: out of memory",
    )
    client.force_login(bob)
    html = client.get(f"/jobs/{job.pk}/progress/").content.decode()
    assert "MemoryError: out of memory" in html
    assert Job.objects.get(pk=job.pk).status == Job.Status.FAILED
