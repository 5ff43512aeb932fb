"""The evidence page in the browser (issue 19): the demo's claim whose figures the demo's
documents support and contradict, with the passage highlighted, and the proposed verdict a
reviewer confirms. `make screenshots` writes the README's screenshot of it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from articles.models import Collection
from claims.models import Claim

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_evidence_panel_of_a_demo_claim(
    open_page: Any, bob: User, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    collection = Collection.objects.get(slug="cac-self-media")
    article = collection.articles.get(language="en")
    claim = Claim.objects.get(
        article=article, superseded_by__isnull=True, figures__surface="hundreds of thousands"
    )
    page = open_page(bob, f"/articles/{article.pk}/", width=1280, height=1000)
    page.goto(page.url.split("/articles/")[0] + f"/claims/{claim.pk}/evidence/")
    page.wait_for_selector("#verdict-proposal")
    outcomes = page.locator(".evidence-list > li .outcome").all_text_contents()
    assert outcomes == ["Supported", "Contradicted"]
    assert page.locator(".evidence-list mark").first.text_content() == "67,000"
    assert "Inaccurate" in page.locator("#verdict-proposal h2").text_content()
    target = Path(os.environ.get("CLAIMDESK_SCREENSHOT_DIR", tmp_path)) / "evidence.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000

    page.click("#verdict-proposal button[type=submit]")
    page.wait_for_selector(".current-verdict")
    assert page.locator(".current-verdict").text_content() == "Inaccurate"
    claim.refresh_from_db()
    assert claim.verdict == Claim.Verdict.INACCURATE
