"""What goes in and out of the JSON API.

Input schemas only type the payload (so the OpenAPI document is exact); the meaning of a
value is checked by the same ModelForms the back-office and the workspace use. Field
names are the forms' field names, and related objects are given by id.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, TypeVar

from django.db import models
from ninja import Field, Schema
from pydantic import ConfigDict, WithJsonSchema, field_validator

from articles.models import Article, ArticleRelation
from claims.models import Claim, ClaimLink, Figure, FigureAlignment, Source, Tag
from core.types import JSONObject, JSONValue

# Ids and offsets are 64-bit in the database: larger numbers are refused here rather than
# overflowing the driver.
MAX_INT = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_INT)]
Offset = Annotated[int, Field(ge=0, le=MAX_INT)]
# A JSON number or a decimal string; returned as a string so no precision is lost.
DecimalIn = Annotated[Decimal, Field(allow_inf_nan=False)]


def _choices(choices: type[models.TextChoices]) -> WithJsonSchema:
    # Written out in place: as shared components, Article.Status and Claim.Status would
    # both be called "Status" in the OpenAPI document and one would replace the other.
    return WithJsonSchema({"type": "string", "enum": [str(value) for value in choices.values]})


ArticleStatus = Annotated[Article.Status, _choices(Article.Status)]
SourceKind = Annotated[Source.Kind, _choices(Source.Kind)]
FigureQualifier = Annotated[Figure.Qualifier, _choices(Figure.Qualifier)]
FigureState = Annotated[Figure.State, _choices(Figure.State)]
FigureOrigin = Annotated[Figure.Origin, _choices(Figure.Origin)]
ClaimAttribution = Annotated[Claim.Attribution, _choices(Claim.Attribution)]
ClaimStatus = Annotated[Claim.Status, _choices(Claim.Status)]
ClaimVerdict = Annotated[Claim.Verdict, _choices(Claim.Verdict)]
LinkRelation = Annotated[ClaimLink.Relation, _choices(ClaimLink.Relation)]


def decimal_text(value: Decimal | None) -> str | None:
    """67000.0000000000 -> "67000": the stored value without its padding, never in E notation."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text


def _check_json(value: JSONValue, path: str = "metadata") -> None:
    # PostgreSQL's jsonb refuses NUL characters and NaN; JSON itself has no NaN either.
    if isinstance(value, str) and "\x00" in value:
        raise ValueError(f"{path} must not contain NUL characters.")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{path} must not contain NaN or infinite numbers.")
    if isinstance(value, dict):
        for key, item in value.items():
            _check_json(key, path)
            _check_json(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_json(item, f"{path}[{index}]")


class Payload(Schema):
    # A misspelt field is an error, not silently ignored.
    model_config = ConfigDict(extra="forbid")


# Errors -------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in a sentence.")
    errors: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Messages by field name; `__all__` holds those about the whole object.",
    )


class FieldChange(Schema):
    yours: object = Field(description="The value you sent.")
    current: object = Field(description="The value stored now.")


class ConflictOut(ErrorOut):
    your_version: int
    current_version: int
    changes: dict[str, FieldChange] = Field(
        description="The fields you sent whose stored value is now different."
    )


# Collections and articles ----------------------------------------------------------------


class CollectionOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    guidelines: str


class ArticleOut(Schema):
    id: int
    collection: int
    title: str
    outlet: str
    url: str
    byline: str
    published_on: date | None
    language: str
    status: ArticleStatus
    text_sha256: str
    metadata: JSONObject
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_collection(obj: Article) -> int:
        return obj.collection_id


class ArticleDetailOut(ArticleOut):
    text: str = Field(description="Unicode NFC, `\\n` line endings; offsets are code points.")


class ArticleIn(Payload):
    collection: Id
    title: str
    outlet: str = ""
    url: str = ""
    byline: str = ""
    published_on: date | None = None
    language: str = "en"
    status: ArticleStatus = Article.Status.NEW
    text: str
    metadata: JSONObject = Field(default_factory=dict)

    @field_validator("metadata")
    @classmethod
    def _metadata_is_storable(cls, value: JSONObject) -> JSONObject:
        _check_json(value)
        return value


class ArticlePatch(Payload):
    collection: Id | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    byline: str | None = None
    published_on: date | None = None
    language: str | None = None
    status: ArticleStatus | None = None
    text: str | None = None
    metadata: JSONObject | None = None

    @field_validator("metadata")
    @classmethod
    def _metadata_is_storable(cls, value: JSONObject | None) -> JSONObject | None:
        _check_json(value)
        return value


# Sources and tags ------------------------------------------------------------------------


class SourceOut(Schema):
    id: int
    name: str
    kind: SourceKind
    url: str
    aliases: str = Field(description="Other names, one per line.")
    parent: int | None
    notes: str

    @staticmethod
    def resolve_parent(obj: Source) -> int | None:
        return obj.parent_id


