"""export (jsonl) -> import_dataset -> export gives the same records, ids aside.

The export holds `finding` records (claims/consistency/): they are recomputed from the
imported figures, claims and links, and reviewers' decisions on them are restored.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from articles.models import Article, Assignment, Collection, normalise_text
from claims.consistency.decisions import finding_decide
from claims.consistency.records import Kind, finding_key
from claims.consistency.reports import articles_findings
from claims.exports import DatasetFilters, selection
from claims.exports.jsonl import export_jsonl
from claims.exports.load import import_dataset
from claims.models import Claim, ClaimLink, Figure, FigureJudgement, FindingDecision, Source, Tag
from claims.tests.consistency.sample import by_surface, load_sample
from claims.tests.export_data import annotated_article


def export_records(collection: Collection) -> list[dict[str, Any]]:
    """The collection's whole dataset, as `export_dataset --collection` writes it."""
    claims, chosen = selection(DatasetFilters(collection=collection))
    text = "".join(export_jsonl(claims, articles=chosen.articles))
    return [json.loads(line) for line in text.splitlines()]


def without_ids(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records with each id replaced by its order of appearance, collections dropped.

    Evidence documents are numbered too, and the evidence records' claim, figure and
    document ids replaced. In findings, ids of figures and claims outside the file become "outside", lists of ids
    are sorted once replaced, the key is rebuilt from the replaced figure ids, link ids
    (of links the file holds no ids for) become their number, and the ids the explanations
    quote ("Claim 12 is linked as ...", "(article 3, paragraph 2)") are replaced too.
    """
    articles: dict[int, int] = {}
    claims: dict[int, int] = {}
    figures: dict[int, int] = {}
    documents: dict[int, int] = {}
    for record in records:
        if record["type"] == "evidence_document":
            documents.setdefault(record["id"], len(documents))
        if record["type"] == "article":
            articles.setdefault(record["id"], len(articles))
        elif record["type"] == "figure":
            figures.setdefault(record["id"], len(figures))
        elif record["type"] == "claim":
            claims.setdefault(record["id"], len(claims))
            for figure in record["figures"]:
                figures.setdefault(figure["id"], len(figures))

    def ids(mapping: dict[int, int], values: list[int]) -> list[Any]:
        return sorted((mapping.get(v, "outside") for v in values), key=str)

    def one(mapping: dict[int, int], value: int | None) -> Any:
        return None if value is None else mapping.get(value, "outside")

    def explanation(text: str) -> str:
        text = re.sub(r"\b([Cc]laim) (\d+)\b", lambda m: f"{m[1]} #{one(claims, int(m[2]))}", text)
        return re.sub(r"\(article (\d+),", lambda m: f"(article #{one(articles, int(m[1]))},", text)

    out = []
    for record in records:
        record = json.loads(json.dumps(record))
        if record["type"] == "article":
            record["id"] = articles.setdefault(record["id"], len(articles))
            del record["collection"]
        elif record["type"] == "figure":
            record["id"] = figures[record["id"]]
            record["article_id"] = articles[record["article_id"]]
        elif record["type"] == "judgement":
            record["figure_id"] = figures[record["figure_id"]]
        elif record["type"] == "claim":
            record["id"] = claims[record["id"]]
            record["article"]["id"] = articles[record["article"]["id"]]
            for link in record["links"]:
                link["target"] = claims.get(link["target"], "outside")
            record["superseded_by"] = one(claims, record["superseded_by"])
            for figure in record["figures"]:
                figure["id"] = figures[figure["id"]]
        elif record["type"] in ("relation", "alignment"):
            # Issue 18: the articles by id and text digest; figures by span.
            for side in ("derived", "original"):
                record[side]["id"] = one(articles, record[side]["id"])
        elif record["type"] == "evidence_document":
            record["id"] = documents[record["id"]]
            record["attached_claim_ids"] = [one(claims, i) for i in record["attached_claim_ids"]]
        elif record["type"] == "evidence":
            record["claim_id"] = one(claims, record["claim_id"])
            record["figure_id"] = one(figures, record["figure_id"])
            record["document_id"] = one(documents, record["document_id"])
        elif record["type"] == "finding":
            # The key names figure spans and article texts, not ids: it stays as it is.
            record["figure_ids"] = ids(figures, record["figure_ids"])
            record["claim_ids"] = ids(claims, record["claim_ids"])
            record["article_ids"] = ids(articles, record["article_ids"])
            record["link_ids"] = len(record["link_ids"])
            record["explanation"] = explanation(record["explanation"])
            if link := record["suggested_link"]:
                for name in ("from_figure_id", "to_figure_id"):
                    link[name] = one(figures, link[name])
                for name in ("from_claim_id", "to_claim_id"):
                    link[name] = one(claims, link[name])
        out.append(record)
    return out


def round_trip(source: Collection, slug: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    before = export_records(source)
    lines = [json.dumps(r, ensure_ascii=False) for r in before]
    target = Collection.objects.create(name=slug, slug=slug)
    import_dataset(lines=lines, name="export.jsonl", collection=target)
    return before, export_records(target)


def test_the_annotated_article_survives_the_round_trip(collection: Collection, alice: User) -> None:
    annotated_article(collection, alice)
    before, after = round_trip(collection, "copy")
    assert [r["type"] for r in after][-1] == "finding"  # recomputed from the loaded figures
    assert without_ids(after) == without_ids(before)
    assert [r["id"] for r in after if r["type"] == "claim"] != [
        r["id"] for r in before if r["type"] == "claim"
    ]
    # Finding keys name article texts and figure spans, not ids: the same in both.
    keys = [r["key"] for r in after if r["type"] == "finding"]
    assert keys == [r["key"] for r in before if r["type"] == "finding"]
    assert keys and all(":" + before[1]["text_sha256"] + ":" in key for key in keys)


def test_the_command_loads_into_an_empty_database(
    collection: Collection, alice: User, tmp_path: Path, capsys: Any
) -> None:
    annotated_article(collection, alice)
    path = tmp_path / "desk.jsonl"
    call_command("export_dataset", "--format", "jsonl", "-o", str(path))
    before = without_ids(export_records(collection))
    for model in (ClaimLink, Claim, Figure, Article, Tag, Collection, Source):
        model.objects.all().delete()

    call_command("import_dataset", str(path))
    out = capsys.readouterr().out
    assert "Claims: 3 new" in out
    assert "Findings: 1 read (recomputed from the figures, not loaded)" in out
    restored = Collection.objects.get(slug="desk")
    assert without_ids(export_records(restored)) == before
    assert Source.objects.get(name="Reuters").kind == "news_agency"
    assert set(Tag.objects.values_list("slug", flat=True)) == {"enforcement", "scope"}


# Findings and reviewers' decisions -----------------------------------------------------------


@pytest.fixture
def reviewed(collection: Collection, alice: User, bob: User) -> Article:
    """The consistency sample, each figure in a claim of its own (so the file holds every
    figure), with two findings accepted (links made) and one dismissed."""
    article = load_sample(collection, created_by=alice)
    for figure in Figure.objects.filter(article=article):
        claim = Claim.objects.create(
            article=article, start=figure.start, end=figure.end, quote=figure.surface
        )
        claim.figures.set([figure])
    ids = by_surface(article)
    for kind, pair, decision in [
        (Kind.CONTRADICTION, [ids["1.4 million"][0], ids["nearly one million"][0]], "accepted"),
        (Kind.REPEAT, ids["67,000"], "accepted"),
        (Kind.MAGNITUDE, ids["billions"], "dismissed"),
    ]:
        key = finding_key(kind, pair)
        finding_decide(collection=collection, key=key, decision=decision, by=bob)
    return article


def test_decisions_on_findings_survive_the_round_trip(reviewed: Article) -> None:
    before, after = round_trip(reviewed.collection, "copy")
    assert without_ids(after) == without_ids(before)
    statuses = [r["status"] for r in after if r["type"] == "finding"]
    assert sorted(s for s in statuses if s != "open") == ["accepted", "accepted", "dismissed"]

    copy = Article.objects.get(collection__slug="copy")
    ids = by_surface(copy)
    decisions = {d.key: d for d in FindingDecision.objects.filter(collection=copy.collection)}
    contradiction = finding_key(
        Kind.CONTRADICTION, [ids["1.4 million"][0], ids["nearly one million"][0]]
    )
    assert set(decisions) == {
        contradiction,
        finding_key(Kind.REPEAT, ids["67,000"]),
        finding_key(Kind.MAGNITUDE, ids["billions"]),
    }
    # The accepted finding points at the link accepting it made, between the new claims.
    link = decisions[contradiction].link
    assert link is not None and link.relation == "contradicts"
    assert link.from_claim.article == copy and link.to_claim.article == copy
    assert decisions[finding_key(Kind.MAGNITUDE, ids["billions"])].link is None
    # Who decided is carried by username (the same user here).
    decided_by = decisions[contradiction].decided_by
    assert decided_by is not None and decided_by.username == "bob"
    # The decisions of the original collection are untouched.
    assert FindingDecision.objects.filter(collection=reviewed.collection).count() == 3


def test_the_command_restores_decisions_once(
    reviewed: Article, tmp_path: Path, capsys: Any
) -> None:
    path = tmp_path / "reviewed.jsonl"
    call_command("export_dataset", "--format", "jsonl", "-o", str(path))
    call_command("import_dataset", str(path), "--collection", "copy")
    out = capsys.readouterr().out
    findings = sum(r["type"] == "finding" for r in export_records(reviewed.collection))
    assert f"Findings: {findings} read (recomputed from the figures, not loaded); " in out
    assert "reviewers' decisions: 3 restored, 0 already there." in out
    call_command("import_dataset", str(path), "--collection", "copy")
    assert "reviewers' decisions: 0 restored, 3 already there." in capsys.readouterr().out
    assert FindingDecision.objects.count() == 6


def test_decisions_that_cannot_be_carried_are_listed(
    collection: Collection, alice: User, bob: User, tmp_path: Path, capsys: Any
) -> None:
    article = annotated_article(collection, alice)
    (part,) = articles_findings({article.pk})[0]
    finding_decide(collection=collection, key=part.key, decision="dismissed", by=bob)
    path = tmp_path / "desk.jsonl"
    call_command("export_dataset", "--format", "jsonl", "-o", str(path))
    records = [json.loads(line) for line in path.read_text().splitlines()]
    (finding,) = [r for r in records if r["type"] == "finding"]
    sha = article.text_sha256
    assert finding["key"].startswith(f"part:{sha}:") and finding["status"] == "dismissed"
    assert finding["decided_by"] == "bob"
    # A decision about figures the file does not hold (spans no figure record has) ...
    elsewhere = dict(finding, key=f"part:{sha}:0-1,2-3")
    # ... and one on a finding that does not hold, about figures the file does hold.
    figures = [r for r in records if r["type"] == "figure"][:2]
    spans = ",".join(f"{f['start']}-{f['end']}" for f in figures)
    made_up = dict(finding, key=f"repeat:{sha}:{spans}", kind=Kind.REPEAT)
    path.write_text("".join(json.dumps(r) + "\n" for r in [*records[:-1], elsewhere, made_up]))

    call_command("import_dataset", str(path), "--collection", "elsewhere")
    out = capsys.readouterr().out
    lines = len(records)
    assert f"line {lines}: dismissed finding part:{sha}:0-1,2-3: figure(s) at " in out
    assert "not in the file." in out
    assert f"line {lines + 1}: dismissed finding {made_up['key']}: the finding (repeat:" in out
    assert "no longer holds." in out
    assert "0 restored, 0 already there" in out
    assert not FindingDecision.objects.filter(collection__slug="elsewhere").exists()


def test_loading_the_same_file_twice_adds_nothing(
    collection: Collection, alice: User, tmp_path: Path
) -> None:
    annotated_article(collection, alice)
    path = tmp_path / "desk.jsonl"
    call_command("export_dataset", "--format", "jsonl", "-o", str(path))
    counts = (
        Article.objects.count(),
        Claim.objects.count(),
        Figure.objects.count(),
        ClaimLink.objects.count(),
    )
    call_command("import_dataset", str(path))
    assert (
        Article.objects.count(),
        Claim.objects.count(),
        Figure.objects.count(),
        ClaimLink.objects.count(),
    ) == counts


def test_links_to_claims_outside_the_file_are_listed_and_skipped(
    collection: Collection, alice: User, tmp_path: Path, capsys: Any
) -> None:
    annotated_article(collection, alice)
    path = tmp_path / "submitted.jsonl"
    call_command("export_dataset", "--format", "jsonl", "--status", "submitted", "-o", str(path))
    call_command("import_dataset", str(path), "--collection", "elsewhere")
    out = capsys.readouterr().out
    assert "Skipped" in out and "link part_of to claim" in out
    assert not ClaimLink.objects.filter(from_claim__article__collection__slug="elsewhere").exists()


def _bad_file(
    tmp_path: Path, collection: Collection, alice: User, kind: str, change: Any, judge: Any = None
) -> tuple[Path, int]:
    """The annotated article's export (with `judge`'s judgement of a figure) with the first
    record of type `kind` changed; the path and that record's line number."""
    annotated_article(collection, alice)
    if judge is not None:
        FigureJudgement.objects.record(Figure.objects.earliest("pk"), annotator=judge)
    records = export_records(collection)
    index = next(i for i, r in enumerate(records) if r["type"] == kind)
    change(records[index])
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return path, index + 1


