"""The permission matrix (issue 20): every URL the project serves × every role → one answer.

Every hole issue 20 found was a path that forgot a check another path had. This module holds
one table, MATRIX, of every page, workspace action, back-office page (for each model) and
API operation (from the OpenAPI document), each against the six roles:

    anon      no login
    outsider  mallory, an account with no role (collections do not restrict access: a
              reader of one collection reads them all, so "outside the collection" is
              "outside every role")
    annot     carol, an Annotator
    review    bob, a Reviewer
    editor    alice, an Editor
    blind     carol on an article she annotates blind (dave annotates it too; not done):
              the objects in the URL are dave's there

and the one expected answer: a status code, `login` for a redirect to a login page, and for
a write, `*` when the write is stored (`302*`: stored, then redirected) — without `*` the
database is exactly as before. `test_every_served_url_has_a_row` enumerates the URL resolver
and the API's OpenAPI document and fails when a URL is served that the table does not list,
so a new view without a row fails the suite. README.md's "Roles" table is checked against
ROLES_TABLE, which the matrix tests (test_the_readme_roles_table_is_the_matrixs).

Rows are keyed by URL name (or route, for the few unnamed ones) and method, never by module,
so moving a view does not touch this table.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from articles.models import ApiToken, Article, ArticleRelation, Assignment, Collection, Job
from claims.api import api as ninja_api
from claims.models import Claim, ClaimLink, Figure, FigureJudgement, Source, Tag

ROLES = ("anon", "outsider", "annot", "review", "editor", "blind")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


# --- the world every row is tried in --------------------------------------------------------


@dataclass
class Objects:
    """What a URL's parameters point at: on an ordinary article (claims and figures by dave,
    which carol, bob and alice may see), or, for the blind role, dave's on the blind one."""

    collection: Collection
    article: Article
    figure: Figure
    claim: Claim
    other_claim: Claim
    link: ClaimLink
    judgement: FigureJudgement
    assignment: Assignment
    job: Job
    source: Source
    tag: Tag
    token: ApiToken
    user: Any
    group: Group
    # Issue 18: the article's original (related to it) and an article of the other world.
    partner: Article
    relation: ArticleRelation
    elsewhere: Article | None = None


def _article(collection: Collection, title: str, alice: Any) -> Article:
    text = (
        f"{title}: officials said 67,000 accounts were closed.\n\n"
        "Of the 67,000 accounts, nearly 8,000 spread rumours, Reuters reported."
    )
    return Article.objects.import_text(
        collection=collection, text=text, title=title, created_by=alice
    )[0]


def _annotations(article: Article, dave: Any, source: Source) -> dict[str, Any]:
    text = article.text
    start = text.index("67,000")
    detected = Figure.objects.create(
        article=article, start=start, end=start + 6, surface="67,000", value=67000
    )
    eight = text.index("8,000")
    added = Figure.objects.create(
        article=article,
        start=eight,
        end=eight + 5,
        surface="8,000",
        value=8000,
        origin=Figure.Origin.MANUAL,
        created_by=dave,
    )
    first_end = text.index("\n")
    claim = Claim.objects.create(
        article=article,
        start=0,
        end=first_end,
        quote=text[:first_end],
        source=source,
        status=Claim.Status.SUBMITTED,
        created_by=dave,
    )
    claim.figures.add(detected)
    other = Claim.objects.create(
        article=article,
        start=first_end + 2,
        end=len(text),
        quote=text[first_end + 2 :],
        status=Claim.Status.SUBMITTED,
        created_by=dave,
    )
    link = ClaimLink.objects.create(
        from_claim=other, to_claim=claim, relation=ClaimLink.Relation.REPEATS, created_by=dave
    )
    judgement = FigureJudgement.objects.record(added, annotator=dave)
    return {
        "figure": added,
        "claim": claim,
        "other_claim": other,
        "link": link,
        "judgement": judgement,
    }


def _original(collection: Collection, article: Article, alice: Any) -> dict[str, Any]:
    """Issue 18: the article's original, in Chinese, related to it."""
    original = Article.objects.import_text(
        collection=collection,
        text=f"{article.title}：处置账号6.7万个，其中近8000个传播谣言。",
        title=f"{article.title} (original)",
        language="zh",
        created_by=alice,
    )[0]
    relation = ArticleRelation.objects.relate(
        derived=article, original=original, kind="translation_of", created_by=alice
    )[0]
    return {"partner": original, "relation": relation}


@dataclass
class World:
    users: dict[str, Any]
    plain: Objects
    blind: Objects
    tokens: dict[str, str] = field(default_factory=dict)  # API secrets, by role

    def objects(self, role: str) -> Objects:
        return self.blind if role == "blind" else self.plain


@pytest.fixture
def world(alice: Any, bob: Any, carol: Any, dave: Any, mallory: Any) -> World:
    collection = Collection.objects.create(name="Desk", slug="desk", created_by=alice)
    source = Source.objects.create(name="Reuters", kind="news_agency")
    tag = Tag.objects.create(collection=collection, name="Scope", slug="scope", key="2")
    job = Job.objects.create(kind=Job.Kind.EXPORT, created_by=alice, collection=collection)
    token = ApiToken.objects.issue(user=dave, name="dave's notebook")[0]
    group = Group.objects.get(name="Annotators")
    plain = _article(collection, "Accounts closed", alice)
    blind = _article(collection, "Accounts closed, blind", alice)
    mine = Assignment.objects.create(article=plain, annotator=carol, assigned_by=alice)
    for annotator in (carol, dave):
        Assignment.objects.create(article=blind, annotator=annotator, assigned_by=alice)
    theirs = Assignment.objects.get(article=blind, annotator=dave)
    common = {
        "collection": collection,
        "job": job,
        "source": source,
        "tag": tag,
        "token": token,
        "user": dave,
        "group": group,
    }
    world = World(
        users={"outsider": mallory, "annot": carol, "review": bob, "editor": alice, "blind": carol},
        plain=Objects(
            article=plain,
            assignment=mine,
            **_annotations(plain, dave, source),
            **_original(collection, plain, alice),
            **common,
        ),
        blind=Objects(
            article=blind,
            assignment=theirs,
            **_annotations(blind, dave, source),
            **_original(collection, blind, alice),
            **common,
        ),
    )
    world.plain.elsewhere, world.blind.elsewhere = blind, plain
    assert blind.is_blind_for(carol) and not plain.is_blind_for(carol)
    return world


# --- how each row is asked -------------------------------------------------------------------

Path_ = Callable[[Objects], str]
Data = Callable[[Objects], Any]


@dataclass(frozen=True)
class Ask:
    path: Path_
    data: Data | None = None
    htmx: bool = False


def _at(template: str) -> Path_:
    """A path with {article}, {claim}, ... filled in with the objects' ids ({slug}: the
    collection's)."""

    def build(o: Objects) -> str:
        ids = {
            name: getattr(o, name).pk
            for name in (
                "article",
                "figure",
                "claim",
                "other_claim",
                "link",
                "judgement",
                "assignment",
                "job",
                "source",
                "tag",
                "token",
                "user",
                "group",
                "partner",
                "relation",
            )
        }
        return template.format(slug=o.collection.slug, **ids)

    return build


def _claim_form(o: Objects) -> dict[str, Any]:
    return {
        "start": o.claim.start,
        "end": o.claim.end,
        "attribution": "direct",
        "status": "submitted",
        "verdict": "unchecked",
        "note": "Checked against the register.",
        "version": o.claim.version,
        "source": o.source.pk,
    }


