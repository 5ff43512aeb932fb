"""Typed requests and the htmx helpers every view shares.

`HtmxHttpRequest` is the request as django-htmx's middleware leaves it (`request.htmx`);
`AuthenticatedHttpRequest` adds that every page is behind LoginRequiredMiddleware, so
`request.user` is the real User model, not `User | AnonymousUser` (as django-stubs suggests).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django_htmx.http import trigger_client_event
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User


def notify(response: HttpResponse, level: str, text: str) -> HttpResponse:
    """Show `text` in the page's status line (htmx requests): the `cd-message` event."""
    return trigger_client_event(response, "cd-message", {"level": level, "text": text})


def user_of(request: HttpRequest) -> User:
    """The logged-in user of a request typed as a plain HttpRequest (the admin's hooks):
    every page is behind LoginRequiredMiddleware, and the admin behind its own login."""
    user = request.user
    if not isinstance(user, User):
        raise TypeError("This page needs a logged-in user.")
    return user
