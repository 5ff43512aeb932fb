from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Collection
from claims.exports import export, export_claims
from claims.exports.jsonl import RECORD_PRODUCERS, export_jsonl, schema_record
from claims.models import Claim
from claims.tests.export_data import TEXT, annotated_article, span


def _jsonl(claims: Any = None) -> list[dict[str, Any]]:
    text = "".join(export_jsonl(claims if claims is not None else export_claims()))
    return [json.loads(line) for line in text.splitlines()]


def _claims(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if r["type"] == "claim"]


# The annotated article's records: itself, its four figures, then its claims, the first
# after the records of the two sources it names.
ARTICLE = ["article", *["figure"] * 4, "source", "source", "claim", "claim", "claim"]


@pytest.fixture
def annotated(collection: Collection, alice: User) -> Any:
    return annotated_article(collection, alice)


def test_jsonl_is_the_schema_then_the_article_its_claims_and_its_findings(annotated: Any) -> None:
    records = _jsonl()
    assert [r["type"] for r in records] == ["schema", *ARTICLE, "finding"]
    assert all(r["format"] == "claimdesk/2" for r in records)
    article = records[1]
    assert article["id"] == annotated.pk
    assert article["text"] == annotated.text
    assert article["published_on"] == "2023-05-28"
    assert article["collection"] == {"slug": "desk", "name": "Desk"}
    assert json.loads(article["metadata"]) == {"section": "World", "wordcount": 61}
    assert article["annotators"] == []
    sources = [r for r in records if r["type"] == "source"]
    assert [(s["name"], s["kind"], s["parent"]) for s in sources] == [
        ("Cyberspace Administration of China", "regulator", None),
        ("Reuters", "news_agency", None),
    ]


def test_findings_are_in_the_default_export(annotated: Any) -> None:
    records = _jsonl()
    claims = {r["id"]: r for r in records if r["type"] == "claim"}
    (finding,) = [r for r in records if r["type"] == "finding"]
    # "Of the 67,000 accounts, nearly 8,000 spread rumours": a part that fits its whole.
    second = next(c for c in claims.values() if c["quote"].startswith("Of the 67,000"))
    whole, part = second["figures"]
    assert finding["key"] == (
        f"part:{annotated.text_sha256}:{whole['start']}-{whole['end']},{part['start']}-{part['end']}"
    )
    assert finding["figure_ids"] == sorted([whole["id"], part["id"]])
    assert (finding["kind"], finding["severity"], finding["status"]) == ("part", "info", "open")
    assert finding["article_ids"] == [annotated.pk]
    assert finding["claim_ids"] == [second["id"]]
    assert finding["explanation"].startswith("nearly 8,000 (paragraph 2) is part of 67,000")
    key = schema_record(RECORD_PRODUCERS)["key"]
    assert isinstance(key, str)
    assert "finding" in key


def test_a_claim_record_carries_everything_the_issue_lists(annotated: Any) -> None:
    first = _claims(_jsonl())[0]
    start, end = span(TEXT, "it had removed more than 1.4 million posts and closed 67,000 accounts")
    assert first["article"] == {
        "id": annotated.pk,
        "title": "China's regulator removes 1.4 million posts",
        "url": "https://www.reuters.com/world/china/1",
        "outlet": "Reuters",
        "published_on": "2023-05-28",
        "text_sha256": annotated.text_sha256,
    }
    assert (first["start"], first["end"]) == (start, end)
    assert first["quote"] == annotated.text[start:end]
    assert first["prefix"] == annotated.text[start - 32 : start]
    assert first["suffix"] == annotated.text[end : end + 32]
    assert first["source"] == {"name": "Cyberspace Administration of China", "kind": "regulator"}
    assert first["via"] == {"name": "Reuters", "kind": "news_agency"}
    assert (first["attribution"], first["status"], first["verdict"]) == (
        "paraphrase",
        "approved",
        "accurate",
    )
    assert first["tags"] == [
        {"slug": "enforcement", "name": "Enforcement"},
        {"slug": "scope", "name": "Scope"},
    ]
    posts, accounts = first["figures"]
    assert posts["surface"] == "more than 1.4 million"
    assert (posts["value"], posts["lower"], posts["upper"]) == ("1400000", "1400000", None)
    assert (posts["qualifier"], posts["counted"], posts["state"]) == (
        "more_than",
        "posts",
        "confirmed",
    )
    assert annotated.text[posts["start"] : posts["end"]] == posts["surface"]
    assert accounts["surface"] == "67,000"
    assert first["created_by"] == "alice"