class SourceIn(Payload):
    name: str
    kind: SourceKind = Source.Kind.OTHER
    url: str = ""
    aliases: str = ""
    parent: Id | None = None
    notes: str = ""


class SourcePatch(Payload):
    name: str | None = None
    kind: SourceKind | None = None
    url: str | None = None
    aliases: str | None = None
    parent: Id | None = None
    notes: str | None = None


class TagOut(Schema):
    id: int
    name: str
    slug: str
    colour: str
    description: str
    key: str
    collection: int | None = Field(description="Empty for a tag every collection can use.")

    @staticmethod
    def resolve_collection(obj: Tag) -> int | None:
        return obj.collection_id


class TagIn(Payload):
    name: str
    slug: str
    colour: str = "#6b7280"
    description: str = ""
    key: str = ""
    collection: Id | None = None


class TagPatch(Payload):
    name: str | None = None
    slug: str | None = None
    colour: str | None = None
    description: str | None = None
    key: str | None = None
    collection: Id | None = None


# Figures ------------------------------------------------------------------------------


class FigureOut(Schema):
    id: int
    article: int
    start: int
    end: int
    surface: str
    value: str | None = Field(description='A decimal number as a string, e.g. "67000".')
    lower: str | None
    upper: str | None
    qualifier: FigureQualifier
    unit: str
    counted: str
    language: str = Field(
        description='The article\'s language (BCP 47, e.g. "zh"), which the figure was read in.'
    )
    state: FigureState
    origin: FigureOrigin
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_article(obj: Figure) -> int:
        return obj.article_id

    @staticmethod
    def resolve_language(obj: Figure) -> str:
        # Lists annotate it (one join, no query per figure); a single figure reads its article.
        annotated = obj.__dict__.get("article_language")
        return str(annotated) if annotated is not None else obj.article.language

    @staticmethod
    def resolve_value(obj: Figure) -> str | None:
        return decimal_text(obj.value)

    @staticmethod
    def resolve_lower(obj: Figure) -> str | None:
        return decimal_text(obj.lower)

    @staticmethod
    def resolve_upper(obj: Figure) -> str | None:
        return decimal_text(obj.upper)


class FigureIn(Payload):
    article: Id
    start: Offset
    end: Offset
    surface: str = Field("", description="Leave empty to take the article text at start:end.")
    value: DecimalIn | None = None
    lower: DecimalIn | None = None
    upper: DecimalIn | None = None
    qualifier: FigureQualifier = Figure.Qualifier.EXACT
    unit: str = ""
    counted: str = ""
    state: FigureState = Figure.State.SUGGESTED
    origin: FigureOrigin = Figure.Origin.MANUAL


class FigurePut(FigureIn):
    version: int = Field(description="The version you read; a stale one gets 409.")


class FigurePatch(Payload):
    version: int = Field(description="The version you read; a stale one gets 409.")
    article: Id | None = None
    start: Offset | None = None
    end: Offset | None = None
    surface: str | None = None
    value: DecimalIn | None = None
    lower: DecimalIn | None = None
    upper: DecimalIn | None = None
    qualifier: FigureQualifier | None = None
    unit: str | None = None
    counted: str | None = None
    state: FigureState | None = None
    origin: FigureOrigin | None = None


# Claims -------------------------------------------------------------------------------


class ClaimOut(Schema):
    id: int
    article: int
    start: int
    end: int
    quote: str
    figures: list[int]
    source: int | None
    via: int | None
    attribution: ClaimAttribution
    tags: list[int]
    status: ClaimStatus
    verdict: ClaimVerdict
    rejection_reason: str
    note: str
    version: int
    created_by: str | None = Field(description="Username of who created the claim.")
    reviewed_by: str | None
    reviewed_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_article(obj: Claim) -> int:
        return obj.article_id

    @staticmethod
    def resolve_source(obj: Claim) -> int | None:
        return obj.source_id

    @staticmethod
    def resolve_via(obj: Claim) -> int | None:
        return obj.via_id

    @staticmethod
    def resolve_figures(obj: Claim) -> list[int]:
        # Reads the prefetched figures: no query per claim.
        return [figure.pk for figure in obj.figures.all()]

    @staticmethod
    def resolve_tags(obj: Claim) -> list[int]:
        return [tag.pk for tag in obj.tags.all()]

    @staticmethod
    def resolve_created_by(obj: Claim) -> str | None:
        return obj.created_by.get_username() if obj.created_by else None

    @staticmethod
    def resolve_reviewed_by(obj: Claim) -> str | None:
        return obj.reviewed_by.get_username() if obj.reviewed_by else None


class ClaimIn(Payload):
    article: Id
    start: Offset
    end: Offset
    quote: str = Field("", description="Leave empty to take the article text at start:end.")
    figures: list[Id] = Field(default_factory=list)
    source: Id | None = None
    via: Id | None = None
    attribution: ClaimAttribution = Claim.Attribution.PARAPHRASE
    tags: list[Id] = Field(default_factory=list)
    status: ClaimStatus = Field(
        Claim.Status.DRAFT, description="Only reviewers and editors approve or reject."
    )
    verdict: ClaimVerdict = Field(
        Claim.Verdict.UNCHECKED, description="Only reviewers and editors set verdicts."
    )
    rejection_reason: str = ""
    note: str = ""