def _figure_form(o: Objects) -> dict[str, Any]:
    f = o.figure
    return {
        "start": f.start,
        "end": f.end,
        "surface": f.surface,
        "value": "8001",
        "qualifier": "approx",
        "unit": "",
        "counted": "accounts",
        "state": "confirmed",
        "version": f.version,
    }


def _new_figure(o: Objects) -> dict[str, Any]:
    start = o.article.text.index("officials")
    return {
        "start": start,
        "end": start + 9,
        "surface": "officials",
        "value": "1",
        "qualifier": "exact",
        "counted": "officials",
        "state": "confirmed",
    }


def _article_change(o: Objects) -> dict[str, Any]:
    a = o.article
    return {
        "collection": a.collection_id,
        "title": "Retitled",
        "language": a.language,
        "status": "done",
        "text": a.text,
        "metadata": "{}",
        **{
            f"{name}-{count}": "0"
            for name in ("figures", "claims")
            for count in (
                "TOTAL_FORMS",
                "INITIAL_FORMS",
            )
        },
    }


# Admin pages of each model: the object each row opens.
ADMIN_MODELS: dict[str, Callable[[Objects], Any]] = {
    "auth_group": lambda o: o.group,
    "auth_user": lambda o: o.user,
    "articles_collection": lambda o: o.collection,
    "articles_article": lambda o: o.article,
    "articles_apitoken": lambda o: o.token,
    "articles_assignment": lambda o: o.assignment,
    "claims_source": lambda o: o.source,
    "claims_tag": lambda o: o.tag,
    "claims_figure": lambda o: o.figure,
    "claims_claim": lambda o: o.claim,
    "claims_claimlink": lambda o: o.link,
    "claims_figurejudgement": lambda o: o.judgement,
    # Rows without an object in the world: a missing id (the admin answers for any id).
    "claims_findingdecision": lambda o: None,
    "claims_evidencedocument": lambda o: None,
    "claims_evidencefigure": lambda o: None,
    "claims_evidence": lambda o: None,
    "claims_storedfindings": lambda o: o.article,  # keyed by the article's id
    "claims_storedmatches": lambda o: o.article,
    "django_tasks_database_dbtaskresult": lambda o: None,
    # Issue 18: related articles and their alignment (claims/alignments/).
    "articles_articlerelation": lambda o: o.relation,
    "claims_figurealignment": lambda o: None,
    "claims_relationalignment": lambda o: None,
}
MISSING = "00000000-0000-0000-0000-000000000000"


def _admin_base(model: str) -> str:
    app, _, name = model.partition("_")
    if model.startswith("django_tasks_database_"):
        app, name = "django_tasks_database", model.removeprefix("django_tasks_database_")
    return f"/admin/{app}/{name}/"


def _admin_object(model: str, suffix: str) -> Path_:
    def build(o: Objects) -> str:
        obj = ADMIN_MODELS[model](o)
        pk = MISSING if obj is None else obj.pk
        return f"{_admin_base(model)}{pk}/{suffix}"

    return build


def _admin_history_record(model: str) -> Path_:
    def build(o: Objects) -> str:
        obj = ADMIN_MODELS[model](o)
        record = obj.history.order_by("history_id").first()
        return f"{_admin_base(model)}{obj.pk}/history/{record.history_id}/"

    return build


