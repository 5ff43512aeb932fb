"""What every page links to: the favicon and the top bar; the collection page's links."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.test import Client


def _login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_every_page_names_an_svg_favicon_we_serve(client: Client, carol: User) -> None:
    body = _login(client, carol).get("/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg" type="image/svg+xml"' in body
    path = finders.find("favicon.svg")
    assert path is not None
    with open(path, encoding="utf-8") as svg:
        assert svg.read().startswith("<svg")


def test_the_top_bar_links_only_what_the_user_may_open(
    client: Client, alice: User, bob: User, carol: User
) -> None:
    editor = _login(client, alice).get("/").content.decode()
    assert 'href="/import/"' in editor and 'href="/export/"' in editor
    assert 'href="/queue/"' in editor
    reviewer = _login(client, bob).get("/").content.decode()
    assert 'href="/review/"' in reviewer and 'href="/import/"' not in reviewer
    annotator = _login(client, carol).get("/").content.decode()
    assert 'href="/queue/"' in annotator
    assert 'href="/import/"' not in annotator and 'href="/review/"' not in annotator
    assert '<span class="who">carol</span>' in annotator


def test_the_collection_page_links_its_tools(client: Client, alice: User, collection: Any) -> None:
    body = _login(client, alice).get(f"/collections/{collection.slug}/").content.decode()
    for href in (
        f"/import/?collection={collection.slug}",
        f"/export/?collection={collection.slug}",
        f"/collections/{collection.slug}/dashboard/",
        f"/collections/{collection.slug}/agreement/",
        f"/collections/{collection.slug}/consistency/",
    ):
        assert f'href="{href}"' in body, href


def test_the_export_link_preselects_the_collection(
    client: Client, alice: User, collection: Any
) -> None:
    body = _login(client, alice).get(f"/export/?collection={collection.slug}").content.decode()
    assert f'<option value="{collection.slug}" selected>' in body
