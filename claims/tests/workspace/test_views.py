"""The workspace's actions through the test client: htmx fragments and Post/Redirect/Get."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from articles.models import Article, Collection
from claims.models import Claim, ClaimLink, Figure, Source, SourceMention, Tag
from core.locking import save_version

HX = {"HX-Request": "true"}


@pytest.fixture
def figure(article: Article) -> Figure:
    return Figure.objects.create(article=article, start=15, end=21, surface="67,000")


@pytest.fixture
def eight(article: Article) -> Figure:
    start = article.text.index("8,000")
    return Figure.objects.create(article=article, start=start, end=start + 5, surface="8,000")


@pytest.fixture
def reuters(db: None) -> Source:
    return Source.objects.create(name="Reuters", kind="news_agency")


def _login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


# --- figures ------------------------------------------------------------------------------


def test_confirming_a_figure_returns_its_row(client: Client, carol: User, figure: Figure) -> None:
    response = _login(client, carol).post(
        "/figures/state/", {"figure_action": f"confirm:{figure.pk}:1"}, headers=HX
    )
    assert response.status_code == 200
    figure.refresh_from_db()
    assert (figure.state, figure.version) == ("confirmed", 2)
    assert f'id="figure-row-{figure.pk}"' in response.content.decode()
    assert f'value="reject:{figure.pk}:2"' in response.content.decode()
    trigger = json.loads(response["HX-Trigger"])
    assert trigger["cd-figure"] == {"id": figure.pk, "state": "confirmed", "version": 2}


def test_a_figure_decision_refreshes_the_heading_counts(
    client: Client, carol: User, figure: Figure, eight: Figure
) -> None:
    response = _login(client, carol).post(
        "/figures/state/", {"figure_action": f"confirm:{figure.pk}:1"}, headers=HX
    )
    html = response.content.decode()
    assert '<span id="figure-counts" class="muted counts" hx-swap-oob="true">' in html
    assert "1 confirmed · 1 suggested · 0 rejected" in html
    response = client.post("/figures/state/", {"figure_action": f"reject:{eight.pk}:1"}, headers=HX)
    assert "1 confirmed · 0 suggested · 1 rejected" in response.content.decode()


def test_the_first_figure_decision_puts_a_new_article_in_progress(
    client: Client, carol: User, figure: Figure, article: Article
) -> None:
    assert article.status == "new"
    _login(client, carol).post(
        "/figures/state/", {"figure_action": f"confirm:{figure.pk}:1"}, headers=HX
    )
    article.refresh_from_db()
    assert article.status == "in_progress"
    Article.objects.filter(pk=article.pk).update(status="done")
    client.post("/figures/state/", {"figure_action": f"reject:{figure.pk}:2"}, headers=HX)
    article.refresh_from_db()
    assert article.status == "done"  # only a new article moves; a done one stays done


def test_rejecting_without_js_redirects_back_with_a_message(
    client: Client, carol: User, figure: Figure
) -> None:
    response = _login(client, carol).post(
        "/figures/state/", {"figure_action": f"reject:{figure.pk}:1"}, follow=True
    )
    assert (
        response.redirect_chain[-1][0] == f"/articles/{figure.article_id}/#figure-row-{figure.pk}"
    )
    assert "Figure “67,000” rejected." in response.content.decode()
    figure.refresh_from_db()
    assert figure.state == "rejected"


def test_a_stale_state_change_is_refused_naming_what_changed(
    client: Client, carol: User, figure: Figure
) -> None:
    seen = json.dumps({"state": "suggested", "value": ""})
    figure.value = Decimal("68000")
    figure.state = "rejected"
    figure.version = 2
    figure.save()
    response = _login(client, carol).post(
        "/figures/state/", {"figure_action": f"confirm:{figure.pk}:1", "seen": seen}, headers=HX
    )
    assert response.status_code == 409
    message = json.loads(response["HX-Trigger"])["cd-message"]
    assert message["level"] == "error"
    assert "state: suggested → rejected" in message["text"]
    assert "value: (empty) → 68,000" in message["text"]
    figure.refresh_from_db()
    assert (figure.state, figure.version) == ("rejected", 2)


def test_a_stale_change_without_js_is_refused_with_a_message(
    client: Client, carol: User, figure: Figure
) -> None:
    figure.set_state("confirmed")
    response = _login(client, carol).post(
        "/figures/state/", {"figure_action": f"reject:{figure.pk}:1"}, follow=True
    )
    assert "Not saved" in response.content.decode()
    figure.refresh_from_db()
    assert figure.state == "confirmed"


def test_adding_a_figure_from_a_selection(client: Client, carol: User, article: Article) -> None:
    start = article.text.index("8,000")
    _login(client, carol)
    form = client.get(
        f"/articles/{article.pk}/figures/new/?start={start}&end={start + 5}", headers=HX
    )
    assert "Add figure “8,000”" in form.content.decode()
    response = client.post(
        f"/articles/{article.pk}/figures/new/",
        {
            "start": start,
            "end": start + 5,
            "value": "8000",
            "qualifier": "approx_below",
            "state": "confirmed",
            "counted": "accounts",
        },
        headers=HX,
    )
    assert response.status_code == 200
    figure = Figure.objects.get()
    assert (figure.surface, figure.origin, figure.created_by) == ("8,000", "manual", carol)
    body = response.content.decode()
    assert (
        'id="article-text" class="article-text" lang="en" data-article-text hx-swap-oob="true"'
        in body
    )
    assert f'data-figure-id="{figure.pk}" data-start="{start}"' in body


def test_adding_a_figure_twice_at_one_span_is_refused(
    client: Client, carol: User, figure: Figure
) -> None:
    response = _login(client, carol).post(
        f"/articles/{figure.article_id}/figures/new/",
        {"start": 15, "end": 21, "qualifier": "exact", "state": "confirmed"},
        headers=HX,
    )
    assert response.status_code == 422
    assert "already has a figure at exactly this span" in response.content.decode()
    assert Figure.objects.count() == 1


def test_correcting_a_figure_saves_only_what_changed(
    client: Client, carol: User, figure: Figure
) -> None:
    response = _login(client, carol).post(
        f"/figures/{figure.pk}/edit/",
        {
            "version": 1,
            "start": 15,
            "end": 21,
            "value": "67000",
            "qualifier": "exact",
            "counted": "social media accounts",
            "state": "confirmed",
        },
        headers=HX,
    )
    assert response.status_code == 200, response.content
    figure.refresh_from_db()
    assert figure.value == Decimal("67000")
    assert (figure.counted, figure.state, figure.version) == (
        "social media accounts",
        "confirmed",
        2,
    )


def test_a_stale_correction_is_refused(
    client: Client, carol: User, dave: User, figure: Figure
) -> None:
    _login(client, carol)
    form = client.get(f"/figures/{figure.pk}/edit/", headers=HX).content.decode()
    assert 'name="version" value="1"' in form
    figure.counted = "posts"
    save_version(figure, "counted")
    response = client.post(
        f"/figures/{figure.pk}/edit/",
        {
            "version": 1,
            "seen": json.dumps({"counted": ""}),
            "start": 15,
            "end": 21,
            "qualifier": "exact",
            "counted": "accounts",
            "state": "confirmed",
        },
        headers=HX,
    )
    assert response.status_code == 409
    assert "counted: (empty) → posts" in json.loads(response["HX-Trigger"])["cd-message"]["text"]
    figure.refresh_from_db()
    assert figure.counted == "posts"


# --- claims -------------------------------------------------------------------------------


def test_the_new_claim_form_is_prefilled_from_the_selection(
    client: Client, carol: User, article: Article, figure: Figure, eight: Figure, reuters: Source
) -> None:
    second = article.text.index("Of the")
    SourceMention.objects.create(
        article=article,
        start=article.text.index("Reuters"),
        end=article.text.index("Reuters") + 7,
        name="Reuters",
        cue="reported",
        sentence_start=second,
        sentence_end=len(article.text),
        source=reuters,
    )
    response = _login(client, carol).get(
        f"/articles/{article.pk}/claims/new/?start={second}&end={len(article.text)}", headers=HX
    )
    body = response.content.decode()
    assert f'<input type="checkbox" name="figures" value="{eight.pk}" checked>' in body
    assert f'name="figures" value="{figure.pk}"' not in body  # outside the selection
    assert f'<option value="{reuters.pk}" selected>Reuters</option>' in body
    assert "Detected in this sentence: “Reuters” (reported)" in body
    assert 'name="verdict"' not in body  # annotators do not set verdicts


def _claim_data(article: Article, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "start": 0,
        "end": 43,
        "attribution": "paraphrase",
        "status": "draft",
        "note": "",
    }
    data.update(changes)
    return data


def test_creating_a_claim(
    client: Client, carol: User, article: Article, figure: Figure, reuters: Source
) -> None:
    tag = Tag.objects.create(collection=article.collection, name="Scope", slug="scope", key="2")
    response = _login(client, carol).post(
        f"/articles/{article.pk}/claims/new/",
        _claim_data(article, figures=[figure.pk], source=reuters.pk, tags=[tag.pk]),
        headers=HX,
    )
    assert response.status_code == 200, response.content
    claim = Claim.objects.get()
    assert claim.quote == "Officials said 67,000 accounts were closed."
    assert (claim.source, claim.created_by, claim.status) == (reuters, carol, "draft")
    assert list(claim.figures.all()) == [figure]
    assert list(claim.tags.all()) == [tag]
    body = response.content.decode()
    assert (
        f'id="claim-row-{claim.pk}"' in body
        and 'id="claims-panel" class="panel-section" hx-swap-oob="true"' in body
    )
    assert json.loads(response["HX-Trigger"])["cd-select-claim"] == {"id": claim.pk}
    article.refresh_from_db()
    assert article.status == "in_progress"  # the first claim starts the work


def test_a_claim_must_contain_its_figures(
    client: Client, carol: User, article: Article, eight: Figure
) -> None:
    response = _login(client, carol).post(
        f"/articles/{article.pk}/claims/new/", _claim_data(article, figures=[eight.pk]), headers=HX
    )
    assert response.status_code == 422
    assert "Figures must lie inside the claim" in response.content.decode()
    assert not Claim.objects.exists()


def test_an_annotator_cannot_approve_or_set_a_verdict(
    client: Client, carol: User, article: Article
) -> None:
    _login(client, carol)
    response = client.post(
        f"/articles/{article.pk}/claims/new/", _claim_data(article, status="approved"), headers=HX
    )
    assert response.status_code == 422
    response = client.post(
        f"/articles/{article.pk}/claims/new/", _claim_data(article, verdict="accurate"), headers=HX
    )
    assert response.status_code == 200
    assert Claim.objects.get().verdict == "unchecked"  # the field is not the annotator's


def test_a_reviewer_sets_the_verdict_of_someone_elses_claim(
    client: Client, bob: User, carol: User, article: Article
) -> None:
    claim = Claim.objects.create(article=article, start=0, end=43, created_by=carol)
    response = _login(client, bob).post(
        f"/claims/{claim.pk}/edit/",
        _claim_data(article, version=1, status="approved", verdict="accurate"),
        headers=HX,
    )
    assert response.status_code == 200, response.content
    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.reviewed_by, claim.version) == (
        "approved",
        "accurate",
        bob,
        2,
    )


def test_a_stale_claim_edit_is_refused_naming_what_changed(
    client: Client, carol: User, dave: User, article: Article, reuters: Source
) -> None:
    claim = Claim.objects.create(article=article, start=0, end=43, created_by=carol)
    _login(client, carol)
    form = client.get(f"/claims/{claim.pk}/edit/", headers=HX).content.decode()
    assert 'name="version" value="1"' in form
    claim.source = reuters
    claim.version = 2
    claim.save()
    response = client.post(
        f"/claims/{claim.pk}/edit/",
        _claim_data(article, version=1, seen=json.dumps({"source": ""}), note="mine"),
        headers=HX,
    )
    assert response.status_code == 409
    text = json.loads(response["HX-Trigger"])["cd-message"]["text"]
    assert "source: (empty) → Reuters" in text
    claim.refresh_from_db()
    assert (claim.note, claim.source) == ("", reuters)


def test_tagging_a_claim_by_key_toggles_the_tag(
    client: Client, carol: User, article: Article
) -> None:
    claim = Claim.objects.create(article=article, start=0, end=43)
    tag = Tag.objects.create(collection=article.collection, name="Scope", slug="scope", key="2")
    _login(client, carol)
    response = client.post("/claims/tags/", {"claim_tag": f"{claim.pk}:{tag.pk}:1"}, headers=HX)
    assert response.status_code == 200
    assert list(claim.tags.all()) == [tag]
    assert f'value="{claim.pk}:{tag.pk}:2" class="tag on"' in response.content.decode()
    client.post("/claims/tags/", {"claim_tag": f"{claim.pk}:{tag.pk}:2"}, headers=HX)
    assert not claim.tags.exists()
    stale = client.post("/claims/tags/", {"claim_tag": f"{claim.pk}:{tag.pk}:1"}, headers=HX)
    assert stale.status_code == 409


def test_a_tag_of_another_collection_is_refused(
    client: Client, carol: User, alice: User, article: Article
) -> None:
    claim = Claim.objects.create(article=article, start=0, end=43)
    other = Collection.objects.create(name="Other", slug="other", created_by=alice)
    tag = Tag.objects.create(collection=other, name="Elsewhere", slug="elsewhere")
    response = _login(client, carol).post(
        "/claims/tags/", {"claim_tag": f"{claim.pk}:{tag.pk}:1"}, headers=HX
    )
    assert response.status_code == 404


# --- links --------------------------------------------------------------------------------


def test_linking_two_claims_across_the_collection(
    client: Client, carol: User, article: Article, collection: Collection
) -> None:
    whole = Claim.objects.create(article=article, start=0, end=43, quote=article.text[:43])
    other = Article.objects.import_text(
        collection=collection, text="Nearly 8,000 of them spread rumours.", title="Other"
    )[0]
    part = Claim.objects.create(article=other, start=0, end=36, quote=other.text)
    _login(client, carol)
    search = client.get(f"/claims/search/?claim={part.pk}&q=67,000").content.decode()
    assert f'value="{whole.pk}"' in search and "Accounts closed" in search
    response = client.post(
        f"/claims/{part.pk}/links/new/", {"relation": "part_of", "to_claim": whole.pk}, headers=HX
    )
    assert response.status_code == 200, response.content
    link = ClaimLink.objects.get()
    assert (link.from_claim, link.to_claim, link.relation, link.created_by) == (
        part,
        whole,
        "part_of",
        carol,
    )
    page = client.get(f"/articles/{article.pk}/").content.decode()
    assert "“Nearly 8,000 of them spread rumours.”</a> is part of this" in page
    there = client.get(f"/articles/{other.pk}/").content.decode()
    assert "is part of <a" in there and "“Officials said 67,000 accounts were closed.”" in there


def test_claim_rows_and_link_targets_name_who_made_each_version(
    client: Client, carol: User, dave: User, article: Article
) -> None:
    quote = article.text[:43]
    kept = Claim.objects.create(
        article=article, start=0, end=43, quote=quote, created_by=dave, status="approved"
    )
    mine = Claim.objects.create(
        article=article, start=0, end=43, quote=quote, created_by=carol, superseded_by=kept
    )
    third = Claim.objects.create(article=article, start=15, end=21, quote="67,000")
    _login(client, carol)
    page = client.get(f"/articles/{article.pk}/").content.decode()
    row = page[page.index(f'id="claim-row-{mine.pk}"') :]
    assert row.index('<dd class="created-by">carol <span class="superseded">superseded</span>') < (
        row.index("</li>")
    )
    row = page[page.index(f'id="claim-row-{kept.pk}"') :]
    assert '<dd class="created-by">dave</dd>' in row[: row.index("</li>")]
    search = client.get(f"/claims/search/?claim={third.pk}").content.decode()
    assert '<span class="by">by carol</span> <span class="superseded">superseded</span>' in search
    assert '<span class="by">by dave</span> <span class="muted">' in search


def test_a_link_to_another_collection_is_refused(
    client: Client, carol: User, alice: User, article: Article
) -> None:
    here = Claim.objects.create(article=article, start=0, end=43)
    coll = Collection.objects.create(name="Other", slug="other", created_by=alice)
    there_article = Article.objects.import_text(collection=coll, text="Some 5 things.", title="x")[
        0
    ]
    there = Claim.objects.create(article=there_article, start=0, end=6)
    _login(client, carol)
    assert (
        f'value="{there.pk}"'
        not in client.get(f"/claims/search/?claim={here.pk}&q=Some").content.decode()
    )
    response = client.post(
        f"/claims/{here.pk}/links/new/", {"relation": "repeats", "to_claim": there.pk}, headers=HX
    )
    assert response.status_code == 422
    assert not ClaimLink.objects.exists()


# --- sources ------------------------------------------------------------------------------


def test_sources_are_found_by_alias_and_created_inline(
    client: Client, carol: User, reuters: Source
) -> None:
    Source.objects.create(
        name="Cyberspace Administration of China", aliases="CAC\nState Internet Information Office"
    )
    _login(client, carol)
    found = client.get("/sources/search/?q=internet&for=source", headers=HX).content.decode()
    assert "Cyberspace Administration of China" in found and "Reuters" not in found
    response = client.post(
        "/sources/new/",
        {"newsource-name": "Xinhua", "newsource-kind": "news_agency", "for": "via"},
        headers=HX,
    )
    assert response.status_code == 200
    xinhua = Source.objects.get(name="Xinhua")
    body = response.content.decode()
    assert 'name="via"' in body and 'hx-swap-oob="true"' in body
    assert f'<option value="{xinhua.pk}" selected>Xinhua</option>' in body
    again = client.post(
        "/sources/new/", {"newsource-name": "reuters", "newsource-kind": "other"}, headers=HX
    )
    assert again.status_code == 422
    assert Source.objects.count() == 3


# --- access -------------------------------------------------------------------------------


def test_an_outsider_gets_404_everywhere(
    client: Client, mallory: User, article: Article, figure: Figure
) -> None:
    claim = Claim.objects.create(article=article, start=0, end=43)
    _login(client, mallory)
    for url, data in [
        ("/figures/state/", {"figure_action": f"confirm:{figure.pk}:1"}),
        (f"/figures/{figure.pk}/edit/", None),
        (f"/articles/{article.pk}/figures/new/?start=0&end=4", None),
        (f"/articles/{article.pk}/claims/new/?start=0&end=4", None),
        (f"/claims/{claim.pk}/edit/", None),
        (f"/claims/{claim.pk}/links/new/", None),
        (f"/claims/search/?claim={claim.pk}", None),
        ("/sources/search/?q=a", None),
        ("/sources/new/", {"newsource-name": "X", "newsource-kind": "other"}),
    ]:
        response = client.post(url, data) if data is not None else client.get(url)
        assert response.status_code == 404, url
    figure.refresh_from_db()
    assert figure.state == "suggested"
    assert not Source.objects.exists()


def test_a_reader_without_change_permission_gets_403(
    client: Client, django_user_model: Any, figure: Figure
) -> None:
    reader = django_user_model.objects.create_user("reader", password="x")
    reader.user_permissions.add(Permission.objects.get(codename="view_article"))
    _login(client, reader)
    response = client.post(
        "/figures/state/", {"figure_action": f"confirm:{figure.pk}:1"}, headers=HX
    )
    assert response.status_code == 403
    assert client.get(f"/articles/{figure.article_id}/claims/new/?start=0&end=4").status_code == 403
    figure.refresh_from_db()
    assert figure.state == "suggested"


def test_tags_are_listed_by_keyboard_key_then_name(
    client: Client, carol: User, article: Article
) -> None:
    tags = {}
    for name, key in [("Zeta", "1"), ("Beta", ""), ("Alpha", "2"), ("Aardvark", "")]:
        tags[name] = Tag.objects.create(
            collection=article.collection, name=name, slug=name.lower(), key=key
        )
    claim = Claim.objects.create(article=article, start=0, end=43, quote=article.text[:43])
    expected = ["Zeta", "Alpha", "Aardvark", "Beta"]

    def in_order(html: str, marker: str) -> bool:
        positions = [html.index(marker.format(tags[name].pk)) for name in expected]
        return positions == sorted(positions)

    _login(client, carol)
    page = client.get(f"/articles/{article.pk}/").content.decode()
    assert in_order(page[page.index(f'id="claim-row-{claim.pk}"') :], 'data-tag-id="{}"')
    overlay = page[page.index("data-tag-key-map") :]
    assert overlay.index("“Zeta”") < overlay.index("“Alpha”")
    form = client.get(f"/articles/{article.pk}/claims/new/?start=0&end=43").content.decode()
    assert in_order(form, 'name="tags" value="{}"')


# --- deleting claims and removing links -----------------------------------------------------


@pytest.fixture
def pair(article: Article, carol: User, dave: User) -> tuple[Claim, Claim]:
    """carol's draft claim linked as repeating dave's submitted one."""
    mine = Claim.objects.create(article=article, start=0, end=43, created_by=carol)
    theirs = Claim.objects.create(
        article=article, start=0, end=22, created_by=dave, status=Claim.Status.SUBMITTED
    )
    ClaimLink.objects.create(from_claim=mine, to_claim=theirs, relation="repeats")
    return mine, theirs


def test_an_annotator_deletes_her_own_draft_claim_and_its_links(
    client: Client, carol: User, pair: tuple[Claim, Claim]
) -> None:
    mine, theirs = pair
    form = _login(client, carol).get(f"/claims/{mine.pk}/edit/", headers=HX).content.decode()
    assert f'data-delete-claim="{mine.pk}"' in form
    assert "Remove link" in form and "repeats “" in form
    response = client.post(f"/claims/{mine.pk}/delete/", {"version": mine.version}, headers=HX)
    assert response.status_code == 200
    assert not Claim.objects.filter(pk=mine.pk).exists()
    assert not ClaimLink.objects.exists()
    body = response.content.decode()
    assert "deleted, with its links" in body
    assert f'id="claim-row-{mine.pk}"' not in body and f'id="claim-row-{theirs.pk}"' in body
    assert json.loads(response["HX-Trigger"])["cd-message"]["level"] == "success"
    deleted = Claim.history.filter(id=mine.pk).latest("history_date")
    assert (deleted.history_type, deleted.history_user) == ("-", carol)


def test_who_may_delete_a_claim(
    client: Client, carol: User, bob: User, mallory: User, pair: tuple[Claim, Claim]
) -> None:
    mine, theirs = pair
    _login(client, carol)
    # Not someone else's claim, and not her own once submitted.
    form = client.get(f"/claims/{theirs.pk}/edit/", headers=HX).content.decode()
    assert "data-delete-claim" not in form
    assert client.post(f"/claims/{theirs.pk}/delete/", {"version": 1}).status_code == 403
    Claim.objects.filter(pk=mine.pk).update(status=Claim.Status.SUBMITTED)
    assert client.post(f"/claims/{mine.pk}/delete/", {"version": 1}).status_code == 403
    assert (
        _login(client, mallory).post(f"/claims/{mine.pk}/delete/", {"version": 1}).status_code
        == 404
    )
    assert Claim.objects.count() == 2
    # A reviewer deletes anyone's; without htmx, Post/Redirect/Get.
    response = _login(client, bob).post(f"/claims/{theirs.pk}/delete/", {"version": 1})
    assert response.status_code == 302 and response["Location"] == f"/articles/{theirs.article_id}/"
    assert list(Claim.objects.all()) == [mine]


def test_deleting_a_claim_changed_since_the_page_was_loaded_is_refused(
    client: Client, carol: User, pair: tuple[Claim, Claim]
) -> None:
    mine, _ = pair
    Claim.objects.filter(pk=mine.pk).update(version=2, note="Checked with the desk")
    response = _login(client, carol).post(f"/claims/{mine.pk}/delete/", {"version": 1}, headers=HX)
    assert response.status_code == 409
    message = json.loads(response["HX-Trigger"])["cd-message"]["text"]
    assert "The claim was not deleted" in message
    assert Claim.objects.filter(pk=mine.pk).exists()


def test_removing_a_link_from_the_claim_editor(
    client: Client, carol: User, mallory: User, pair: tuple[Claim, Claim]
) -> None:
    mine, theirs = pair
    link = ClaimLink.objects.get()
    assert _login(client, mallory).post(f"/links/{link.pk}/delete/").status_code == 404
    # From the target's editor: "… repeats this", and the editor stays on that claim.
    form = _login(client, carol).get(f"/claims/{theirs.pk}/edit/", headers=HX).content.decode()
    assert "repeats this" in form and f'data-unlink="{link.pk}"' in form
    response = client.post(f"/links/{link.pk}/delete/", {"claim": theirs.pk}, headers=HX)
    assert response.status_code == 200
    assert not ClaimLink.objects.exists()
    assert set(Claim.objects.all()) == {mine, theirs}
    assert json.loads(response["HX-Trigger"])["cd-select-claim"] == {"id": theirs.pk}
    assert "Link removed" in response.content.decode()
