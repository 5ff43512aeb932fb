"""Claimdesk's JSON API, mounted at /api/v1/ (config/urls.py).

Token-authenticated (`Authorization: Bearer <token>`, see `create_api_token`), typed with
django-ninja, described by an OpenAPI document at /api/v1/openapi.json. Every write goes
through the same ModelForm as the back-office and the workspace, and every endpoint
checks the same permissions as they do.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, re_path
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.operation import Operation

from claims.api import articles, catalog, claims, evidence, exports, figures, links, relations
from claims.api.auth import TokenAuth, token_or_session, unauthorized
from claims.api.common import FormInvalid, JsonParser, parse_error_detail


class ClaimdeskAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # "list_claims", "patch_figure": the view's name, stable for generated clients.
        return operation.view_func.__name__


api = ClaimdeskAPI(
    title="Claimdesk API",
    version="1",
    description=(
        "Articles, the figures quoted in them, the claims made with those figures, their "
        "sources, tags and links. Authenticate with `Authorization: Bearer <token>` (a token "
        "from `manage.py create_api_token USERNAME`); the API acts with that user's role. "
        "Figures and claims carry a `version`: send the one you read with PATCH or PUT, and "
        "a stale one gets 409 with what changed."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    # The interactive docs page would need ninja's static files (or a CDN, which the
    # Content Security Policy refuses): the OpenAPI document is enough for any client.
    docs_url=None,
    docs_decorator=token_or_session,
    parser=JsonParser(),  # issue 20: deep nesting is a 400 naming it
)
api.add_router("", articles.router)
api.add_router("", catalog.router)
api.add_router("", figures.router)
api.add_router("", claims.router)
api.add_router("", links.router)
api.add_router("", exports.router)
api.add_router("", relations.router)  # issue 18: translations and originals
api.add_router("", evidence.router)


def _error_key(loc: Sequence[str | int]) -> str:
    # ("body", "payload", "start") -> "start"; ("query", "limit") -> "limit"
    parts = [str(part) for part in loc[1:]]
    if len(parts) > 1 and parts[0] in {"payload", "params"}:
        parts = parts[1:]
    return ".".join(parts) or str(loc[0])


@api.exception_handler(ValidationError)
def invalid_request(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_error_key(list(error.get("loc", []))), []).append(str(error["msg"]))
    return api.create_response(
        request, {"detail": "The request is not valid: see `errors`.", "errors": errors}, status=422
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # Ninja's own answer ({"detail": message}), with what is wrong with an unreadable body.
    return api.create_response(request, {"detail": parse_error_detail(exc)}, status=exc.status_code)


@api.exception_handler(FormInvalid)
def invalid_data(request: HttpRequest, exc: FormInvalid) -> HttpResponse:
    return api.create_response(request, {"detail": exc.detail, "errors": exc.errors}, status=422)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return unauthorized()


@api.exception_handler(IntegrityError)
def clash(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    # Validation passed but another request stored a clashing row in between.
    return api.create_response(
        request,
        {"detail": "This conflicts with data saved at the same time by someone else; retry."},
        status=409,
    )


def urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    """The API's URL patterns, answered with 401 JSON rather than the login-page redirect
    of LoginRequiredMiddleware: the API authenticates each request by its token."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            login_not_required(pattern.callback)
    return [*patterns, re_path(r"", not_found)], app_name, namespace


@login_not_required
def not_found(request: HttpRequest) -> HttpResponse:
    return JsonResponse(
        {"detail": f"There is no API endpoint at {request.path}: see /api/v1/openapi.json."},
        status=404,
    )
