"""Review workflow (issue 5): the review queue, bulk approve and reject, curation and
history pages, for each role."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client

from articles.models import Article
from claims.models import Claim, Figure, FigureJudgement, Source, Tag

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _claim(article: Article, user: Any, start: int = 0, end: int = 43, **fields: Any) -> Claim:
    fields.setdefault("status", Claim.Status.SUBMITTED)
    return Claim.objects.create(
        article=article,
        start=start,
        end=end,
        quote=article.text[start:end],
        created_by=user,
        **fields,
    )


@pytest.mark.parametrize(
    ("who", "status"), [("alice", 200), ("bob", 200), ("carol", 403), ("mallory", 404)]
)
def test_the_review_queue_is_for_reviewers_and_editors(
    request: pytest.FixtureRequest, article: Article, who: str, status: int
) -> None:
    user = request.getfixturevalue(who)
    assert _client(user).get("/review/").status_code == status


def test_a_visitor_is_sent_to_the_login_page(client: Client) -> None:
    assert client.get("/review/").status_code == 302


def test_the_queue_lists_submitted_claims_and_filters_them(
    bob: User, carol: User, dave: User, article: Article
) -> None:
    source = Source.objects.create(name="Reuters")
    tag = Tag.objects.create(name="Scope", slug="scope")
    mine = _claim(article, carol, source=source)
    mine.tags.add(tag)
    theirs = _claim(article, dave, 45, 115)
    _claim(article, dave, 45, 115, status=Claim.Status.DRAFT)
    client = _client(bob)
    page = client.get("/review/").content.decode()
    assert f'data-claim-id="{mine.pk}"' in page and f'data-claim-id="{theirs.pk}"' in page
    assert page.count("data-claim-id=") == 2
    for query in (f"source={source.pk}", f"tag={tag.pk}", f"annotator={carol.pk}"):
        page = client.get(f"/review/?{query}&collection=desk").content.decode()
        assert f'data-claim-id="{mine.pk}"' in page, query
        assert f'data-claim-id="{theirs.pk}"' not in page, query
    assert "data-claim-id=" not in client.get("/review/?age=7").content.decode()


def test_the_queue_reads_a_constant_number_of_queries(
    bob: User, carol: User, article: Article, django_assert_max_num_queries: Any
) -> None:
    tag = Tag.objects.create(name="Scope", slug="scope")
    figure = Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    client = _client(bob)

    def add(n: int) -> None:
        for _ in range(n):
            claim = _claim(article, carol)
            claim.tags.add(tag)
            claim.figures.add(figure)

    add(2)
    with django_assert_max_num_queries(14) as small:
        client.get("/review/")
    add(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get("/review/").content.decode().count("data-claim-id=") == 32


def test_bulk_approve_skips_the_reviewers_own_claims_and_records_history(
    bob: User, carol: User, article: Article
) -> None:
    theirs = _claim(article, carol)
    own = _claim(article, bob, 45, 115)
    client = _client(bob)
    response = client.post("/review/bulk/", {"claim": [theirs.pk, own.pk], "action": "approve"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Approved 1 claim. Skipped 1" in page
    theirs.refresh_from_db()
    own.refresh_from_db()
    assert (theirs.status, theirs.reviewed_by, theirs.version) == ("approved", bob, 2)
    assert own.status == "submitted"
    record = theirs.history.latest()
    assert (record.history_user, record.status, record.history_change_reason) == (
        bob,
        "approved",
        "approved",
    )


def test_bulk_reject_needs_a_reason_which_goes_back_to_the_annotator(
    bob: User, carol: User, article: Article
) -> None:
    claim = _claim(article, carol)
    client = _client(bob)
    client.post("/review/bulk/", {"claim": [claim.pk], "action": "reject", "reason": " "})
    claim.refresh_from_db()
    assert claim.status == "submitted"
    client.post(
        "/review/bulk/", {"claim": [claim.pk], "action": "reject", "reason": "Wrong source."}
    )
    claim.refresh_from_db()
    assert (claim.status, claim.rejection_reason) == ("rejected", "Wrong source.")
    queue = _client(carol).get("/queue/").content.decode()
    assert "Wrong source." in queue


@pytest.mark.parametrize(("who", "status"), [("carol", 403), ("mallory", 404)])
def test_annotators_and_outsiders_cannot_bulk_review(
    request: pytest.FixtureRequest, dave: User, article: Article, who: str, status: int
) -> None:
    claim = _claim(article, dave)
    response = _client(request.getfixturevalue(who)).post(
        "/review/bulk/", {"claim": [claim.pk], "action": "approve"}
    )
    # An annotator's role lacks the permission (403); an outsider sees no page at all (404).
    assert response.status_code == status
    claim.refresh_from_db()
    assert claim.status == "submitted"


def test_curation_keeps_one_version_and_supersedes_the_other(
    bob: User, carol: User, dave: User, article: Article
) -> None:
    carols = _claim(article, carol)
    daves = _claim(article, dave, 0, 42)
    client = _client(bob)
    response = client.post(
        f"/claims/{carols.pk}/keep/", {"other": [daves.pk], "next": "/collections/desk/agreement/"}
    )
    assert response.status_code == 302
    carols.refresh_from_db()
    daves.refresh_from_db()
    assert (carols.status, carols.superseded_by) == ("approved", None)
    assert daves.superseded_by == carols
    page = client.get(response["Location"]).content.decode()
    assert "1 other version superseded." in page
    # Changing one's mind moves the mark.
    _client(bob).post(f"/claims/{daves.pk}/keep/", {"other": [carols.pk]})
    carols.refresh_from_db()
    daves.refresh_from_db()
    assert (daves.superseded_by, carols.superseded_by) == (None, daves)


def test_annotators_cannot_curate(carol: User, dave: User, article: Article) -> None:
    daves = _claim(article, dave)
    assert _client(carol).post(f"/claims/{daves.pk}/keep/").status_code == 403
    daves.refresh_from_db()
    assert daves.status == "submitted"


def test_keeping_a_judgement_makes_the_figure_read_so(
    bob: User, carol: User, article: Article
) -> None:
    figure = Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    judgement = FigureJudgement.objects.create(
        figure=figure, annotator=carol, state="confirmed", qualifier="more_than"
    )
    assert _client(carol).post(f"/judgements/{judgement.pk}/keep/").status_code == 403
    _client(bob).post(f"/judgements/{judgement.pk}/keep/")
    figure.refresh_from_db()
    assert (figure.state, figure.qualifier, figure.version) == ("confirmed", "more_than", 2)
    assert figure.history.latest().history_user == bob


def test_history_of_a_claim_names_who_changed_what(
    carol: User, bob: User, article: Article
) -> None:
    claim = _claim(article, carol)
    tag = Tag.objects.create(name="Scope", slug="scope")
    claim.note = "first"
    claim.save()
    claim.tags.add(tag)
    Claim.objects.filter(pk=claim.pk).approve(by=bob)
    page = _client(carol).get(f"/claims/{claim.pk}/history/").content.decode()
    assert "first" in page
    assert "Scope" in page
    assert "approved" in page and "bob" in page
    assert _client(carol).get("/figures/999/history/").status_code == 404


def test_history_is_hidden_from_outsiders(mallory: User, carol: User, article: Article) -> None:
    claim = _claim(article, carol)
    assert _client(mallory).get(f"/claims/{claim.pk}/history/").status_code == 404


def test_exports_leave_out_superseded_versions(
    bob: User, carol: User, dave: User, article: Article
) -> None:
    from claims.exports.common import export_claims

    carols = _claim(article, carol)
    daves = _claim(article, dave, 0, 42)
    carols.keep_as_final(by=bob, others=[daves])
    assert list(export_claims(collection=article.collection)) == [carols]


def test_superseded_claims_leave_review_and_the_sent_back_list(
    bob: User, carol: User, dave: User, article: Article
) -> None:
    carols = _claim(article, carol)
    daves = _claim(article, dave, 0, 42)
    carols.keep_as_final(by=bob, others=[daves])
    daves.refresh_from_db()
    assert daves.status == Claim.Status.SUBMITTED and daves.superseded_by == carols
    # Not in the reviewer's queue, and not counted as waiting for review.
    page = _client(bob).get("/review/").content.decode()
    assert f'data-claim-id="{daves.pk}"' not in page
    assert "data-claim-id=" not in page
    assert _client(bob).get("/queue/").context["to_review"] == 0
    # Bulk rejection skips it; the model refuses to review it.
    _client(bob).post("/review/bulk/", {"claim": [daves.pk], "action": "reject", "reason": "dup"})
    daves.refresh_from_db()
    assert daves.status == Claim.Status.SUBMITTED
    assert Claim.objects.filter(pk=daves.pk).reject(by=bob, reason="dup") == 0
    with pytest.raises(ValidationError, match="superseded"):
        daves.reject(by=bob, reason="duplicate")
    with pytest.raises(ValidationError, match="superseded"):
        daves.approve(by=bob)
    # A superseded claim rejected before curation is not "sent back" to its annotator.
    Claim.objects.filter(pk=daves.pk).update(status=Claim.Status.REJECTED, rejection_reason="x")
    assert _client(dave).get("/queue/").context["sent_back"] == []