@pytest.mark.parametrize(
    ("kind", "change", "field"),
    [
        ("article", lambda r: r.update(text=r["text"] + "!"), "text_sha256"),
        ("article", lambda r: r.update(annotators=[{"username": ""}]), "annotators.username"),
        ("claim", lambda r: r.update(quote="not the text"), "quote"),
        ("claim", lambda r: r["figures"][0].update(id=999), "figures.id"),
        ("claim", lambda r: r["figures"][0].update(start=0), "figures.id"),
        ("claim", lambda r: r.update(verdict="true-ish"), "verdict"),
        ("schema", lambda r: r.update(format="claimdesk/9"), "format"),
        ("figure", lambda r: r.update(format="claimdesk/1"), "format"),
        ("claim", lambda r: r.update(article={"id": 999}), "article.id"),
        ("figure", lambda r: r.update(article_id=999), "article_id"),
        ("figure", lambda r: r.update(value="lots"), "figures.value"),
        ("figure", lambda r: r.update(surface="not the text"), "figures.surface"),
        ("figure", lambda r: r.update(detected={"value": "x"}), "detected.value"),
        ("judgement", lambda r: r.update(figure_id=999), "figure_id"),
        ("judgement", lambda r: r.update(state="maybe"), "state"),
        ("judgement", lambda r: r.update(updated_at="yesterday"), "updated_at"),
        ("source", lambda r: r.update(kind="oracle"), "kind"),
        ("source", lambda r: r.update(parent="Nobody Known"), "parent"),
        ("finding", lambda r: r.update(key="part:three,four"), "key"),
        ("finding", lambda r: r.update(key="part:3,4"), "key"),
        ("finding", lambda r: r.update(kind="repeat"), "key"),
        ("finding", lambda r: r.update(status="maybe"), "status"),
        ("finding", lambda r: r.update(status="dismissed", article_ids=[]), "article_ids"),
    ],
)
def test_a_bad_record_names_its_line_and_field_and_loads_nothing(
    collection: Collection,
    alice: User,
    carol: User,
    tmp_path: Path,
    kind: str,
    change: Any,
    field: str,
) -> None:
    path, line = _bad_file(tmp_path, collection, alice, kind, change, judge=carol)
    claims = Claim.objects.count()
    with pytest.raises(CommandError) as exc:
        call_command("import_dataset", str(path), "--collection", "other")
    assert f"line {line}, field '{field}'" in str(exc.value)
    assert "Nothing was imported" in str(exc.value)
    assert Claim.objects.count() == claims
    assert not Collection.objects.filter(slug="other").exists()


