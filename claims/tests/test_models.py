from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import Article, Collection
from claims.forms import ClaimForm, FigureForm
from claims.models import Claim, ClaimLink, Figure, Source


def _figure_form(article: Article, **changes: Any) -> FigureForm:
    data: dict[str, Any] = {
        "article": article.pk,
        "start": 15,
        "end": 21,
        "surface": "67,000",
        "value": "67000",
        "qualifier": "exact",
        "state": "confirmed",
        "origin": "manual",
    }
    data.update(changes)
    return FigureForm(data)


def test_a_figure_at_the_right_span_is_accepted(article: Article) -> None:
    form = _figure_form(article)
    assert form.is_valid(), form.errors
    figure = form.save()
    assert article.text[figure.start : figure.end] == "67,000"


def test_an_empty_surface_is_filled_in_from_the_text(article: Article) -> None:
    form = _figure_form(article, surface="")
    assert form.is_valid(), form.errors
    assert form.save().surface == "67,000"


def test_it_refuses_a_surface_that_is_not_the_text_at_the_span(article: Article) -> None:
    form = _figure_form(article, surface="68,000")
    assert not form.is_valid()
    message = form.errors["surface"][0]
    assert "15:21" in message and "'67,000'" in message and "'68,000'" in message


def test_it_refuses_offsets_past_the_end(article: Article) -> None:
    length = len(article.text)
    form = _figure_form(article, start=length - 2, end=length + 5, surface="")
    assert not form.is_valid()
    assert f"past the end of the article text ({length} characters)" in form.errors["end"][0]


def test_it_refuses_an_end_before_the_start(article: Article) -> None:
    form = _figure_form(article, start=21, end=15, surface="")
    assert not form.is_valid()
    assert "End (15) must be greater than start (21)" in str(form.errors)


def test_it_refuses_a_lower_bound_above_the_upper(article: Article) -> None:
    form = _figure_form(article, lower="70000", upper="60000", qualifier="range")
    assert not form.is_valid()
    assert "below the lower bound" in form.errors["upper"][0]


def test_a_range_needs_both_bounds(article: Article) -> None:
    form = _figure_form(article, value="", lower="60000", qualifier="range")
    assert not form.is_valid()
    assert "both a lower and an upper bound" in form.errors["lower"][0]


def test_the_database_refuses_an_empty_span(article: Article) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.create(article=article, start=5, end=5, surface="")


def test_the_database_refuses_inverted_bounds(article: Article) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.create(
            article=article, start=15, end=21, surface="67,000", lower=Decimal(9), upper=Decimal(1)
        )


def test_the_database_refuses_the_same_span_twice(article: Article) -> None:
    Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.create(article=article, start=15, end=21, surface="67,000")


def test_offsets_are_code_points_for_emoji_and_cjk(collection: Collection) -> None:
    text = "🚀🚀 中文 nearly 8,000 accounts"
    art, _ = Article.objects.import_text(collection=collection, text=text, title="U")
    start = text.index("nearly")
    form = _figure_form(art, start=start, end=start + len("nearly 8,000"), surface="nearly 8,000")
    assert form.is_valid(), form.errors
    assert start == 6  # two emoji are two code points, not four UTF-16 units


def test_sources_are_unique_whatever_the_case(db: None) -> None:
    Source.objects.create(name="Reuters")
    with pytest.raises(ValidationError) as exc:
        Source(name="REUTERS").full_clean()
    assert "already exists" in str(exc.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(name="reuters")


def test_a_source_cannot_be_its_own_ancestor(db: None) -> None:
    gov = Source.objects.create(name="Government")
    cac = Source.objects.create(name="CAC", parent=gov)
    gov.parent = cac
    with pytest.raises(ValidationError, match="its own ancestor"):
        gov.full_clean()


def _claim(article: Article, start: int, end: int, **kw: Any) -> Claim:
    claim = Claim(article=article, start=start, end=end, **kw)
    claim.full_clean()
    claim.save()
    return claim


def test_a_claim_quote_is_filled_in_and_checked(article: Article) -> None:
    claim = _claim(article, 0, 43)
    assert claim.quote == "Officials said 67,000 accounts were closed."
    claim.quote = "Officials said 68,000 accounts were closed."
    with pytest.raises(ValidationError) as exc:
        claim.full_clean()
    assert "quote" in exc.value.message_dict


def test_a_claim_form_refuses_figures_outside_its_span(article: Article, bob: User) -> None:
    inside = Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    outside_start = article.text.index("nearly 8,000")
    outside = Figure.objects.create(
        article=article, start=outside_start, end=outside_start + 12, surface="nearly 8,000"
    )
    data = {
        "article": article.pk,
        "start": 0,
        "end": 43,
        "figures": [inside.pk, outside.pk],
        "attribution": "paraphrase",
        "status": "draft",
        "verdict": "unchecked",
    }
    form = ClaimForm(data, user=bob)
    assert not form.is_valid()
    assert "nearly 8,000" in form.errors["figures"][0]
    data["figures"] = [inside.pk]
    form = ClaimForm(data, user=bob)
    assert form.is_valid(), form.errors


def test_links_refuse_self_links_duplicates_and_other_collections(
    article: Article, alice: User
) -> None:
    first = _claim(article, 0, 43)
    second = _claim(article, 45, len(article.text))
    with pytest.raises(ValidationError, match="itself"):
        ClaimLink(from_claim=first, to_claim=first, relation="repeats").full_clean()
    ClaimLink.objects.create(from_claim=second, to_claim=first, relation="part_of")
    with pytest.raises(ValidationError, match="already linked"):
        ClaimLink(from_claim=second, to_claim=first, relation="part_of").full_clean()
    other = Collection.objects.create(name="Other", slug="other")
    elsewhere, _ = Article.objects.import_text(collection=other, text="Some 45,000.", title="X")
    foreign = _claim(elsewhere, 0, 12)
    with pytest.raises(ValidationError, match="same collection"):
        ClaimLink(from_claim=first, to_claim=foreign, relation="repeats").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLink.objects.create(from_claim=first, to_claim=first, relation="repeats")


def test_an_annotator_cannot_approve_their_own_claim(article: Article, bob: User) -> None:
    claim = _claim(article, 0, 43, created_by=bob)
    with pytest.raises(ValidationError, match="you created"):
        claim.approve(by=bob)


def test_approving_and_rejecting_record_the_reviewer(
    article: Article, bob: User, carol: User
) -> None:
    claim = _claim(article, 0, 43, created_by=carol, status=Claim.Status.SUBMITTED)
    claim.approve(by=bob)
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by, claim.version) == ("approved", bob, 2)
    with pytest.raises(ValidationError, match="Say why"):
        claim.reject(by=bob, reason=" ")
    claim.reject(by=bob, reason="Figure is from 2022")
    claim.refresh_from_db()
    assert claim.status == "rejected" and claim.rejection_reason == "Figure is from 2022"
