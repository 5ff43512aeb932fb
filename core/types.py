"""The types of JSON values, in one place: what a JSONField, a JSONL record or an API payload's
free-form part (an article's `metadata`, a job's `params` and `report`) holds.

`Any` is left only where a library forces it, each kind once: Django's own signatures
(`BaseCommand.handle(*args, **options)`, forms' and models' `__init__(*args, **kwargs)` and
`**kwargs` passed on to them, `cleaned_data`, `models.Field[Any, Any]`); json.loads before
validation (`LoadedRecord` below, `articles.limits.loads`, stored findings read back);
pydantic's `model_dump()` and the API schemas' free-form fields (kept so that the OpenAPI
document stays the same); back-office mixins shared by the admins of several models (Django's
`ModelAdmin` cannot be subscripted at run time); a claims model named in `articles`, which may
not import claims (articles/tests/test_layout.py).
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