def test_every_figure_of_the_article_is_a_record_whatever_its_state(
    annotated: Any, carol: Any, dave: Any
) -> None:
    from claims.models import Figure, FigureJudgement

    unused = Figure.objects.create(
        article=annotated, start=0, end=7, surface=annotated.text[:7], state="rejected"
    )
    for person, state in ((carol, "rejected"), (dave, "confirmed")):
        unused.state = state
        FigureJudgement.objects.record(unused, annotator=person)
    records = _jsonl()
    figures = [r for r in records if r["type"] == "figure"]
    assert len(figures) == 5 == Figure.objects.filter(article=annotated).count()
    assert [f["start"] for f in figures] == sorted(f["start"] for f in figures)
    rejected = next(f for f in figures if f["id"] == unused.pk)
    assert (rejected["state"], rejected["origin"], rejected["detected"]) == (
        "rejected",
        "manual",
        None,
    )
    judgements = [r for r in records if r["type"] == "judgement"]
    assert [(j["figure_id"], j["annotator"], j["state"]) for j in judgements] == [
        (unused.pk, "carol", "rejected"),
        (unused.pk, "dave", "confirmed"),
    ]
    assert judgements[0]["updated_at"].startswith(
        str(unused.judgements.earliest("pk").updated_at.date())
    )


def test_links_name_their_relation_and_target_claim(annotated: Any) -> None:
    first, second = _claims(_jsonl())[:2]
    assert second["links"] == [{"relation": "part_of", "target": first["id"], "note": "subset"}]
    assert first["links"] == []


def test_emoji_cjk_and_combining_marks_keep_their_code_point_offsets(annotated: Any) -> None:
    third = _claims(_jsonl())[2]
    assert third["quote"] == "“数据 🚀 q\u0307”"
    assert annotated.text[third["start"] : third["end"]] == third["quote"]
    assert third["source"] is None and third["figures"] == []


def test_the_schema_line_names_every_field_of_every_record(annotated: Any) -> None:
    records = _jsonl()
    schema = records[0]

    def paths(value: Any, prefix: str = "") -> set[str]:
        out = set()
        if isinstance(value, dict):
            for key, inner in value.items():
                out.add(prefix + key)
                out |= paths(inner, prefix + key + ".")
        elif isinstance(value, list) and value:
            out |= paths(value[0], prefix)
        return out

    for record in records[1:]:
        assert paths(record) <= paths(schema), paths(record) - paths(schema)


def test_every_field_is_documented_in_data_format_md() -> None:
    doc = (settings.BASE_DIR / "docs" / "data-format.md").read_text()
    schema = schema_record(RECORD_PRODUCERS)

    def names(value: Any, prefix: str = "") -> list[str]:
        out = []
        for key, inner in value.items():
            out.append(prefix + key)
            if isinstance(inner, dict):
                out += names(inner, prefix + key + ".")
            if isinstance(inner, list) and inner and isinstance(inner[0], dict):
                out += names(inner[0], prefix + key + "[].")
        return out

    missing = [name for name in names(schema) if f"`{name}`" not in doc]
    assert not missing, missing


def test_filters_select_by_collection_and_status(annotated: Any, alice: User) -> None:
    other = Collection.objects.create(name="Other", slug="other")
    annotated_article(other, alice)
    approved = _jsonl(export_claims(collection=annotated.collection, status="approved"))
    # The article's findings come with it, whichever of its claims the filters keep.
    assert [r["type"] for r in approved] == [
        "schema",
        *["article", *["figure"] * 4, "source", "source", "claim"],
        "finding",
    ]
    assert _claims(approved)[0]["status"] == "approved"
    assert approved[-1]["article_ids"] == [annotated.pk]
    everything = _jsonl(export_claims())
    assert sum(r["type"] == "article" for r in everything) == 2
    assert sum(r["type"] == "claim" for r in everything) == 6
    assert sum(r["type"] == "finding" for r in everything) == 2