def _asks() -> dict[tuple[str, str], Ask]:
    asks: dict[tuple[str, str], Ask] = {
        # Pages and the workspace.
        ("GET", "login"): Ask(_at("/accounts/login/")),
        ("POST", "logout"): Ask(_at("/accounts/logout/"), lambda o: {}),
        ("GET", "articles:index"): Ask(_at("/")),
        ("GET", "articles:collection"): Ask(_at("/collections/{slug}/")),
        ("GET", "articles:article"): Ask(_at("/articles/{article}/")),
        ("GET", "articles:import"): Ask(_at("/import/")),
        ("POST", "articles:import"): Ask(
            _at("/import/"),
            lambda o: {"collection": o.collection.pk, "text": "Some 45,000 posts were removed."},
        ),
        ("GET", "articles:job"): Ask(_at("/jobs/{job}/")),
        ("GET", "articles:job_progress"): Ask(_at("/jobs/{job}/progress/")),
        ("GET", "articles:job_download"): Ask(_at("/jobs/{job}/download/")),
        ("GET", "articles:my_queue"): Ask(_at("/queue/")),
        ("POST", "articles:assignment_submit"): Ask(
            _at("/queue/{assignment}/submit/"), lambda o: {}
        ),
        ("GET", "articles:assign"): Ask(_at("/collections/{slug}/assign/")),
        ("POST", "articles:assign"): Ask(
            _at("/collections/{slug}/assign/"),
            lambda o: {"group": o.group.pk, "mode": "round_robin", "per_article": "1"},
        ),
        ("POST", "claims:figure_state"): Ask(
            _at("/figures/state/"),
            lambda o: {"figure_action": f"reject:{o.figure.pk}:{o.figure.version}"},
            htmx=True,
        ),
        ("GET", "claims:figure_new"): Ask(_at("/articles/{article}/figures/new/?start=0&end=5")),
        ("POST", "claims:figure_new"): Ask(
            _at("/articles/{article}/figures/new/"), _new_figure, htmx=True
        ),
        ("GET", "claims:figure_edit"): Ask(_at("/figures/{figure}/edit/")),
        ("POST", "claims:figure_edit"): Ask(
            _at("/figures/{figure}/edit/"), _figure_form, htmx=True
        ),
        ("GET", "claims:claim_new"): Ask(_at("/articles/{article}/claims/new/?start=0&end=10")),
        ("POST", "claims:claim_new"): Ask(
            _at("/articles/{article}/claims/new/"), _claim_form, htmx=True
        ),
        ("GET", "claims:claim_edit"): Ask(_at("/claims/{claim}/edit/")),
        ("POST", "claims:claim_edit"): Ask(_at("/claims/{claim}/edit/"), _claim_form, htmx=True),
        ("POST", "claims:claim_delete"): Ask(
            _at("/claims/{claim}/delete/"), lambda o: {"version": o.claim.version}, htmx=True
        ),
        ("POST", "claims:link_delete"): Ask(
            _at("/links/{link}/delete/"), lambda o: {"claim": o.claim.pk}, htmx=True
        ),
        ("POST", "claims:claim_tag"): Ask(
            _at("/claims/tags/"),
            lambda o: {"claim_tag": f"{o.claim.pk}:{o.tag.pk}:{o.claim.version}"},
            htmx=True,
        ),
        ("GET", "claims:link_new"): Ask(_at("/claims/{claim}/links/new/")),
        ("POST", "claims:link_new"): Ask(
            _at("/claims/{claim}/links/new/"),
            lambda o: {"relation": "supports", "to_claim": o.other_claim.pk, "note": ""},
            htmx=True,
        ),
        ("GET", "claims:claim_search"): Ask(_at("/claims/search/?claim={claim}&q=accounts")),
        ("GET", "claims:source_search"): Ask(_at("/sources/search/?q=Reu")),
        ("POST", "claims:source_new"): Ask(
            _at("/sources/new/"),
            lambda o: {"newsource-name": "Ofcom", "newsource-kind": "regulator"},
            htmx=True,
        ),
        ("GET", "claims:article_findings"): Ask(_at("/articles/{article}/findings/")),
        ("POST", "claims:article_findings_decide"): Ask(
            _at("/articles/{article}/findings/decide/"),
            lambda o: {"key": "no-such-finding", "action": "dismiss"},
        ),
        ("GET", "claims:collection_findings"): Ask(_at("/collections/{slug}/consistency/")),
        ("POST", "claims:collection_findings_decide"): Ask(
            _at("/collections/{slug}/consistency/decide/"),
            lambda o: {"key": "no-such-finding", "action": "dismiss"},
        ),
        ("GET", "claims:export"): Ask(_at("/export/?format=jsonl&collection={slug}")),
        ("POST", "claims:export_job"): Ask(
            _at("/export/jobs/"), lambda o: {"format": "jsonl", "collection": o.collection.slug}
        ),
        ("POST", "claims:collection_job"): Ask(
            _at("/collections/{slug}/jobs/"), lambda o: {"kind": "consistency"}
        ),
        ("GET", "claims:review_queue"): Ask(_at("/review/")),
        ("POST", "claims:review_bulk"): Ask(
            _at("/review/bulk/"), lambda o: {"claim": [o.claim.pk], "action": "approve"}
        ),
        ("POST", "claims:claim_keep"): Ask(
            _at("/claims/{claim}/keep/"), lambda o: {"other": [o.other_claim.pk]}
        ),
        ("POST", "claims:judgement_keep"): Ask(_at("/judgements/{judgement}/keep/"), lambda o: {}),
        ("GET", "claims:claim_history"): Ask(_at("/claims/{claim}/history/")),
        ("GET", "claims:figure_history"): Ask(_at("/figures/{figure}/history/")),
        # Evidence (issue 19): a claim's evidence page and decision; a document (missing id:
        # the access check comes first, so outsiders get 404 before the lookup).
        ("GET", "claims:claim_evidence"): Ask(_at("/claims/{claim}/evidence/")),
        ("POST", "claims:claim_evidence_decide"): Ask(
            _at("/claims/{claim}/evidence/decide/"), lambda o: {}
        ),
        ("POST", "claims:claim_evidence_verdict"): Ask(
            _at("/claims/{claim}/evidence/verdict/"), lambda o: {"verdict": "unverifiable"}
        ),
        ("GET", "claims:collection_evidence"): Ask(_at("/collections/{slug}/evidence/")),
        ("POST", "claims:collection_evidence"): Ask(  # an upload without a file: refused
            _at("/collections/{slug}/evidence/"), lambda o: {}
        ),
        ("GET", "claims:evidence_document"): Ask(_at("/evidence/documents/999999/")),
        ("GET", "claims:evidence_document_file"): Ask(_at("/evidence/documents/999999/file/")),
        ("GET", "admin:claims_evidence_simple_history"): Ask(
            _at(f"/admin/claims/evidence/{MISSING}/history/1/")
        ),
        ("GET", "claims:agreement"): Ask(_at("/collections/{slug}/agreement/")),
        ("GET", "claims:dashboard"): Ask(_at("/collections/{slug}/dashboard/")),
        # Translations and originals (issue 18).
        ("POST", "claims:relation_new"): Ask(
            _at("/articles/{article}/relations/new/"),
            lambda o: {"kind": "based_on", "original": str(o.elsewhere.pk if o.elsewhere else 0)},
        ),
        ("POST", "claims:relation_delete"): Ask(_at("/relations/{relation}/delete/"), lambda o: {}),
        ("GET", "claims:article_compare"): Ask(_at("/articles/{article}/compare/{partner}/")),
        ("POST", "claims:article_compare_decide"): Ask(
            _at("/articles/{article}/compare/{partner}/decide/"),
            lambda o: {"key": "no-such-finding", "action": "dismiss"},
        ),
        ("POST", "claims:article_compare_align"): Ask(
            _at("/articles/{article}/compare/{partner}/align/"),
            lambda o: {"figure": o.figure.pk, "original": ""},
        ),
        # The back-office, site-wide.
        ("GET", "admin:index"): Ask(_at("/admin/")),
        ("GET", "admin:login"): Ask(_at("/admin/login/")),
        ("POST", "admin:logout"): Ask(_at("/admin/logout/"), lambda o: {}),
        ("GET", "admin:password_change"): Ask(_at("/admin/password_change/")),
        ("GET", "admin:password_change_done"): Ask(_at("/admin/password_change/done/")),
        ("GET", "admin:autocomplete"): Ask(
            _at(
                "/admin/autocomplete/"
                "?app_label=claims&model_name=claimlink&field_name=to_claim&term=acc"
            )
        ),
        ("GET", "admin:jsi18n"): Ask(_at("/admin/jsi18n/")),
        ("GET", "admin:view_on_site"): Ask(
            lambda o: f"/admin/r/{_content_type('articles', 'article')}/{o.article.pk}/"
        ),
        ("GET", "admin:app_list"): Ask(_at("/admin/claims/")),
        ("GET", "admin/(?P<url>.*)$"): Ask(_at("/admin/no/such/page/")),
        ("GET", "admin:auth_user_password_change"): Ask(_at("/admin/auth/user/{user}/password/")),
    }
    for model in ADMIN_MODELS:
        base = _admin_base(model)
        asks[("GET", f"admin:{model}_changelist")] = Ask(_at(base))
        asks[("GET", f"admin:{model}_add")] = Ask(_at(f"{base}add/"))
        asks[("GET", f"admin:{model}_change")] = Ask(_admin_object(model, "change/"))
        asks[("GET", f"admin:{model}_history")] = Ask(_admin_object(model, "history/"))
        asks[("GET", f"admin:{model}_delete")] = Ask(_admin_object(model, "delete/"))
        asks[("POST", f"admin:{model}_delete")] = Ask(
            _admin_object(model, "delete/"), lambda o: {"post": "yes"}
        )
        asks[("GET", f"{base[1:]}<path:object_id>/")] = Ask(_admin_object(model, ""))
        if model.startswith("claims_") and model not in (
            "claims_findingdecision",
            "claims_storedfindings",
            "claims_storedmatches",
            "claims_evidencedocument",
            "claims_evidencefigure",
            "claims_evidence",
            "claims_figurealignment",
            "claims_relationalignment",
        ):
            asks[("GET", f"admin:{model}_simple_history")] = Ask(_admin_history_record(model))
    # Issue 20: the article's change page saved for everyone with articles.change_article,
    # which Annotators and Reviewers held.
    asks[("POST", "admin:articles_article_change")] = Ask(
        _admin_object("articles_article", "change/"), _article_change
    )
    asks.update(_api_asks())
    # The API's own pages, outside its OpenAPI document's operations.
    asks[("GET", "api:openapi-json")] = Ask(_at("/api/v1/openapi.json"))
    asks[("GET", "api:api-root")] = Ask(_at("/api/v1/"))
    asks[("GET", "api/v1/")] = Ask(_at("/api/v1/no/such/endpoint"))  # the JSON 404
    return asks


def _content_type(app: str, model: str) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get(app_label=app, model=model).pk