def test_malformed_json_names_its_line(db: None, tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"format": "claimdesk/1", "type": "schema"}\n{"format": \n')
    with pytest.raises(CommandError, match=r"broken\.jsonl, line 2: not valid JSON"):
        call_command("import_dataset", str(path))


# The property: generated articles with emoji, CJK, combining marks -------------------------

TOKENS = [
    *"abcXYZ ,.-\n",
    *"数据中文新闻统计局",
    "🚀",
    "📰",
    "👍🏽",  # an emoji with a skin-tone modifier: two code points
    "é",
    "q\u0307",  # a combining mark with no precomposed form: stays two code points in NFC
    "\u0301",  # a lone combining mark, which NFC may join to the character before it
    "ß",
    "Ω",
]
WORDS = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=10).map("".join)
NUMBERS = st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False)
SOURCE_NAMES = [
    "Reuters",
    "新华社",
    "📰 Daily Wire",
    "Office national de la statistique",
    "Ministry of Public Security",
]


@st.composite
def annotated_articles(draw: Any) -> list[dict[str, Any]]:
    """Articles as plans: text pieces, claims covering runs of pieces, figures inside them."""
    articles = []
    for _ in range(draw(st.integers(1, 3))):
        pieces = draw(st.lists(WORDS, min_size=2, max_size=10))
        n_claims = draw(st.integers(0, 3))
        claims = []
        for _ in range(n_claims):
            first = draw(st.integers(0, len(pieces) - 1))
            last = draw(st.integers(first, len(pieces) - 1))
            claims.append(
                {
                    "pieces": (first, last),
                    "figures": draw(st.lists(st.integers(first, last), max_size=3, unique=True)),
                    "source": draw(st.none() | st.sampled_from(SOURCE_NAMES)),
                    "status": draw(st.sampled_from(Claim.Status.values)),
                    "verdict": draw(st.sampled_from(Claim.Verdict.values)),
                    "note": draw(st.sampled_from(["", "ok 👍", "数据"])),
                    "tags": draw(
                        st.lists(
                            st.sampled_from(["alpha", "beta", "数据"]), unique=True, max_size=2
                        )
                    ),
                    "value": draw(st.none() | NUMBERS),
                    # Figures counting the same thing are compared across links: findings.
                    "counted": draw(st.sampled_from(["", "posts", "数据"])),
                    "link": draw(st.none() | st.sampled_from(ClaimLink.Relation.values)),
                    "author": draw(st.sampled_from([None, "carol", "dave"])),
                }
            )
        # Figures no claim uses, in every state and origin, and what two annotators judged.
        extra = draw(
            st.lists(
                st.tuples(
                    st.integers(0, len(pieces) - 1),
                    st.sampled_from(Figure.State.values),
                    st.sampled_from(Figure.Origin.values),
                    st.none() | NUMBERS,
                ),
                max_size=3,
            )
        )
        judges = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(["carol", "dave"]), st.sampled_from(["confirmed", "rejected"])
                ),
                max_size=2,
                unique_by=lambda j: j[0],
            )
        )
        articles.append(
            {
                "pieces": pieces,
                "claims": claims,
                "dismiss": draw(st.booleans()),
                "extra": extra,
                "judges": judges,
                "assigned": draw(st.booleans()),
            }
        )
    return articles


