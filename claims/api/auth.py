"""Token authentication for the JSON API: `Authorization: Bearer <token>`.

Tokens are made with `manage.py create_api_token USERNAME`; the API acts as that user,
with that user's permissions. No cookies are involved, so no CSRF token is needed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.security import HttpBearer

from articles.models import ApiToken

P = ParamSpec("P")

# Longer values are not tokens; refusing them early keeps hashing cheap.
MAX_TOKEN_LENGTH = 200


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        user = ApiToken.objects.user_for_secret(token)
        if user is not None:
            request.user = user
        return user


def unauthorized() -> HttpResponse:
    return JsonResponse(
        {"detail": "Send a valid API token: `Authorization: Bearer <token>`."},
        status=401,
        headers={"WWW-Authenticate": 'Bearer realm="api"'},
    )


def token_or_session(
    view: Callable[Concatenate[HttpRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """For the OpenAPI document: readable with a token, or in a logged-in browser."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not request.user.is_authenticated and TokenAuth()(request) is None:
            return unauthorized()
        return view(request, *args, **kwargs)

    return login_not_required(guarded)
