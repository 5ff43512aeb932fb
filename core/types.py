"""The types of JSON values, in one place: what a JSONField, a JSONL record or an API payload's
free-form part (an article's `metadata`, a job's `params` and `report`) holds."""

from __future__ import annotations

from typing_extensions import TypeAliasType

# Recursive, and a TypeAliasType so that pydantic (the API's schemas) can read it too.
JSONValue = TypeAliasType(
    "JSONValue", "dict[str, JSONValue] | list[JSONValue] | str | int | float | bool | None"
)
JSONObject = TypeAliasType("JSONObject", "dict[str, JSONValue]")