def _api_asks() -> dict[tuple[str, str], Ask]:
    """The API's operations, keyed by method and OpenAPI path."""

    def body(make: Callable[[Objects], dict[str, Any]]) -> Data:
        return make

    at = {
        "{collection_id}": lambda o: o.collection.pk,
        "{article_id}": lambda o: o.article.pk,
        "{source_id}": lambda o: o.source.pk,
        "{tag_id}": lambda o: o.tag.pk,
        "{figure_id}": lambda o: o.figure.pk,
        "{claim_id}": lambda o: o.claim.pk,
        "{link_id}": lambda o: o.link.pk,
        "{relation_id}": lambda o: o.relation.pk,
        "{format}": lambda o: "jsonl",
        "{document_id}": lambda o: 999999,  # no document in the world: the checks come first
    }

    def path(template: str) -> Path_:
        def build(o: Objects) -> str:
            out = template
            for name, value in at.items():
                out = out.replace(name, str(value(o)))
            return out

        return build

    bodies: dict[tuple[str, str], Data] = {
        ("POST", "/api/v1/articles"): body(
            lambda o: {"collection": o.collection.pk, "title": "New", "text": "Some 5 cats."}
        ),
        ("PATCH", "/api/v1/articles/{article_id}"): body(lambda o: {"title": "Retitled"}),
        ("POST", "/api/v1/sources"): body(lambda o: {"name": "Ofcom", "kind": "regulator"}),
        ("PATCH", "/api/v1/sources/{source_id}"): body(lambda o: {"notes": "Wire service."}),
        ("POST", "/api/v1/tags"): body(
            lambda o: {"collection": o.collection.pk, "name": "Scale", "slug": "scale"}
        ),
        ("PATCH", "/api/v1/tags/{tag_id}"): body(lambda o: {"description": "How big."}),
        ("POST", "/api/v1/figures"): body(lambda o: {"article": o.article.pk, **_new_figure(o)}),
        ("PATCH", "/api/v1/figures/{figure_id}"): body(
            lambda o: {"version": o.figure.version, "state": "confirmed"}
        ),
        ("PUT", "/api/v1/figures/{figure_id}"): body(
            lambda o: {
                "version": o.figure.version,
                "article": o.article.pk,
                "start": o.figure.start,
                "end": o.figure.end,
                "surface": o.figure.surface,
                "value": "8000",
                "state": "confirmed",
            }
        ),
        ("POST", "/api/v1/claims"): body(
            lambda o: {"article": o.article.pk, "start": o.claim.start, "end": o.claim.end}
        ),
        ("PATCH", "/api/v1/claims/{claim_id}"): body(
            lambda o: {"version": o.claim.version, "note": "Checked."}
        ),
        ("PUT", "/api/v1/claims/{claim_id}"): body(
            lambda o: {
                "version": o.claim.version,
                "article": o.article.pk,
                "start": o.claim.start,
                "end": o.claim.end,
                "status": "submitted",
            }
        ),
        ("POST", "/api/v1/links"): body(
            lambda o: {
                "from_claim": o.claim.pk,
                "to_claim": o.other_claim.pk,
                "relation": "supports",
            }
        ),
        ("PATCH", "/api/v1/links/{link_id}"): body(lambda o: {"note": "Same figure."}),
        ("POST", "/api/v1/relations"): body(
            lambda o: {"derived": o.partner.pk, "original": o.elsewhere.pk if o.elsewhere else 0}
        ),
        # Evidence (issue 19): a decision (not found needs no document); a fetch of an address
        # that is not one (refused before any job or network).
        ("POST", "/api/v1/claims/{claim_id}/evidence"): body(
            lambda o: {"figure": o.claim.figures.get().pk, "outcome": "not_found"}
        ),
        ("POST", "/api/v1/evidence/fetch"): body(
            lambda o: {"collection": o.collection.slug, "url": "ftp://nowhere.example/a.csv"}
        ),
    }
    asks = {}
    for route, methods in ninja_api.get_openapi_schema()["paths"].items():
        for method in methods:
            key = (method.upper(), route)
            asks[key] = Ask(
                path(route), bodies.get(key, (lambda o: {}) if key[0] in WRITES else None)
            )
    return asks


ASKS = _asks()


# --- the table --------------------------------------------------------------------------------

