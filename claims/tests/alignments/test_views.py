"""Related articles in the browser: the workspace panel, relating, the side-by-side page,
its decisions and corrections, through the client."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article, ArticleRelation, Assignment, Collection
from claims.alignments.models import FigureAlignment
from claims.consistency.store import article_findings
from claims.models import ClaimLink, Figure, FindingDecision
from claims.tests.alignments.pair import figure, load_pair

pytestmark = pytest.mark.django_db
HX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def pair(collection: Collection, alice: User) -> tuple[Article, Article, ArticleRelation]:
    translation, original, relation = load_pair(collection, by=alice)
    assert relation is not None
    return translation, original, relation


@pytest.fixture
def unrelated(collection: Collection, alice: User) -> tuple[Article, Article]:
    translation, original, _ = load_pair(collection, by=alice, relate=False)
    return translation, original


def _login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def _event_key(translation: Article) -> str:
    """The key of the demo pair's "hacked" finding (an event change)."""
    return next(
        s.finding.key
        for s in article_findings(translation).findings
        if s.finding.kind == "translation_event"
    )


def _compare(t: Article, o: Article) -> str:
    return f"/articles/{t.pk}/compare/{o.pk}/"


# --- relating -------------------------------------------------------------------------------


def test_editors_relate_an_article_from_the_workspace(
    client: Client, alice: User, unrelated: tuple[Article, Article]
) -> None:
    translation, original = unrelated
    c = _login(client, alice)
    page = c.get(f"/articles/{translation.pk}/").content.decode()
    assert "Relate to its original" in page
    response = c.post(
        f"/articles/{translation.pk}/relations/new/",
        {"kind": "translation_of", "original": f"http://testserver/articles/{original.pk}/"},
    )
    assert response.status_code == 302
    relation = ArticleRelation.objects.get()
    assert (relation.derived, relation.original, relation.created_by) == (
        translation,
        original,
        alice,
    )
    assert (relation.original_language, relation.derived_language) == ("zh", "en")
    # Shown on both articles, each way round, with the comparison's link.
    page = c.get(f"/articles/{translation.pk}/").content.decode()
    assert "Translation of: <a" in page and _compare(translation, original) in page
    page = c.get(f"/articles/{original.pk}/").content.decode()
    assert "Translated as: <a" in page and _compare(original, translation) in page


def test_annotators_and_reviewers_cannot_relate_articles(
    client: Client, carol: User, bob: User, unrelated: tuple[Article, Article]
) -> None:
    translation, original = unrelated
    for user in (carol, bob):
        c = _login(client, user)
        assert (
            "Relate to its original" not in c.get(f"/articles/{translation.pk}/").content.decode()
        )
        response = c.post(
            f"/articles/{translation.pk}/relations/new/",
            {"kind": "translation_of", "original": str(original.pk)},
        )
        assert response.status_code == 403
    assert not ArticleRelation.objects.exists()


def test_relating_an_article_to_itself_is_refused_clearly(
    client: Client, alice: User, unrelated: tuple[Article, Article]
) -> None:
    translation, _ = unrelated
    c = _login(client, alice)
    response = c.post(
        f"/articles/{translation.pk}/relations/new/",
        {"kind": "translation_of", "original": f"#{translation.pk}"},
        follow=True,
    )
    assert "cannot be related to itself" in response.content.decode()
    response = c.post(
        f"/articles/{translation.pk}/relations/new/",
        {"kind": "translation_of", "original": "the Chinese one"},
        follow=True,
    )
    assert "Give the original article as its number" in response.content.decode()
    assert not ArticleRelation.objects.exists()


def test_the_reverse_of_a_relation_is_refused(
    client: Client, alice: User, pair: tuple[Article, Article, ArticleRelation]
) -> None:
    translation, original, _ = pair
    c = _login(client, alice)
    response = c.post(
        f"/articles/{original.pk}/relations/new/",
        {"kind": "translation_of", "original": str(translation.pk)},
        follow=True,
    )
    assert "already related the other way round" in response.content.decode()
    assert ArticleRelation.objects.count() == 1


def test_editors_remove_a_relation(
    client: Client, alice: User, carol: User, pair: tuple[Article, Article, ArticleRelation]
) -> None:
    _, _, relation = pair
    assert _login(client, carol).post(f"/relations/{relation.pk}/delete/").status_code == 403
    assert _login(client, alice).post(f"/relations/{relation.pk}/delete/").status_code == 302
    assert not ArticleRelation.objects.exists()


