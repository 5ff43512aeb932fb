"""The findings panel, the collection report and reviewers' decisions, through the client."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Collection
from claims.consistency.records import Kind, finding_key
from claims.consistency.store import article_findings
from claims.models import Claim, ClaimLink, Figure, FindingDecision, Source, SourceMention
from claims.tests.consistency.sample import by_surface, load_sample

HX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def sample(collection: Collection, alice: User) -> Article:
    return load_sample(collection, created_by=alice)


def _login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def _contradiction_key(article: Article) -> str:
    ids = by_surface(article)
    return finding_key(Kind.CONTRADICTION, [ids["1.4 million"][0], ids["nearly one million"][0]])


def _repeat_key(article: Article) -> str:
    return finding_key(Kind.REPEAT, by_surface(article)["67,000"])


# --- access ---------------------------------------------------------------------------------


def test_outsiders_get_404_everywhere(client: Client, mallory: User, sample: Article) -> None:
    c = _login(client, mallory)
    assert c.get(f"/articles/{sample.pk}/findings/").status_code == 404
    assert c.get("/collections/desk/consistency/").status_code == 404
    key = _contradiction_key(sample)
    for url in (f"/articles/{sample.pk}/findings/decide/", "/collections/desk/consistency/decide/"):
        assert c.post(url, {"key": key, "action": "dismiss"}).status_code == 404
    assert not FindingDecision.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client: Client, sample: Article) -> None:
    response = client.get(f"/articles/{sample.pk}/findings/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_annotators_read_findings_but_cannot_decide(
    client: Client, carol: User, sample: Article
) -> None:
    c = _login(client, carol)
    response = c.get(f"/articles/{sample.pk}/findings/", **HX)
    assert response.status_code == 200
    assert "Contradiction" in response.content.decode()
    assert 'value="accept"' not in response.content.decode()
    key = _contradiction_key(sample)
    response = c.post(f"/articles/{sample.pk}/findings/decide/", {"key": key, "action": "accept"})
    assert response.status_code == 403
    assert not ClaimLink.objects.exists() and not FindingDecision.objects.exists()


# --- the panel ------------------------------------------------------------------------------


def test_the_panel_lists_findings_with_their_figures(
    client: Client, bob: User, sample: Article
) -> None:
    response = _login(client, bob).get(f"/articles/{sample.pk}/findings/", **HX)
    html = response.content.decode()
    ids = by_surface(sample)
    million, nearly = ids["1.4 million"][0], ids["nearly one million"][0]
    assert f'data-figure-ids="{min(million, nearly)} {max(million, nearly)}"' in html
    assert "1.4 million social media posts have been removed (paragraph 1) vs nearly one" in html
    assert "data-finding-select" in html  # in the workspace: a button that highlights
    # Every finding but the magnitude one and the part sharing its whole's sentence (one
    # draft claim would hold both: no link to make).
    assert html.count('value="accept"') == 4
    assert "<html" not in html  # a fragment


def test_without_htmx_the_panel_is_a_page(client: Client, bob: User, sample: Article) -> None:
    response = _login(client, bob).get(f"/articles/{sample.pk}/findings/")
    html = response.content.decode()
    assert "<html" in html and "Findings in" in html
    assert f"/articles/{sample.pk}/?finding=contradiction" in html
    assert "<script>" not in html  # no inline script (CSP)


def test_the_workspace_loads_the_panel(client: Client, bob: User, sample: Article) -> None:
    html = _login(client, bob).get(f"/articles/{sample.pk}/").content.decode()
    assert f'hx-get="/articles/{sample.pk}/findings/"' in html
    assert 'hx-trigger="load, cd-findings-refresh"' in html
    assert "js/findings.js" in html


def test_article_text_in_messages_is_escaped(
    client: Client, bob: User, collection: Collection
) -> None:
    article, _ = Article.objects.import_text(
        collection=collection,
        text="Police said 5 <b>posts</b> were removed. Later 9 <b>posts</b> were removed.",
        title="Escaping",
    )
    for surface in ("5", "9"):
        start = article.text.index(f"{surface} <b>")
        Figure.objects.create(
            article=article,
            start=start,
            end=start + 1,
            surface=surface,
            value=int(surface),
            counted="posts",
        )
    html = _login(client, bob).get(f"/articles/{article.pk}/findings/", **HX).content.decode()
    assert "Contradiction" in html
    assert "<b>posts" not in html and "&lt;b&gt;posts" in html


# --- decisions ------------------------------------------------------------------------------


def test_accepting_a_contradiction_makes_draft_claims_and_the_link(
    client: Client, bob: User, sample: Article
) -> None:
    cac = Source.objects.create(name="Cyberspace Administration of China", kind="regulator")
    ids = by_surface(sample)
    nearly = Figure.objects.get(pk=ids["nearly one million"][0])
    SourceMention.objects.create(
        article=sample,
        start=nearly.start - 60,
        end=nearly.start - 50,
        name="Chinese authorities",
        sentence_start=0,
        sentence_end=len(sample.text),
        source=cac,
    )
    key = _contradiction_key(sample)
    response = _login(client, bob).post(
        f"/articles/{sample.pk}/findings/decide/", {"key": key, "action": "accept"}, **HX
    )
    assert response.status_code == 200
    trigger = json.loads(response["HX-Trigger"])
    assert trigger["cd-message"]["level"] == "success"
    assert "contradicts" in trigger["cd-message"]["text"]

    link = ClaimLink.objects.get()
    assert link.relation == "contradicts" and link.created_by == bob
    # The later mention contradicts the earlier one; each claim is its figure's sentence.
    assert list(link.from_claim.figures.all()) == [nearly]
    assert (
        link.from_claim.quote
        == "In this round of Beijing campaign, nearly one million public posts were deleted."
    )
    assert (
        link.to_claim.quote
        == "After a months-long investigation, 1.4 million social media posts have been removed."
    )
    assert link.from_claim.status == "draft" and link.from_claim.created_by == bob
    assert link.from_claim.source == cac
    decision = FindingDecision.objects.get(key=key)
    assert (decision.decision, decision.link, decision.decided_by) == ("accepted", link, bob)
    # The finding is now accepted, out of the open list.
    assert f'data-finding-key="{key}"' not in response.content.decode()
    states = {s.finding.key: s.status for s in article_findings(sample).findings}
    assert states[key] == "accepted"


def test_accepting_uses_the_claims_already_there(
    client: Client, bob: User, sample: Article
) -> None:
    first, second = Figure.objects.filter(surface="67,000").order_by("start")
    claims = []
    for figure in (first, second):
        claim = Claim.objects.create(
            article=sample,
            start=figure.start - 5,
            end=figure.end + 10,
            quote=sample.text[figure.start - 5 : figure.end + 10],
        )
        claims.append(claim)
    claims[0].figures.add(first)  # the second claim holds its figure's span but not the figure
    _login(client, bob).post(
        f"/articles/{sample.pk}/findings/decide/", {"key": _repeat_key(sample), "action": "accept"}
    )
    assert Claim.objects.count() == 2
    link = ClaimLink.objects.get()
    assert (link.from_claim, link.to_claim, link.relation) == (claims[1], claims[0], "repeats")
    assert list(claims[1].figures.all()) == [second]
    claims[1].refresh_from_db()
    assert claims[1].version == 2


def test_a_finding_already_linked_shows_as_linked(
    client: Client, bob: User, sample: Article
) -> None:
    first, second = Figure.objects.filter(surface="67,000").order_by("start")
    a = Claim.objects.create(article=sample, start=first.start, end=first.end)
    b = Claim.objects.create(article=sample, start=second.start, end=second.end)
    a.figures.add(first)
    b.figures.add(second)
    ClaimLink.objects.create(from_claim=a, to_claim=b, relation="repeats")
    states = {s.finding.key: s.status for s in article_findings(sample).findings}
    assert states[_repeat_key(sample)] == "linked"


def test_dismissed_findings_stay_dismissed(client: Client, bob: User, sample: Article) -> None:
    key = _contradiction_key(sample)
    c = _login(client, bob)
    response = c.post(
        f"/articles/{sample.pk}/findings/decide/", {"key": key, "action": "dismiss"}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/articles/{sample.pk}/findings/"
    assert "Dismissed" in response.content.decode()
    assert not ClaimLink.objects.exists()
    # Checked again (figures edited elsewhere, the page reloaded): still dismissed.
    Figure.objects.filter(surface="two-year").update(state="confirmed")
    html = c.get(f"/articles/{sample.pk}/findings/", **HX).content.decode()
    assert f'data-finding-key="{key}"' not in html
    assert "show the 1 decided" in html
    html = c.get(f"/articles/{sample.pk}/findings/?show=all", **HX).content.decode()
    assert f'data-finding-key="{key}"' in html and 'value="reopen"' in html
    # Reopened, it is back.
    c.post(f"/articles/{sample.pk}/findings/decide/", {"key": key, "action": "reopen"})
    assert not FindingDecision.objects.exists()
    html = c.get(f"/articles/{sample.pk}/findings/", **HX).content.decode()
    assert f'data-finding-key="{key}"' in html


def test_a_finding_that_no_longer_holds_cannot_be_accepted(
    client: Client, bob: User, sample: Article
) -> None:
    key = _contradiction_key(sample)
    Figure.objects.filter(surface="1.4 million").update(value=950000)
    response = _login(client, bob).post(
        f"/articles/{sample.pk}/findings/decide/", {"key": key, "action": "accept"}, **HX
    )
    assert response.status_code == 409
    assert "no longer holds" in json.loads(response["HX-Trigger"])["cd-message"]["text"]
    assert not ClaimLink.objects.exists() and not FindingDecision.objects.exists()


def test_a_made_up_key_is_refused(client: Client, bob: User, sample: Article) -> None:
    c = _login(client, bob)
    for key in ("nonsense", "repeat:999999,1000000", "magnitude:1"):
        response = c.post(
            f"/articles/{sample.pk}/findings/decide/", {"key": key, "action": "accept"}, **HX
        )
        assert response.status_code == 409
    assert not FindingDecision.objects.exists()


def test_figures_of_another_collection_cannot_be_decided_on(
    client: Client, bob: User, alice: User, sample: Article
) -> None:
    other = Collection.objects.create(name="Other", slug="other", created_by=alice)
    response = _login(client, bob).post(
        "/collections/other/consistency/decide/",
        {"key": _contradiction_key(sample), "action": "dismiss"},
        **HX,
    )
    assert response.status_code == 409
    assert not FindingDecision.objects.filter(collection=other).exists()


# --- the collection report ------------------------------------------------------------------


def test_the_collection_report_lists_findings_across_articles(
    client: Client, bob: User, collection: Collection, sample: Article
) -> None:
    other, _ = Article.objects.import_text(
        collection=collection, text="Reuters said 2 million posts were removed.", title="Reuters"
    )
    start = other.text.index("2 million")
    Figure.objects.create(
        article=other,
        start=start,
        end=start + 9,
        surface="2 million",
        value=2000000,
        counted="posts",
    )
    html = _login(client, bob).get("/collections/desk/consistency/").content.decode()
    assert "Consistency report" in html
    assert f"(article {other.pk}, paragraph 1)" in html
    assert f'href="/articles/{other.pk}/?finding=' in html
    assert "Contradiction:" in html  # the counts by kind


def test_deciding_from_the_report_returns_the_list(
    client: Client, bob: User, sample: Article
) -> None:
    key = _repeat_key(sample)
    response = _login(client, bob).post(
        "/collections/desk/consistency/decide/", {"key": key, "action": "accept"}, **HX
    )
    assert response.status_code == 200
    assert 'id="findings"' in response.content.decode()
    assert FindingDecision.objects.get(key=key).decision == "accepted"
    response = client.post(
        "/collections/desk/consistency/decide/", {"key": key, "action": "reopen"}
    )
    assert response.status_code == 302 and response["Location"] == "/collections/desk/consistency/"


# --- queries --------------------------------------------------------------------------------


def _add_articles(collection: Collection, first: int, count: int) -> None:
    for n in range(first, first + count):
        article, _ = Article.objects.import_text(
            collection=collection,
            text=f"Item {n}: 67,000 accounts were closed. Later, 68,000 accounts were closed.",
            title=f"Copy {n}",
        )
        for surface in ("67,000", "68,000"):
            start = article.text.index(surface)
            figure = Figure.objects.create(
                article=article,
                start=start,
                end=start + 6,
                surface=surface,
                value=surface.replace(",", ""),
                counted="accounts",
            )
            claim = Claim.objects.create(article=article, start=start, end=start + 6)
            claim.figures.add(figure)
        earlier, later = Claim.objects.filter(article=article).order_by("start")
        ClaimLink.objects.create(from_claim=later, to_claim=earlier, relation="repeats")


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **HX).status_code == 200
    return len(queries)


def test_the_report_takes_constant_queries(
    client: Client, bob: User, collection: Collection, sample: Article
) -> None:
    c = _login(client, bob)
    _add_articles(collection, 0, 2)
    small = _queries(c, "/collections/desk/consistency/")
    _add_articles(collection, 2, 8)
    # 13: one more than before issue 18, the stored translation findings (claims/alignments/).
    assert _queries(c, "/collections/desk/consistency/") == small <= 13


def _annotate(article: Article, other: Article, upto: int) -> None:
    """Figures, claims and links (within the article and to another) for its first numbers."""
    done = article.figures.count()
    target = Claim.objects.filter(article=other).first()
    assert target is not None
    for n in range(done + 1, upto + 1):
        start = article.text.index(f" {n} accounts") + 1
        end = start + len(str(n))
        figure = Figure.objects.create(
            article=article, start=start, end=end, surface=str(n), value=n, counted="accounts"
        )
        claim = Claim.objects.create(article=article, start=start, end=end)
        claim.figures.add(figure)
        ClaimLink.objects.create(from_claim=claim, to_claim=target, relation="part_of")
        if n > 1:
            previous = Claim.objects.get(article=article, figures__value=n - 1)
            ClaimLink.objects.create(from_claim=claim, to_claim=previous, relation="repeats")


def test_the_panel_takes_constant_queries(
    client: Client, bob: User, collection: Collection
) -> None:
    c = _login(client, bob)
    _add_articles(collection, 0, 1)
    other = Article.objects.get(title="Copy 0")
    article, _ = Article.objects.import_text(
        collection=collection,
        text=" ".join(f"Then {n} accounts were closed." for n in range(1, 30)),
        title="Many figures",
    )
    _annotate(article, other, 3)
    # Computed after the change (and stored), then read from the store: each constant.
    small_computed = _queries(c, f"/articles/{article.pk}/findings/")
    small_stored = _queries(c, f"/articles/{article.pk}/findings/")
    _annotate(article, other, 12)
    assert _queries(c, f"/articles/{article.pk}/findings/") == small_computed <= 24
    html = c.get(f"/articles/{article.pk}/findings/", **HX).content.decode()
    assert "&#x27;Repeats&#x27; link between different values" in html
    assert _queries(c, f"/articles/{article.pk}/findings/") == small_stored <= 10
    assert small_stored < small_computed


def test_the_back_office_lists_decisions(
    client: Client, alice: User, bob: User, sample: Article
) -> None:
    key = _repeat_key(sample)
    _login(client, bob).post(
        f"/articles/{sample.pk}/findings/decide/", {"key": key, "action": "dismiss"}
    )
    html = _login(client, alice).get("/admin/claims/findingdecision/").content.decode()
    assert key in html and "Dismissed" in html


def test_a_suggested_link_prefers_claims_neither_rejected_nor_superseded(
    client: Client, bob: User, carol: User, dave: User, sample: Article
) -> None:
    first, second = Figure.objects.filter(surface="67,000").order_by("start")
    mine = Claim.objects.create(
        article=sample, start=first.start, end=first.end + 20, created_by=carol
    )
    rejected = Claim.objects.create(
        article=sample, start=first.start, end=first.end + 5, created_by=dave, status="rejected"
    )
    other = Claim.objects.create(article=sample, start=second.start, end=second.end)
    mine.figures.add(first)
    rejected.figures.add(first)  # narrower, but rejected
    other.figures.add(second)
    states = {s.finding.key: s for s in article_findings(sample).findings}
    link = states[_repeat_key(sample)].finding.suggested_link
    assert link is not None and link.to_claim_id == mine.pk
    html = _login(client, bob).get(f"/articles/{sample.pk}/findings/", **HX).content.decode()
    assert f"(claim #{mine.pk})" in html and f"(#{mine.pk})" not in html


def test_a_link_an_annotator_made_between_her_own_claims_counts(
    carol: User, dave: User, sample: Article
) -> None:
    """Double annotation: the suggestion names dave's claims, carol linked hers."""
    first, second = Figure.objects.filter(surface="67,000").order_by("start")
    claims = {}
    for who, extra in ((dave, 0), (carol, 3)):
        for figure in (first, second):
            claim = Claim.objects.create(
                article=sample, start=figure.start, end=figure.end + extra, created_by=who
            )
            claim.figures.add(figure)
            claims[(who.username, figure.pk)] = claim
    state = {s.finding.key: s for s in article_findings(sample).findings}[_repeat_key(sample)]
    assert state.status == "open"
    link = state.finding.suggested_link
    assert link is not None and link.from_claim_id == claims[("dave", second.pk)].pk
    ClaimLink.objects.create(
        from_claim=claims[("carol", first.pk)],
        to_claim=claims[("carol", second.pk)],
        relation="repeats",
    )
    state = {s.finding.key: s for s in article_findings(sample).findings}[_repeat_key(sample)]
    assert state.status == "linked"