# anon outsider annot review editor blind
MATRIX: dict[tuple[str, str], str] = {
    # Pages and the workspace.          anon outsider annot review editor blind
    ("GET", "articles:article"): "login   404   200   200   200   200",
    ("GET", "articles:assign"): "login   404   403   403   200   403",
    # Stored: the originals of issue 18's rows are articles nobody is assigned to yet.
    ("POST", "articles:assign"): "login   404   403   403  302*   403",
    ("POST", "articles:assignment_submit"): "login   404  302*   404   404   404",
    ("GET", "articles:collection"): "login   404   200   200   200   200",
    ("GET", "articles:import"): "login   403   403   403   200   403",
    ("POST", "articles:import"): "login   403   403   403  302*   403",
    ("GET", "articles:index"): "login   200   200   200   200   200",
    ("GET", "articles:job"): "login   404   404   404   200   404",
    ("GET", "articles:job_download"): "login   404   404   404   404   404",
    ("GET", "articles:job_progress"): "login   404   404   404   200   404",
    ("GET", "articles:my_queue"): "login   404   200   200   200   200",
    ("GET", "claims:agreement"): "login   404   200   200   200   200",
    ("GET", "claims:article_findings"): "login   404   200   200   200   403",
    ("POST", "claims:article_findings_decide"): "login   404   403   302   302   403",
    ("POST", "claims:claim_delete"): "login   404   403  200*  200*   404",
    ("GET", "claims:claim_edit"): "login   404   200   200   200   404",
    ("POST", "claims:claim_edit"): "login   404  200*  200*  200*   404",
    ("GET", "claims:claim_history"): "login   404   200   200   200   404",
    ("POST", "claims:claim_keep"): "login   404   403  302*  302*   403",
    ("GET", "claims:claim_new"): "login   404   200   200   200   200",
    ("POST", "claims:claim_new"): "login   404  200*  200*  200*  200*",
    ("GET", "claims:claim_search"): "login   404   200   200   200   404",
    ("POST", "claims:claim_tag"): "login   404  200*  200*  200*   404",
    ("GET", "claims:collection_findings"): "login   404   200   200   200   200",
    ("POST", "claims:collection_findings_decide"): "login   404   403   302   302   403",
    ("POST", "claims:collection_job"): "login   404  302*  302*  302*  302*",
    ("GET", "claims:dashboard"): "login   404   200   200   200   200",
    ("GET", "claims:export"): "login   404   200   200   200   200",
    ("POST", "claims:export_job"): "login   404  302*  302*  302*  302*",
    ("GET", "claims:figure_edit"): "login   404   200   200   200   404",
    ("POST", "claims:figure_edit"): "login   404  200*  200*  200*   404",
    ("GET", "claims:figure_history"): "login   404   200   200   200   403",
    ("GET", "claims:figure_new"): "login   404   200   200   200   200",
    ("POST", "claims:figure_new"): "login   404  200*  200*  200*  200*",
    ("POST", "claims:figure_state"): "login   404  200*  200*  200*   404",
    ("POST", "claims:judgement_keep"): "login   404   403   302   302   403",
    ("POST", "claims:link_delete"): "login   404  200*  200*  200*   404",
    ("GET", "claims:link_new"): "login   404   200   200   200   404",
    ("POST", "claims:link_new"): "login   404  200*  200*  200*   404",
    ("POST", "claims:review_bulk"): "login   404   403  302*  302*   403",
    ("GET", "claims:review_queue"): "login   404   403   200   200   403",
    ("POST", "claims:source_new"): "login   404  200*  200*  200*  200*",
    ("GET", "claims:source_search"): "login   404   200   200   200   200",
    ("GET", "login"): "200   200   200   200   200   200",
    ("POST", "logout"): "login login login login login login",
    # The back-office.
    ("GET", "admin/(?P<url>.*)$"): "login login   404   404   404   404",
    ("GET", "admin/articles/apitoken/<path:object_id>/"): "login login   302   302   302   302",
    ("GET", "admin/articles/article/<path:object_id>/"): "login login   302   302   302   302",
    ("GET", "admin/articles/assignment/<path:object_id>/"): "login login   302   302   302   302",
    ("GET", "admin/articles/collection/<path:object_id>/"): "login login   302   302   302   302",
    ("GET", "admin/auth/group/<path:object_id>/"): "login login   302   302   302   302",
    ("GET", "admin/auth/user/<path:object_id>/"): "login login   302   302   302   302",
    ("GET", "admin/claims/claim/<path:object_id>/"): "login login   302   302   302   302",
    ("GET", "admin/claims/claimlink/<path:object_id>/"): "login login   302   302   302   302",
    ("GET", "admin/claims/figure/<path:object_id>/"): "login login   302   302   302   302",
    (
        "GET",
        "admin/claims/figurejudgement/<path:object_id>/",
    ): "login login   302   302   302   302",
    (
        "GET",
        "admin/claims/findingdecision/<path:object_id>/",
    ): "login login   302   302   302   302",
    ("GET", "admin/claims/source/<path:object_id>/"): "login login   302   302   302   302",
    ("GET", "admin/claims/storedfindings/<path:object_id>/"): "login login   302   302   302   302",
    ("GET", "admin/claims/tag/<path:object_id>/"): "login login   302   302   302   302",
    (
        "GET",
        "admin/django_tasks_database/dbtaskresult/<path:object_id>/",
    ): "login login   302   302   302   302",
    ("GET", "admin:app_list"): "login login   200   200   200   200",
    ("GET", "admin:articles_apitoken_add"): "login login   403   403   403   403",
    ("GET", "admin:articles_apitoken_change"): "login login   403   403   403   403",
    ("GET", "admin:articles_apitoken_changelist"): "login login   403   403   403   403",
    ("GET", "admin:articles_apitoken_delete"): "login login   403   403   403   403",
    ("POST", "admin:articles_apitoken_delete"): "login login   403   403   403   403",
    ("GET", "admin:articles_apitoken_history"): "login login   403   403   403   403",
    ("GET", "admin:articles_article_add"): "login login   403   403   200   403",
    ("GET", "admin:articles_article_change"): "login login   200   200   200   200",
    ("GET", "admin:articles_article_changelist"): "login login   200   200   200   200",
    ("GET", "admin:articles_article_delete"): "login login   403   403   200   403",
    ("POST", "admin:articles_article_change"): "login login   403   403  302*   403",
    ("POST", "admin:articles_article_delete"): "login login   403   403  302*   403",
    ("GET", "admin:articles_article_history"): "login login   200   200   200   200",
    ("GET", "admin:articles_assignment_add"): "login login   403   403   200   403",
    ("GET", "admin:articles_assignment_change"): "login login   403   200   200   403",
    ("GET", "admin:articles_assignment_changelist"): "login login   403   200   200   403",
    ("GET", "admin:articles_assignment_delete"): "login login   403   403   200   403",
    ("POST", "admin:articles_assignment_delete"): "login login   403   403  302*   403",
    ("GET", "admin:articles_assignment_history"): "login login   403   200   200   403",
    ("GET", "admin:articles_collection_add"): "login login   403   403   200   403",
    ("GET", "admin:articles_collection_change"): "login login   200   200   200   200",
    ("GET", "admin:articles_collection_changelist"): "login login   200   200   200   200",
    ("GET", "admin:articles_collection_delete"): "login login   403   403   200   403",
    ("POST", "admin:articles_collection_delete"): "login login   403   403  302*   403",
    ("GET", "admin:articles_collection_history"): "login login   200   200   200   200",
    ("GET", "admin:auth_group_add"): "login login   403   403   403   403",
    ("GET", "admin:auth_group_change"): "login login   403   403   403   403",
    ("GET", "admin:auth_group_changelist"): "login login   403   403   403   403",
    ("GET", "admin:auth_group_delete"): "login login   403   403   403   403",
    ("POST", "admin:auth_group_delete"): "login login   403   403   403   403",
    ("GET", "admin:auth_group_history"): "login login   403   403   403   403",
    ("GET", "admin:auth_user_add"): "login login   403   403   403   403",
    ("GET", "admin:auth_user_change"): "login login   403   403   403   403",
    ("GET", "admin:auth_user_changelist"): "login login   403   403   403   403",
    ("GET", "admin:auth_user_delete"): "login login   403   403   403   403",
    ("POST", "admin:auth_user_delete"): "login login   403   403   403   403",
    ("GET", "admin:auth_user_history"): "login login   403   403   403   403",
    ("GET", "admin:auth_user_password_change"): "login login   403   403   403   403",
    ("GET", "admin:autocomplete"): "login login   200   200   200   200",
    ("GET", "admin:claims_claim_add"): "login login   200   200   200   200",
    ("GET", "admin:claims_claim_change"): "login login   200   200   200   404",
    ("GET", "admin:claims_claim_changelist"): "login login   200   200   200   200",
    ("GET", "admin:claims_claim_delete"): "login login   403   200   200   404",
    ("POST", "admin:claims_claim_delete"): "login login   403  302*  302*   404",
    ("GET", "admin:claims_claim_history"): "login login   200   200   200   404",
    ("GET", "admin:claims_claim_simple_history"): "login login   200   200   200   403",
    ("GET", "admin:claims_claimlink_add"): "login login   200   200   200   200",
    ("GET", "admin:claims_claimlink_change"): "login login   200   200   200   404",
    ("GET", "admin:claims_claimlink_changelist"): "login login   200   200   200   200",
    ("GET", "admin:claims_claimlink_delete"): "login login   200   200   200   404",
    ("POST", "admin:claims_claimlink_delete"): "login login  302*  302*  302*   404",
    ("GET", "admin:claims_claimlink_history"): "login login   200   200   200   404",
    ("GET", "admin:claims_claimlink_simple_history"): "login login   200   200   200   403",
    ("GET", "admin:claims_figure_add"): "login login   200   200   200   200",
    ("GET", "admin:claims_figure_change"): "login login   200   200   200   404",
    ("GET", "admin:claims_figure_changelist"): "login login   200   200   200   200",
    ("GET", "admin:claims_figure_delete"): "login login   403   200   200   404",
    ("POST", "admin:claims_figure_delete"): "login login   403   403  302*   404",
    ("GET", "admin:claims_figure_history"): "login login   200   200   200   404",
    ("GET", "admin:claims_figure_simple_history"): "login login   200   200   200   403",
    ("GET", "admin:claims_figurejudgement_add"): "login login   200   200   200   200",
    ("GET", "admin:claims_figurejudgement_change"): "login login   200   200   200   404",
    ("GET", "admin:claims_figurejudgement_changelist"): "login login   200   200   200   200",
    ("GET", "admin:claims_figurejudgement_delete"): "login login   403   403   200   404",
    ("POST", "admin:claims_figurejudgement_delete"): "login login   403   403  302*   404",
    ("GET", "admin:claims_figurejudgement_history"): "login login   200   200   200   404",
    ("GET", "admin:claims_figurejudgement_simple_history"): "login login   200   200   200   403",
    # Evidence (issue 19): rows without an object in the world (a missing id).
    ("GET", "admin/claims/evidence/<path:object_id>/"): "login login   302   302   302   302",
    (
        "GET",
        "admin/claims/evidencedocument/<path:object_id>/",
    ): "login login   302   302   302   302",
    ("GET", "admin/claims/evidencefigure/<path:object_id>/"): "login login   302   302   302   302",
    ("GET", "admin:claims_evidence_add"): "login login   403   200   200   403",
    ("GET", "admin:claims_evidence_change"): "login login   404   404   404   404",
    ("GET", "admin:claims_evidence_changelist"): "login login   200   200   200   200",
    ("GET", "admin:claims_evidence_delete"): "login login   404   404   404   404",
    ("GET", "admin:claims_evidence_history"): "login login   404   404   404   404",
    ("GET", "admin:claims_evidencedocument_add"): "login login   403   403   200   403",
    ("GET", "admin:claims_evidencedocument_change"): "login login   302   302   302   302",
    ("GET", "admin:claims_evidencedocument_changelist"): "login login   200   200   200   200",
    ("GET", "admin:claims_evidencedocument_delete"): "login login   403   403   302   403",
    ("GET", "admin:claims_evidencedocument_history"): "login login   302   302   302   302",
    ("GET", "admin:claims_evidencefigure_add"): "login login   403   403   200   403",
    ("GET", "admin:claims_evidencefigure_change"): "login login   302   302   302   302",
    ("GET", "admin:claims_evidencefigure_changelist"): "login login   200   200   200   200",
    ("GET", "admin:claims_evidencefigure_delete"): "login login   403   403   302   403",
    ("GET", "admin:claims_evidencefigure_history"): "login login   302   302   302   302",
    ("GET", "claims:claim_evidence"): "login   404   200   200   200   404",
    ("GET", "claims:evidence_document"): "login   404   404   404   404   404",
    ("GET", "claims:collection_evidence"): "login   404   200   200   200   200",
    ("POST", "claims:collection_evidence"): "login   404   403   403   400   403",
    ("GET", "claims:evidence_document_file"): "login   404   404   404   404   404",
    ("POST", "admin:claims_evidence_delete"): "login login   404   404   404   404",
    ("POST", "admin:claims_evidencedocument_delete"): "login login   403   403   302   403",
    ("POST", "admin:claims_evidencefigure_delete"): "login login   403   403   302   403",
    ("POST", "claims:claim_evidence_decide"): "login   404   403   302   302   404",
    ("POST", "claims:claim_evidence_verdict"): "login   404   403  302*  302*   404",
    ("GET", "admin:claims_evidence_simple_history"): "login login   404   404   404   404",
    ("GET", "admin:claims_findingdecision_add"): "login login   403   403   200   403",
    ("GET", "admin:claims_findingdecision_change"): "login login   403   302   302   403",
    ("GET", "admin:claims_findingdecision_changelist"): "login login   403   200   200   403",
    ("GET", "admin:claims_findingdecision_delete"): "login login   403   403   302   403",
    ("POST", "admin:claims_findingdecision_delete"): "login login   403   403   302   403",
    ("GET", "admin:claims_findingdecision_history"): "login login   302   302   302   302",
    ("GET", "admin:claims_source_add"): "login login   200   200   200   200",
    ("GET", "admin:claims_source_change"): "login login   200   200   200   200",
    ("GET", "admin:claims_source_changelist"): "login login   200   200   200   200",
    ("GET", "admin:claims_source_delete"): "login login   403   403   200   403",
    ("POST", "admin:claims_source_delete"): "login login   403   403   200   403",
    ("GET", "admin:claims_source_history"): "login login   200   200   200   200",
    ("GET", "admin:claims_source_simple_history"): "login login   200   200   200   200",
    ("GET", "admin:claims_storedfindings_add"): "login login   403   403   403   403",
    ("GET", "admin:claims_storedfindings_change"): "login login   403   403   403   403",
    ("GET", "admin:claims_storedfindings_changelist"): "login login   403   403   403   403",
    ("GET", "admin:claims_storedfindings_delete"): "login login   403   403   403   403",
    ("POST", "admin:claims_storedfindings_delete"): "login login   403   403   403   403",
    ("GET", "admin:claims_storedfindings_history"): "login login   403   403   403   403",
    ("GET", "admin/claims/storedmatches/<path:object_id>/"): "login login   302   302   302   302",
    ("GET", "admin:claims_storedmatches_add"): "login login   403   403   403   403",
    ("GET", "admin:claims_storedmatches_change"): "login login   403   403   403   403",
    ("GET", "admin:claims_storedmatches_changelist"): "login login   403   403   403   403",
    ("GET", "admin:claims_storedmatches_delete"): "login login   403   403   403   403",
    ("POST", "admin:claims_storedmatches_delete"): "login login   403   403   403   403",
    ("GET", "admin:claims_storedmatches_history"): "login login   302   302   302   302",
    ("GET", "admin:claims_tag_add"): "login login   403   403   200   403",
    ("GET", "admin:claims_tag_change"): "login login   200   200   200   200",
    ("GET", "admin:claims_tag_changelist"): "login login   200   200   200   200",
    ("GET", "admin:claims_tag_delete"): "login login   403   403   200   403",
    ("POST", "admin:claims_tag_delete"): "login login   403   403  302*   403",
    ("GET", "admin:claims_tag_history"): "login login   200   200   200   200",
    ("GET", "admin:claims_tag_simple_history"): "login login   200   200   200   200",
    ("GET", "admin:django_tasks_database_dbtaskresult_add"): "login login   403   403   403   403",
    (
        "GET",
        "admin:django_tasks_database_dbtaskresult_change",
    ): "login login   403   403   403   403",
    (
        "GET",
        "admin:django_tasks_database_dbtaskresult_changelist",
    ): "login login   403   403   403   403",
    (
        "GET",
        "admin:django_tasks_database_dbtaskresult_delete",
    ): "login login   403   403   403   403",
    (
        "POST",
        "admin:django_tasks_database_dbtaskresult_delete",
    ): "login login   403   403   403   403",
    (
        "GET",
        "admin:django_tasks_database_dbtaskresult_history",
    ): "login login   302   302   302   302",
    ("GET", "admin:index"): "login login   200   200   200   200",
    ("GET", "admin:jsi18n"): "login login   200   200   200   200",
    ("GET", "admin:login"): "200   200   302   302   302   302",
    ("POST", "admin:logout"): "login   302 login login login login",
    ("GET", "admin:password_change"): "login login   200   200   200   200",
    ("GET", "admin:password_change_done"): "login login   200   200   200   200",
    ("GET", "admin:view_on_site"): "login login   302   302   302   302",
    # The JSON API (operations from its OpenAPI document).
    ("GET", "/api/v1/articles"): "401   403   200   200   200   200",
    ("POST", "/api/v1/articles"): "401   403   403   403  201*   403",
    ("GET", "/api/v1/articles/{article_id}"): "401   403   200   200   200   200",
    ("PATCH", "/api/v1/articles/{article_id}"): "401   403   403   403  200*   403",
    ("GET", "/api/v1/claims"): "401   403   200   200   200   200",
    ("POST", "/api/v1/claims"): "401   403  201*  201*  201*  201*",
    ("DELETE", "/api/v1/claims/{claim_id}"): "401   403   403  204*  204*   403",
    ("GET", "/api/v1/claims/{claim_id}"): "401   403   200   200   200   404",
    ("GET", "/api/v1/claims/{claim_id}/evidence"): "401   403   200   200   200   404",
    ("POST", "/api/v1/claims/{claim_id}/evidence"): "401   403   403  200*  200*   403",
    ("GET", "/api/v1/evidence/documents"): "401   403   200   200   200   200",
    ("GET", "/api/v1/evidence/documents/{document_id}"): "401   403   404   404   404   404",
    ("POST", "/api/v1/evidence/fetch"): "401   403   403   403   400   403",
    # A multipart upload: the matrix sends JSON, refused as unprocessable before any check
    # (nothing read); its role checks are claims/tests/evidence/test_upload.py's.
    ("POST", "/api/v1/evidence/documents"): "401   422   422   422   422   422",
    ("PATCH", "/api/v1/claims/{claim_id}"): "401   403  200*  200*  200*   404",
    ("PUT", "/api/v1/claims/{claim_id}"): "401   403  200*  200*  200*   404",
    ("GET", "/api/v1/collections"): "401   403   200   200   200   200",
    ("GET", "/api/v1/collections/{collection_id}"): "401   403   200   200   200   200",
    ("GET", "/api/v1/exports/{format}"): "401   403   200   200   200   200",
    ("GET", "/api/v1/figures"): "401   403   200   200   200   200",
    ("POST", "/api/v1/figures"): "401   403  201*  201*  201*  201*",
    ("DELETE", "/api/v1/figures/{figure_id}"): "401   403   403  204*  204*   403",
    ("GET", "/api/v1/figures/{figure_id}"): "401   403   200   200   200   404",
    ("PATCH", "/api/v1/figures/{figure_id}"): "401   403  200*  200*  200*   404",
    ("PUT", "/api/v1/figures/{figure_id}"): "401   403  200*  200*  200*   404",
    # Related articles (issue 18): read by every role, made and removed by editors; the
    # alignment and the comparison compare everyone's figures, so not while working blind.
    ("GET", "/api/v1/relations"): "401   403   200   200   200   200",
    ("POST", "/api/v1/relations"): "401   403   403   403  201*   403",
    ("GET", "/api/v1/relations/{relation_id}"): "401   403   200   200   200   200",
    ("DELETE", "/api/v1/relations/{relation_id}"): "401   403   403   403  204*   403",
    ("GET", "/api/v1/relations/{relation_id}/alignment"): "401   403   200   200   200   403",
    ("POST", "claims:relation_new"): "login   404   403   403  302*   403",
    ("POST", "claims:relation_delete"): "login   404   403   403  302*   403",
    ("GET", "claims:article_compare"): "login   404   200   200   200   403",
    ("POST", "claims:article_compare_decide"): "login   404   403   302   302   403",
    ("POST", "claims:article_compare_align"): "login   404   403  302*  302*   403",
    ("GET", "admin:articles_articlerelation_changelist"): "login login   200   200   200   200",
    ("GET", "admin:articles_articlerelation_add"): "login login   403   403   200   403",
    ("GET", "admin:articles_articlerelation_change"): "login login   200   200   200   200",
    ("GET", "admin:articles_articlerelation_history"): "login login   200   200   200   200",
    ("GET", "admin:articles_articlerelation_delete"): "login login   403   403   200   403",
    ("POST", "admin:articles_articlerelation_delete"): "login login   403   403  302*   403",
    (
        "GET",
        "admin/articles/articlerelation/<path:object_id>/",
    ): "login login   302   302   302   302",
    ("GET", "admin:claims_figurealignment_changelist"): "login login   403   200   200   403",
    ("GET", "admin:claims_figurealignment_add"): "login login   403   403   403   403",
    ("GET", "admin:claims_figurealignment_change"): "login login   403   302   302   403",
    ("GET", "admin:claims_figurealignment_history"): "login login   302   302   302   302",
    ("GET", "admin:claims_figurealignment_delete"): "login login   403   302   302   403",
    ("POST", "admin:claims_figurealignment_delete"): "login login   403   302   302   403",
    (
        "GET",
        "admin/claims/figurealignment/<path:object_id>/",
    ): "login login   302   302   302   302",
    ("GET", "admin:claims_relationalignment_changelist"): "login login   403   200   200   403",
    ("GET", "admin:claims_relationalignment_add"): "login login   403   403   403   403",
    ("GET", "admin:claims_relationalignment_change"): "login login   403   302   302   403",
    ("GET", "admin:claims_relationalignment_history"): "login login   302   302   302   302",
    ("GET", "admin:claims_relationalignment_delete"): "login login   403   403   403   403",
    ("POST", "admin:claims_relationalignment_delete"): "login login   403   403   403   403",
    (
        "GET",
        "admin/claims/relationalignment/<path:object_id>/",
    ): "login login   302   302   302   302",
    ("GET", "/api/v1/links"): "401   403   200   200   200   200",
    ("POST", "/api/v1/links"): "401   403  201*  201*  201*   422",
    ("DELETE", "/api/v1/links/{link_id}"): "401   403  204*  204*  204*   404",
    ("GET", "/api/v1/links/{link_id}"): "401   403   200   200   200   404",
    ("PATCH", "/api/v1/links/{link_id}"): "401   403  200*  200*  200*   404",
    ("GET", "/api/v1/sources"): "401   403   200   200   200   200",
    ("POST", "/api/v1/sources"): "401   403  201*  201*  201*  201*",
    ("GET", "/api/v1/sources/{source_id}"): "401   403   200   200   200   200",
    ("PATCH", "/api/v1/sources/{source_id}"): "401   403   403   403  200*   403",
    ("GET", "/api/v1/tags"): "401   403   200   200   200   200",
    ("POST", "/api/v1/tags"): "401   403   403   403  201*   403",
    ("GET", "/api/v1/tags/{tag_id}"): "401   403   200   200   200   200",
    ("PATCH", "/api/v1/tags/{tag_id}"): "401   403   403   403  200*   403",
    ("GET", "api/v1/"): "404   404   404   404   404   404",
    ("GET", "api:api-root"): "404   404   404   404   404   404",
    ("GET", "api:openapi-json"): "401   200   200   200   200   200",
}


