"""`manage.py create_api_token` and the tokens' page in the back-office."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from articles.models import ApiToken, text_sha256


def test_it_prints_the_token_once_and_stores_only_its_hash(client: Client, carol: User) -> None:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", "carol", "--name", "notebook", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert (token.user, token.name) == (carol, "notebook")
    assert token.key_hash == text_sha256(secret)
    assert not ApiToken.objects.filter(key_hash=secret).exists()
    assert "not shown again" in err.getvalue()
    response = client.get("/api/v1/figures", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200


def test_it_refuses_an_unknown_or_inactive_user(carol: User) -> None:
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("create_api_token", "nobody", stdout=StringIO())
    carol.is_active = False
    carol.save(update_fields=["is_active"])
    with pytest.raises(CommandError, match="inactive"):
        call_command("create_api_token", "carol", stdout=StringIO())
    assert not ApiToken.objects.exists()


def test_the_back_office_lists_and_revokes_tokens_but_cannot_show_or_make_one(
    client: Client, django_user_model: Any, carol: User
) -> None:
    token, secret = ApiToken.objects.issue(user=carol, name="notebook")
    admin = django_user_model.objects.create_superuser("root", password="root-password")
    client.force_login(admin)
    page = client.get("/admin/articles/apitoken/")
    assert page.status_code == 200
    assert token.prefix in page.content.decode()
    assert secret not in page.content.decode()
    assert client.get("/admin/articles/apitoken/add/").status_code == 403
    response = client.post(f"/admin/articles/apitoken/{token.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not ApiToken.objects.exists()
    api = client.get("/api/v1/figures", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.status_code == 401
