"""Schemathesis fuzzes every operation of the OpenAPI document, in process (WSGI), as an
editor, with valid and with invalid data: no answer may be a server error, and every
answer must match the document (status code, content type, body schema).

Each operation is its own pytest test driving `operation.as_strategy()` with Hypothesis:
schemathesis's own pytest plugin (`@schema.parametrize()`) does not run under pytest 9
(it sets `Function._nodeid`, which pytest 9 no longer has).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from articles.models import ApiToken, Article
from claims.api import api
from claims.models import Claim, ClaimLink, Figure, Source, Tag

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Examples per operation and mode: enough to reach the edges of every schema, while the
# whole run (about 30 operations, twice) stays around a minute on two cores.
MAX_EXAMPLES = 40


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    # The cast's accounts are created for every test; PBKDF2 would make that the slowest part.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def wsgi_application() -> Iterator[Any]:
    # A real WSGI handler closes "old" database connections around each request, which
    # would end the test's transaction; Django's own test client switches that off too.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def editor_token(alice: User) -> str:
    return ApiToken.objects.issue(user=alice, name="schemathesis")[1]


@pytest.fixture
def annotated(article: Article, carol: User) -> Article:
    """Something for the generated ids to find: a figure, two claims, a link, a tag."""
    source = Source.objects.create(name="Reuters", kind=Source.Kind.NEWS_AGENCY)
    Tag.objects.create(name="Rumours", slug="rumours", collection=article.collection)
    figure = Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    first = Claim.objects.create(
        article=article, start=0, end=43, quote=article.text[0:43], created_by=carol
    )
    first.figures.add(figure)
    second = Claim.objects.create(
        article=article, start=45, end=114, quote=article.text[45:114], source=source
    )
    ClaimLink.objects.create(from_claim=second, to_claim=first, relation=ClaimLink.Relation.PART_OF)
    return article


# The document the API serves at /api/v1/openapi.json (test_api checks they are the same).
SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
SCHEMA.config.generation.update(deterministic=True, database="none")


def _operations() -> list[Any]:
    operations = []
    for result in SCHEMA.get_all_operations():
        if isinstance(result, Err):
            raise result.err()  # the document itself is broken
        operations.append(result.ok())
    return operations


OPERATIONS = _operations()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_the_api_never_fails_and_always_answers_as_documented(
    operation: Any,
    mode: GenerationMode,
    wsgi_application: Any,
    editor_token: str,
    annotated: Article,
) -> None:
    headers = {"Authorization": f"Bearer {editor_token}"}

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        case.call_and_validate(app=wsgi_application, headers=headers, checks=CHECKS)

    call()
