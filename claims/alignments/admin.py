"""The back-office of figure alignments (issue 18): each relation's alignment state and its
figure rows. Registered from claims/admin.py (Django discovers only that module).

Reviewers and editors (claims.review_claim: never blind) read them and correct or delete a
row; rows are made by the alignment (claims/alignments/store.py) or by hand on the
side-by-side page, not added here. An annotator sees none: they compare everyone's figures.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from claims.alignments.models import FigureAlignment, RelationAlignment
from claims.alignments.store import relations_changed
from core.http import user_of
from core.permissions import REVIEW


class ReviewersOnly:
    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(REVIEW)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return request.user.has_perm(REVIEW)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(FigureAlignment)
class FigureAlignmentAdmin(ReviewersOnly, admin.ModelAdmin):
    list_display = ["relation", "derived_figure", "original_figure", "change", "weak", "origin"]
    list_filter = ["change", "origin", "weak"]
    list_select_related = [
        "relation__derived",
        "relation__original",
        "derived_figure",
        "original_figure",
    ]
    search_fields = ["explanation", "derived_figure__surface", "original_figure__surface"]
    raw_id_fields = ["relation", "derived_figure", "original_figure"]
    readonly_fields = ["created_by", "created_at"]

    def has_change_permission(
        self, request: HttpRequest, obj: FigureAlignment | None = None
    ) -> bool:
        return request.user.has_perm(REVIEW)

    def has_delete_permission(
        self, request: HttpRequest, obj: FigureAlignment | None = None
    ) -> bool:
        return request.user.has_perm(REVIEW)

    def save_model(
        self,
        request: HttpRequest,
        obj: FigureAlignment,
        form: forms.ModelForm[FigureAlignment],
        change: bool,
    ) -> None:
        # Changed here, the row is a correction by hand; both articles' findings follow it.
        obj.origin = FigureAlignment.Origin.BY_HAND
        obj.created_by = user_of(request)
        super().save_model(request, obj, form, change)
        relations_changed([obj.relation.derived_id, obj.relation.original_id])

    def delete_model(self, request: HttpRequest, obj: FigureAlignment) -> None:
        ids = [obj.relation.derived_id, obj.relation.original_id]
        super().delete_model(request, obj)
        relations_changed(ids)


@admin.register(RelationAlignment)
class RelationAlignmentAdmin(ReviewersOnly, admin.ModelAdmin):
    list_display = ["relation", "original_language", "derived_language", "computed_at"]
    list_select_related = ["relation__derived", "relation__original"]
    search_fields = ["relation__derived__title", "relation__original__title"]
    readonly_fields = ["relation", "digest", "original_language", "derived_language", "computed_at"]

    def has_change_permission(
        self, request: HttpRequest, obj: RelationAlignment | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: RelationAlignment | None = None
    ) -> bool:
        return False
