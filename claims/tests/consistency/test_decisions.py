"""Accepting a finding (claims/consistency/decisions.py): the version bump of a claim it
attaches a figure to adds to the version in the database, so a bump that lands meanwhile
(another reviewer's save) is kept, not overwritten."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db.models import F
from django.db.models.signals import m2m_changed
from django.test import Client

from articles.models import Article, Collection
from claims.consistency import decisions
from claims.consistency.records import Kind, finding_key
from claims.consistency.reports import load_figures
from claims.models import Claim, ClaimLink, Figure
from claims.tests.consistency.sample import by_surface, load_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(collection: Collection, alice: Any) -> Article:
    return load_sample(collection, created_by=alice)


@contextmanager
def concurrent_bump(claim: Claim) -> Iterator[None]:
    """Another writer bumps the claim's version right after the figure is attached: between
    the moment accepting read the claim and the moment it writes its own bump."""

    def bump(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
        if action == "post_add" and isinstance(instance, Claim) and instance.pk == claim.pk:
            Claim.objects.filter(pk=claim.pk).update(version=F("version") + 1)

    m2m_changed.connect(bump, sender=Claim.figures.through)
    try:
        yield
    finally:
        m2m_changed.disconnect(bump, sender=Claim.figures.through)


def _claim_around(article: Article, figure: Figure) -> Claim:
    return Claim.objects.create(
        article=article,
        start=figure.start - 5,
        end=figure.end + 10,
        quote=article.text[figure.start - 5 : figure.end + 10],
    )


def test_accepting_keeps_a_version_bump_made_meanwhile(
    client: Client, bob: Any, sample: Article
) -> None:
    first, second = Figure.objects.filter(article=sample, surface="67,000").order_by("start")
    claim_of_first = _claim_around(sample, first)
    claim_of_first.figures.add(first)
    spanning = _claim_around(sample, second)  # holds the second figure's span, not the figure
    assert spanning.version == 1
    key = finding_key(Kind.REPEAT, by_surface(sample)["67,000"])

    client.force_login(bob)
    with concurrent_bump(spanning):
        response = client.post(
            f"/articles/{sample.pk}/findings/decide/", {"key": key, "action": "accept"}
        )
    assert response.status_code == 302
    link = ClaimLink.objects.get()
    assert (link.from_claim, link.to_claim) == (spanning, claim_of_first)
    assert list(spanning.figures.all()) == [second]
    spanning.refresh_from_db()
    assert spanning.version == 3  # 1, the other writer's bump, then accepting's


def test_attaching_to_a_claim_found_by_its_span_keeps_a_version_bump_made_meanwhile(
    bob: Any, sample: Article
) -> None:
    """The other way to a claim: none was suggested, and one found holding the figure's span
    gets it."""
    figure = Figure.objects.filter(article=sample, surface="67,000").order_by("start").first()
    assert figure is not None
    holding = _claim_around(sample, figure)
    (record,) = load_figures({"pk": figure.pk})

    with concurrent_bump(holding):
        claim = decisions._claim_for_figure(None, record, bob, "repeat:1,2")
    assert claim == holding
    holding.refresh_from_db()
    assert list(holding.figures.all()) == [figure]
    assert holding.version == 3