# --- asking -----------------------------------------------------------------------------------


def _fingerprint_sql() -> str:
    """One query for a fingerprint of every table a request may write: each table's row
    count and, per date-time column, its latest value and how many are set (a save bumps
    updated_at; history-tracked models also add a historical row). Not the API tokens'
    last-used times, the users' last logins, nor stored findings, which reads refresh, nor
    the computed figure alignments (issue 18) they refresh with them: only the rows set by
    hand are a write."""
    from django.apps import apps
    from django.db import connection, models

    quote = connection.ops.quote_name
    parts = []
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in ("articles", "claims", "auth") or meta.label in (
            "claims.StoredFindings",
            "claims.RelationAlignment",
            "claims.StoredMatches",
            "auth.Permission",
        ):
            continue
        terms = [f"'{meta.label}'", "COUNT(*)"]
        for column_field in meta.concrete_fields:
            if isinstance(column_field, models.DateTimeField) and column_field.name not in (
                "last_login",
                "last_used_at",
            ):
                column = quote(column_field.column)
                terms += [f"COALESCE(CAST(MAX({column}) AS TEXT), '')", f"COUNT({column})"]
        joined = " || ':' || ".join(terms)
        where = " WHERE origin = 'by_hand'" if meta.label == "claims.FigureAlignment" else ""
        parts.append(f"SELECT {joined} FROM {quote(meta.db_table)}{where}")
    return " UNION ALL ".join(parts)


