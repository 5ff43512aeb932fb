from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command

from articles.models import Collection
from claims.models import Claim, ClaimLink, Figure


def test_it_builds_a_consistent_collection(db: None, capsys: Any) -> None:
    call_command("seed_bench", "--claims", "45", "--articles", "4", "--collection", "b")
    assert "Seeded b: 4 articles, 45 claims" in capsys.readouterr().out
    collection = Collection.objects.get(slug="b")
    claims = Claim.objects.filter(article__collection=collection).prefetch_related("figures")
    assert claims.count() == 45
    for claim in claims.select_related("article"):
        claim.full_clean()  # the quote is the text at its span
        figures = list(claim.figures.all())
        assert 2 <= len(figures) <= 3
        claim.check_figures(figures)
        for figure in figures:
            figure.full_clean()
            assert figure.value is not None
    for link in ClaimLink.objects.select_related("from_claim", "to_claim"):
        link.full_clean()
        assert link.from_claim.article_id == link.to_claim.article_id
    assert Figure.objects.filter(article__collection=collection).count() >= 90


def test_it_refuses_to_seed_an_existing_collection(db: None) -> None:
    call_command("seed_bench", "--claims", "3", "--collection", "b")
    with pytest.raises(CommandError, match="already exists"):
        call_command("seed_bench", "--claims", "3", "--collection", "b")
