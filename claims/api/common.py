"""What every endpoint of the JSON API shares: permission checks, pages, and saving
through the project's ModelForms so the API validates exactly as the forms do."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Generic, TypedDict, TypeVar

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.http import HttpRequest
from ninja import Schema
from ninja.errors import HttpError
from ninja.parser import Parser
from pydantic_core import to_jsonable_python

from articles.limits import NestedTooDeeply, loads
from claims.api.schemas import ErrorOut, PageIn, decimal_text
from claims.models import Claim, Figure
from core.locking import changes_since, stale_message

M = TypeVar("M", bound=models.Model)


class Page(TypedDict, Generic[M]):
    """One page of a list (schemas' `*Page`): the total, the window and its rows."""

    count: int
    limit: int
    offset: int
    items: list[M]


class FieldChange(TypedDict):
    yours: object  # JSON values, as sent and as stored
    current: object


class Conflict(TypedDict):
    """The 409 answer (schemas.ConflictOut)."""

    detail: str
    your_version: int
    current_version: int
    changes: dict[str, FieldChange]


class JsonParser(Parser):
    """Request bodies through articles.limits.loads: a body nested too deeply is refused
    (400, naming it; see claims.api.parse_error) instead of a RecursionError."""

    def parse_body(self, request: HttpRequest) -> dict[str, object]:
        return loads(request.body)


def parse_error_detail(exc: HttpError) -> str:
    """What ninja's "Cannot parse request body" hides: the body's own problem."""
    cause = exc.__cause__
    if isinstance(cause, NestedTooDeeply):
        return f"The request body is {cause}"
    if isinstance(cause, ValueError):
        return f"The request body is not valid JSON: {cause}."
    return str(exc)


class FormInvalid(Exception):
    """A form (or a model method) refused the data: answered with 422 and the messages."""

    def __init__(self, errors: Mapping[str, list[str]], detail: str = "") -> None:
        self.errors = dict(errors)
        self.detail = detail or "The data is not valid: see `errors`."
        super().__init__(self.detail)

    @classmethod
    def from_form(cls, form: forms.BaseForm) -> FormInvalid:
        errors = {
            field: [error["message"] for error in messages]
            for field, messages in form.errors.get_json_data().items()
        }
        return cls(errors)

    @classmethod
    def from_validation_error(cls, exc: ValidationError) -> FormInvalid:
        if hasattr(exc, "error_dict"):
            return cls({field: list(messages) for field, messages in exc.message_dict.items()})
        return cls({NON_FIELD_ERRORS: list(exc.messages)})


def responses(ok: int, schema: object, *errors: int) -> dict[int, object]:
    """The documented responses of an operation: its success; 401, 403 and 422 (a
    parameter of the wrong type) always; and `errors` (400, 404, 409) where they happen."""
    documented: dict[int, object] = {
        ok: schema,
        401: ErrorOut,
        403: ErrorOut,
        422: ErrorOut,
    }
    for status in errors:
        documented[status] = ErrorOut
    return documented


def user_of(request: HttpRequest) -> User:
    """The user the token belongs to (set by `TokenAuth`)."""
    user = request.auth  # type: ignore[attr-defined]  # django-ninja sets it at run time, untyped
    if not isinstance(user, User):
        raise HttpError(401, "Authentication required.")
    return user


def require(request: HttpRequest, *perms: str) -> User:
    """The request's user, or 403 naming the permission it lacks.

    The same codenames as the roles (claims/migrations/0002_groups.py) and the admin.
    """
    user = user_of(request)
    missing = [perm for perm in perms if not user.has_perm(perm)]
    if missing:
        raise HttpError(
            403,
            f"Your account lacks the permission {missing[0]!r}: ask an editor for the right role.",
        )
    return user


def page(queryset: models.QuerySet[M], params: PageIn) -> Page[M]:
    """One page of `queryset`: two queries (count and rows) plus its prefetches, whatever
    the page size."""
    end = params.offset + params.limit
    return {
        "count": queryset.count(),
        "limit": params.limit,
        "offset": params.offset,
        "items": list(queryset[params.offset : end]),
    }


def get_or_404(queryset: models.QuerySet[M], pk: int) -> M:
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        name = queryset.model._meta.verbose_name
        raise HttpError(404, f"There is no {name} with id {pk}.")
    return obj


# Forms ---------------------------------------------------------------------------------


def _as_form_value(form_field: forms.Field, value: object) -> object:
    if isinstance(form_field, forms.JSONField):
        # A JSON string: the form field reads `{}` as "empty" (null) when given a dict.
        return json.dumps(value)
    if isinstance(form_field, forms.ModelMultipleChoiceField) and isinstance(value, Iterable):
        return [item.pk if isinstance(item, models.Model) else item for item in value]
    return value


def form_data(
    form_class: type[forms.ModelForm],
    payload: Mapping[str, object],
    instance: models.Model | None = None,
) -> dict[str, object]:
    """Form data from the stored object (if any) overlaid with the payload's fields.

    An update sends only what changes: the rest is the object's current values, so the
    form's `changed_data` is exactly what the client changed.
    """
    fields = form_class.base_fields
    data: dict[str, object] = {}
    if instance is not None:
        data.update(model_to_dict(instance, fields=list(fields)))
    data.update(to_jsonable_python(dict(payload)))
    return {name: _as_form_value(fields[name], value) for name, value in data.items()}


def check_form(form: forms.BaseForm) -> None:
    if not form.is_valid():
        raise FormInvalid.from_form(form)


def changed_columns(form: forms.ModelForm, *also: str) -> list[str]:
    """The concrete fields to write for an update (`save(update_fields=...)`)."""
    many_to_many = {field.name for field in form.instance._meta.many_to_many}
    return [name for name in form.changed_data if name not in many_to_many] + list(also)


def sent_values(payload: Mapping[str, object]) -> dict[str, object]:
    """The payload as JSON values, decimals written as the API writes them."""
    return {
        name: decimal_text(value) if isinstance(value, Decimal) else to_jsonable_python(value)
        for name, value in payload.items()
    }


def conflict(
    *,
    obj: Claim | Figure,
    kind: str,
    sent_version: int,
    payload: Mapping[str, object],
    out: type[Schema],
) -> Conflict:
    """The 409 answer to an update based on an old version: what is stored now differs
    from what the client read, and how it differs from what the client sent."""
    current = out.from_orm(obj).model_dump(mode="json")
    sent = sent_values(payload)
    changes: dict[str, FieldChange] = {
        name: {"yours": value, "current": current[name]}
        for name, value in sent.items()
        if name != "version" and name in current and _differs(value, current[name])
    }
    since, who = changes_since(obj, sent_version)
    detail = stale_message(
        f"this {kind}",
        since or [f"version {sent_version} → {obj.version}"],
        who=who,
        refused=f"You sent version {sent_version}, it is now version {obj.version}",
        then=f"read it again (GET /api/v1/{kind}s/{obj.pk}) and reapply your change",
    )
    return {
        "detail": detail,
        "your_version": sent_version,
        "current_version": obj.version,
        "changes": changes,
    }


def _differs(sent: object, current: object) -> bool:
    if isinstance(sent, list) and isinstance(current, list):
        return sorted(map(str, sent)) != sorted(map(str, current))
    return bool(sent != current)


def refill_span_text(payload: dict[str, object], text_field: str, obj: Claim | Figure) -> None:
    """Moving a span without giving its text takes the text at the new offsets (the forms
    fill in an empty surface or quote) instead of failing on the old one."""
    moved = any(
        name in payload and payload[name] != getattr(obj, name) for name in ("start", "end")
    )
    if moved and text_field not in payload:
        payload[text_field] = ""


def patch_with_form(
    queryset: models.QuerySet[M],
    pk: int,
    form_class: type[forms.ModelForm],
    changes: Mapping[str, object],
    *also: str,
) -> M:
    """PATCH one object: lock its row, lay `changes` over its stored values, validate with
    the project's form and write only the columns that changed (plus `also` when anything
    did). Returns the object as stored."""
    with transaction.atomic():
        obj = get_or_404(queryset.select_for_update(), pk)
        form = form_class(data=form_data(form_class, changes, obj), instance=obj)
        check_form(form)
        if form.has_changed():
            obj = form.save(commit=False)
            obj.save(update_fields=changed_columns(form, *also))
    return obj