def test_the_import_page_imports_the_original_beside_an_article(
    client: Client, alice: User, collection: Collection
) -> None:
    c = _login(client, alice)
    translation, _ = Article.objects.import_text(
        collection=collection, text="Nearly 1.4 million posts were removed.", title="T"
    )
    form = c.get(f"/import/?collection=desk&relation=original_of&related_article={translation.pk}")
    assert 'value="original_of" selected' in form.content.decode()
    response = c.post(
        "/import/",
        {
            "collection": collection.pk,
            "text": "清理违法和不良信息近140万条。",
            "title": "原文",
            "relation": "original_of",
            "related_article": str(translation.pk),
        },
    )
    assert response.status_code == 302
    original = Article.objects.get(title="原文")
    relation = ArticleRelation.objects.get()
    assert (relation.derived, relation.original, relation.kind) == (
        translation,
        original,
        "translation_of",
    )


def test_the_import_page_refuses_a_relation_to_no_article(
    client: Client, alice: User, collection: Collection
) -> None:
    c = _login(client, alice)
    response = c.post(
        "/import/",
        {
            "collection": collection.pk,
            "text": "Some 45,000 posts.",
            "relation": "translation_of",
            "related_article": "999999",
        },
    )
    assert response.status_code == 200
    assert "There is no article 999999." in response.content.decode()
    assert not Article.objects.exists()


# --- the side-by-side page ------------------------------------------------------------------


def test_the_comparison_pairs_the_figures_and_lists_the_slips(
    client: Client, carol: User, pair: tuple[Article, Article, ArticleRelation]
) -> None:
    translation, original, _ = pair
    html = _login(client, carol).get(_compare(translation, original)).content.decode()
    hedge = figure(translation, "1.4 million")
    partner = figure(original, "近140万")
    pair_attr = f'id="figure-{hedge.pk}" class="figure pair-'
    assert pair_attr in html and f'id="figure-{partner.pk}" class="figure pair-' in html
    number = html.split(f'id="figure-{hedge.pk}"')[1].split('data-pair="')[1].split('"')[0]
    assert f'id="figure-{partner.pk}"' in html.split(f'data-pair="{number}"')[0] + html
    assert "hacked" in html and "nearly" in html and "hundreds of thousands" in html
    # Annotators read it; they do not decide.
    assert "Dismiss" not in html
    assert "compare.js" in html and "<script>" not in html


def test_article_text_is_escaped(client: Client, bob: User, collection: Collection) -> None:
    from claims.alignments.store import relation_create
    from claims.services import articles_detect

    evil = "<script>alert(x)</script> About 45,000 accounts were <b>closed</b>."
    original = Article.objects.import_text(
        collection=collection,
        text="约4.5万个账号被关闭。<img src=x onerror=alert(x)>",
        title="<i>zh</i>",
        language="zh",
    )[0]
    translation = Article.objects.import_text(collection=collection, text=evil, title="en")[0]
    articles_detect(articles=[original, translation])
    relation_create(derived=translation, original=original, kind="translation_of", by=None)
    html = _login(client, bob).get(_compare(translation, original)).content.decode()
    assert (
        "<script>alert(x)</script>" not in html and "&lt;script&gt;alert(x)&lt;/script&gt;" in html
    )
    assert "<img src=x" not in html and "<b>closed</b>" not in html and "<i>zh</i>" not in html


def test_unrelated_articles_have_no_comparison(
    client: Client, bob: User, unrelated: tuple[Article, Article]
) -> None:
    translation, original = unrelated
    assert _login(client, bob).get(_compare(translation, original)).status_code == 404


def test_outsiders_get_404(
    client: Client, mallory: User, pair: tuple[Article, Article, ArticleRelation]
) -> None:
    translation, original, _ = pair
    assert _login(client, mallory).get(_compare(translation, original)).status_code == 404


def test_an_annotator_working_blind_does_not_see_the_comparison(
    client: Client,
    alice: User,
    carol: User,
    dave: User,
    pair: tuple[Article, Article, ArticleRelation],
) -> None:
    translation, original, _ = pair
    for annotator in (carol, dave):
        Assignment.objects.create(article=original, annotator=annotator, assigned_by=alice)
    c = _login(client, carol)
    assert c.get(_compare(translation, original)).status_code == 403
    assert c.get(_compare(original, translation)).status_code == 403
    key = _event_key(translation)
    assert (
        c.post(
            _compare(translation, original) + "decide/", {"key": key, "action": "dismiss"}
        ).status_code
        == 403
    )


