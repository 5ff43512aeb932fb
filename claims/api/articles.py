"""Collections (read-only here: editors manage them in the back-office) and articles."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from articles.forms import ArticleForm
from articles.models import Article, Collection
from claims.api.common import (
    Page,
    check_form,
    form_data,
    get_or_404,
    page,
    patch_with_form,
    require,
    responses,
)
from claims.api.schemas import (
    ArticleDetailOut,
    ArticleIn,
    ArticlePage,
    ArticlePatch,
    ArticleStatus,
    CollectionOut,
    CollectionPage,
    Id,
    PageIn,
)
from claims.services import article_detect

router = Router(tags=["articles"])

SLUG = r"^[-a-zA-Z0-9_]+$"


class ArticleFilters(PageIn):
    collection: str | None = Field(None, pattern=SLUG, max_length=100, description="Slug.")
    status: ArticleStatus | None = None


def _articles() -> QuerySet[Article]:
    # Lists leave out the text, which can be megabytes; GET /articles/{id} has it.
    return Article.objects.defer("text").order_by("-published_on", "title", "pk")


@router.get("/collections", response=responses(200, CollectionPage), tags=["collections"])
def list_collections(request: HttpRequest, params: Query[PageIn]) -> Page[Collection]:
    require(request, "articles.view_collection")
    return page(Collection.objects.order_by("name", "pk"), params)


@router.get(
    "/collections/{collection_id}",
    response=responses(200, CollectionOut, 404),
    tags=["collections"],
)
def get_collection(request: HttpRequest, collection_id: Id) -> Collection:
    require(request, "articles.view_collection")
    return get_or_404(Collection.objects.all(), collection_id)


@router.get("/articles", response=responses(200, ArticlePage))
def list_articles(request: HttpRequest, params: Query[ArticleFilters]) -> Page[Article]:
    require(request, "articles.view_article")
    articles = _articles()
    if params.collection:
        articles = articles.filter(collection__slug=params.collection)
    if params.status:
        articles = articles.filter(status=params.status)
    return page(articles, params)


@router.get("/articles/{article_id}", response=responses(200, ArticleDetailOut, 404))
def get_article(request: HttpRequest, article_id: Id) -> Article:
    require(request, "articles.view_article")
    return get_or_404(Article.objects.all(), article_id)


class CreateOptions(Schema):
    detect: bool = Field(
        True, description="Detect the article's figures and attributions, as imports do."
    )


@router.post("/articles", response=responses(201, ArticleDetailOut, 400))
def create_article(
    request: HttpRequest, payload: ArticleIn, options: Query[CreateOptions]
) -> Status[Article]:
    """Store an article; its figures are then detected as suggestions (GET
    /figures?article=ID), unless `detect=false`."""
    user = require(request, "articles.add_article")
    form = ArticleForm(data=form_data(ArticleForm, payload.model_dump()))
    check_form(form)
    with transaction.atomic():
        article = form.save(commit=False)
        article.created_by = user
        article.save()
        if options.detect:
            article_detect(article=article, created_by=user)
    return Status(201, article)


@router.patch("/articles/{article_id}", response=responses(200, ArticleDetailOut, 400, 404))
def update_article(request: HttpRequest, article_id: Id, payload: ArticlePatch) -> Article:
    require(request, "articles.change_article")
    changes = payload.model_dump(exclude_unset=True)
    # text_sha256 follows the text (set by Article.clean); writing it unchanged is harmless.
    return patch_with_form(
        Article.objects.all(), article_id, ArticleForm, changes, "text_sha256", "updated_at"
    )
