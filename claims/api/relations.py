"""Related articles (issue 18): a translation and its original, with the stored alignment of
their figures and the translation findings, through ArticleRelationForm.

Reading needs the reader role; relating articles is an editor's change
(articles.change_article), as in the workspace and the back-office. The alignment compares
both articles' stored figures: an annotator working blind on either gets 403 for it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.errors import HttpError

from articles.models import ArticleRelation
from claims.alignments.forms import ArticleRelationForm
from claims.alignments.models import FigureAlignment
from claims.alignments.store import relations_changed
from claims.api.common import Page, check_form, form_data, get_or_404, page, require, responses
from claims.api.schemas import AlignmentOut, Id, PageIn, RelationIn, RelationOut, RelationPage
from claims.blind import blind_article_ids
from claims.consistency.store import stored_report
from core.permissions import CHANGE_ARTICLE, VIEW_ARTICLE

router = Router(tags=["relations"])


class RelationFilters(PageIn):
    article: Id | None = None


def _relations() -> QuerySet[ArticleRelation]:
    return ArticleRelation.objects.order_by("pk")


@router.get("/relations", response=responses(200, RelationPage))
def list_relations(request: HttpRequest, params: Query[RelationFilters]) -> Page[ArticleRelation]:
    """Relations, optionally those of one article (as the translation or the original)."""
    require(request, VIEW_ARTICLE)
    relations = _relations()
    if params.article:
        relations = relations.filter(Q(derived_id=params.article) | Q(original_id=params.article))
    return page(relations, params)


@router.get("/relations/{relation_id}", response=responses(200, RelationOut, 404))
def get_relation(request: HttpRequest, relation_id: Id) -> ArticleRelation:
    require(request, VIEW_ARTICLE)
    return get_or_404(_relations(), relation_id)


@router.post("/relations", response=responses(201, RelationOut, 400))
def create_relation(request: HttpRequest, payload: RelationIn) -> Status[ArticleRelation]:
    user = require(request, VIEW_ARTICLE, CHANGE_ARTICLE)
    form = ArticleRelationForm(data=form_data(ArticleRelationForm, payload.model_dump()))
    check_form(form)
    relation = form.save(commit=False)
    relation.created_by = user
    relation.derived_language = relation.derived.language
    relation.original_language = relation.original.language
    relation.save()
    relations_changed([relation.derived_id, relation.original_id])
    return Status(201, relation)


@router.delete("/relations/{relation_id}", response=responses(204, None, 404))
def delete_relation(request: HttpRequest, relation_id: Id) -> Status[None]:
    require(request, VIEW_ARTICLE, CHANGE_ARTICLE)
    relation = get_or_404(_relations(), relation_id)
    ids = [relation.derived_id, relation.original_id]
    relation.delete()
    relations_changed(ids)
    return Status(204, None)


@router.get("/relations/{relation_id}/alignment", response=responses(200, AlignmentOut, 404))
def get_alignment(request: HttpRequest, relation_id: Id) -> dict[str, object]:
    """Each figure of the translation with the figure of the original it renders (either
    side null for a figure with none), and the translation findings with their status."""
    user = require(request, VIEW_ARTICLE)
    relation = get_or_404(_relations(), relation_id)
    ids = {relation.derived_id, relation.original_id}
    if blind_article_ids(user) & ids:
        raise HttpError(
            403, "The alignment is hidden while you annotate one of these articles blind."
        )
    report = stored_report(ids)  # aligns the pair if it is out of date
    findings = [
        s.as_dict()
        for s in report.findings
        if s.finding.kind.startswith("translation_") and set(s.finding.article_ids) == ids
    ]
    rows = FigureAlignment.objects.filter(relation=relation).order_by("pk")
    return {"relation": relation, "figures": list(rows), "findings": findings}
