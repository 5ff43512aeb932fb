"""Aligning a collection's related pairs again: the command, the background job."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from articles.models import ArticleRelation, Collection, Job
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
