"""The back-office of evidence (issue 19): documents with their figures inline, decisions.

Registered from claims/admin.py (Django discovers only that module)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from claims.admin import BlindAdmin, HistoryAdmin
from claims.models import Evidence, EvidenceDocument, EvidenceFigure, StoredMatches


class EvidenceFigureInline(admin.TabularInline):
    model = EvidenceFigure
    fields = ["position", "surface", "value", "lower", "upper", "qualifier", "unit", "counted"]
    readonly_fields = ["position", "surface"]
    extra = 0
    show_change_link = True


@admin.register(EvidenceDocument)
class EvidenceDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "collection", "status", "pages", "language", "created_at"]
    list_filter = ["kind", "status", "language", "collection"]
    list_select_related = ["collection"]
    search_fields = ["title", "source_url", "sha256"]
    autocomplete_fields = ["claims"]
    readonly_fields = ["sha256", "size", "pages", "added_by", "created_at"]
    inlines = [EvidenceFigureInline]


@admin.register(EvidenceFigure)
class EvidenceFigureAdmin(admin.ModelAdmin):
    list_display = ["surface", "value", "unit", "counted", "document", "position"]
    list_filter = ["unit", "qualifier", "document__kind"]
    list_select_related = ["document"]
    search_fields = ["surface", "counted", "quote", "document__title"]
    raw_id_fields = ["document"]


@admin.register(Evidence)
class EvidenceAdmin(BlindAdmin, HistoryAdmin):
    """Reviewers' decisions on a claim figure's evidence; History shows who changed them."""

    list_display = ["claim", "figure", "outcome", "document_figure", "decided_by", "decided_at"]
    list_filter = ["outcome", "claim__article__collection"]
    list_select_related = ["claim", "figure", "document_figure", "decided_by"]
    search_fields = ["reason", "figure__surface", "document_figure__surface"]
    raw_id_fields = ["claim", "figure", "document_figure"]


@admin.register(StoredMatches)
class StoredMatchesAdmin(admin.ModelAdmin):
    """Each article's stored evidence suggestions (claims/evidence/suggestions.py), read-only:
    a read matches again whatever is out of date."""

    list_display = ["article_id", "computed_version", "engine", "computed_at"]
    ordering = ["-article_id"]
    readonly_fields = [f.name for f in StoredMatches._meta.fields]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: StoredMatches | None = None) -> bool:
        return False