def _source(name: str) -> Source:
    """Sources with aliases and a parent: 新华社 belongs to the ministry, which belongs to
    the government (a chain of two)."""
    parents = {"新华社": "Ministry of Public Security", "Ministry of Public Security": "State"}
    parent = _source(parents[name]) if name in parents else None
    source, _ = Source.objects.get_or_create(
        name=name,
        defaults={"aliases": f"{name} alias\nXH", "parent": parent, "url": "https://x.example/"},
    )
    return source


def _user(username: str | None) -> Any:
    if username is None:
        return None
    return User.objects.get_or_create(username=username)[0]


def build(collection: Collection, plans: list[dict[str, Any]]) -> None:
    tags: dict[str, Tag] = {}
    dismiss: set[int] = set()
    for index, plan in enumerate(plans):
        # Separators keep pieces apart even after NFC joins a combining mark to its base.
        text = normalise_text(f"[{index}]" + "".join(f"|{p}" for p in plan["pieces"]) + "|")
        article, created = Article.objects.import_text(
            collection=collection, text=text, title=f"A{index}"
        )
        if not created:
            continue
        if plan["dismiss"]:
            dismiss.add(article.pk)
        bounds = []
        position = text.index("|")
        for _ in plan["pieces"]:
            end = text.index("|", position + 1)
            bounds.append((position + 1, end))
            position = end
        made: list[Claim] = []
        for c in plan["claims"]:
            start, end = bounds[c["pieces"][0]][0], bounds[c["pieces"][1]][1]
            if start >= end:
                continue
            source = _source(c["source"]) if c["source"] else None
            claim = Claim.objects.create(
                created_by=_user(c.get("author")),
                article=article,
                start=start,
                end=end,
                quote=text[start:end],
                source=source,
                status=c["status"],
                verdict=c["verdict"],
                note=c["note"],
            )
            figures = []
            for piece in c["figures"]:
                f_start, f_end = bounds[piece]
                if f_start >= f_end:
                    continue
                figure, _ = Figure.objects.get_or_create(
                    article=article,
                    start=f_start,
                    end=f_end,
                    defaults={
                        "surface": text[f_start:f_end],
                        "value": c["value"],
                        "lower": c["value"] and c["value"] - 1,
                        "counted": c["counted"],
                    },
                )
                figures.append(figure)
            claim.figures.set(figures)
            for slug in c["tags"]:
                if slug not in tags:
                    tags[slug] = Tag.objects.create(
                        collection=collection, slug=f"t-{len(tags)}", name=slug
                    )
                claim.tags.add(tags[slug])
            if c["link"] and made:
                ClaimLink.objects.get_or_create(
                    from_claim=claim, to_claim=made[0], relation=c["link"]
                )
            made.append(claim)
        for piece, state, origin, value in plan.get("extra", []):
            f_start, f_end = bounds[piece]
            if (
                f_start >= f_end
                or Figure.objects.filter(article=article, start=f_start, end=f_end).exists()
            ):
                continue
            # Stored as the detector read it, then decided: the history keeps both.
            figure = Figure.objects.create(
                article=article,
                start=f_start,
                end=f_end,
                surface=text[f_start:f_end],
                value=value,
                origin=origin,
                created_by=_user("carol") if origin == "manual" else None,
            )
            if state != "suggested":
                figure.value = None if value is None else value + 1
                figure._history_user = _user("dave")
                figure.state = state
                figure.save()
        figures = list(Figure.objects.filter(article=article).order_by("start"))
        for username, state in plan.get("judges", []):
            for figure in figures[:2]:
                figure.state = state
                FigureJudgement.objects.record(figure, annotator=_user(username))
        if plan.get("assigned") and plan.get("judges"):
            Assignment.objects.assign(
                articles=[article],
                annotators=[_user(u) for u, _ in plan["judges"]],
                assigned_by=None,
            )
    # A reviewer dismisses the findings (link checks, here) of some articles.
    for finding in articles_findings(dismiss)[0] if dismiss else []:
        finding_decide(collection=collection, key=finding.key, decision="dismissed", by=None)


