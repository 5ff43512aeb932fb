"""The findings panel in a real browser: loaded by htmx under the CSP, selecting a finding
highlights its figures in the text, accepting it links the claims."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User

from articles.models import Article, Collection
from articles.tests.browser import conftest as browser_fixtures
from claims.consistency.records import Kind, finding_key
from claims.models import ClaimLink, FindingDecision
from claims.tests.consistency.sample import by_surface, load_sample

# The workspace's browser fixtures (chromium through Playwright, a logged-in page that
# fails the test on any console error, the live server serving one request at a time).
browser = browser_fixtures.browser
open_page = browser_fixtures.open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def sample(collection: Collection, alice: User) -> Article:
    return load_sample(collection, created_by=alice)


def _keys(article: Article) -> tuple[str, list[int]]:
    ids = by_surface(article)
    pair = [ids["1.4 million"][0], ids["nearly one million"][0]]
    return finding_key(Kind.CONTRADICTION, pair), pair


def test_selecting_a_finding_highlights_its_figures(
    open_page: Any, bob: User, sample: Article
) -> None:
    key, figure_ids = _keys(sample)
    page = open_page(bob, f"/articles/{sample.pk}/")
    item = page.locator(f'[data-finding-key="{key}"]')
    item.wait_for()
    assert page.locator("mark.finding-highlight").count() == 0
    item.locator("[data-finding-select]").click()
    highlighted = page.locator("mark.finding-highlight")
    assert sorted(int(m.get_attribute("data-figure-id")) for m in highlighted.all()) == sorted(
        figure_ids
    )
    assert "is-selected" in (item.get_attribute("class") or "")
    assert item.locator("[data-finding-select]").get_attribute("aria-pressed") == "true"
    # Selecting another finding moves the highlight; selecting it again clears it.
    repeat = page.locator(
        f'[data-finding-key="{finding_key(Kind.REPEAT, by_surface(sample)["67,000"])}"]'
    )
    repeat.locator("[data-finding-select]").click()
    assert page.locator("mark.finding-highlight").count() == 2
    assert "is-selected" not in (item.get_attribute("class") or "")
    repeat.locator("[data-finding-select]").click()
    assert page.locator("mark.finding-highlight").count() == 0


def test_accepting_a_finding_in_the_workspace_links_the_claims(
    open_page: Any, bob: User, sample: Article
) -> None:
    key, _ = _keys(sample)
    page = open_page(bob, f"/articles/{sample.pk}/")
    item = page.locator(f'[data-finding-key="{key}"]')
    item.locator('button[value="accept"]').click()
    item.wait_for(state="detached")  # the list comes back without it: accepted
    page.locator("[data-status]", has_text="Accepted").wait_for()
    link = ClaimLink.objects.get()
    assert link.relation == "contradicts"
    assert FindingDecision.objects.get(key=key).decision == "accepted"


def test_a_link_from_the_report_selects_the_finding(
    open_page: Any, bob: User, sample: Article
) -> None:
    key, figure_ids = _keys(sample)
    page = open_page(bob, f"/articles/{sample.pk}/?finding={quote(key)}")
    page.locator(f'[data-finding-key="{key}"].is-selected').wait_for()
    assert page.locator("mark.finding-highlight").count() == len(figure_ids)
