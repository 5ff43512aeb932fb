from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from claims import blind
from claims.admin_scale import ClaimTagFilter
from claims.consistency.store import ENGINE, refresh
from claims.forms import (
    ClaimAdminForm,
    ClaimLinkForm,
    FigureAdminForm,
    SourceForm,
    TagForm,
)
from claims.models import (
    Claim,
    ClaimLink,
    ClaimQuerySet,
    Figure,
    FigureJudgement,
    FindingDecision,
    Source,
    StoredFindings,
    Tag,
)
from claims.services import figure_add, figure_correct, figures_decide
from core.admin import IndexedValuesFilter, LargeListAdmin
from core.http import user_of
from core.locking import bump_version
from core.permissions import REVIEW
from core.search import search_claims


def pk_or_404(model: type[Model], object_id: str) -> object:
    """The primary key an admin URL names, or 404 when it is not an id of `model` at all
    (simple-history's pages would raise ValueError on it: a 500)."""
    try:
        return model._meta.pk.to_python(unquote(object_id))
    except ValidationError:
        raise Http404("No such row.") from None


class BlindAdmin(admin.ModelAdmin):
    """Blind double annotation in the back-office: the lists, autocompletes, change, delete
    and History pages leave out what claims/blind.py hides from an annotator working blind
    (back_office_rows, hides); reviewers and editors see everything."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Model]:
        return blind.back_office_rows(super().get_queryset(request), user_of(request))

    # By id (change, delete, History): 404, as for a row that does not exist, rather than
    # the admin's redirect to its index or a 403 that would tell her something is there.
    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, object] | None = None,
    ) -> HttpResponse:
        self._404_if_hidden(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, object] | None = None
    ) -> HttpResponse:
        self._404_if_hidden(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, object] | None = None
    ) -> HttpResponse:
        self._404_if_hidden(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def _404_if_hidden(self, request: HttpRequest, object_id: str) -> None:
        model = self.model
        pk = pk_or_404(model, object_id)
        # A deleted row is judged by its last History record.
        obj = model._default_manager.filter(pk=pk).first()
        if obj is None:
            last = model.history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date")
            record = last.first()
            obj = None if record is None else record.instance
        if blind.hides(user_of(request), obj):
            raise Http404("No such object.")

    # The History pages fall back on the records of an object the queryset leaves out:
    # these checks close them too.
    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if blind.hides(user_of(request), obj):
            return False
        return super().has_view_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if blind.hides(user_of(request), obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if blind.hides(user_of(request), obj):
            return False
        return super().has_delete_permission(request, obj)


# Set while simple-history's revert page runs, so that get_form gives the form that knows it
# reverts (starting from the current version); a context variable, not an attribute stuck
# on the request.
_REVERTING: ContextVar[bool] = ContextVar("claimdesk_reverting", default=False)


class HistoryAdmin(SimpleHistoryAdmin):
    """Review workflow (issue 5): each model's "History" page lists who changed what and
    when, and a past version can be reverted (change permission needed).

    For versioned models (figures, claims) the change form carries the version it showed
    and refuses a stale save (claims.forms.VersionCheckedForm); a revert starts from the
    current version and runs in one transaction with the row locked.
    """

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, object] | None = None,
    ) -> HttpResponse:
        pk_or_404(self.model, object_id)
        reverting = _REVERTING.set(True)
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        finally:
            _REVERTING.reset(reverting)

    def get_form(
        self, request: HttpRequest, obj: Model | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        if _REVERTING.get():
            return type(form.__name__, (form,), {"reverting": True})
        return form


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    form = SourceForm
    list_display = ["name", "kind", "parent", "url"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "aliases"]
    autocomplete_fields = ["parent"]


@admin.register(Tag)
class TagAdmin(HistoryAdmin):
    form = TagForm
    list_display = ["name", "slug", "key", "colour", "collection"]
    list_filter = ["collection"]
    list_select_related = ["collection"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Figure)
class FigureAdmin(BlindAdmin, LargeListAdmin[Figure], HistoryAdmin):
    form = FigureAdminForm
    # Scale (issue 8): text order through the (article, start, end) index; no sorting by
    # unindexed columns of millions of figures.
    ordering = ["article_id", "start", "end"]
    sortable_by = ()
    list_display = [
        "surface",
        "article",
        "value",
        "lower",
        "upper",
        "qualifier",
        "unit",
        "counted",
        "state",
        "origin",
    ]
    list_filter = [
        "state",
        "qualifier",
        "origin",
        ("unit", IndexedValuesFilter),  # issue 8: no DISTINCT over millions of figures
        "article__collection",
    ]
    list_select_related = ["article"]
    search_fields = ["surface", "counted", "article__title"]
    autocomplete_fields = ["article"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    actions = ["confirm_figures", "reject_figures"]

    def save_model(
        self, request: HttpRequest, obj: Figure, form: forms.ModelForm, change: bool
    ) -> None:
        # Recorded as her judgement, as the workspace records it (claims.services); the form
        # checked and locked the row, the service saves it as its next version.
        if change:
            figure_correct(figure=obj, by=user_of(request))
        else:
            figure_add(figure=obj, by=user_of(request))

    @admin.action(description="Confirm the selected figures", permissions=["change"])
    def confirm_figures(self, request: HttpRequest, queryset: QuerySet[Figure]) -> None:
        count = self._set_state(request, queryset, Figure.State.CONFIRMED)
        self.message_user(request, f"Confirmed {count} figure(s).", messages.SUCCESS)

    @admin.action(description="Reject the selected figures", permissions=["change"])
    def reject_figures(self, request: HttpRequest, queryset: QuerySet[Figure]) -> None:
        count = self._set_state(request, queryset, Figure.State.REJECTED)
        self.message_user(request, f"Rejected {count} figure(s).", messages.SUCCESS)

    def _set_state(self, request: HttpRequest, queryset: QuerySet[Figure], state: str) -> int:
        # A new version (open forms on these figures become stale), a history record and her
        # judgement each, as the workspace records them (claims.services).
        return figures_decide(figures=queryset, state=state, by=user_of(request))


class LinkOutInline(admin.TabularInline):
    model = ClaimLink
    form = ClaimLinkForm
    fk_name = "from_claim"
    fields = ["relation", "to_claim", "note"]
    autocomplete_fields = ["to_claim"]
    extra = 0
    verbose_name = "link to another claim"
    verbose_name_plural = "links to other claims"

    def get_queryset(self, request: HttpRequest) -> QuerySet[ClaimLink]:
        links = super().get_queryset(request).select_related("to_claim")
        return blind.visible_links(links, user_of(request))


class LinkInInline(admin.TabularInline):
    model = ClaimLink
    fk_name = "to_claim"
    fields = ["from_claim", "relation", "note"]
    readonly_fields = ["from_claim", "relation", "note"]
    extra = 0
    can_delete = False
    verbose_name = "link from another claim"
    verbose_name_plural = "links from other claims"

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[ClaimLink]:
        links = super().get_queryset(request).select_related("from_claim")
        return blind.visible_links(links, user_of(request))


@admin.register(Claim)
class ClaimAdmin(BlindAdmin, LargeListAdmin[Claim], HistoryAdmin):
    form = ClaimAdminForm
    # Scale (issue 8): estimated counts, full-text search on PostgreSQL (full_text_search
    # below), text order through the (article, start) index, no sorting by unindexed columns
    # of a million claims.
    ordering = ["article_id", "start", "end", "pk"]
    sortable_by = ()
    list_display = ["__str__", "article", "source", "via", "status", "verdict", "created_by"]
    list_filter = [
        "article__collection",
        "status",
        "verdict",
        ClaimTagFilter,  # issue 8: EXISTS, not SELECT DISTINCT over a million claims
        "source",
        "attribution",
        ("superseded_by", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["article", "source", "via", "created_by"]
    search_fields = ["quote", "note"]
    autocomplete_fields = ["article", "source", "via", "tags", "figures"]
    readonly_fields = [
        "created_by",
        "reviewed_by",
        "reviewed_at",
        "superseded_by",
        "created_at",
        "updated_at",
    ]
    inlines = [LinkOutInline, LinkInInline]
    actions = ["approve_claims", "reject_claims"]

    def full_text_search(self, queryset: QuerySet[Claim], text: str) -> QuerySet[Claim]:
        return search_claims(queryset, text)

    def get_form(
        self, request: HttpRequest, obj: Model | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        # The form decides what this user may set (only reviewers approve or set verdicts).
        return type(form.__name__, (form,), {"user": request.user})

    def has_review_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm(REVIEW))

    def save_model(
        self, request: HttpRequest, obj: Claim, form: forms.ModelForm, change: bool
    ) -> None:
        if not change:
            obj.created_by = user_of(request)
        else:
            bump_version(obj)  # the form checked and locked the row; this is its next version
        obj.note_reviewer(by=user_of(request), changed=form.changed_data)
        super().save_model(request, obj, form, change)

    def save_formset(
        self, request: HttpRequest, form: forms.ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, ClaimLink) and instance.created_by_id is None:
                instance.created_by = user_of(request)
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    @admin.action(description="Approve the selected claims", permissions=["review"])
    def approve_claims(self, request: HttpRequest, queryset: ClaimQuerySet) -> None:
        selected = queryset.count()
        count = queryset.approve(by=user_of(request))
        skipped = selected - count
        note = f" Skipped {skipped} (your own or already approved)." if skipped else ""
        self.message_user(request, f"Approved {count} claim(s).{note}", messages.SUCCESS)

    @admin.action(description="Reject the selected claims…", permissions=["review"])
    def reject_claims(self, request: HttpRequest, queryset: ClaimQuerySet) -> HttpResponse | None:
        reason = request.POST.get("rejection_reason", "").strip()
        if "apply" in request.POST:
            if not reason:
                self.message_user(request, "Say why the claims are rejected.", messages.ERROR)
            else:
                selected = queryset.count()
                count = queryset.reject(by=user_of(request), reason=reason)
                skipped = selected - count
                note = f" Skipped {skipped} (your own or already rejected)." if skipped else ""
                self.message_user(request, f"Rejected {count} claim(s).{note}", messages.SUCCESS)
                return None
        return TemplateResponse(
            request,
            "admin/claims/claim/reject_claims.html",
            {
                **self.admin_site.each_context(request),
                "title": "Reject claims",
                "claims": queryset.select_related("article"),
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(ClaimLink)
class ClaimLinkAdmin(BlindAdmin, LargeListAdmin[ClaimLink], HistoryAdmin):
    form = ClaimLinkForm
    ordering = ["-pk"]  # scale (issue 8): newest first, through the primary key
    sortable_by = ["created_at"]
    list_display = ["from_claim", "relation", "to_claim", "created_by", "created_at"]
    list_filter = ["relation"]
    list_select_related = ["from_claim", "to_claim", "created_by"]
    search_fields = ["from_claim__quote", "to_claim__quote", "note"]
    autocomplete_fields = ["from_claim", "to_claim"]

    def save_model(
        self, request: HttpRequest, obj: ClaimLink, form: forms.ModelForm, change: bool
    ) -> None:
        if not change:
            obj.created_by = user_of(request)
        super().save_model(request, obj, form, change)


# --- Consistency findings (issue 7) -----------------------------------------------------------


@admin.register(FindingDecision)
class FindingDecisionAdmin(admin.ModelAdmin):
    """Reviewers' decisions on consistency findings; deleting one reopens its finding."""

    list_display = ["key", "kind", "decision", "collection", "decided_by", "decided_at"]
    list_filter = ["decision", "kind", "collection"]
    list_select_related = ["collection", "decided_by"]
    search_fields = ["key", "note"]
    raw_id_fields = ["link"]
    readonly_fields = ["decided_at"]


