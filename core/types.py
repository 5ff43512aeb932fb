"""The types of JSON values, in one place: what a JSONField, a JSONL record or an API payload's
free-form part (an article's `metadata`, a job's `params` and `report`) holds.

`Any` is left only where a library forces it, each kind once: Django's own signatures
(`BaseCommand.handle(*args, **options)`; forms' `__init__(*args, **kwargs)`, whose pass-through
must be `Any` since django-stubs spells out each parameter of the form it passes them to;
`ModelAdmin.get_form(**kwargs)`; `cleaned_data`; `models.Field[Any, Any]`, django-stubs' "any
field"); json.loads before validation (`LoadedRecord` below, `articles.limits.loads`, and
orjson.loads of the stored findings' columns, claims/consistency/store.py's `_json`, whose
callers name the TypedDict they read); pdfplumber's text lines (its own `T_obj`, a
`dict[str, Any]`); pydantic's `model_dump()`; claims/blind.py's table of one back-office rule
per model (no type says "a function of `QuerySet[M]` for the `M` of its key"). Keyword
arguments only passed on to a model are `**fields: object`; the API schemas' free-form fields
are `object` (the same pydantic schema as `Any`, so the OpenAPI document is unchanged); the
article admin's figure and claim rows take their types from the relations, as `articles` may
not import claims; `LargeListAdmin` is generic in its model through `typing.Generic`;
migrations name `Apps` and `BaseDatabaseSchemaEditor`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from typing_extensions import TypeAliasType

# Recursive, and a TypeAliasType so that pydantic (the API's schemas) can read it too.
JSONValue = TypeAliasType(
    "JSONValue", "dict[str, JSONValue] | list[JSONValue] | str | int | float | bool | None"
)
JSONObject = TypeAliasType("JSONObject", "dict[str, JSONValue]")

# A record an export hands to orjson: JSON values, and the dates, datetimes and the
# dataclasses (claims/exports/common.py's rows) that orjson writes itself. Each record type's
# TypedDict is one; `Mapping` because a TypedDict is no `dict[str, ...]`.
Record = Mapping[str, object]

# A JSON Lines record as json.loads returns it, before a loader has checked it: `Any` here
# (json.loads' own type), since each reader checks the fields it reads, one by one
# (claims/exports/load_base.py's `expect`).
LoadedRecord = dict[str, Any]
