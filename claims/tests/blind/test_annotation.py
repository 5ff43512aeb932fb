"""Blind double annotation (issue 5 follow-up): on an article assigned to two annotators, each
sees the detected figures as she herself reads them and only her own claims, until every
annotator has submitted it. Reviewers and editors always see everything.

carol and dave annotate `double` blind; bob (reviewer) and alice (editor) curate it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Assignment
from claims.models import Claim, Figure, FigureJudgement

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


def _detected(article: Article, surface: str, value: int) -> Figure:
    start = article.text.index(surface)
    return Figure.objects.create(
        article=article,
        start=start,
        end=start + len(surface),
        surface=surface,
        value=Decimal(value),
        origin=Figure.Origin.DETECTED,
    )


@pytest.fixture
def double(article: Article, alice: User, carol: User, dave: User) -> Article:
    """Assigned to carol and dave. dave has corrected and confirmed "67,000" (now 67,001),
    added a figure of his own and made a claim; carol has done nothing yet."""
    Assignment.objects.assign(articles=[article], annotators=[carol, dave], assigned_by=alice)
    figure = _detected(article, "67,000", 67000)
    _detected(article, "8,000", 8000)
    figure.take_reading({"state": "confirmed", "value": Decimal(67001), "counted": "accounts"})
    FigureJudgement.objects.record(figure, annotator=dave)
    start = article.text.index("Officials")
    Figure.objects.create(
        article=article, start=start, end=start + 9, surface="Officials", created_by=dave
    )
    Claim.objects.create(
        article=article, start=0, end=43, quote=article.text[:43], created_by=dave
    ).figures.add(figure)
    return article


def _figure(article: Article, surface: str) -> Figure:
    return Figure.objects.get(article=article, surface=surface)


def _page(client: Client, user: Any, article: Article) -> str:
    client.force_login(user)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_who_annotates_blind(
    double: Article, article: Article, alice: User, bob: User, carol: User, dave: User
) -> None:
    assert double.is_blind_for(carol) and double.is_blind_for(dave)
    assert not double.is_blind_for(bob)  # reviewers curate: never blind
    assert not double.is_blind_for(alice)
    assert list(Article.objects.blind_for(carol)) == [double]
    # One annotator only: nothing to be blind to.
    Assignment.objects.filter(article=double, annotator=dave).delete()
    assert not double.is_blind_for(carol)
    Assignment.objects.assign(articles=[double], annotators=[dave], assigned_by=alice)
    # Every annotator has submitted it: the article is done and open to all.
    double.status = Article.Status.DONE
    double.save()
    assert not double.is_blind_for(carol)


def test_the_workspace_shows_her_own_reading_and_claims_only(
    client: Client, double: Article, carol: User
) -> None:
    html = _page(client, carol, double)
    assert "Blind annotation." in html
    figure = _figure(double, "67,000")
    row = html[html.index(f'id="figure-row-{figure.pk}"') :]
    row = row[: row.index("</li>")]
    # dave's correction and confirmation are not shown: the detector's reading, undecided.
    assert "= 67,000" in row and "67,001" not in row
    assert 'data-state="suggested"' in row
    assert "accounts" not in row
    # dave's own figure and claim are hidden; so are figure histories and the findings.
    assert "Officials</a>" not in html
    assert 'class="claim-row' not in html
    assert "/history/" not in html
    assert "data-findings-url" not in html
    assert "Hidden while you annotate blind" in html


def test_reviewers_see_the_working_copy_and_every_claim(
    client: Client, double: Article, bob: User
) -> None:
    html = _page(client, bob, double)
    assert "Blind annotation." not in html
    assert "= 67,001" in html
    assert 'class="claim-row' in html
    assert "data-findings-url" in html


def test_her_decision_is_hers_and_becomes_the_working_copy(
    client: Client, double: Article, carol: User, dave: User
) -> None:
    figure = _figure(double, "67,000")
    client.force_login(carol)
    # Her page showed the figure at version 1; dave has changed it since. That is not hers
    # to see, so her decision goes through.
    seen = {"state": "suggested", "value": "67,000"}
    response = client.post(
        "/figures/state/",
        {"figure_action": f"confirm:{figure.pk}:1", "seen": json.dumps(seen)},
        headers=HX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "= 67,000" in body and "67,001" not in body
    assert json.loads(response["HX-Trigger"])["cd-figure"]["state"] == "confirmed"
    mine = FigureJudgement.objects.get(figure=figure, annotator=carol)
    assert (mine.state, mine.value, mine.counted) == ("confirmed", Decimal(67000), "")
    # dave's judgement is untouched, and he still sees his own reading.
    his = FigureJudgement.objects.get(figure=figure, annotator=dave)
    assert (his.state, his.value, his.counted) == ("confirmed", Decimal(67001), "accounts")
    figure.refresh_from_db()
    assert (figure.state, figure.value) == ("confirmed", Decimal(67000))
    assert "= 67,001" in _page(client, dave, double)


def test_a_change_from_her_own_stale_tab_is_refused(
    client: Client, double: Article, carol: User
) -> None:
    figure = _figure(double, "8,000")
    client.force_login(carol)
    action = {"figure_action": f"reject:{figure.pk}:1", "seen": json.dumps({"state": "suggested"})}
    assert client.post("/figures/state/", action, headers=HX).status_code == 200
    # The other tab still shows the figure as suggested.
    action["figure_action"] = f"confirm:{figure.pk}:1"
    response = client.post("/figures/state/", action, headers=HX)
    assert response.status_code == 409
    assert "state: suggested → rejected" in json.loads(response["HX-Trigger"])["cd-message"]["text"]
    assert FigureJudgement.objects.get(figure=figure, annotator=carol).state == "rejected"


def test_correcting_starts_from_her_reading(client: Client, double: Article, carol: User) -> None:
    figure = _figure(double, "67,000")
    client.force_login(carol)
    form = client.get(f"/figures/{figure.pk}/edit/", headers=HX).content.decode()
    assert 'name="value" value="67000' in form and "67001" not in form
    data = {
        "version": "1",
        "seen": json.dumps({"value": "67,000", "state": "suggested"}),
        "start": str(figure.start),
        "end": str(figure.end),
        "value": "67000",
        "qualifier": "exact",
        "unit": "",
        "counted": "closed accounts",
        "state": "confirmed",
    }
    response = client.post(f"/figures/{figure.pk}/edit/", data, headers=HX)
    assert response.status_code == 200, response.content.decode()
    mine = FigureJudgement.objects.get(figure=figure, annotator=carol)
    assert (mine.state, mine.value, mine.counted) == (
        "confirmed",
        Decimal(67000),
        "closed accounts",
    )


def test_the_other_annotators_work_is_out_of_reach(
    client: Client, double: Article, carol: User, dave: User
) -> None:
    client.force_login(carol)
    his_claim = Claim.objects.get(article=double, created_by=dave)
    his_figure = _figure(double, "Officials")
    assert client.get(f"/claims/{his_claim.pk}/edit/").status_code == 404
    assert client.get(f"/claims/{his_claim.pk}/history/").status_code == 404
    assert client.get(f"/figures/{his_figure.pk}/edit/").status_code == 404
    post = {"figure_action": f"confirm:{his_figure.pk}:1"}
    assert client.post("/figures/state/", post).status_code == 404
    detected = _figure(double, "67,000")
    assert client.get(f"/figures/{detected.pk}/history/").status_code == 403
    assert client.get(f"/articles/{double.pk}/findings/").status_code == 403
    # Her own claim can link to claims of the collection, but not to dave's here.
    mine = Claim.objects.create(
        article=double, start=45, end=len(double.text), quote=double.text[45:], created_by=carol
    )
    found = client.get(
        "/claims/search/", {"claim": str(mine.pk), "q": "Officials"}
    ).content.decode()
    assert f"#claim-row-{his_claim.pk}" not in found and "Officials said" not in found
    # dave, who sees his own work, can reach it.
    client.force_login(dave)
    assert client.get(f"/claims/{his_claim.pk}/edit/").status_code == 200


def test_the_blind_workspace_reads_a_fixed_number_of_queries(
    client: Client, double: Article, carol: User, dave: User
) -> None:
    def count() -> int:
        client.force_login(carol)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(double.get_absolute_url()).status_code == 200
        return len(queries)

    text = double.text
    Claim.objects.create(article=double, start=45, end=51, quote=text[45:51], created_by=carol)
    before = count()
    for n, (start, end) in enumerate([(10, 14), (22, 30), (31, 35), (36, 42)]):
        figure = Figure.objects.create(
            article=double,
            start=start,
            end=end,
            surface=text[start:end],
            origin=Figure.Origin.DETECTED,
        )
        FigureJudgement.objects.record(figure, annotator=carol if n % 2 else dave)
        Claim.objects.create(
            article=double, start=start, end=end, quote=text[start:end], created_by=carol
        ).figures.add(figure)
    assert count() == before


def test_the_api_keeps_the_other_annotators_work_out_of_reach(
    client: Client, double: Article, carol: User, dave: User
) -> None:
    from articles.models import ApiToken

    his_claim = Claim.objects.get(article=double, created_by=dave)
    his_figure = _figure(double, "Officials")

    def get(user: Any, path: str) -> Any:
        secret = ApiToken.objects.issue(user=user, name="tests")[1]
        return client.get(f"/api/v1{path}", HTTP_AUTHORIZATION=f"Bearer {secret}")

    claims = get(carol, f"/claims?article={double.pk}")
    assert claims.status_code == 200 and claims.json()["items"] == []
    figures = {f["surface"] for f in get(carol, f"/figures?article={double.pk}").json()["items"]}
    assert figures == {"67,000", "8,000"}
    assert get(carol, f"/claims/{his_claim.pk}").status_code == 404
    assert get(carol, f"/figures/{his_figure.pk}").status_code == 404
    secret = ApiToken.objects.issue(user=carol, name="tests")[1]
    deleted = client.delete(f"/api/v1/claims/{his_claim.pk}", HTTP_AUTHORIZATION=f"Bearer {secret}")
    # Annotators may not delete claims through the API, whichever claim (403, naming the
    # permission); given that permission, his claim is still out of her reach (404).
    assert deleted.status_code == 403
    carol.user_permissions.add(Permission.objects.get(codename="delete_claim"))
    carol = type(carol).objects.get(pk=carol.pk)  # a fresh permission cache
    secret = ApiToken.objects.issue(user=carol, name="tests")[1]
    deleted = client.delete(f"/api/v1/claims/{his_claim.pk}", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert deleted.status_code == 404
    assert Claim.objects.filter(pk=his_claim.pk).exists()
    assert Claim.objects.filter(pk=his_claim.pk).exists()
    # dave reads his own work.
    assert get(dave, f"/claims/{his_claim.pk}").status_code == 200
    assert len(get(dave, f"/figures?article={double.pk}").json()["items"]) == 3


def test_the_agreement_page_hides_her_blind_articles_disagreements(
    client: Client, double: Article, bob: User, carol: User
) -> None:
    start = double.text.index("Of the")
    Claim.objects.create(
        article=double,
        start=start,
        end=len(double.text),
        quote=double.text[start:],
        created_by=carol,
    )
    client.force_login(bob)
    assert "Officials said 67,000" in client.get("/collections/desk/agreement/").content.decode()
    client.force_login(carol)
    page = client.get("/collections/desk/agreement/").content.decode()
    assert "Officials said 67,000" not in page
    assert "on articles you annotate blind are hidden" in page


def test_she_adds_the_figure_the_other_annotator_added_as_her_own_reading(
    client: Client, double: Article, alice: User, carol: User, dave: User
) -> None:
    """One row per span: her figure at the span dave added is her reading of that row (her
    judgement), not an error that would tell her he found it. His reading stays his."""
    his = _figure(double, "Officials")
    his.counted = "officials"
    his.save()
    FigureJudgement.objects.record(his, annotator=dave)
    start = his.start
    client.force_login(carol)
    response = client.post(
        f"/articles/{double.pk}/figures/new/",
        {
            "start": start,
            "end": start + 9,
            "qualifier": "exact",
            "state": "confirmed",
            "counted": "people",
        },
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200, body
    assert "already has a figure" not in body and "officials" not in body
    assert Figure.objects.filter(article=double, start=start).count() == 1
    mine = FigureJudgement.objects.get(figure=his, annotator=carol)
    assert (mine.state, mine.counted) == ("confirmed", "people")
    assert FigureJudgement.objects.get(figure=his, annotator=dave).counted == "officials"
    # She sees it from now on, as she reads it; he still reads it as he did.
    html = _page(client, carol, double)
    row = html[html.index(f'id="figure-row-{his.pk}"') :]
    row = row[: row.index("</li>")]
    assert "people" in row and "officials" not in row
    assert 'data-state="confirmed"' in row
    assert FigureJudgement.objects.reading(dave, his)["counted"] == "officials"
    # Someone who is not blind is still told the span is taken.
    client.force_login(alice)
    refused = client.post(
        f"/articles/{double.pk}/figures/new/",
        {"start": start, "end": start + 9, "qualifier": "exact", "state": "confirmed"},
        headers={"HX-Request": "true"},
    )
    assert refused.status_code == 422
    assert "already has a figure at exactly this span" in refused.content.decode()
