from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict, TypeVar

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import numberformat
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from articles.forms import ArticleForm
from articles.models import ApiToken, Article, ArticleRelation, Assignment, Collection
from core.admin import LargeListAdmin
from core.http import user_of
from core.permissions import CHANGE_ARTICLE, VIEW_ARTICLE
from core.search import search_articles

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _ArticleCount(TypedDict):
    article_count: int


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count", "created_by", "created_at"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_by", "created_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Collection]:
        return (
            super()
            .get_queryset(request)
            .select_related("created_by")
            .annotate(article_count=Count("articles"))
        )

    @admin.display(ordering="article_count", description="articles")
    def article_count(self, obj: WithAnnotations[Collection, _ArticleCount]) -> int:
        return int(obj.article_count)

    def save_model(
        self, request: HttpRequest, obj: Collection, form: forms.ModelForm, change: bool
    ) -> None:
        if not change:
            obj.created_by = user_of(request)
        super().save_model(request, obj, form, change)


# Roles (issue 20): only Editors add and change articles (claims/migrations/0011_...).
ADD_ARTICLE = "articles.add_article"


# The article's change page lists its figures and claims this many at a time: compact read-only
# rows linking to each one's own change page (editing happens there or in the workspace), so
# the page costs the same for 10 figures as for 10,000.
ROWS_PER_PAGE = 100

M = TypeVar("M", bound=Model)


@dataclass
class ChildPage:
    """One page of an article's figures or claims on its change page, with its navigation."""

    name: str  # "figures" or "claims": the related name, the query parameter's prefix
    page: Page
    list_url: str  # the object's changelist filtered to this article
    previous_url: str | None
    next_url: str | None
    columns: list[str] = field(default_factory=list)
    rows: list[list[object]] = field(default_factory=list)  # cells: text, or HTML made safe

    @property
    def heading(self) -> str:
        count = self.page.paginator.count
        if not count:
            return f"No {self.name}"
        first, last = self.page.start_index(), self.page.end_index()
        return f"{self.name.capitalize()} {first:,}–{last:,} of {count:,}"


def child_page(
    request: HttpRequest,
    article: Article,
    name: str,
    rows: QuerySet[M],
    columns: list[str],
    row: Callable[[M], list[object]],
) -> ChildPage:
    """The page of `rows` (an article's figures or claims) named by ?<name>_page=N, each
    shown as `row` makes it under `columns`."""
    param = f"{name}_page"
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get(param))

    def url(number: int) -> str:
        query = request.GET.copy()
        query[param] = str(number)
        return f"?{query.urlencode()}#article-{name}"

    opts = rows.model._meta
    return ChildPage(
        name=name,
        page=page,
        list_url=reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        + f"?article__id__exact={article.pk}",
        previous_url=url(page.previous_page_number()) if page.has_previous() else None,
        next_url=url(page.next_page_number()) if page.has_next() else None,
        columns=columns,
        rows=[row(obj) for obj in page],
    )


def number(value: Decimal | None) -> str:
    """A stored figure value as people write it: 67000.0000000000 -> "67,000", 0.50 -> "0.5"."""
    if value is None:
        return ""
    return numberformat.format(
        value.normalize(), ".", grouping=3, thousand_sep=",", force_grouping=True
    )


