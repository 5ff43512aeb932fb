"""The side-by-side comparison of the demo's translation and original in a browser: partners
light up together, j / k walk the changes, a reviewer dismisses one over htmx; and the
README's screenshot (`make screenshots` writes it to docs/screenshots/)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management import call_command

from articles.models import ArticleRelation
from claims.models import Figure, FindingDecision


def test_the_side_by_side_view_of_the_demo(open_page: Any, bob: User, tmp_path: Path) -> None:
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    relation = ArticleRelation.objects.get()
    page = open_page(bob, f"/articles/{relation.derived_id}/", width=1500, height=1000)
    assert "Compare side by side" in page.locator("#relations-panel").text_content()
    page.click("#relations-panel >> text=Compare side by side")
    page.wait_for_selector(".compare-columns mark[data-pair]")
    # Hovering "1.4 million" lights up its partner, 近140万, in the other column.
    million = Figure.objects.get(article_id=relation.derived_id, surface="1.4 million")
    partner = Figure.objects.get(article_id=relation.original_id, surface="近140万")
    page.hover(f"#figure-{million.pk}")
    assert "is-partner" in (page.get_attribute(f"#figure-{partner.pk}", "class") or "")
    # j moves to the first change and marks its figures.
    page.mouse.move(0, 0)
    page.keyboard.press("j")
    first = page.locator("[data-change]").first
    assert "is-current" in (first.get_attribute("class") or "")
    ids = (first.get_attribute("data-figure-ids") or "").split()
    assert ids and "is-current" in (page.get_attribute(f"#figure-{ids[0]}", "class") or "")
    page.keyboard.press("j")
    assert "is-current" in (page.locator("[data-change]").nth(1).get_attribute("class") or "")
    target = Path(os.environ.get("CLAIMDESK_SCREENSHOT_DIR", tmp_path)) / "compare.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=False)
    assert target.stat().st_size > 10_000
    # A reviewer dismisses the first "not in the original" change: swapped in by htmx.
    added = page.locator("[data-change]", has_text="figure not in the original").first
    added.locator("button", has_text="Dismiss").click()
    page.wait_for_selector("[data-status][data-level=success]")
    assert "Dismissed" in page.locator("[data-status]").text_content()
    assert (
        FindingDecision.objects.filter(kind="translation_added", decision="dismissed").count() == 1
    )
    assert page.locator("[data-change].status-dismissed").count() == 1
