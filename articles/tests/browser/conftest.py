"""Browser tests: Debian's chromium driven by Playwright, one browser per test session.

Playwright's sync API runs an event loop in the test thread, so Django's async-safety
check is switched off for the ORM calls the tests make between browser steps.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test import Client
from django.test.testcases import LiveServerThread

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class SerialWSGIServer(WSGIServer):
    """The live server answers one request at a time.

    On SQLite the test database is in memory, and the live server's threads would share its
    one connection: two requests at once (the workspace sends a save and a panel refresh
    together) then trip over each other. Serving them in turn avoids that; Django closes
    each connection after its response when the server is not threaded.
    """

    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


LiveServerThread.server_class = SerialWSGIServer  # type: ignore[attr-defined]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # Module scope: Playwright's sync API allows one running instance per thread, and other
    # modules' browser tests start their own.
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium).")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Any, live_server: Any) -> Iterator[Callable[[Any, str], Any]]:
    """open_page(user, path): a page logged in as `user`, checked for console errors after."""
    contexts: list[Any] = []
    problems: list[str] = []

    def _open(user: Any, path: str, width: int = 1400, height: int = 900) -> Any:
        client = Client()
        client.force_login(user)
        context = browser.new_context(viewport={"width": width, "height": height})
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on(
            "console",
            lambda msg: (
                problems.append(f"console {msg.type}: {msg.text}")
                if msg.type in ("error", "warning")
                and "status of 409" not in msg.text  # a refused stale edit, shown by the page
                else None
            ),
        )
        page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
        page.goto(live_server.url + path)
        page.wait_for_selector("[data-workspace][data-ready=true]", state="attached")
        # The page's own first requests (the findings panel loads itself) must be answered
        # before a test writes to the database: on SQLite the in-memory test database is
        # one shared cache, where a write from the test thread during the server thread's
        # write fails with "database table is locked" instead of waiting.
        page.wait_for_load_state("networkidle")
        return page

    yield _open
    for context in contexts:
        context.close()
    assert problems == [], "the browser reported errors"