@admin.register(StoredFindings)
class StoredFindingsAdmin(admin.ModelAdmin):
    """Each article's stored consistency findings (claims/consistency/store.py), read-only:
    triggers date them, reads recompute them; an action recomputes the selected ones now."""

    list_display = ["article_id", "version", "computed_version", "is_current", "computed_at"]
    ordering = ["-article_id"]
    readonly_fields = [f.name for f in StoredFindings._meta.fields]
    actions = ["recompute"]
    show_full_result_count = False

    @admin.display(boolean=True, description="current")
    def is_current(self, obj: StoredFindings) -> bool:
        return obj.computed_version == obj.version and obj.engine == ENGINE

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    @admin.action(description="Recompute the selected articles' findings now")
    def recompute(self, request: HttpRequest, queryset: QuerySet[StoredFindings]) -> None:
        ids = set(queryset.values_list("article_id", flat=True))
        refresh(ids)
        self.message_user(request, f"Recomputed the findings of {len(ids):,} article(s).")


# --- Review workflow (issue 5) ----------------------------------------------------------------


@admin.register(FigureJudgement)
class FigureJudgementAdmin(BlindAdmin, HistoryAdmin):
    """Each annotator's reading of a figure on double-annotated articles (written by the
    workspace; curation keeps one of them as the figure)."""

    list_display = ["figure", "annotator", "state", "value", "qualifier", "unit", "updated_at"]
    list_filter = ["state", "qualifier", "figure__article__collection"]
    list_select_related = ["figure", "annotator"]
    search_fields = ["figure__surface", "annotator__username", "counted"]
    raw_id_fields = ["figure"]
    readonly_fields = ["created_at", "updated_at"]


# Evidence (issue 19) and the figure alignments of related articles (issue 18) register their
# models from their own packages.
import claims.alignments.admin  # noqa: E402
import claims.evidence.admin  # noqa: E402, F401