def _planned_claim(
    pieces: tuple[int, int], figure: int, value: str, counted: str, link: str | None
) -> dict[str, Any]:
    return {
        "pieces": pieces,
        "figures": [figure],
        "source": None,
        "status": "draft",
        "verdict": "unchecked",
        "note": "",
        "tags": [],
        "value": Decimal(value),
        "counted": counted,
        "link": link,
        "author": None,
    }


# Generated plans rarely link claims whose figures disagree; this one always does: a
# `repeats` link between 5 and 7 posts and a `part_of` link from 9 to 5 posts (findings
# dismissed), and a `contradicts` link between two equal counts (a finding left open).
WITH_FINDINGS = [
    {
        "pieces": ["ab", "cd", "ef", "X"],
        "dismiss": True,
        "claims": [
            _planned_claim((0, 0), 0, "5", "posts", None),
            _planned_claim((1, 2), 2, "7", "posts", "repeats"),
            _planned_claim((3, 3), 3, "9", "posts", "part_of"),
        ],
    },
    {
        "pieces": ["数据", "🚀"],
        "dismiss": False,
        "claims": [
            _planned_claim((0, 0), 0, "12.5", "", None),
            _planned_claim((1, 1), 1, "12.5", "", "contradicts"),
        ],
    },
]


# Always tried: a blind double-annotated article (two annotators assigned, both judging),
# figures no claim uses in every state and origin (a detected one decided by dave after its
# value changed), a claim by carol whose source has a parent that has one too; and an
# article with no claim at all.
WITH_JUDGEMENTS = [
    {
        "pieces": ["ab", "12", "cd", "7 7"],
        "dismiss": False,
        "claims": [
            dict(_planned_claim((0, 1), 1, "12", "posts", None), author="carol", source="新华社")
        ],
        "extra": [
            (2, "rejected", "detected", Decimal("3")),
            (3, "confirmed", "manual", None),
            (0, "suggested", "detected", Decimal("1.5")),
        ],
        "judges": [("carol", "confirmed"), ("dave", "rejected")],
        "assigned": True,
    },
    {
        "pieces": ["数据", "9"],
        "dismiss": False,
        "claims": [],
        "extra": [(1, "rejected", "detected", Decimal("9"))],
        "judges": [("dave", "rejected")],
        "assigned": False,
    },
]


