"""Review workflow (issue 5) in the browser: two tabs editing the same claim, the history
fragment in the workspace, and the dashboard the README shows."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from articles.models import Article, Collection
from claims.models import Claim

pytestmark = pytest.mark.django_db(transaction=True)


def _open_claim_editor(page: Any, claim: Claim) -> None:
    page.click(f"#claim-row-{claim.pk} a[title=Edit]")
    page.wait_for_selector("[data-editor] form[data-claim-form] textarea[name=note]")


def test_the_second_of_two_tabs_saving_the_same_claim_is_refused(
    open_page: Any, carol: User, dave: User, article: Article
) -> None:
    text = article.text
    claim = Claim.objects.create(
        article=article, start=0, end=43, quote=text[:43], created_by=carol
    )
    first = open_page(carol, f"/articles/{article.pk}/")
    second = open_page(dave, f"/articles/{article.pk}/")
    _open_claim_editor(first, claim)
    _open_claim_editor(second, claim)

    first.fill("[data-editor] textarea[name=note]", "Checked against the CAC statement.")
    first.click("[data-editor] form[data-claim-form] button[type=submit]")
    first.wait_for_selector("[data-status][data-level=success]")

    second.fill("[data-editor] textarea[name=note]", "Dave's note.")
    second.click("[data-editor] form[data-claim-form] button[type=submit]")
    status = second.wait_for_selector("[data-status][data-level=error]").text_content()
    assert "Not saved" in status
    assert "note: (empty) → Checked against the CAC statement." in status
    claim.refresh_from_db()
    assert claim.note == "Checked against the CAC statement."
    assert claim.version == 2

    # The history fragment in the workspace names who changed what.
    second.click(f"#claim-row-{claim.pk} a.history-link")
    entry = second.wait_for_selector("[data-editor] [data-history] .history-entry")
    assert "carol" in entry.text_content()
    assert "Checked against the CAC statement." in entry.text_content()


def test_the_dashboard_of_the_demo_collection(open_page: Any, bob: User, tmp_path: Path) -> None:
    """The README's screenshot: `make screenshots` writes it to docs/screenshots/."""
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    collection = Collection.objects.get(slug="cac-self-media")
    article = collection.articles.get(language="en")
    page = open_page(bob, f"/articles/{article.pk}/", width=1280, height=900)
    page.goto(page.url.split("/articles/")[0] + f"/collections/{collection.slug}/dashboard/")
    page.wait_for_selector(".charts svg")
    assert page.locator(".chart").count() == 7
    assert page.locator(".line-chart polyline").count() == 3
    assert "carol & dave" in page.locator(".charts").text_content()
    target = Path(os.environ.get("CLAIMDESK_SCREENSHOT_DIR", tmp_path)) / "dashboard.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000


def test_two_annotators_of_a_double_annotated_article_work_blind(
    open_page: Any, alice: User, carol: User, dave: User, article: Article
) -> None:
    from decimal import Decimal

    from articles.models import Assignment
    from claims.models import Figure

    Assignment.objects.assign(articles=[article], annotators=[carol, dave], assigned_by=alice)
    start = article.text.index("67,000")
    figure = Figure.objects.create(
        article=article,
        start=start,
        end=start + 6,
        surface="67,000",
        value=Decimal(67000),
        origin=Figure.Origin.DETECTED,
    )
    his = open_page(dave, f"/articles/{article.pk}/")
    hers = open_page(carol, f"/articles/{article.pk}/")
    assert "Blind annotation." in hers.locator("[data-blind]").text_content()

    his.click(f"#figure-row-{figure.pk} [data-figure-action=confirm]")
    his.wait_for_selector(f"#figure-row-{figure.pk}[data-state=confirmed]")
    # Her page, even reloaded, shows the figure undecided: his decision is his.
    hers.reload()
    hers.wait_for_selector(f"#figure-row-{figure.pk}[data-state=suggested]")
    hers.click(f"#figure-row-{figure.pk} [data-figure-action=reject]")
    hers.wait_for_selector(f"#figure-row-{figure.pk}[data-state=rejected]")
    assert hers.locator("[data-status][data-level=error]").count() == 0
    his.reload()
    his.wait_for_selector(f"#figure-row-{figure.pk}[data-state=confirmed]")
    states = dict(figure.judgements.values_list("annotator__username", "state"))
    assert states == {"carol": "rejected", "dave": "confirmed"}
