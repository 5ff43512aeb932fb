"""Background jobs (issue 8): the job row, its progress fragment, access, and the import job.

Tests run with the immediate task backend (the default): a job has run by the time the
request that started it answers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from articles.models import Article, Job
from claims.models import StoredFindings


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _job(user: Any, **fields: Any) -> Job:
    return Job.objects.create(kind=Job.Kind.EXPORT, created_by=user, **fields)


def test_a_running_job_shows_its_progress_and_polls_every_second(
    client: Client, alice: User
) -> None:
    job = _job(alice, status=Job.Status.RUNNING, done=250, total=1000, step="Writing claims")
    client.force_login(alice)
    response = client.get(f"/jobs/{job.pk}/progress/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'hx-trigger="every 1s"' in html
    assert f'hx-get="/jobs/{job.pk}/progress/"' in html
    assert '<progress value="250" max="1000">25%</progress>' in html
    assert "Writing claims" in html


def test_a_job_of_unknown_size_shows_an_indeterminate_bar(client: Client, alice: User) -> None:
    job = _job(alice, status=Job.Status.RUNNING, step="Comparing figures")
    client.force_login(alice)
    html = client.get(f"/jobs/{job.pk}/progress/").content.decode()
    assert "<progress>working</progress>" in html and 'hx-trigger="every 1s"' in html


def test_a_finished_job_stops_polling_and_offers_its_file(client: Client, alice: User) -> None:
    job = _job(alice, total=3, done=3, result_name="claims.jsonl")
    job.result_file.save("claims.jsonl", ContentFile(b'{"type":"schema"}\n'), save=True)
    job.succeed(report={"summary": ["3 claims written."]})
    client.force_login(alice)
    html = client.get(f"/jobs/{job.pk}/progress/").content.decode()
    assert "hx-trigger" not in html
    assert "3 claims written." in html
    assert f'href="/jobs/{job.pk}/download/"' in html
    download = client.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200
    body = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert body == b'{"type":"schema"}\n'
    assert 'filename="claims.jsonl"' in download["Content-Disposition"]


def test_a_failed_job_shows_its_error_escaped(client: Client, alice: User) -> None:
    job = _job(alice)
    job.fail("ValueError: <b>no such format</b>")
    client.force_login(alice)
    html = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "The job failed" in html
    assert "ValueError: &lt;b&gt;no such format&lt;/b&gt;" in html
    assert "hx-trigger" not in html
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404


def test_only_the_user_who_started_a_job_sees_it(
    client: Client, alice: User, bob: User, mallory: User
) -> None:
    job = _job(alice)
    for user in (bob, mallory):
        client.force_login(user)
        for url in (f"/jobs/{job.pk}/", f"/jobs/{job.pk}/progress/", f"/jobs/{job.pk}/download/"):
            assert client.get(url).status_code == 404, (user, url)
        # Bob may export, but not see Alice's job; Mallory, an outsider, sees no page at all.
        assert client.get(f"/export/?job={job.pk}").status_code == 404, user
    client.logout()
    assert client.get(f"/jobs/{job.pk}/").status_code == 302  # to the login page


def test_progress_is_written_at_most_once_an_interval(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Job, "PROGRESS_INTERVAL", 3600.0)
    job = _job(alice)
    job.begin(total=100)
    job.progress(10)  # too soon after begin(): kept in memory only
    assert Job.objects.get(pk=job.pk).done == 0
    job.progress(20, force=True)
    assert Job.objects.get(pk=job.pk).done == 20
    assert job.percent == 20


def test_the_import_page_runs_a_bulk_import_in_the_background(
    client: Client, alice: User, collection: Any, _media: Path
) -> None:
    lines = [
        json.dumps({"title": f"Report {n}", "text": f"Officials said {n},000 posts were removed."})
        for n in range(1, 6)
    ]
    upload = SimpleUploadedFile("wire.jsonl", "\n".join(lines).encode(), "application/x-ndjson")
    client.force_login(alice)
    response = client.post(
        "/import/", {"collection": collection.pk, "uploads": upload, "background": "1"}
    )
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/import/?job={job.pk}"
    assert job.kind == Job.Kind.IMPORT and job.status == Job.Status.SUCCEEDED, job.error
    assert (job.done, job.total) == (5, 5)
    assert job.report["created"] == 5
    assert Article.objects.filter(collection=collection).count() == 5
    # Detection ran, as for an import made in the page itself.
    assert Article.objects.get(title="Report 3").figures.filter(surface="3,000").exists()
    # And their consistency findings are stored: the workspace and exports read them.
    stored = StoredFindings.objects.filter(article__collection=collection)
    assert stored.count() == 5
    assert all(row.computed_version == row.version for row in stored)
    # The upload was kept only until the job read it.
    assert not list((_media / "imports").rglob("*.jsonl"))
    html = client.get(response["Location"]).content.decode()
    assert "Imported 5 article(s) into Desk" in html
    assert f'href="{collection.get_absolute_url()}"' in html


def test_a_refused_background_import_lists_the_problems(
    client: Client, alice: User, collection: Any
) -> None:
    upload = SimpleUploadedFile("bad.jsonl", b'{"title": "No text"}\n{"text": "Fine text."}\n')
    client.force_login(alice)
    client.post("/import/", {"collection": collection.pk, "uploads": upload, "background": "1"})
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "bad.jsonl, line 1" in job.error
    assert not Article.objects.exists()
    html = client.get(f"/import/?job={job.pk}").content.decode()
    assert "The job failed" in html and "bad.jsonl, line 1" in html


def test_annotators_may_not_start_an_import(client: Client, carol: User, collection: Any) -> None:
    upload = SimpleUploadedFile("wire.txt", b"Officials said 5,000 posts were removed.")
    client.force_login(carol)
    response = client.post(
        "/import/", {"collection": collection.pk, "uploads": upload, "background": "1"}
    )
    assert response.status_code == 403
    assert not Job.objects.exists()
