"""Aligning a collection's related pairs again: the command, the background job."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from articles.models import Article, ArticleRelation, Collection, Job
from claims.alignments.models import FigureAlignment, RelationAlignment
from claims.tests.alignments.pair import load_pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def relation(collection: Collection, alice: User) -> ArticleRelation:
    relation = load_pair(collection, by=alice)[2]
    assert relation is not None
    return relation


def test_the_command_aligns_what_is_out_of_date_then_nothing(
    relation: ArticleRelation, capsys: Any
) -> None:
    call_command("realign_translations", "--collection", "desk")
    assert "1 related pairs read, 1 aligned again." in capsys.readouterr().out
    assert FigureAlignment.objects.filter(relation=relation).count() > 10
    call_command("realign_translations")
    assert "1 related pairs read, 0 aligned again." in capsys.readouterr().out
    call_command("realign_translations", "--force")
    assert "1 related pairs read, 1 aligned again." in capsys.readouterr().out


def test_the_command_names_an_unknown_collection() -> None:
    with pytest.raises(CommandError, match="There is no collection 'nope'"):
        call_command("realign_translations", "--collection", "nope")


def test_the_background_job_notes_its_progress_and_result(
    relation: ArticleRelation, alice: User, capsys: Any
) -> None:
    call_command("realign_translations", "--collection", "desk", "--background", "alice")
    job = Job.objects.get(kind=Job.Kind.REALIGN)
    assert job.status == Job.Status.SUCCEEDED and job.created_by == alice
    assert (job.done, job.total) == (1, 1)
    assert job.report["aligned"] == 1 and "1 related pairs read" in job.report["summary"][0]
    assert RelationAlignment.objects.filter(relation=relation).exists()


def test_the_collection_page_starts_the_job(
    client: Client, carol: User, relation: ArticleRelation
) -> None:
    client.force_login(carol)
    assert (
        "Align translations in the background" in client.get("/collections/desk/").content.decode()
    )
    response = client.post("/collections/desk/jobs/", {"kind": "realign"})
    job = Job.objects.get(kind=Job.Kind.REALIGN)
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.status == Job.Status.SUCCEEDED and job.report["relations"] == 1
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "1 related pairs read, 1 aligned again." in page


def test_the_job_notes_progress_after_each_step_of_a_multi_step_run(
    collection: Collection, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claims.alignments import tasks
    from claims.alignments.store import relation_create
    from claims.services import articles_detect

    for i in range(5):
        en, _ = Article.objects.import_text(
            collection=collection,
            text=f"Police arrested {i + 2}0,000 suspects.",
            title=f"en {i}",
            language="en",
            created_by=alice,
        )
        zh, _ = Article.objects.import_text(
            collection=collection,
            text=f"警方抓获犯罪嫌疑人{i + 2}万名。",
            title=f"zh {i}",
            language="zh",
            created_by=alice,
        )
        articles_detect(articles=[en, zh])
        relation_create(derived=en, original=zh, kind="translation_of", by=alice)
    monkeypatch.setattr(tasks, "CHUNK", 2)
    monkeypatch.setattr(Job, "PROGRESS_INTERVAL", 0.0)  # every step written
    written: list[tuple[int, int | None]] = []
    original_progress = Job.progress

    def spy(self: Job, done: int, **kwargs: Any) -> None:
        original_progress(self, done, **kwargs)
        self.refresh_from_db(fields=["done", "total"])
        written.append((self.done, self.total))

    monkeypatch.setattr(Job, "progress", spy)
    call_command("realign_translations", "--collection", "desk", "--force", "--background", "alice")
    job = Job.objects.get(kind=Job.Kind.REALIGN)
    assert job.status == Job.Status.SUCCEEDED and job.report["aligned"] == 5
    # stored after each step of two relations, not only at the start and the end
    assert [w for w in written if w[1] == 5] == [(0, 5), (2, 5), (4, 5), (5, 5)]