def _fingerprint(sql: str) -> list[Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql)
        return sorted(row[0] for row in cursor.fetchall())


def _answer(response: Any) -> str:
    code = response.status_code
    if code == 302 and re.match(r"^/(admin/)?(accounts/)?login/", response["Location"]):
        return "login"
    return str(code)


def ask(client: Client, world: World, key: tuple[str, str], role: str, sql: str) -> str:
    """One role's answer to one row, the database left as it was."""
    method, _ = key
    how = ASKS[key]
    objects = world.objects(role)
    client.logout()
    headers: dict[str, Any] = {"HX-Request": "true"} if how.htmx else {}
    api = key[1].startswith("/api/")
    if role != "anon":
        user = world.users[role]
        if api:
            headers["Authorization"] = f"Bearer {world.tokens[role]}"
        else:
            client.force_login(user)
    path = how.path(objects)
    with transaction.atomic():
        before = _fingerprint(sql)
        if api:
            data = how.data(objects) if how.data is not None else None
            send = getattr(client, method.lower())
            if data is None:
                response = send(path, headers=headers)
            else:
                response = send(
                    path, json.dumps(data), content_type="application/json", headers=headers
                )
        elif method == "GET":
            response = client.get(path, headers=headers)
        else:
            assert how.data is not None
            response = client.post(path, how.data(objects), headers=headers)
        stored = _fingerprint(sql) != before
        transaction.set_rollback(True)
    answer = _answer(response)
    if stored:
        assert method in WRITES, f"{key} as {role}: a read changed the database"
        answer += "*"
    return answer


