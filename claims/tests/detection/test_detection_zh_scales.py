"""Chinese figures written with 成 (tenths) or with a smaller scale's digits after a larger
scale (1萬2千), read as one figure by the shared engine."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.detection import detect_figures


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("机车骑士占六成以上。", "六成以上", "60", "percent"),
        ("青年失业率超过两成。", "超过两成", "20", "percent"),
        ("近3成的企业亏损。", "近3成", "30", "percent"),
        ("约1萬2千名选手参赛。", "约1萬2千", "12000", ""),
        ("项目投资1亿2000万元。", "1亿2000万元", "120000000", "CNY"),
        ("共3万5千人。", "3万5千", "35000", ""),
    ],
)
def test_it_reads_tenths_and_mixed_scales_as_one_figure(
    text: str, surface: str, value: str, unit: str
) -> None:
    [figure] = detect_figures(text, "zh")
    assert (figure.surface, figure.value, figure.unit) == (surface, Decimal(value), unit)


def test_cheng_that_begins_a_word_is_not_tenths() -> None:
    # 成员 (members), 成年人 (adults): 成 starts the counted noun, the figure is 10万 / 500万
    assert [(f.surface, f.unit) for f in detect_figures("协会有10万成员。", "zh")] == [("10万", "")]
    assert [(f.surface, f.unit) for f in detect_figures("全国有500万成年人。", "zh")] == [
        ("500万", "")
    ]
    assert detect_figures("一成不变。", "zh") == []


def test_two_numbers_of_the_same_scale_stay_two_figures() -> None:
    assert [f.value for f in detect_figures("1万2万", "zh")] == [Decimal(10000), Decimal(20000)]