class ClaimPut(ClaimIn):
    version: int = Field(description="The version you read; a stale one gets 409.")


class ClaimPatch(Payload):
    version: int = Field(description="The version you read; a stale one gets 409.")
    article: Id | None = None
    start: Offset | None = None
    end: Offset | None = None
    quote: str | None = None
    figures: list[Id] | None = None
    source: Id | None = None
    via: Id | None = None
    attribution: ClaimAttribution | None = None
    tags: list[Id] | None = None
    status: ClaimStatus | None = None
    verdict: ClaimVerdict | None = None
    rejection_reason: str | None = None
    note: str | None = None


# Links --------------------------------------------------------------------------------


class LinkOut(Schema):
    id: int
    from_claim: int
    relation: LinkRelation
    to_claim: int
    note: str
    created_at: datetime

    @staticmethod
    def resolve_from_claim(obj: ClaimLink) -> int:
        return obj.from_claim_id

    @staticmethod
    def resolve_to_claim(obj: ClaimLink) -> int:
        return obj.to_claim_id


class LinkIn(Payload):
    from_claim: Id
    relation: LinkRelation
    to_claim: Id
    note: str = ""


class LinkPatch(Payload):
    from_claim: Id | None = None
    relation: LinkRelation | None = None
    to_claim: Id | None = None
    note: str | None = None


# Pages --------------------------------------------------------------------------------


class PageIn(Schema):
    limit: int = Field(100, ge=1, le=500, description="Items per page (at most 500).")
    offset: int = Field(0, ge=0, le=2**31 - 1, description="Items to skip.")


_M = TypeVar("_M", bound=models.Model)


class InArticlesPageIn(PageIn):
    """The filters of a list of objects that belong to an article (figures, claims)."""

    article: Id | None = None
    collection: str | None = Field(None, pattern=r"^[-a-zA-Z0-9_]+$", max_length=100)

    def within(self, queryset: models.QuerySet[_M]) -> models.QuerySet[_M]:
        """`queryset` narrowed to the article and the collection asked for, if any."""
        if self.article:
            queryset = queryset.filter(article_id=self.article)
        if self.collection:
            queryset = queryset.filter(article__collection__slug=self.collection)
        return queryset


class Page(Schema):
    count: int = Field(description="Items matching the filters, on all pages.")
    limit: int
    offset: int


class CollectionPage(Page):
    items: list[CollectionOut]


class ArticlePage(Page):
    items: list[ArticleOut]


class SourcePage(Page):
    items: list[SourceOut]


class TagPage(Page):
    items: list[TagOut]


class FigurePage(Page):
    items: list[FigureOut]


class ClaimPage(Page):
    items: list[ClaimOut]


class LinkPage(Page):
    items: list[LinkOut]


# Related articles (issue 18) ------------------------------------------------------------

RelationKind = Annotated[ArticleRelation.Kind, _choices(ArticleRelation.Kind)]
AlignmentChange = Annotated[FigureAlignment.Change, _choices(FigureAlignment.Change)]


class RelationOut(Schema):
    id: int
    derived: int = Field(description="The translation (or the article based on the other).")
    original: int
    kind: RelationKind
    derived_language: str
    original_language: str
    note: str
    created_at: datetime

    @staticmethod
    def resolve_derived(obj: ArticleRelation) -> int:
        return obj.derived_id

    @staticmethod
    def resolve_original(obj: ArticleRelation) -> int:
        return obj.original_id


class RelationIn(Payload):
    derived: Id
    original: Id
    kind: RelationKind = ArticleRelation.Kind.TRANSLATION_OF
    note: str = ""


class RelationPage(Page):
    items: list[RelationOut]


class FigureAlignmentOut(Schema):
    derived_figure: int | None
    original_figure: int | None
    change: AlignmentChange
    also: list[str] = Field(description="Further changes of the same pair.")
    weak: bool
    explanation: str
    origin: str = Field(description="computed or by_hand")

    @staticmethod
    def resolve_derived_figure(obj: FigureAlignment) -> int | None:
        return obj.derived_figure_id

    @staticmethod
    def resolve_original_figure(obj: FigureAlignment) -> int | None:
        return obj.original_figure_id

    @staticmethod
    def resolve_also(obj: FigureAlignment) -> list[str]:
        return [kind for kind in obj.also.split(",") if kind]


class TranslationFindingOut(Schema):
    key: str
    kind: str
    severity: str
    status: str
    figure_ids: list[int]
    claim_ids: list[int]
    article_ids: list[int]
    message: str
    suggested_link: dict[str, object] | None


class AlignmentOut(Schema):
    relation: RelationOut
    figures: list[FigureAlignmentOut]
    findings: list[TranslationFindingOut]
