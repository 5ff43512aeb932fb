"""Blind double annotation (review of 9761230, 9f85e38): places where an annotator working
blind could still reach the other annotator's claims, added figures, readings or findings.

The cast and the `double` article are those of test_annotation.py: carol and dave
annotate `double` blind (dave has corrected and confirmed "67,000" to 67,001 "accounts",
added the figure "Officials" and made a claim); bob reviews, alice edits. Annotators are
staff (they reach the back-office), as in the demo.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from articles.models import ApiToken, Article, Job
from claims.models import Claim, ClaimLink, Figure, FigureJudgement
from claims.tests.blind import test_annotation
from claims.tests.blind.test_annotation import _figure

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}
double = test_annotation.double  # the fixture: carol and dave annotate it blind


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path  # background jobs write their files here
    return tmp_path


def _his_claim(article: Article, dave: User) -> Claim:
    return Claim.objects.get(article=article, created_by=dave)


def _her_claim(article: Article, carol: User) -> Claim:
    start = article.text.index("Of the")
    return Claim.objects.create(
        article=article,
        start=start,
        end=len(article.text),
        quote=article.text[start:],
        created_by=carol,
    )


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8")
    return str(response.content.decode("utf-8"))


def _claim_ids(jsonl: str) -> set[int]:
    records = [json.loads(line) for line in jsonl.splitlines() if line.strip()]
    return {r["id"] for r in records if r["type"] == "claim"}


# --- back-office ----------------------------------------------------------------------------


def test_the_back_office_keeps_the_other_annotators_work_out_of_reach(
    client: Client, double: Article, bob: User, carol: User, dave: User
) -> None:
    his = _his_claim(double, dave)
    figure = _figure(double, "67,000")
    added = _figure(double, "Officials")
    judgement = FigureJudgement.objects.get(figure=figure, annotator=dave)
    client.force_login(carol)
    assert carol.is_staff and client.get("/admin/").status_code == 200
    # Lists: dave's claim, his figure and his judgement are not there.
    claims = client.get("/admin/claims/claim/").content.decode()
    assert f"/admin/claims/claim/{his.pk}/change/" not in claims
    figures = client.get("/admin/claims/figure/").content.decode()
    assert f"/admin/claims/figure/{added.pk}/change/" not in figures
    judgements = client.get("/admin/claims/figurejudgement/").content.decode()
    assert f"/admin/claims/figurejudgement/{judgement.pk}/change/" not in judgements
    # Nor by id: change forms and histories answer 404, as for a row that does not exist.
    for url in (
        f"/admin/claims/claim/{his.pk}/change/",
        f"/admin/claims/figure/{added.pk}/change/",
        f"/admin/claims/figurejudgement/{judgement.pk}/change/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/admin/claims/claim/{his.pk}/history/",
        f"/admin/claims/figure/{figure.pk}/history/",  # holds dave's decisions
        f"/admin/claims/figure/{added.pk}/history/",
        f"/admin/claims/figurejudgement/{judgement.pk}/history/",
    ):
        assert client.get(url).status_code == 404, url
    # The working copy (dave's reading: 67,001) is not shown either.
    assert client.get(f"/admin/claims/figure/{figure.pk}/change/").status_code == 404
    # The article's change page: no inline figures or claims of the blind article.
    page = client.get(f"/admin/articles/article/{double.pk}/change/").content.decode()
    assert f"/admin/claims/claim/{his.pk}/change/" not in page
    assert "67001" not in page and 'value="accounts"' not in page
    # Autocomplete (a link's target) does not find his claim.
    found = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "claims",
            "model_name": "claimlink",
            "field_name": "to_claim",
            "term": "Officials",
        },
    )
    assert str(his.pk) not in {r["id"] for r in found.json()["results"]}
    # A change posted to his claim does not go through.
    post = client.post(f"/admin/claims/claim/{his.pk}/delete/", {"post": "yes"})
    assert post.status_code == 404
    assert Claim.objects.filter(pk=his.pk).exists()

    # bob, a reviewer, sees everything.
    client.force_login(bob)
    assert (
        f"/admin/claims/claim/{his.pk}/change/"
        in client.get("/admin/claims/claim/").content.decode()
    )
    assert client.get(f"/admin/claims/figure/{figure.pk}/history/").status_code == 200
    assert client.get(f"/admin/claims/figurejudgement/{judgement.pk}/change/").status_code == 200


def test_her_own_claims_stay_hers_in_the_back_office(
    client: Client, double: Article, carol: User
) -> None:
    mine = _her_claim(double, carol)
    client.force_login(carol)
    assert client.get(f"/admin/claims/claim/{mine.pk}/change/").status_code == 200


# --- exports and background reports ----------------------------------------------------------


def test_exports_leave_out_the_other_annotators_claims(
    client: Client, double: Article, bob: User, carol: User, dave: User
) -> None:
    his = _his_claim(double, dave)
    client.force_login(bob)
    assert his.pk in _claim_ids(_body(client.get("/export/", {"format": "jsonl"})))

    client.force_login(carol)
    page = _body(client.get("/export/", {"format": "jsonl", "collection": "desk"}))
    assert his.pk not in _claim_ids(page)
    # The background export.
    client.post("/export/jobs/", {"format": "jsonl", "collection": "desk"})
    job = Job.objects.get(created_by=carol)
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert his.pk not in _claim_ids(_body(client.get(f"/jobs/{job.pk}/download/")))
    # The API's export.
    secret = ApiToken.objects.issue(user=carol, name="tests")[1]
    api = client.get("/api/v1/exports/jsonl", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.status_code == 200
    assert his.pk not in _claim_ids(_body(api))
    # Nor the figures as dave reads them, through her own claim on the article.
    _her_claim(double, carol).figures.add(_figure(double, "67,000"))
    again = _body(client.get("/export/", {"format": "jsonl", "collection": "desk"}))
    assert "67001" not in again


def test_background_reports_leave_out_her_blind_articles(
    client: Client, double: Article, bob: User, carol: User, dave: User
) -> None:
    _her_claim(double, carol)
    # A second "67,000", as the detector read it: the working copy of the first reads 67,001.
    second = double.text.rindex("67,000")
    Figure.objects.create(
        article=double,
        start=second,
        end=second + 6,
        surface="67,000",
        value=Decimal(67000),
        origin=Figure.Origin.DETECTED,
    )

    def report(user: Any, kind: str) -> Any:
        client.force_login(user)
        client.post("/collections/desk/jobs/", {"kind": kind})
        job = Job.objects.filter(created_by=user, kind=kind).latest("pk")
        assert job.status == Job.Status.SUCCEEDED, job.error
        return json.loads(_body(client.get(f"/jobs/{job.pk}/download/")))

    # bob's reports hold the article's disagreements and findings...
    assert any(d["article"] == double.pk for d in report(bob, "agreement")["disagreements"])
    assert any(double.pk in f["article_ids"] for f in report(bob, "consistency"))
    # ...carol's, as her pages, do not.
    assert not any(d["article"] == double.pk for d in report(carol, "agreement")["disagreements"])
    assert not any(double.pk in f["article_ids"] for f in report(carol, "consistency"))


# --- pages and fragments ---------------------------------------------------------------------


def test_the_collection_page_counts_only_what_she_sees(
    client: Client, double: Article, bob: User, carol: User
) -> None:
    def row(user: Any, query: str = "") -> str:
        client.force_login(user)
        html = client.get(f"/collections/desk/{query}").content.decode()
        if f'data-article-id="{double.pk}"' not in html:
            return ""
        found = html[html.index(f'data-article-id="{double.pk}"') :]
        return found[: found.index("</tr>")]

    # bob sees dave's confirmation and claim.
    assert "1 confirmed" in row(bob) and "1 draft" in row(bob)
    # carol has decided nothing and made no claim.
    mine = row(carol)
    assert "0 confirmed / 2 suggested" in mine, mine
    assert "draft" not in mine and "none" in mine
    assert row(carol, "?progress=no-claims")
    assert row(carol, "?progress=to-review")


def test_the_claim_form_shows_figures_as_she_reads_them(
    client: Client, double: Article, carol: User, dave: User
) -> None:
    rumours = _figure(double, "8,000")
    rumours.take_reading({"state": Figure.State.REJECTED})
    FigureJudgement.objects.record(rumours, annotator=dave)
    client.force_login(carol)
    response = client.get(
        f"/articles/{double.pk}/claims/new/", {"start": 0, "end": len(double.text)}, headers=HX
    )
    assert response.status_code == 200
    html = response.content.decode()
    picker = html[html.index('class="figures-picker') :]
    picker = picker[: picker.index("</fieldset>")]
    figure = _figure(double, "67,000")
    # Not dave's reading: undecided, no counted noun; and not his figure.
    assert "accounts" not in picker and "figure--confirmed" not in picker
    assert "Officials" not in picker
    # dave rejected "8,000"; she has not: it is proposed like the others.
    assert f'value="{rumours.pk}" checked' in picker
    assert f'value="{figure.pk}" checked' in picker


def test_links_to_the_other_annotators_claims_stay_hidden(
    client: Client, double: Article, carol: User, dave: User
) -> None:
    his = _his_claim(double, dave)
    mine = _her_claim(double, carol)
    # A reviewer accepts a finding between the two versions: a link between them.
    link = ClaimLink.objects.create(from_claim=his, to_claim=mine, relation="repeats")
    client.force_login(carol)
    page = client.get(double.get_absolute_url()).content.decode()
    assert f"#claim-row-{his.pk}" not in page
    form = client.get(f"/claims/{mine.pk}/edit/", headers=HX).content.decode()
    assert f'data-unlink="{link.pk}"' not in form
    secret = ApiToken.objects.issue(user=carol, name="tests")[1]
    auth: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    listed = client.get(f"/api/v1/links?claim={mine.pk}", **auth)
    assert listed.status_code == 200 and listed.json()["items"] == []
    assert client.get(f"/api/v1/links?claim={his.pk}", **auth).json()["items"] == []
    assert client.get(f"/api/v1/links/{link.pk}", **auth).status_code == 404

    # Nor may she link to his claim, or remove his link.
    def link_to(pk: int) -> Any:
        body = {"from_claim": mine.pk, "to_claim": pk, "relation": "contradicts"}
        return client.post(
            "/api/v1/links", json.dumps(body), content_type="application/json", **auth
        )

    made, missing = link_to(his.pk), link_to(his.pk + 1000)
    assert made.status_code == missing.status_code == 422
    # The answer is that of a claim that does not exist.
    assert made.json() == json.loads(
        missing.content.decode().replace(str(his.pk + 1000), str(his.pk))
    )
    assert client.delete(f"/api/v1/links/{link.pk}", **auth).status_code == 404
    assert ClaimLink.objects.filter(pk=link.pk).exists()


# --- the API's figures -----------------------------------------------------------------------


def test_the_api_gives_her_figures_as_she_reads_them(
    client: Client, double: Article, carol: User
) -> None:
    figure = _figure(double, "67,000")
    secret = ApiToken.objects.issue(user=carol, name="tests")[1]
    auth: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    one = client.get(f"/api/v1/figures/{figure.pk}", **auth).json()
    assert (one["value"], one["state"], one["counted"]) == ("67000", "suggested", "")
    listed = client.get(f"/api/v1/figures?article={double.pk}", **auth).json()["items"]
    assert {f["value"] for f in listed} == {"67000", "8000"}
    assert (
        client.get(f"/api/v1/figures?article={double.pk}&state=confirmed", **auth).json()["items"]
        == []
    )


def test_the_api_does_not_write_her_figures_over_the_other_annotators_reading(
    client: Client, double: Article, carol: User, dave: User
) -> None:
    figure = _figure(double, "67,000")
    secret = ApiToken.objects.issue(user=carol, name="tests")[1]
    auth: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    # Whatever version she sends, the answer shows neither dave's reading nor that he changed it.
    for version in (1, figure.version):
        response = client.patch(
            f"/api/v1/figures/{figure.pk}",
            json.dumps({"version": version, "state": "confirmed"}),
            content_type="application/json",
            **auth,
        )
        assert response.status_code == 403
        assert "67001" not in response.content.decode()
        assert "accounts" not in response.content.decode()
    figure.refresh_from_db()
    assert figure.value == Decimal(67001)
    assert not FigureJudgement.objects.filter(annotator=carol).exists()


def test_the_dashboard_counts_leave_out_her_blind_articles(
    client: Client, double: Article, bob: User, carol: User
) -> None:
    def totals(user: Any) -> str:
        client.force_login(user)
        html = client.get("/collections/desk/dashboard/").content.decode()
        return html[html.index('<ul class="totals">') : html.index("</ul>")]

    # bob counts dave's claim and his confirmation.
    assert "<strong>1</strong> claims" in totals(bob)
    assert "(1 confirmed)" in totals(bob)
    # carol's dashboard does not: the article she annotates blind is left out.
    mine = totals(carol)
    assert "<strong>0</strong> claims" in mine and "(0 confirmed)" in mine


def test_the_agreement_of_one_blind_article_is_not_hers_to_read(
    client: Client, double: Article, bob: User, carol: User
) -> None:
    _her_claim(double, carol)
    url = f"/collections/desk/agreement/?article={double.pk}"
    client.force_login(bob)
    assert client.get(url).status_code == 200
    # Its measures are those of her pair with dave on this article alone: how many figures he
    # marked, how many of hers he matched ("0 of 0/1"), where they differ.
    client.force_login(carol)
    assert client.get(url).status_code == 403


def test_her_claims_in_the_api_cannot_hold_the_other_annotators_figures(
    client: Client, double: Article, carol: User
) -> None:
    his = _figure(double, "Officials")
    secret = ApiToken.objects.issue(user=carol, name="tests")[1]
    auth: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    def claim_with(pk: int) -> Any:
        body = {"article": double.pk, "start": 0, "end": 43, "figures": [pk]}
        return client.post(
            "/api/v1/claims", json.dumps(body), content_type="application/json", **auth
        )

    made, missing = claim_with(his.pk), claim_with(his.pk + 1000)
    assert made.status_code == missing.status_code == 422
    assert made.json() == json.loads(
        missing.content.decode().replace(str(his.pk + 1000), str(his.pk))
    )
    assert not Claim.objects.filter(created_by=carol).exists()


def test_a_correction_she_gets_wrong_does_not_show_the_other_annotators_reading(
    client: Client, double: Article, carol: User
) -> None:
    figure = _figure(double, "67,000")
    client.force_login(carol)
    data = {
        "version": "1",
        "seen": json.dumps({"value": "67,000", "state": "suggested"}),
        "start": str(figure.start),
        "end": str(figure.end),
        "value": "not a number",
        "qualifier": "exact",
        "unit": "",
        "counted": "",
        "state": "confirmed",
    }
    response = client.post(f"/figures/{figure.pk}/edit/", data, headers=HX)
    assert response.status_code == 422
    body = response.content.decode()
    # (dave's counted noun, "accounts", is also the form's help text: his value tells.)
    assert "67,001" not in body and "67001" not in body
