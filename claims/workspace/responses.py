"""What every workspace action answers with: Post/Redirect/Get for requests without JS,
fragments swapped out of band for htmx; and what it reads from the posted form (the version
and the snapshot the page was rendered with, the selected span)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django_htmx.http import trigger_client_event

from articles.limits import loads
from articles.models import Article
from claims import blind
from claims.workspace.html import text_context
from core.http import AuthenticatedHttpRequest, notify
from core.locking import REFUSED, changes_between, stale_message


def done(
    request: AuthenticatedHttpRequest,
    article: Article,
    text: str,
    *,
    anchor: str = "",
    level: int = messages.SUCCESS,
) -> HttpResponse:
    """Post/Redirect/Get back to the workspace with a message, for requests without JS."""
    messages.add_message(request, level, text)
    return redirect(article.get_absolute_url() + (f"#{anchor}" if anchor else ""))


def refused(
    request: AuthenticatedHttpRequest, article: Article, text: str, *, anchor: str
) -> HttpResponse:
    """`done` for a refused change: the message as an error."""
    return done(request, article, text, anchor=anchor, level=messages.ERROR)


def fragment_or_page(
    request: AuthenticatedHttpRequest,
    fragment: str,
    page: str,
    context: dict[str, object],
    status: int = 200,
) -> HttpResponse:
    """An editor: the fragment for htmx (it goes in the side panel), else a page of its own."""
    return render(request, fragment if request.htmx else page, context, status=status)


def selected(response: HttpResponse, kind: str, pk: int, text: str) -> HttpResponse:
    """A successful change: the workspace selects the row (`cd-select-figure`/`-claim`) and
    shows `text` in its status line."""
    trigger_client_event(response, f"cd-select-{kind}", {"id": pk})
    return notify(response, "success", text)


def panels(request: AuthenticatedHttpRequest, article: Article, editor: str = "") -> HttpResponse:
    """The editor's new content plus the text and both lists, swapped out of band.

    Used after a change that adds or moves a span: the text is rendered again in one pass.
    """
    context = text_context(article, request.user)
    context["oob"] = True
    body = editor + render_to_string("workspace/_panels_oob.html", context, request=request)
    return HttpResponse(body)


def posted_snapshot(request: AuthenticatedHttpRequest) -> dict[str, str]:
    """The `seen` snapshot a change posts: the row as the page showed it (field -> text)."""
    try:
        seen = loads(request.POST.get("seen", "") or "{}")  # issue 20: never a RecursionError
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in seen.items()} if isinstance(seen, dict) else {}


def posted_version(request: AuthenticatedHttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def stale(
    what: str,
    seen: dict[str, str],
    now: dict[str, str],
    labels: dict[str, str],
    refused: str = REFUSED,
) -> str:
    """The one stale-edit message (core.locking), for a change from a workspace page."""
    changes = changes_between(seen, now, labels)
    return stale_message(
        what, changes, refused=refused, then="the panel now shows the current version"
    )


def span_from(request: AuthenticatedHttpRequest, article: Article) -> tuple[int, int] | None:
    """A (start, end) code-point span of the article from the query string, or None."""
    try:
        start, end = int(request.GET["start"]), int(request.GET["end"])
    except (KeyError, ValueError):
        return None
    if 0 <= start < end <= len(article.text):
        return start, end
    return None


def blind_user(request: AuthenticatedHttpRequest, article: Article) -> User | None:
    """The user, if she annotates this article blind (claims.blind.reader_of), else None."""
    return blind.reader_of(article, request.user)
