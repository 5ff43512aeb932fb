"""The types of JSON values, in one place: what a JSONField, a JSONL record or an API payload's
free-form part (an article's `metadata`, a job's `params` and `report`) holds."""

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
