"""The webannotation export against the W3C web-annotation-tests JSON schemas.

The schemas live beside the project, in ../shared/conformance/web-annotation-tests/ from the
repository root (see that folder's README): every annotation of the export must pass the
required ("must") assertions listed in annotations/annotationMusts.test, the collection
those of collections/collectionMusts.test and its page those of pageMusts.test.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from jsonschema import Draft4Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4

from articles.models import Collection
from claims.exports import export, export_claims
from claims.exports.webannotation import MOTIVATIONS
from claims.models import Claim
from claims.tests.export_data import annotated_article

REPO = settings.BASE_DIR
SUITE = REPO.parent / "shared" / "conformance" / "web-annotation-tests"

needs_suite = pytest.mark.skipif(
    not SUITE.is_dir(),
    reason=f"W3C web-annotation-tests schemas not found at {SUITE} "
    "(they live in ../shared/conformance/ beside the repository)",
)


def _registry() -> Registry:
    resources = []
    for path in SUITE.rglob("*.json"):
        if path.name == "package.json":
            continue
        schema = json.loads(path.read_text(encoding="utf-8"))
        # The schemas refer to each other by bare file name ("id.json#/definitions/…").
        resources.append((schema.get("id", path.name), DRAFT4.create_resource(schema)))
    return Registry().with_resources(resources)


def _assertions(test_file: str) -> list[tuple[str, dict[str, Any]]]:
    test = json.loads((SUITE / test_file).read_text(encoding="utf-8"))
    out = []
    for name in test["assertions"]:
        schema = json.loads((SUITE / name).read_text(encoding="utf-8"))
        assert schema["expectedResult"] == "valid"
        out.append((name, schema))
    return out


def _failures(instance: Any, test_file: str, registry: Registry) -> list[str]:
    failures = []
    for name, schema in _assertions(test_file):
        validator = Draft4Validator(
            schema, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER
        )
        errors = list(validator.iter_errors(instance))
        if errors:
            failures.append(f"{name}: {errors[0].message[:200]}")
    return failures


@pytest.fixture
def exported(collection: Collection, alice: User) -> dict[str, Any]:
    annotated_article(collection, alice)
    text = "".join(export("webannotation", export_claims(), base_url="https://cd.example"))
    return json.loads(text)


def _purposes_and_motivations(annotation: dict[str, Any]) -> set[str]:
    values = {annotation["motivation"]}
    values |= {body["purpose"] for body in annotation["body"] if "purpose" in body}
    return values


def test_the_collection_holds_one_annotation_per_claim_and_figure(exported: dict[str, Any]) -> None:
    items = exported["first"]["items"]
    assert exported["type"] == "AnnotationCollection"
    assert exported["total"] == len(items) == 3 + 4
    assert sum("/annotations/claims/" in a["id"] for a in items) == 3
    assert sum("/annotations/figures/" in a["id"] for a in items) == 4


def test_selectors_point_at_the_quoted_text(exported: dict[str, Any]) -> None:
    claim = Claim.objects.order_by("pk").first()
    assert claim is not None
    first = exported["first"]["items"][0]
    quote, position = first["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": claim.quote,
        "prefix": claim.article.text[claim.start - 32 : claim.start],
        "suffix": claim.article.text[claim.end : claim.end + 32],
    }
    assert position == {"type": "TextPositionSelector", "start": claim.start, "end": claim.end}
    assert first["target"]["source"] == f"https://cd.example/articles/{claim.article_id}/"


def test_tags_are_tagging_bodies_and_values_describe_figures(exported: dict[str, Any]) -> None:
    items = exported["first"]["items"]
    claim = items[0]
    tagging = [b["value"] for b in claim["body"] if b.get("purpose") == "tagging"]
    assert tagging == ["Enforcement", "Scope"]
    assert [b["value"] for b in claim["body"] if b.get("purpose") == "assessing"] == ["Accurate"]
    figure = items[1]
    assert figure["target"]["selector"][0]["exact"] == "more than 1.4 million"
    assert {
        "type": "TextualBody",
        "value": "1400000",
        "format": "text/plain",
        "purpose": "describing",
    } in figure["body"]
    assert {
        "type": "TextualBody",
        "value": "more_than",
        "format": "text/plain",
        "purpose": "classifying",
    } in figure["body"]


def test_every_motivation_and_purpose_is_one_of_the_13(exported: dict[str, Any]) -> None:
    assert len(MOTIVATIONS) == 13
    for annotation in exported["first"]["items"]:
        assert _purposes_and_motivations(annotation) <= MOTIVATIONS


@needs_suite
def test_every_annotation_passes_the_w3c_must_assertions(exported: dict[str, Any]) -> None:
    registry = _registry()
    for annotation in exported["first"]["items"]:
        assert _failures(annotation, "annotations/annotationMusts.test", registry) == [], (
            annotation["id"]
        )


@needs_suite
def test_the_collection_and_its_page_pass_the_w3c_must_assertions(exported: dict[str, Any]) -> None:
    registry = _registry()
    assert _failures(exported, "collections/collectionMusts.test", registry) == []
    assert _failures(exported, "collections/pages/pageMusts.test", registry) == []
    page = dict(exported["first"], **{"@context": exported["@context"]})
    assert _failures(page, "collections/pages/pageMusts.test", registry) == []


@needs_suite
def test_the_schemas_do_catch_a_broken_annotation(exported: dict[str, Any]) -> None:
    registry = _registry()
    broken = dict(
        exported["first"]["items"][0], **{"@context": "https://www.w3.org/ns/anno.jsonld"}
    )
    assert _failures(broken, "annotations/annotationMusts.test", registry)
    broken = dict(exported["first"]["items"][0], id="not a URI")
    assert _failures(broken, "annotations/annotationMusts.test", registry)
    quote = {"type": "TextQuoteSelector", "exact": ["two", "values"]}
    broken = dict(
        exported["first"]["items"][0], target={"source": "https://x.example/", "selector": quote}
    )
    assert _failures(broken, "annotations/annotationMusts.test", registry)


def test_an_empty_collection_has_no_page(db: None) -> None:
    exported = json.loads("".join(export("webannotation", export_claims())))
    assert exported["total"] == 0 and "first" not in exported
    if SUITE.is_dir():
        assert _failures(exported, "collections/collectionMusts.test", _registry()) == []
