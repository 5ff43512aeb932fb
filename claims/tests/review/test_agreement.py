"""Review workflow (issue 5): agreement between annotators, the command and the page."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from articles.models import Article, Assignment
from claims.models import Claim, Figure, FigureJudgement, Source, Tag
from claims.review.agreement import (
    agreement_report,
    cohen_kappa,
    exact_matches,
    krippendorff_alpha,
    overlap_matches,
)

pytestmark = pytest.mark.django_db


def test_span_matches_count_exact_and_overlapping_spans_once() -> None:
    exact = exact_matches([(0, 5), (10, 15)], [(0, 5), (11, 15), (20, 25)])
    assert (exact.matched, exact.precision, exact.recall) == (1, 1 / 3, 1 / 2)
    overlap = overlap_matches([(0, 5), (10, 15)], [(0, 5), (11, 15), (12, 14), (20, 25)])
    assert overlap.matched == 2
    assert overlap.f1 == pytest.approx(2 * 2 / (2 + 4))


def test_kappa_and_alpha_are_none_where_undefined() -> None:
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None
    assert cohen_kappa(["a", "b", "a", "b"], ["a", "b", "a", "b"]) == pytest.approx(1.0)
    assert cohen_kappa(["a", "b", "a", "b"], ["b", "a", "b", "a"]) == pytest.approx(-1.0)
    assert krippendorff_alpha([["a", "a"], ["a", "a"]]) is None
    assert krippendorff_alpha([["a", "b", "a"], ["a", "b", "a"]]) == pytest.approx(1.0)
    assert krippendorff_alpha([["a", "b", None], ["a", "b", "b"]]) == pytest.approx(1.0)


@pytest.fixture
def double(article: Article, carol: User, dave: User, alice: User) -> Article:
    """`article` annotated by carol and dave: one shared claim with different sources and
    tags, one claim only carol made, figure judgements that differ in qualifier."""
    Assignment.objects.assign(articles=[article], annotators=[carol, dave], assigned_by=alice)
    text = article.text
    reuters = Source.objects.create(name="Reuters")
    officials = Source.objects.create(name="Officials")
    scope = Tag.objects.create(name="Scope", slug="scope")
    first = Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    second_start = text.index("nearly 8,000")
    second = Figure.objects.create(
        article=article, start=second_start, end=second_start + 12, surface="nearly 8,000"
    )
    c1 = Claim.objects.create(
        article=article, start=0, end=43, quote=text[:43], source=officials, created_by=carol
    )
    c1.tags.add(scope)
    c1.figures.add(first)
    Claim.objects.create(
        article=article, start=0, end=42, quote=text[:42], source=reuters, created_by=dave
    ).figures.add(first)
    start = text.index("Of the")
    Claim.objects.create(
        article=article, start=start, end=len(text), quote=text[start:], created_by=carol
    ).figures.add(second)
    for user, qualifier in ((carol, "approx_below"), (dave, "exact")):
        FigureJudgement.objects.create(
            figure=first, annotator=user, state="confirmed", qualifier="exact"
        )
        FigureJudgement.objects.create(
            figure=second, annotator=user, state="confirmed", qualifier=qualifier
        )
    return article


def test_the_report_compares_two_annotators(double: Article) -> None:
    report = agreement_report(double.collection)
    assert report.articles == 1
    assert report.annotators == ["carol", "dave"]
    (pair,) = report.pairs
    assert (pair.a, pair.b) == ("carol", "dave")
    assert (pair.figure_exact.matched, pair.figure_exact.a_total, pair.figure_exact.b_total) == (
        2,
        2,
        2,
    )
    assert (pair.claim_overlap.matched, pair.claim_overlap.a_total) == (1, 2)
    assert pair.labels["attribution"].units == 1
    assert pair.labels["attribution"].agreement == 0.0
    assert pair.labels["qualifiers"].agreement == 0.5
    assert pair.labels["tags"].units == 1  # one tag used, one shared claim
    kinds = sorted((d.kind, tuple(d.reasons)) for d in report.disagreements)
    assert ("claim", ("different spans", "different sources", "different tags")) in kinds
    assert ("claim", ("not marked by dave",)) in kinds
    assert ("figure", ("different qualifiers",)) in kinds


def test_a_single_annotator_gives_no_pairs(article: Article, carol: User) -> None:
    Claim.objects.create(
        article=article, start=0, end=43, quote=article.text[:43], created_by=carol
    )
    report = agreement_report(article.collection)
    assert (report.articles, report.pairs) == (0, [])


def test_the_command_prints_the_report_and_json(double: Article) -> None:
    out = StringIO()
    call_command("agreement", collection="desk", stdout=out)
    text = out.getvalue()
    assert "carol & dave" in text
    assert "figure spans, exact:       P 1.00  R 1.00  F1 1.00" in text
    assert "Krippendorff's alpha" in text
    out = StringIO()
    call_command("agreement", collection="desk", json=True, stdout=out)
    data = json.loads(out.getvalue())
    assert data["pairs"][0]["qualifiers"]["agreement"] == 0.5
    assert data["pairs"][0]["figure_spans_overlap"]["f1"] == 1.0
    assert {d["kind"] for d in data["disagreements"]} == {"claim", "figure"}
    with pytest.raises(CommandError, match="No collection"):
        call_command("agreement", collection="nope", stdout=StringIO())


@pytest.mark.parametrize(
    ("who", "status", "buttons"),
    [("bob", 200, True), ("carol", 200, False), ("mallory", 404, False)],
)
def test_the_agreement_page_shows_curation_buttons_to_reviewers(
    request: pytest.FixtureRequest, double: Article, who: str, status: int, buttons: bool
) -> None:
    client = Client()
    client.force_login(request.getfixturevalue(who))
    response = client.get("/collections/desk/agreement/")
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "carol &amp; dave" in page
        assert ("/keep/" in page) is buttons


def test_the_demo_has_a_non_trivial_agreement_report(db: None) -> None:
    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())  # idempotent
    article = Article.objects.get(collection__slug="cac-self-media", language="en")
    assert Claim.objects.filter(article=article).count() == 8
    report = agreement_report(article.collection)
    (pair,) = report.pairs
    assert 0 < (pair.figure_exact.f1 or 0) < 1
    assert pair.labels["attribution"].kappa is not None
    assert pair.labels["qualifiers"].agreement not in (None, 1.0)
    assert report.alpha["tags"] is not None
    assert any(d.curated for d in report.disagreements)
    assert any(not d.curated for d in report.disagreements)


def test_only_real_curation_shows_as_curated(double: Article, bob: User, carol: User) -> None:
    """A claim approved from the review queue is approved, not "curated · kept"."""
    only_carols = Claim.objects.get(article=double, created_by=carol, start__gt=0)
    only_carols.approve(by=bob)
    (alone,) = [
        d
        for d in agreement_report(double.collection).disagreements
        if d.kind == "claim" and d.versions[0]["id"] == only_carols.pk
    ]
    assert not alone.curated and not alone.versions[0]["kept"]
    shared = Claim.objects.filter(article=double, start=0).order_by("end")
    daves, carols = list(shared)  # dave's ends at 42, carol's at 43
    carols.approve(by=bob)
    disagreement = next(
        d
        for d in agreement_report(double.collection).disagreements
        if d.kind == "claim" and {v["id"] for v in d.versions} == {carols.pk, daves.pk}
    )
    assert not disagreement.curated and not any(v["kept"] for v in disagreement.versions)
    carols.keep_as_final(by=bob, others=[daves])
    disagreement = next(
        d
        for d in agreement_report(double.collection).disagreements
        if d.kind == "claim" and {v["id"] for v in d.versions} == {carols.pk, daves.pk}
    )
    assert disagreement.curated
    assert [v["kept"] for v in disagreement.versions if v["id"] == carols.pk] == [True]
    page = _page(bob)
    assert page.count('class="chip ok">curated<') == 1


def _page(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.get("/collections/desk/agreement/").content.decode()


def test_the_page_shows_qualifier_labels_and_no_doubled_quote_marks(
    double: Article, bob: User
) -> None:
    page = _page(bob)
    assert "<td>nearly</td>" in page and "approx_below" not in page
    claim = Claim.objects.filter(article=double, start=0).first()
    assert claim is not None
    Claim.objects.filter(pk=claim.pk).update(quote="“Reuters” said so")
    page = _page(bob)
    assert "““" not in page
    assert "“Reuters” said so" in page


def test_the_demos_shared_figures_agree_with_the_annotators(db: None) -> None:
    """Where carol and dave judge a figure alike, the shared figure reads so; where they
    disagree it stays suggested unless bob curated it."""
    call_command("demo", stdout=StringIO())
    article = Article.objects.get(collection__slug="cac-self-media", language="en")
    shared: dict[str, str] = {}
    for figure in Figure.objects.filter(article=article).order_by("-start"):
        shared[figure.surface] = figure.state  # the first "67,000" wins
        states = {j.annotator.username: j.state for j in figure.judgements.all()}
        if len(states) == 2 and len(set(states.values())) == 1:
            assert figure.state == next(iter(states.values())), figure.surface
    assert shared["two-year"] == "rejected"
    assert shared["67,000"] == shared["1.4 million"] == shared["nearly 8,000"] == "confirmed"
    assert shared["billions"] == shared["hundreds of thousands"] == "suggested"
    report = agreement_report(article.collection)
    open_figures = {d.text for d in report.disagreements if d.kind == "figure" and not d.curated}
    assert {"billions", "hundreds of thousands"} <= open_figures
    curated = {d.text for d in report.disagreements if d.kind == "figure" and d.curated}
    assert curated == {"1.4 million", "nearly 8,000"}