class RoundTripProperty(TestCase):
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(annotated_articles())
    @example(WITH_FINDINGS)
    @example(WITH_JUDGEMENTS)
    def test_export_import_export_is_lossless(self, plans: list[dict[str, Any]]) -> None:
        source = Collection.objects.create(name="Generated", slug="generated")
        build(source, plans)
        before, after = round_trip(source, "copy")
        assert without_ids(after) == without_ids(before)
        assert (
            sum(r["type"] == "claim" for r in after)
            == Claim.objects.filter(article__collection=source).count()
        )
        assert (
            FindingDecision.objects.filter(collection__slug="copy").count()
            == FindingDecision.objects.filter(collection=source).count()
        )
        copy = Collection.objects.get(slug="copy")
        for model, path in (
            (Figure, "article__collection"),
            (FigureJudgement, "figure__article__collection"),
            (Assignment, "article__collection"),
        ):
            counts = [model.objects.filter(**{path: c}).count() for c in (source, copy)]
            assert counts[0] == counts[1], model
        assert (
            sum(r["type"] == "figure" for r in after)
            == Figure.objects.filter(article__collection=source).count()
        )
        assert (
            sum(r["type"] == "judgement" for r in after)
            == FigureJudgement.objects.filter(figure__article__collection=source).count()
        )
        if plans is WITH_JUDGEMENTS:
            figures = [r for r in after if r["type"] == "figure"]
            assert {f["state"] for f in figures} == {"suggested", "confirmed", "rejected"}
            assert {f["origin"] for f in figures} == {"detected", "manual"}
            decided = [f for f in figures if f["decided_by"] == "dave" and f["detected"]]
            assert decided and decided[0]["detected"]["value"] != decided[0]["value"]
            assert {r["name"] for r in after if r["type"] == "source"} == {
                "State",
                "Ministry of Public Security",
                "新华社",
            }
            assert sum(r["type"] == "article" for r in after) == 2