@admin.register(Article)
class ArticleAdmin(LargeListAdmin[Article]):
    form = ArticleForm

    def full_text_search(self, queryset: QuerySet[Article], text: str) -> QuerySet[Article]:
        # Issue 8: title, outlet, byline and text, through a GIN index (PostgreSQL).
        return search_articles(queryset, text)

    list_display = ["title", "collection", "outlet", "published_on", "status", "created_at"]
    list_filter = ["collection", "status", "language", "outlet"]
    list_select_related = ["collection"]
    search_fields = ["title", "outlet", "url", "byline"]
    date_hierarchy = "published_on"
    readonly_fields = ["annotations", "text_sha256", "created_by", "created_at", "updated_at"]
    # The admin's change form, then the article's figures and claims as pages of read-only rows.
    change_form_template = "admin/articles/article/change_form.html"

    def _blind(self, request: HttpRequest, obj: Article | None) -> bool:
        # Blind double annotation: the figures (as whoever decided last reads them) and the
        # claims of an article the user annotates blind stay in her workspace.
        cache = request.__dict__.setdefault("_claimdesk_blind", {})
        if obj is None or obj.pk is None:
            return False
        if obj.pk not in cache:
            cache[obj.pk] = obj.is_blind_for(request.user)
        return bool(cache[obj.pk])

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if self._blind(request, obj):  # its rows are the other annotator's work too
            fields.remove("annotations")
        return fields

    @admin.display(description="figures and claims")
    def annotations(self, obj: Article) -> str:
        if obj.pk is None:
            return "-"
        return format_html(
            'Listed below, {} at a time; edit each on its own page or <a href="{}">in the '
            "workspace</a>.",
            ROWS_PER_PAGE,
            obj.get_absolute_url(),
        )

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, object],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Article | None = None,
    ) -> HttpResponse:
        if obj is not None and obj.pk is not None:
            context.update(self.annotation_pages(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def annotation_pages(self, request: HttpRequest, obj: Article) -> dict[str, object]:
        """The page of figures and the page of claims shown under the article's form: a fixed
        number of queries (a count and a slice each, the figures' claims prefetched)."""
        if self._blind(request, obj):
            return {"blind": True}
        # The rows' types (claims' Figure and Claim) come from the relations: `articles`
        # imports nothing from `claims` to name them.
        children = []
        figures = obj.figures
        if self._may_view(request, figures.model):
            children.append(
                child_page(
                    request,
                    obj,
                    "figures",
                    figures.order_by("start", "end").prefetch_related("claims"),
                    columns=["surface", "value", "counted", "state", "claims", "offset"],
                    row=lambda figure: [
                        self._link(figure, figure.surface),
                        number(figure.value),
                        figure.counted,
                        figure.get_state_display(),
                        format_html_join(
                            ", ", "{}", ((self._link(c, f"#{c.pk}"),) for c in figure.claims.all())
                        ),
                        figure.start,
                    ],
                )
            )
        claims = obj.claims
        if self._may_view(request, claims.model):
            children.append(
                child_page(
                    request,
                    obj,
                    "claims",
                    claims.order_by("start", "end", "pk").select_related("source"),
                    columns=["quote", "source", "status", "verdict", "offset"],
                    row=lambda claim: [
                        self._link(claim, Truncator(claim.quote).chars(140)),
                        str(claim.source) if claim.source else "",
                        claim.get_status_display(),
                        claim.get_verdict_display(),
                        claim.start,
                    ],
                )
            )
        return {"children": children, "workspace_url": obj.get_absolute_url()}

    def _may_view(self, request: HttpRequest, model: type[Model]) -> bool:
        return self.admin_site.is_registered(model) and bool(
            self.admin_site.get_model_admin(model).has_view_or_change_permission(request)
        )

    @staticmethod
    def _link(obj: Model, text: str) -> str:
        """`text` (escaped) linking to the object's own change page."""
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, text)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, object] | None = None,
    ) -> HttpResponse:
        # Roles (issue 20): the admin refuses a save without saying why; this names the
        # permission, as the workspace and the API do.
        needed = ADD_ARTICLE if object_id is None else CHANGE_ARTICLE
        if request.method == "POST" and not request.user.has_perm(needed):
            raise PermissionDenied(
                f"You do not have the {needed} permission: only editors change articles."
            )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(
        self, request: HttpRequest, obj: Article, form: forms.ModelForm, change: bool
    ) -> None:
        if not change:
            obj.created_by = user_of(request)
        super().save_model(request, obj, form, change)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created with `manage.py create_api_token` (the secret is shown only
    there); the back-office lists them and revokes them by deletion."""

    list_display = ["prefix", "name", "user", "created_at", "last_used_at"]
    list_select_related = ["user"]
    list_filter = ["created_at", "last_used_at"]
    search_fields = ["name", "prefix", "user__username"]
    fields = ["user", "name", "prefix", "created_at", "last_used_at"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


# --- Review workflow (issue 5) ----------------------------------------------------------------


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    """Who annotates which article. Editors assign in bulk from a collection's "Assign"
    page (by hand or round-robin); here single assignments are added, listed and removed."""

    list_display = ["article", "annotator", "assigned_by", "created_at", "done_at"]
    list_filter = ["article__collection", "annotator", ("done_at", admin.EmptyFieldListFilter)]
    list_select_related = ["article", "annotator", "assigned_by"]
    search_fields = ["article__title", "annotator__username"]
    autocomplete_fields = ["article"]
    raw_id_fields = ["annotator"]
    readonly_fields = ["assigned_by", "created_at"]

    def save_model(
        self, request: HttpRequest, obj: Assignment, form: forms.ModelForm, change: bool
    ) -> None:
        if not change:
            obj.assigned_by = user_of(request)
        super().save_model(request, obj, form, change)


# --- Translations and originals (issue 18) ------------------------------------------------------


@admin.register(ArticleRelation)
class ArticleRelationAdmin(admin.ModelAdmin):
    """An article and its original. Editors (articles.change_article) add, change and
    delete them, as in the workspace and the API; every reader may list them."""

    list_display = ["derived", "kind", "original", "language_pair", "created_by", "created_at"]
    list_filter = ["kind", "derived__collection", "original_language", "derived_language"]
    list_select_related = ["derived", "original", "created_by"]
    search_fields = ["derived__title", "original__title"]
    autocomplete_fields = ["derived", "original"]
    readonly_fields = ["derived_language", "original_language", "created_by", "created_at"]

    def has_view_permission(self, request: HttpRequest, obj: ArticleRelation | None = None) -> bool:
        return request.user.has_perm(VIEW_ARTICLE)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(CHANGE_ARTICLE)

    def has_change_permission(
        self, request: HttpRequest, obj: ArticleRelation | None = None
    ) -> bool:
        return request.user.has_perm(CHANGE_ARTICLE)

    def has_delete_permission(
        self, request: HttpRequest, obj: ArticleRelation | None = None
    ) -> bool:
        return request.user.has_perm(CHANGE_ARTICLE)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(VIEW_ARTICLE)

    def save_model(
        self,
        request: HttpRequest,
        obj: ArticleRelation,
        form: forms.ModelForm[ArticleRelation],
        change: bool,
    ) -> None:
        if not change:
            obj.created_by = user_of(request)
        obj.derived_language = obj.derived.language
        obj.original_language = obj.original.language
        super().save_model(request, obj, form, change)
