"""What input from outside may weigh: how large a request or an imported file, how deeply
nested a JSON value (issue 20).

The sizes are settings (config/settings.py), checked before anything is parsed, and every
refusal names the variable that sets the limit:

- CLAIMDESK_MAX_IMPORT_BYTES: one imported file (the upload page, `import_articles`,
  `import_dataset`);
- CLAIMDESK_MAX_REQUEST_BYTES (Django's DATA_UPLOAD_MAX_MEMORY_SIZE): a request's body other
  than its files (a pasted article, a JSON API body);
- CLAIMDESK_MAX_UPLOAD_BYTES: a whole upload request, files included.

JSON from outside is read with `loads`, which refuses values nested deeper than
MAX_JSON_DEPTH: Python's json module raises RecursionError on a line of 100,000 brackets, and
a value just under its limit breaks later when it is written back (a JSONField, an export).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from core.types import JSONValue

# No record Claimdesk reads or writes comes near this: an export's claim is 4 levels deep.
MAX_JSON_DEPTH = 64


class NestedTooDeeply(ValueError):
    def __init__(self) -> None:
        super().__init__(
            f"nested too deeply (more than {MAX_JSON_DEPTH} levels of arrays and objects)."
        )


def _deeper_than(value: JSONValue, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        # Only objects and arrays are pushed (and passed in).
        children: Iterable[JSONValue] = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


# Any: what json.loads returns, before the caller checks it.
def loads(data: str | bytes, parse: Callable[[Any], Any] = json.loads) -> Any:
    """`parse(data)` (json.loads, or orjson.loads), refusing nesting deeper than
    MAX_JSON_DEPTH with NestedTooDeeply; other bad JSON raises the parser's ValueError."""
    try:
        value = parse(data)
    except RecursionError:  # json: nested past Python's recursion limit
        raise NestedTooDeeply() from None
    except ValueError as exc:
        if "depth limit" in str(exc):  # orjson stops at 1,024 levels
            raise NestedTooDeeply() from None
        raise
    if isinstance(data, bytes):
        opening = data.count(b"[") + data.count(b"{")
    else:
        opening = data.count("[") + data.count("{")
    # Fewer brackets than the limit (strings included) cannot nest past it: no walk.
    deep = opening > MAX_JSON_DEPTH and isinstance(value, dict | list)
    if deep and _deeper_than(value, MAX_JSON_DEPTH):
        raise NestedTooDeeply()
    return value


class DepthLimitedDecoder(json.JSONDecoder):
    """For a form's JSONField (`decoder=`): deep nesting is invalid JSON, not a crash."""

    def decode(self, s: str, *args: Any) -> Any:
        try:
            return loads(s, super().decode)
        except NestedTooDeeply as exc:
            raise json.JSONDecodeError(str(exc), s, 0) from None


def too_large(what: str, size: int, limit: int, variable: str) -> str:
    """The message for input over a limit, naming the variable that sets it."""
    return f"{what} is {size:,} bytes; the limit is {limit:,} bytes ({variable})."


class RequestSizeLimitMiddleware:
    """Refuse a request body over the limits before anything reads it (413, naming the
    limit), instead of Django's bare 400 once a view or the CSRF check reads it.

    Placed before CsrfViewMiddleware, the first to read a posted form.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        fields_limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if request.content_type == "multipart/form-data":
            upload_limit = settings.CLAIMDESK_MAX_UPLOAD_BYTES
            if length > upload_limit:
                return self.refuse(
                    request,
                    too_large("The upload", length, upload_limit, "CLAIMDESK_MAX_UPLOAD_BYTES"),
                )
            if request.method == "POST":
                try:
                    request.POST  # noqa: B018 - the fields besides files, within Django's limit
                except RequestDataTooBig:
                    return self.refuse(
                        request,
                        "The form's fields other than its files (a pasted article) are too "
                        f"large: the limit is {fields_limit:,} bytes (CLAIMDESK_MAX_REQUEST_BYTES).",
                    )
        elif fields_limit is not None and length > fields_limit:
            return self.refuse(
                request,
                too_large("The request body", length, fields_limit, "CLAIMDESK_MAX_REQUEST_BYTES"),
            )
        return self.get_response(request)

    @staticmethod
    def refuse(request: HttpRequest, message: str) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=413)
        html = render_to_string("413.html", {"message": message})
        return HttpResponse(html, status=413)
