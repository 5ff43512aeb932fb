"""What every page links to: the favicon and the top bar; the collection page's links."""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.test import Client


def _login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_every_page_names_an_svg_favicon_we_serve(client: Client, carol: Any) -> None:
    body = _login(client, carol).get("/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg" type="image/svg+xml"' in body
    path = finders.find("favicon.svg")
    assert path is not None
    with open(path, encoding="utf-8") as svg:
        assert svg.read().startswith("<svg")
