"""Sources (who said it) and tags: annotators add sources, editors change them and tags."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import Field

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
    Id,
    PageIn,
    SourceIn,
    SourceKind,
    SourceOut,
    SourcePage,
    SourcePatch,
    TagIn,
    TagOut,
    TagPage,
    TagPatch,
)
from claims.forms import SourceForm, TagForm
from claims.models import Source, Tag

router = Router()


class SourceFilters(PageIn):
    q: str | None = Field(
        None, max_length=300, pattern=r"^[^\x00]*$", description="Part of the name or an alias."
    )
    kind: SourceKind | None = None


class TagFilters(PageIn):
    collection: str | None = Field(
        None,
        pattern=r"^[-a-zA-Z0-9_]+$",
        max_length=100,
        description="Slug: the tags usable there (its own and the global ones).",
    )


def _sources() -> QuerySet[Source]:
    return Source.objects.order_by("name", "pk")


@router.get("/sources", response=responses(200, SourcePage), tags=["sources"])
def list_sources(request: HttpRequest, params: Query[SourceFilters]) -> Page[Source]:
    require(request, "claims.view_source")
    sources = _sources()
    if params.q:
        sources = sources.filter(Q(name__icontains=params.q) | Q(aliases__icontains=params.q))
    if params.kind:
        sources = sources.filter(kind=params.kind)
    return page(sources, params)


@router.get("/sources/{source_id}", response=responses(200, SourceOut, 404), tags=["sources"])
def get_source(request: HttpRequest, source_id: Id) -> Source:
    require(request, "claims.view_source")
    return get_or_404(_sources(), source_id)


@router.post("/sources", response=responses(201, SourceOut, 400), tags=["sources"])
def create_source(request: HttpRequest, payload: SourceIn) -> Status[Source]:
    require(request, "claims.add_source")
    form = SourceForm(data=form_data(SourceForm, payload.model_dump()))
    check_form(form)
    return Status(201, form.save())


@router.patch(
    "/sources/{source_id}", response=responses(200, SourceOut, 400, 404), tags=["sources"]
)
def update_source(request: HttpRequest, source_id: Id, payload: SourcePatch) -> Source:
    require(request, "claims.change_source")
    changes = payload.model_dump(exclude_unset=True)
    return patch_with_form(Source.objects.all(), source_id, SourceForm, changes)


@router.get("/tags", response=responses(200, TagPage), tags=["tags"])
def list_tags(request: HttpRequest, params: Query[TagFilters]) -> Page[Tag]:
    require(request, "claims.view_tag")
    tags = Tag.objects.order_by("name", "pk")
    if params.collection:
        tags = tags.filter(Q(collection__slug=params.collection) | Q(collection__isnull=True))
    return page(tags, params)


@router.get("/tags/{tag_id}", response=responses(200, TagOut, 404), tags=["tags"])
def get_tag(request: HttpRequest, tag_id: Id) -> Tag:
    require(request, "claims.view_tag")
    return get_or_404(Tag.objects.all(), tag_id)


@router.post("/tags", response=responses(201, TagOut, 400), tags=["tags"])
def create_tag(request: HttpRequest, payload: TagIn) -> Status[Tag]:
    require(request, "claims.add_tag")
    form = TagForm(data=form_data(TagForm, payload.model_dump()))
    check_form(form)
    return Status(201, form.save())


@router.patch("/tags/{tag_id}", response=responses(200, TagOut, 400, 404), tags=["tags"])
def update_tag(request: HttpRequest, tag_id: Id, payload: TagPatch) -> Tag:
    require(request, "claims.change_tag")
    changes = payload.model_dump(exclude_unset=True)
    return patch_with_form(Tag.objects.all(), tag_id, TagForm, changes)
