from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from articles.forms import ArticleForm
from articles.models import ApiToken, Article, Assignment, Collection
from claims.admin_scale import LargeListAdmin
from claims.models import Claim, Figure
from claims.search import search_articles
from core.locking import VersionCheckedForm


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
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
    def article_count(self, obj: Any) -> int:
        return int(obj.article_count)

    def save_model(self, request: HttpRequest, obj: Collection, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)


# Above this many figures or claims an article's change page links to them instead of
# rendering one inline form each.
INLINE_LIMIT = 200


class ArticleChildFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    """Hands each child form the parent article, so validating 2,000 figures does not
    fetch the article 2,000 times."""

    def _construct_form(self, i: int, **kwargs: Any) -> Any:
        form = super()._construct_form(i, **kwargs)  # type: ignore[misc]
        if self.instance.pk is not None:
            form.instance.article = self.instance
        return form


class FigureInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Figure
    formset = ArticleChildFormSet
    form = VersionCheckedForm  # issue 5: a stale row is refused, naming what changed
    fields = [
        "start",
        "end",
        "surface",
        "value",
        "lower",
        "upper",
        "qualifier",
        "unit",
        "counted",
        "state",
        "origin",
        "seen_version",
    ]
    extra = 0
    show_change_link = True


class ClaimInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Claim
    formset = ArticleChildFormSet
    form = VersionCheckedForm  # issue 5: a stale row is refused, naming what changed
    fields = [
        "start",
        "end",
        "quote",
        "source",
        "via",
        "attribution",
        "status",
        "verdict",
        "seen_version",
    ]
    readonly_fields = ["status", "verdict"]
    autocomplete_fields = ["source", "via"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        return super().get_queryset(request).select_related("source", "via")


@admin.register(Article)
class ArticleAdmin(LargeListAdmin, admin.ModelAdmin):  # type: ignore[type-arg,misc]
    form = ArticleForm

    def full_text_search(self, queryset: QuerySet[Any], text: str) -> QuerySet[Any]:
        # Issue 8: title, outlet, byline and text, through a GIN index (PostgreSQL).
        return search_articles(queryset, text)

    list_display = ["title", "collection", "outlet", "published_on", "status", "created_at"]
    list_filter = ["collection", "status", "language", "outlet"]
    list_select_related = ["collection"]
    search_fields = ["title", "outlet", "url", "byline"]
    date_hierarchy = "published_on"
    readonly_fields = ["annotations", "text_sha256", "created_by", "created_at", "updated_at"]
    inlines = [FigureInline, ClaimInline]

    def _annotation_counts(self, request: HttpRequest, obj: Article) -> tuple[int, int]:
        cache = request.__dict__.setdefault("_claimdesk_annotation_counts", {})
        if obj.pk not in cache:
            cache[obj.pk] = (obj.figures.count(), obj.claims.count())  # type: ignore[attr-defined]
        return cache[obj.pk]  # type: ignore[no-any-return]

    def _blind(self, request: HttpRequest, obj: Article | None) -> bool:
        # Blind double annotation: the figures (as whoever decided last reads them) and the
        # claims of an article the user annotates blind stay in her workspace.
        cache = request.__dict__.setdefault("_claimdesk_blind", {})
        if obj is None or obj.pk is None:
            return False
        if obj.pk not in cache:
            cache[obj.pk] = obj.is_blind_for(request.user)
        return bool(cache[obj.pk])

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if self._blind(request, obj):  # its counts include the other annotator's work
            fields.remove("annotations")
        return fields

    def get_inlines(self, request: HttpRequest, obj: Article | None) -> list[Any]:
        if self._blind(request, obj):
            return []
        # Thousands of inline forms take seconds to render: long articles are edited in the
        # workspace, and their figures and claims through the filtered lists linked above.
        if obj is not None and max(self._annotation_counts(request, obj)) > INLINE_LIMIT:
            return []
        return list(self.inlines)

    @admin.display(description="figures and claims")
    def annotations(self, obj: Article) -> str:
        if obj.pk is None:
            return "-"
        figures, claims = obj.figures.count(), obj.claims.count()  # type: ignore[attr-defined]
        return format_html(
            '{} figure(s) (<a href="{}?article__id__exact={}">list</a>), '
            '{} claim(s) (<a href="{}?article__id__exact={}">list</a>); '
            '<a href="{}">open in the workspace</a>. Articles with more than {} are not '
            "edited inline here.",
            figures,
            reverse("admin:claims_figure_changelist"),
            obj.pk,
            claims,
            reverse("admin:claims_claim_changelist"),
            obj.pk,
            obj.get_absolute_url(),
            INLINE_LIMIT,
        )

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Issue 5: a changed figure or claim gets a new version, as in every other editor.
        for child in formset.initial_forms:
            current = getattr(child, "current_version", None)
            if current is not None and child.has_changed():
                child.instance.version = current + 1
        super().save_formset(request, form, formset, change)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
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
class AssignmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Who annotates which article. Editors assign in bulk from a collection's "Assign"
    page (by hand or round-robin); here single assignments are added, listed and removed."""

    list_display = ["article", "annotator", "assigned_by", "created_at", "done_at"]
    list_filter = ["article__collection", "annotator", ("done_at", admin.EmptyFieldListFilter)]
    list_select_related = ["article", "annotator", "assigned_by"]
    search_fields = ["article__title", "annotator__username"]
    autocomplete_fields = ["article"]
    raw_id_fields = ["annotator"]
    readonly_fields = ["assigned_by", "created_at"]

    def save_model(self, request: HttpRequest, obj: Assignment, form: Any, change: bool) -> None:
        if not change:
            obj.assigned_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
