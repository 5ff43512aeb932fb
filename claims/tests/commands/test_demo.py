from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from articles.models import Article, Collection
from claims.models import Source, Tag


@pytest.mark.django_db
def test_the_demo_is_idempotent_and_lets_its_users_in(capsys: Any) -> None:
    call_command("demo")
    call_command("demo")
    out = capsys.readouterr().out
    assert "alice-claimdesk-demo" in out
    collection = Collection.objects.get(slug="cac-self-media")
    assert collection.name == "CAC self-media campaign"
    article = Article.objects.get(language="en")
    assert article.published_on is not None and article.published_on.isoformat() == "2023-05-28"
    assert Tag.objects.filter(collection=collection).count() == 4
    assert Source.objects.get(name="Reuters").kind == "news_agency"
    users = get_user_model().objects.order_by("username")
    assert [(u.username, u.groups.get().name) for u in users] == [
        ("alice", "Editors"),
        ("bob", "Reviewers"),
        ("carol", "Annotators"),
        ("dave", "Annotators"),
    ]
    client = Client()
    assert client.login(username="bob", password="bob-claimdesk-demo")
    assert client.get(f"/admin/articles/article/{article.pk}/change/").status_code == 200
    assert client.get(f"/articles/{article.pk}/").status_code == 200


@pytest.mark.django_db
def test_the_demo_names_the_address_it_is_served_at(capsys: Any) -> None:
    call_command("demo", url="http://127.0.0.1:8765/")
    out = capsys.readouterr().out
    assert "log in at http://127.0.0.1:8765/" in out and ":8000" not in out