def test_decimals_keep_every_digit_sqlite_keeps(collection: Collection) -> None:
    article, _ = Article.objects.import_text(
        collection=collection, text="About 0.5 and 1234567.25 units.", title="t"
    )
    figure = Figure.objects.create(
        article=article, start=6, end=9, surface="0.5", value=Decimal("0.5"), lower=Decimal("-3.25")
    )
    claim = Claim.objects.create(article=article, start=0, end=9, quote="About 0.5")
    claim.figures.set([figure])
    before, after = round_trip(collection, "copy")
    (claim_record,) = [r for r in after if r["type"] == "claim"]
    (figure_record,) = [r for r in after if r["type"] == "figure"]
    for written in (claim_record["figures"][0], figure_record):
        assert written["value"] == "0.5"
        assert written["lower"] == "-3.25"
    assert without_ids(after) == without_ids(before)


def test_a_claimdesk_1_file_still_loads(
    collection: Collection, alice: Any, bob: Any, tmp_path: Path, capsys: Any
) -> None:
    """A file written before claimdesk/2: no figure, judgement or source records, figures
    only inside claims, finding keys of figure ids."""
    article = annotated_article(collection, alice)
    (part,) = articles_findings({article.pk})[0]
    finding_decide(collection=collection, key=part.key, decision="dismissed", by=bob)
    old = []
    for record in export_records(collection):
        if record["type"] in {"figure", "judgement", "source"}:
            continue
        record["format"] = "claimdesk/1"
        for name in ("created_by", "superseded_by", "annotators", "decided_by", "decided_at"):
            record.pop(name, None)
        if record["type"] == "finding":
            record["key"] = finding_key(record["kind"], record["figure_ids"])
        old.append(record)
    path = tmp_path / "old.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in old))
    call_command("import_dataset", str(path), "--collection", "old")
    out = capsys.readouterr().out
    assert "Claims: 3 new" in out and "Figures: 4 new" in out
    assert "reviewers' decisions: 1 restored" in out
    copy = Collection.objects.get(slug="old")
    assert Claim.objects.filter(article__collection=copy, created_by__isnull=True).count() == 3
    mixed = [*old[:2], dict(old[2], format="claimdesk/2")]
    path.write_text("".join(json.dumps(r) + "\n" for r in mixed))
    with pytest.raises(CommandError, match="line 3, field 'format'"):
        call_command("import_dataset", str(path), "--collection", "mixed")
