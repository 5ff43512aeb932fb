from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command

from articles.importers.text import import_plain_text_file
from articles.models import Collection
from articles.tests.test_load_article import SAMPLE
from claims.models import Figure, Source, SourceMention

# The quoted figures of the sample article, as the issue lists them.
EXPECTED = [
    ("two-year", "exact", None, None, "year"),
    ("1.4 million", "exact", None, None, ""),
    ("67,000", "exact", None, None, ""),
    ("hundreds of thousands", "vague", "100000", "999999", ""),
    ("billions", "vague", "1000000000", "999999999999", ""),
    ("67,000", "exact", None, None, ""),
    ("nearly 8,000", "approx_below", None, "8000", ""),
    ("some 930,000", "approx", None, None, ""),
    ("more than 100,000", "more_than", "100000", None, ""),
    ("nearly 13,000", "approx_below", None, "13000", ""),
    ("about 25,000", "approx", None, None, ""),
    ("Nearly 187,000", "approx_below", None, "187000", ""),
    ("more than 430,000", "more_than", "430000", None, ""),
    ("some 45,000", "approx", None, None, ""),
    ("nearly one million", "approx_below", None, "1000000", ""),
]


@pytest.fixture
def sample(collection: Collection) -> Any:
    Source.objects.create(
        name="Cyberspace Administration of China",
        kind="regulator",
        aliases="CAC\nState Internet Information Office",
    )
    Source.objects.create(name="Reuters", kind="news_agency")
    article, _ = import_plain_text_file(SAMPLE, collection=collection, title="S", detect=False)
    return article


def _bound(value: Any) -> str | None:
    return None if value is None else str(value.normalize().quantize(1))


def test_it_suggests_exactly_the_quoted_figures_of_the_sample(sample: Any) -> None:
    call_command("detect_figures", "--article", str(sample.pk))
    got = [
        (f.surface, f.qualifier, _bound(f.lower), _bound(f.upper), f.unit)
        for f in Figure.objects.filter(article=sample).order_by("start")
    ]
    assert got == EXPECTED
    assert all(f.state == "suggested" and f.origin == "detected" for f in Figure.objects.all())
    for f in Figure.objects.all():
        assert sample.text[f.start : f.end] == f.surface


def test_it_proposes_the_cac_and_reuters_for_the_sentences_citing_them(sample: Any) -> None:
    call_command("detect_figures", "--collection", sample.collection.slug)
    text = sample.text
    by_source = {
        (m.source.name if m.source else None, text[m.sentence_start : m.sentence_end][:40])
        for m in SourceMention.objects.filter(article=sample).select_related("source")
    }
    assert (
        "Cyberspace Administration of China",
        "China‘s State Internet Information Offic",
    ) in by_source
    assert ("Reuters", "“Reuters” reported that since 2021, the ") in by_source
    sixty_seven = Figure.objects.filter(article=sample, surface="67,000").order_by("start").first()
    assert sixty_seven is not None
    mention = SourceMention.objects.get(
        article=sample, sentence_start__lte=sixty_seven.start, sentence_end__gte=sixty_seven.end
    )
    assert (
        mention.source is not None and mention.source.name == "Cyberspace Administration of China"
    )


def test_running_it_again_duplicates_nothing_and_keeps_reviewed_figures(sample: Any) -> None:
    call_command("detect_figures", "--all")
    first = Figure.objects.get(surface="1.4 million")
    first.state = Figure.State.CONFIRMED
    first.counted = "posts"
    first.save()
    rejected = Figure.objects.get(surface="billions")
    rejected.state = Figure.State.REJECTED
    rejected.save()
    rejected.delete()  # even a rejected figure deleted by hand is suggested again, once
    call_command("detect_figures", "--all")
    call_command("detect_figures", "--all")
    assert Figure.objects.count() == len(EXPECTED)
    first.refresh_from_db()
    assert (first.state, first.counted) == ("confirmed", "posts")


def test_it_does_not_suggest_over_a_reviewed_figure(sample: Any) -> None:
    start = sample.text.index("nearly 8,000")
    Figure.objects.create(
        article=sample, start=start + 7, end=start + 12, surface="8,000", state="rejected"
    )
    call_command("detect_figures", "--all")
    assert not Figure.objects.filter(surface="nearly 8,000").exists()
    assert Figure.objects.filter(article=sample).count() == len(EXPECTED)


def test_importing_an_article_runs_detection(collection: Collection) -> None:
    article, _ = import_plain_text_file(SAMPLE, collection=collection, title="S")
    assert article.figures.count() == len(EXPECTED)


def test_it_names_a_missing_article(db: None) -> None:
    with pytest.raises(CommandError, match="No article with id 999"):
        call_command("detect_figures", "--article", "999")


def test_sources_match_whatever_the_apostrophes_and_quotes(db: None) -> None:
    from claims.services import match_source

    cac = Source.objects.create(name="China’s State Internet Information Office")
    reuters = Source.objects.create(name="Reuters")
    sources = [cac, reuters]
    assert match_source("China‘s State Internet Information Office", sources) == cac
    assert match_source("“Reuters”", sources) == reuters
    assert match_source("the Associated Press", sources) is None


def test_it_detects_in_batches_and_sums_what_it_did(
    sample: Any, collection: Collection, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from articles.models import Article

    monkeypatch.setattr("claims.management.commands.detect_figures.BATCH", 2)
    for n, text in enumerate(["Some 45,000 accounts.", "Nearly 8,000 posts, Reuters reported."]):
        Article.objects.import_text(collection=collection, text=text, title=f"T{n}")
    call_command("detect_figures", "--all")
    assert Figure.objects.count() == len(EXPECTED) + 2
    out = capsys.readouterr().out
    mentions = SourceMention.objects.count()
    matched = SourceMention.objects.filter(source__isnull=False).count()
    assert out.strip() == (
        f"3 article(s): {len(EXPECTED) + 2} new suggested figure(s); "
        f"{mentions} attribution(s), {matched} matched to a known source."
    )
    assert mentions > 0 and matched > 0