def test_an_empty_export_is_just_the_schema_line(db: None) -> None:
    assert [r["type"] for r in _jsonl()] == ["schema"]


def _many(collection: Collection, user: Any, n: int, first: int = 0) -> None:
    for i in range(first, first + n):
        annotated_article(collection, user, text=TEXT + f"\nCopy {i}.")


@pytest.mark.parametrize("format", ["jsonl", "csv", "claimreview", "webannotation"])
def test_the_query_count_does_not_grow_with_the_number_of_claims(
    collection: Collection, alice: User, format: str
) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            for _ in export(format, export_claims(), bom=False):
                pass
        return len(queries)

    _many(collection, alice, 2)
    small = count()
    _many(collection, alice, 12, first=2)
    assert count() == small


def test_batches_hold_claims_split_across_them_correctly(
    collection: Collection, alice: User
) -> None:
    _many(collection, alice, 3)

    def records(chunk_size: int) -> list[dict[str, Any]]:
        text = "".join(export_jsonl(export_claims(), chunk_size=chunk_size))
        return [json.loads(line) for line in text.splitlines()]

    def findings_last(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(records, key=lambda r: r["type"] == "finding")

    whole = records(1000)
    later = [t for t in ARTICLE if t != "source"]  # each source once, before its first claim
    assert [r["type"] for r in whole] == ["schema", *ARTICLE, *later * 2, *["finding"] * 3]
    # Each group's findings follow its articles' records; a group of 20 articles at
    # chunk_size 200, of one at 10 or less, whatever the claims' own batches.
    by_one = records(1)
    assert [r["type"] for r in by_one] == [
        "schema",
        *ARTICLE,
        "finding",
        *[*later, "finding"] * 2,
    ]
    assert findings_last(records(2)) == findings_last(by_one) == whole


def test_csv_has_one_row_per_figure_of_the_articles_with_the_claims_using_it(
    annotated: Any, carol: Any, dave: Any
) -> None:
    from articles.models import Assignment
    from claims.models import Figure, FigureJudgement

    unused = Figure.objects.create(
        article=annotated, start=0, end=7, surface=annotated.text[:7], state="rejected"
    )
    Assignment.objects.assign(articles=[annotated], annotators=[dave, carol], assigned_by=None)
    FigureJudgement.objects.record(unused, annotator=carol)
    text = "".join(export("csv", export_claims()))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 5 == Figure.objects.filter(article=annotated).count()
    assert rows[0]["figure_id"] == str(unused.pk)
    assert rows[0]["claim_ids"] == "" and rows[0]["figure_state"] == "rejected"
    # The article's two annotators, by username, each with her judgement (dave has none).
    assert (rows[0]["annotator_1"], rows[0]["annotator_1_state"]) == ("carol", "rejected")
    assert (rows[0]["annotator_2"], rows[0]["annotator_2_state"]) == ("dave", "")
    posts = next(r for r in rows if r["surface"] == "more than 1.4 million")
    first = Claim.objects.order_by("start")[0]
    assert posts["claim_ids"] == str(first.pk) and posts["figure_state"] == "confirmed"
    assert (posts["value"], posts["qualifier"], posts["counted"]) == (
        "1400000",
        "more_than",
        "posts",
    )
    assert not text.startswith("\ufeff")


def test_csv_rows_claims_has_one_row_per_claim(annotated: Any) -> None:
    text = "".join(export("csv", export_claims(), rows="claims"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 3
    assert rows[0]["tags"] == "enforcement; scope"
    assert rows[0]["source"] == "Cyberspace Administration of China"
    assert rows[0]["figures"] == "more than 1.4 million | 67,000"
    assert rows[1]["links"] == f"part_of:{Claim.objects.order_by('pk')[0].pk}"
    assert rows[2]["figure_ids"] == "" and rows[2]["quote"] == "“数据 🚀 q\u0307”"
    assert rows[0]["created_by"] == "alice"


def test_csv_bom_is_for_excel(annotated: Any) -> None:
    text = "".join(export("csv", export_claims(), bom=True))
    assert text.startswith("\ufeffarticle_id,")


def test_csv_defuses_cells_a_spreadsheet_would_run_as_formulas(annotated: Any) -> None:
    Claim.objects.filter(quote__startswith="“").update(note='=HYPERLINK("http://evil")')
    text = "".join(export("csv", export_claims(), rows="claims"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[2]["note"] == '\'=HYPERLINK("http://evil")'


def test_claimreview_covers_claims_with_a_verdict(annotated: Any) -> None:
    reviews = json.loads(
        "".join(export("claimreview", export_claims(), base_url="https://cd.example"))
    )
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["Accurate", "Unverifiable"]
    first = reviews[0]
    assert first["@context"] == "https://schema.org" and first["@type"] == "ClaimReview"
    assert first["claimReviewed"].startswith("it had removed more than 1.4 million posts")
    assert first["reviewRating"]["ratingValue"] == 5
    assert (first["reviewRating"]["bestRating"], first["reviewRating"]["worstRating"]) == (5, 1)
    item = first["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "Cyberspace Administration of China"}
    assert item["appearance"]["url"] == "https://www.reuters.com/world/china/1"
    assert (
        first["url"]
        == f"https://cd.example/articles/{annotated.pk}/#claim-{Claim.objects.order_by('pk')[0].pk}"
    )
    assert len(first["datePublished"]) == 10


def test_claimreview_of_nothing_is_an_empty_array(db: None) -> None:
    assert json.loads("".join(export("claimreview", export_claims()))) == []


def test_unknown_format_is_refused(db: None) -> None:
    with pytest.raises(ValueError, match="Unknown export format"):
        export("xml", export_claims())


def test_sqlite_writes_the_same_claim_records_as_python(
    collection: Collection, alice: User, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    """On SQLite the claim records come from its JSON functions (claims/exports/sqlite_json.py);
    they must be byte for byte what the Python path writes, escaping and decimals included.
    On PostgreSQL both calls take the Python path."""
    from decimal import Decimal

    from articles.models import Article
    from claims.exports.jsonl import export_jsonl_bytes
    from claims.models import ClaimLink, Figure, Source
    from claims.tests.export_data import claim, figure

    article = annotated_article(collection, alice)
    odd = Source.objects.create(name='Tab\there, "quoted" \\ back\u0001slash ✓', kind="person")
    fractional = figure(
        article,
        "8,000 spread",
        value=Decimal("12.5"),
        lower=Decimal("0.0000000001"),
        upper=Decimal("123456789.25"),
        qualifier="range",
        counted='línea\n"2"\u2028',
    )
    whole = figure(article, "Saturday", value=Decimal("-3"), unit="year")
    huge = figure(article, "posts", value=Decimal("12345678901234567890123"))
    edge = claim(
        article,
        "Critics said the campaign was vague.",
        [],
        source=odd,
        note="Line one\nline two\r\t\u001f end\u007f",
        rejection_reason="\u2028 and \U0001f680",
    )
    edge.figures.set([fractional, whole, huge])
    start = article.text.index("BEIJING")  # a claim at offset 0: no prefix at all
    at_zero = Claim.objects.create(article=article, start=start, end=start + 7, quote="BEIJING")
    ClaimLink.objects.create(from_claim=at_zero, to_claim=edge, relation="contradicts", note="é")
    bare, _ = Article.objects.import_text(
        collection=collection, text="No date, no url: 5 figures 😀.", title="Bare"
    )
    claim(bare, "5 figures 😀.", [figure(bare, "5")])

    from claims.exports import sqlite_json

    taken: list[int] = []
    real = sqlite_json.iter_json_batches

    def spy(*args: Any, **kwargs: Any) -> Any:
        taken.append(1)
        return real(*args, **kwargs)

    # Another collection's article between this one's (its claims fall in the article range
    # the SQL path reads), and an approved claim: filtered exports must drop the right rows.
    other = Collection.objects.create(slug="other", name="Other")
    between = annotated_article(other, alice)
    later, _ = Article.objects.import_text(
        collection=collection, text="Later: 7 more figures, said Reuters.", title="Later"
    )
    assert bare.pk < between.pk < later.pk
    claim(later, "7 more figures", [figure(later, "7")], status="approved")
    edge.status = "approved"
    edge.save()

    monkeypatch.setattr(sqlite_json, "iter_json_batches", spy)
    exports = [
        export_claims(),
        export_claims(collection=collection),
        export_claims(status="approved"),
        export_claims(collection=collection, status="approved"),
    ]
    fast = [b"".join(export_jsonl_bytes(claims, chunk_size=3)) for claims in exports]
    taken_fast = len(taken)  # once per group of articles
    assert (taken_fast >= 4) if connection.vendor == "sqlite" else taken_fast == 0
    settings.CLAIMDESK_EXPORT_SQLITE_JSON = False
    slow = [b"".join(export_jsonl_bytes(claims, chunk_size=3)) for claims in exports]
    assert len(taken) == taken_fast
    assert fast == slow
    approved = [json.loads(line) for line in fast[3].splitlines()]
    assert sorted(r["id"] for r in approved if r["type"] == "claim") == sorted(
        Claim.objects.filter(article__collection=collection, status="approved").values_list(
            "pk", flat=True
        )
    )
    assert {r["id"] for r in approved if r["type"] == "article"} == {article.pk, later.pk}
    everything = fast[0]
    records = [json.loads(line) for line in everything.splitlines()]
    figures = {f["id"]: f for r in records if r["type"] == "claim" for f in r["figures"]}
    assert (figures[fractional.pk]["value"], figures[fractional.pk]["lower"]) == (
        "12.5",
        "0.0000000001",
    )
    assert figures[whole.pk]["value"] == "-3"
    # Beyond 64-bit integers SQLite keeps a REAL (15 digits): the export says what the ORM reads.
    from claims.exports.common import decimal_text

    assert figures[huge.pk]["value"] == decimal_text(Figure.objects.get(pk=huge.pk).value)
    zero = next(r for r in records if r.get("id") == at_zero.pk and r["type"] == "claim")
    assert zero["prefix"] == "" and zero["links"] == [
        {"relation": "contradicts", "target": edge.pk, "note": "é"}
    ]


def test_sqlite_writes_the_same_figure_and_judgement_records_as_python(
    collection: Collection,
    alice: User,
    bob: User,
    carol: User,
    dave: User,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """claimdesk/2's figure and judgement records from SQLite's JSON functions are byte for
    byte the Python path's: awkward text, nulls, the detector's first reading and who decided
    (history and judgements), two annotators, an annotator filter; an article with a decimal
    SQLite holds inexactly, or a time not in Django's text form, is written by Python."""
    import datetime as dt
    from decimal import Decimal

    from articles.models import Article
    from claims.exports import sqlite_json
    from claims.exports.jsonl import export_jsonl_bytes
    from claims.models import Figure, FigureJudgement
    from claims.tests.export_data import claim, figure

    article = annotated_article(collection, alice)
    detected = list(Figure.objects.filter(article=article, origin="detected"))
    detected.append(figure(article, "Saturday", origin="detected", value=Decimal("6"), unit="day"))
    corrected = detected[0]
    corrected.counted = 'ctrl \x01\x1f\x7f "q" \\ \u2028\u2029 😀 中文'
    corrected.value = Decimal("-7")
    corrected._history_user = bob
    corrected.save()
    rejected = detected[1]
    rejected.state = "rejected"
    rejected.save()  # a change without a user: no decider from history
    awkward = figure(article, "posts", value=None, lower=None, upper=None, counted="\u2028\n\t")
    claim(article, "posts", [awkward])
    for who in (carol, dave):
        FigureJudgement.objects.record(corrected, annotator=who)
    FigureJudgement.objects.record(rejected, annotator=carol)
    FigureJudgement.objects.filter(annotator=dave).update(
        updated_at=dt.datetime(2030, 12, 2, 9, 30, 15, 123456, tzinfo=dt.UTC)
    )
    FigureJudgement.objects.create(
        figure=awkward, annotator=dave, state="confirmed", value=Decimal("5"), qualifier="exact"
    )

    huge, _ = Article.objects.import_text(
        collection=collection, text="Some 12 posts, then 3 more.", title="Huge"
    )
    big = figure(huge, "12", value=Decimal("12345678901234567890123"), counted="😀")
    FigureJudgement.objects.record(big, annotator=carol)
    odd_time, _ = Article.objects.import_text(
        collection=collection, text="Exactly 40 accounts, said \u2028 someone.", title="Time"
    )
    timed = figure(odd_time, "40")
    FigureJudgement.objects.record(timed, annotator=carol)
    claim(odd_time, "40 accounts", [timed])
    if connection.vendor == "sqlite":  # ".000000": text the ORM would not write
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE claims_figurejudgement SET updated_at = '2026-12-01 12:00:00.000000' "
                "WHERE figure_id = %s",
                [timed.pk],
            )
    # Who decided, among judgements at the same time (the later username) and at times one of
    # which has microseconds (12:00:00 is before 12:00:00.5, though its text is shorter).
    ties, _ = Article.objects.import_text(
        collection=collection, text="Tie: 9 accounts and 10 posts.", title="Ties"
    )
    same_time, with_micro = figure(ties, "9"), figure(ties, "10")
    for who in (carol, dave):
        FigureJudgement.objects.record(same_time, annotator=who)
        FigureJudgement.objects.record(with_micro, annotator=who)
    at = dt.datetime(2030, 1, 1, 12, 0, 0, tzinfo=dt.UTC)
    FigureJudgement.objects.filter(figure=same_time).update(updated_at=at)
    FigureJudgement.objects.filter(figure=with_micro, annotator=dave).update(updated_at=at)
    FigureJudgement.objects.filter(figure=with_micro, annotator=carol).update(
        updated_at=at.replace(microsecond=500000)
    )

    left_to_python: list[set[int]] = []
    real = sqlite_json.iter_article_groups

    def spy(articles: Any, **kwargs: Any) -> Any:
        left_to_python.append(set(articles.values_list("pk", flat=True)))
        return real(articles, **kwargs)

    monkeypatch.setattr(sqlite_json, "iter_article_groups", spy)
    claims = export_claims(collection=collection)
    articles = Article.objects.filter(collection=collection)
    runs: list[User | None] = [None, carol, dave]
    fast = [
        b"".join(export_jsonl_bytes(claims, articles=articles, chunk_size=20, annotator=who))
        for who in runs
    ]
    settings.CLAIMDESK_EXPORT_SQLITE_JSON = False
    slow = [
        b"".join(export_jsonl_bytes(claims, articles=articles, chunk_size=20, annotator=who))
        for who in runs
    ]
    assert fast == slow
    if connection.vendor == "sqlite":
        assert left_to_python and all(s <= {huge.pk, odd_time.pk} for s in left_to_python)
        assert {huge.pk, odd_time.pk} == set().union(*left_to_python)
    records = [json.loads(line) for line in fast[0].splitlines()]
    figures = {r["id"]: r for r in records if r["type"] == "figure"}
    assert figures[corrected.pk]["counted"] == corrected.counted
    assert figures[corrected.pk]["decided_by"] == "dave"  # the latest matching judgement
    assert figures[corrected.pk]["detected"]["value"] != "-7"
    assert figures[rejected.pk]["decided_by"] == "carol"
    assert figures[same_time.pk]["decided_by"] == "dave"  # same time: the later username
    assert figures[with_micro.pk]["decided_by"] == "carol"  # 12:00:00.5 after 12:00:00
    assert figures[awkward.pk]["value"] is None and figures[awkward.pk]["detected"] is None
    judgements = [r for r in records if r["type"] == "judgement"]
    assert {(j["figure_id"], j["annotator"]) for j in judgements} >= {
        (corrected.pk, "carol"),
        (corrected.pk, "dave"),
        (awkward.pk, "dave"),
        (big.pk, "carol"),
    }
    assert any(j["updated_at"] == "2030-12-02T09:30:15.123456+00:00" for j in judgements)
    mine = [json.loads(line) for line in fast[1].splitlines()]
    assert {r["annotator"] for r in mine if r["type"] == "judgement"} == {"carol"}


def test_the_sqlite_path_is_taken_only_where_sqlite_writes_json_as_orjson(
    collection: Collection, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A SQLite whose json_object escapes text otherwise than orjson (another version, a build
    without JSON functions) gets the Python path: the export's bytes never depend on it."""
    from claims.exports import sqlite_json

    claims = export_claims()
    if connection.vendor != "sqlite":
        assert not sqlite_json.available(claims)
        return
    version = connection.Database.sqlite_version  # type: ignore[attr-defined]
    monkeypatch.setattr(sqlite_json, "probed", {})
    assert sqlite_json.writes_like_orjson("default")  # this machine's SQLite does
    assert sqlite_json.probed == {version: True}
    assert sqlite_json.available(claims)

    annotated_article(collection, alice)
    expected = "".join(export("jsonl", claims))
    monkeypatch.setitem(sqlite_json.probed, version, False)
    assert not sqlite_json.available(claims)
    monkeypatch.setattr(
        sqlite_json, "iter_json_batches", lambda *a, **k: pytest.fail("SQL path taken")
    )
    assert "".join(export("jsonl", claims)) == expected

    # A build without json_object() fails the probe's query: it answers no.
    monkeypatch.setattr(sqlite_json, "probed", {})
    monkeypatch.setattr(sqlite_json, "_PROBE_SQL", "SELECT no_such_function(%s, %s, %s)")
    assert not sqlite_json.writes_like_orjson("default")


@pytest.mark.django_db
def test_sqlite_figure_records_find_history_by_figure_not_by_article() -> None:
    """Each figure's history rows are read through the history's figure-id index: through the
    article index every history row of the article would be read for each of its figures.
    (PostgreSQL never takes this SQL.)"""
    from claims.exports import sqlite_json

    if connection.vendor != "sqlite":
        assert not sqlite_json.available(Claim.objects.all())
        return
    sql = sqlite_json._per_article(sqlite_json._dataset_figure_sql(False)).replace("%s", "?")
    with connection.cursor() as cursor:
        plan = cursor.connection.execute(f"EXPLAIN QUERY PLAN {sql}", ("claimdesk/2", "[1]"))
        history = [row[3] for row in plan.fetchall() if row[3].startswith("SEARCH h ")]
    assert len(history) == 3
    assert all("claims_historicalfigure_id_" in step and "(id=?)" in step for step in history)


def test_an_export_runs_with_the_heap_so_far_frozen_and_unfreezes_it_after() -> None:
    import gc

    from claims.exports.common import frozen_heap

    gc.unfreeze()
    with frozen_heap():
        assert gc.get_freeze_count() > 0  # the app's objects are out of the collector's passes
        garbage: list[object] = []
        garbage.append(garbage)  # a cycle made during the export is still collected
        del garbage
        assert gc.collect() >= 1
    assert gc.get_freeze_count() == 0


class _Sink:
    """A file that keeps what it is given, or fails on its `fail_at`-th write."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.parts: list[bytes] = []
        self.fail_at = fail_at
        self.thread_names: set[str] = set()

    def write(self, data: bytes) -> int:
        import threading

        self.thread_names.add(threading.current_thread().name)
        if self.fail_at is not None and len(self.parts) + 1 == self.fail_at:
            raise OSError(28, "No space left on device")
        self.parts.append(data)
        return len(data)


def test_chunks_are_written_in_order_on_a_thread_of_their_own() -> None:
    import threading

    from claims.exports.common import write_chunks

    chunks = [f"{n}: {'数据 🚀' * n}\n".encode() for n in range(50)]
    sink = _Sink()
    before = threading.active_count()
    assert write_chunks(iter(chunks), sink) == sum(len(c) for c in chunks)
    assert b"".join(sink.parts) == b"".join(chunks)
    assert sink.thread_names == {"export-writer"}
    assert threading.active_count() == before  # the writer has ended


def test_an_error_of_the_writing_is_raised_and_ends_the_writer() -> None:
    import threading

    from claims.exports.common import write_chunks

    made: list[int] = []

    def chunks() -> Iterator[bytes]:
        for n in range(100):
            made.append(n)
            yield b"x" * 10

    sink = _Sink(fail_at=3)
    before = threading.active_count()
    with pytest.raises(OSError, match="No space left"):
        write_chunks(chunks(), sink)
    assert len(sink.parts) == 2
    assert len(made) < 100  # making stops soon after the writing failed
    assert threading.active_count() == before


def test_an_error_making_the_chunks_is_raised_and_ends_the_writer() -> None:
    import threading

    from claims.exports.common import write_chunks

    def chunks() -> Iterator[bytes]:
        yield b"first\n"
        raise ValueError("the database went away")

    sink = _Sink()
    before = threading.active_count()
    with pytest.raises(ValueError, match="went away"):
        write_chunks(chunks(), sink)
    assert sink.parts == [b"first\n"]
    assert threading.active_count() == before
