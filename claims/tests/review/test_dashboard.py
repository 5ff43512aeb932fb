"""Review workflow (issue 5): a collection's dashboard of server-rendered SVG charts."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from articles.models import Article
from claims.models import Claim, Figure, Source, Tag
from claims.review.charts import bar_chart, line_chart

pytestmark = pytest.mark.django_db


def test_bar_widths_follow_the_values() -> None:
    chart = bar_chart("t", [("a", 2), ("b", 1), ("c", 0)])
    assert chart.bars[0].width == chart.plot_width
    assert chart.bars[1].width == chart.plot_width / 2
    assert chart.bars[2].width == 0


def test_a_line_chart_scales_to_its_maximum() -> None:
    from datetime import date

    chart = line_chart("t", [date(2024, 1, 1), date(2024, 1, 2)], [("s", [0, 4])])
    (series,) = chart.series
    assert series.dots == [(chart.left, chart.bottom), (chart.right, chart.top)]


@pytest.mark.parametrize(("who", "status"), [("carol", 200), ("bob", 200), ("mallory", 404)])
def test_the_dashboard_is_for_readers(
    request: pytest.FixtureRequest, article: Article, who: str, status: int
) -> None:
    client = Client()
    client.force_login(request.getfixturevalue(who))
    assert client.get("/collections/desk/dashboard/").status_code == status


def test_the_dashboard_draws_every_chart_in_constant_queries(
    article: Article, carol: User, dave: User, django_assert_max_num_queries: Any
) -> None:
    source = Source.objects.create(name="Reuters <agency>")
    tag = Tag.objects.create(name="Scope", slug="scope", colour="#123456")
    figure = Figure.objects.create(article=article, start=15, end=21, surface="67,000")
    client = Client()
    client.force_login(carol)

    def add(n: int) -> None:
        for i in range(n):
            claim = Claim.objects.create(
                article=article,
                start=0,
                end=43,
                quote=article.text[:43],
                source=source,
                created_by=carol if i % 2 else dave,
                status="approved" if i % 3 else "submitted",
            )
            claim.tags.add(tag)
            claim.figures.add(figure)

    add(2)
    with django_assert_max_num_queries(40) as small:
        page = client.get("/collections/desk/dashboard/").content.decode()
    assert page.count("<svg") == 7
    assert "Reuters &lt;agency&gt;" in page  # escaped
    assert 'fill="#123456"' in page
    assert "carol &amp; dave" in page
    add(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/collections/desk/dashboard/")