def test_every_row_answers_as_the_table_says(client: Client, world: World) -> None:
    """Each row asked as each role, the database rolled back after each request; every
    difference from MATRIX is listed at once."""
    sql = _fingerprint_sql()
    world.tokens = {
        role: ApiToken.objects.issue(user=user, name="matrix")[1]
        for role, user in world.users.items()
    }
    wrong = []
    for key in sorted(ASKS):
        answers = [ask(client, world, key, role, sql) for role in ROLES]
        expected = MATRIX.get(key, "").split()
        if answers != expected:
            wrong.append(f"    {key!r}: {' '.join(f'{a:>5}' for a in answers)!r},")
    assert not wrong, "answers differ from MATRIX (as they are now):\n" + "\n".join(wrong)


# --- every served URL has a row ----------------------------------------------------------------


def _served(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[str]:
    """Each URL the resolver serves: its name (namespace:name) or, unnamed, its route."""
    out = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            space = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            out += _served(pattern.url_patterns, prefix + str(pattern.pattern), space)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            out.append(
                f"{namespace}:{pattern.name}"
                if pattern.name and namespace
                else pattern.name or route
            )
    return out


def _operation_names() -> dict[str, tuple[str, str]]:
    """The API's URL names (its operations' ids) → (method, OpenAPI path)."""
    names = {}
    for route, methods in ninja_api.get_openapi_schema()["paths"].items():
        for method, operation in methods.items():
            names[f"api:{operation['operationId']}"] = (method.upper(), route)
    return names


def test_every_served_url_has_a_row() -> None:
    operations = _operation_names()
    in_table = {name for _, name in MATRIX}
    served = _served(get_resolver().url_patterns)
    # The enumeration reaches into every include: the site, the back-office, the API.
    assert {"claims:claim_new", "admin:claims_claim_change", "api:create_claim"} <= set(served)
    missing = []
    for name in served:
        if name in operations:
            if operations[name] not in MATRIX:
                missing.append(f"{operations[name]} (API operation {name})")
        elif name not in in_table:
            missing.append(name)
    for key in operations.values():  # the OpenAPI document, operation by operation
        if key not in MATRIX:
            missing.append(repr(key))
    assert not missing, "served but not in MATRIX: " + ", ".join(sorted(set(missing)))
    stale = set(MATRIX) - set(ASKS)
    assert not stale, f"rows for URLs no longer asked: {sorted(stale)}"


# --- README.md's "Roles" table ---------------------------------------------------------------

# What each role may do, each line shown by one row of MATRIX: a role may when its answer
# there is a success (for a write: stored).
ROLES_TABLE: list[tuple[str, tuple[str, str]]] = [
    ("read collections, articles and the workspace", ("GET", "articles:article")),
    ("use the JSON API with a token", ("GET", "/api/v1/articles")),
    (
        "confirm, reject or correct a figure another annotator added",
        ("POST", "claims:figure_state"),
    ),
    ("add a figure the detector missed", ("POST", "claims:figure_new")),
    ("add a claim", ("POST", "claims:claim_new")),
    ("change another annotator's claim", ("POST", "claims:claim_edit")),
    ("link another annotator's claims", ("POST", "claims:link_new")),
    ("add a source a claim cites", ("POST", "claims:source_new")),
    ("read another annotator's claim", ("GET", "/api/v1/claims/{claim_id}")),
    ("export the dataset", ("GET", "claims:export")),
    ("approve or reject others' claims", ("POST", "claims:review_bulk")),
    ("keep one version of a double-annotated claim", ("POST", "claims:claim_keep")),
    (
        "confirm a claim's verdict proposed from its evidence",
        ("POST", "claims:claim_evidence_verdict"),
    ),
    ("delete others' claims and figures", ("DELETE", "/api/v1/figures/{figure_id}")),
    (
        "change an article (title, text, language, status)",
        ("PATCH", "/api/v1/articles/{article_id}"),
    ),
    (
        "relate an article to its original (translation of, based on, relays)",
        ("POST", "claims:relation_new"),
    ),
    ("correct the figure alignment of a translation", ("POST", "claims:article_compare_align")),
    ("import articles", ("POST", "articles:import")),
    ("assign articles to annotators", ("GET", "articles:assign")),
    ("add tags", ("POST", "/api/v1/tags")),
    ("delete collections and articles (back-office)", ("POST", "admin:articles_article_delete")),
    (
        "manage users, groups and API tokens (superusers only)",
        ("GET", "admin:auth_user_changelist"),
    ),
]
ROLE_HEADINGS = (
    "no login",
    "no role",
    "Annotator",
    "Reviewer",
    "Editor",
    "Annotator, blind article",
)


def _may(answer: str, write: bool) -> bool:
    if answer in ("login", "401") or answer.rstrip("*")[0] in "45":
        return False
    return answer.endswith("*") if write else True


def roles_table() -> str:
    lines = [
        "| may | " + " | ".join(ROLE_HEADINGS) + " |",
        "|---|" + "---|" * len(ROLE_HEADINGS),
    ]
    for label, key in ROLES_TABLE:
        answers = MATRIX[key].split()
        marks = ["yes" if _may(a, key[0] in WRITES) else "—" for a in answers]
        lines.append(f"| {label} | " + " | ".join(marks) + " |")
    return "\n".join(lines)


README = Path(__file__).resolve().parents[2] / "README.md"
BEGIN = "<!-- roles table: claims/tests/test_permission_matrix.py, roles_table() -->"
END = "<!-- end of roles table -->"


def test_the_readme_roles_table_is_the_matrixs() -> None:
    text = README.read_text(encoding="utf-8")
    assert BEGIN in text and END in text, f"README.md's Roles section lacks {BEGIN}"
    shown = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert shown == roles_table(), "README.md's Roles table, from the matrix:\n" + roles_table()