def test_the_page_takes_constant_queries(
    client: Client,
    bob: User,
    pair: tuple[Article, Article, ArticleRelation],
    collection: Collection,
) -> None:
    translation, original, _ = pair
    c = _login(client, bob)
    c.get(_compare(translation, original))  # aligned and stored once
    with CaptureQueriesContext(connection) as few:
        assert c.get(_compare(translation, original)).status_code == 200
    # Twenty more figures on each side, aligned again, then read from the store.
    from claims.alignments.store import relation_create
    from claims.services import articles_detect

    more_t = Article.objects.import_text(
        collection=collection,
        text="\n\n".join(f"Some {n},000 accounts were closed." for n in range(10, 30)),
        title="more",
    )[0]
    more_o = Article.objects.import_text(
        collection=collection,
        text="\n\n".join(f"约{n}000个账号被关闭。" for n in range(10, 30)),
        title="更多",
        language="zh",
    )[0]
    articles_detect(articles=[more_t, more_o])
    relation_create(derived=more_t, original=more_o, kind="translation_of", by=None)
    c.get(_compare(more_t, more_o))
    with CaptureQueriesContext(connection) as many:
        assert c.get(_compare(more_t, more_o)).status_code == 200
    assert Figure.objects.filter(article=more_t).count() >= 20
    assert len(many) == len(few) <= 16


# --- deciding and correcting ----------------------------------------------------------------


def test_reviewers_accept_a_slip_with_htmx(
    client: Client, bob: User, pair: tuple[Article, Article, ArticleRelation]
) -> None:
    translation, original, _ = pair
    key = _event_key(translation)
    response = _login(client, bob).post(
        _compare(translation, original) + "decide/", {"key": key, "action": "accept"}, **HX
    )
    assert response.status_code == 200
    assert 'id="comparison"' in response.content.decode()
    assert "Accepted" in response["HX-Trigger"]
    link = ClaimLink.objects.get()
    assert link.relation == "contradicts" and link.to_claim.article == original
    assert FindingDecision.objects.get(key=key).decided_by == bob


def test_annotators_cannot_decide_or_correct(
    client: Client, carol: User, pair: tuple[Article, Article, ArticleRelation]
) -> None:
    translation, original, _relation = pair
    c = _login(client, carol)
    key = _event_key(translation)
    assert (
        c.post(
            _compare(translation, original) + "decide/", {"key": key, "action": "accept"}
        ).status_code
        == 403
    )
    some = figure(translation, "some 45,000")
    assert (
        c.post(_compare(translation, original) + "align/", {"figure": some.pk}).status_code == 403
    )
    assert not FindingDecision.objects.exists()
    assert not FigureAlignment.objects.filter(origin="by_hand").exists()


def test_a_reviewer_marks_a_figure_as_having_no_original(
    client: Client, bob: User, pair: tuple[Article, Article, ArticleRelation]
) -> None:
    translation, original, relation = pair
    some = figure(translation, "some 45,000")
    c = _login(client, bob)
    c.get(_compare(translation, original))
    response = c.post(
        _compare(translation, original) + "align/", {"figure": some.pk, "original": ""}, follow=True
    )
    assert "has no figure of the original" in response.content.decode()
    row = FigureAlignment.objects.get(relation=relation, derived_figure=some)
    assert row.original_figure is None and row.origin == "by_hand" and row.created_by == bob
    # The original's figure it rendered is now missing from the translation.
    freed = FigureAlignment.objects.get(
        relation=relation, original_figure=figure(original, "约4.5万")
    )
    assert freed.derived_figure is None and freed.change == "missing"
    # And back to the computed alignment.
    c.post(_compare(translation, original) + "align/", {"figure": some.pk, "reset": "1"})
    assert FigureAlignment.objects.get(relation=relation, derived_figure=some).origin == "computed"


def test_a_correction_naming_another_articles_figure_is_refused(
    client: Client, bob: User, pair: tuple[Article, Article, ArticleRelation]
) -> None:
    translation, original, _relation = pair
    some = figure(translation, "some 45,000")
    other = figure(translation, "1.4 million")
    c = _login(client, bob)
    response = c.post(
        _compare(translation, original) + "align/", {"figure": some.pk, "original": other.pk}, **HX
    )
    assert response.status_code == 409 and "not in the original" in response["HX-Trigger"]
    assert not FigureAlignment.objects.filter(origin="by_hand").exists()