def test_a_part_inside_its_wholes_claim_promises_no_link(
    client: Client, bob: User, sample: Article
) -> None:
    """The part's figure sits in the span of the whole's claim: accepting would attach it to
    that claim, so there is no link to promise or accept."""
    part_findings = [s for s in article_findings(sample).findings if s.finding.kind == Kind.PART]
    assert part_findings
    finding = part_findings[0].finding
    whole_id, part_id = finding.figure_ids
    figures = Figure.objects.in_bulk([whole_id, part_id])
    start = min(f.start for f in figures.values())
    end = max(f.end for f in figures.values())
    whole = min(figures.values(), key=lambda f: f.start)
    claim = Claim.objects.create(article=sample, start=start, end=end)
    claim.figures.add(whole)
    state = {s.finding.key: s for s in article_findings(sample).findings}[finding.key]
    assert state.finding.suggested_link is None and not state.can_accept
    html = _login(client, bob).get(f"/articles/{sample.pk}/findings/", **HX).content.decode()
    item = html[html.index(f'data-finding-key="{finding.key}"') :]
    item = item[: item.index("</li>")]
    assert "Accepting makes a draft claim" not in item and 'value="accept"' not in item
    # Without any claim, accepting would make one draft claim of their shared sentence:
    # still no link to promise, and accepting (from a stale page) makes nothing.
    claim.delete()
    html = _login(client, bob).get(f"/articles/{sample.pk}/findings/", **HX).content.decode()
    item = html[html.index(f'data-finding-key="{finding.key}"') :]
    assert "Accepting makes a draft claim" not in item[: item.index("</li>")]
    _login(client, bob).post(
        f"/articles/{sample.pk}/findings/decide/", {"key": finding.key, "action": "accept"}
    )
    assert not ClaimLink.objects.exists() and not Claim.objects.exists()
