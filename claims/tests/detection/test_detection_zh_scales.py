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
        ("歲入2兆7,224億元。", "2兆7,224億元", "2722400000000", "CNY"),
        ("涉案金额逾千万元。", "逾千万元", "10000000", "CNY"),
        ("近万人参加。", "近万", "10000", ""),
        ("大學新生約有21萬人。", "約有21萬", "210000", ""),
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


def test_a_scale_word_alone_is_a_figure_only_when_hedged_and_counted() -> None:
    # 千万 is also "by all means", 万一 "in case"
    assert detect_figures("千万不要相信。", "zh") == []
    assert detect_figures("万一发生事故。", "zh") == []


def test_a_duration_before_qian_is_a_time_reference() -> None:
    # 十年前 is "a decade ago", not a figure of ten years
    assert detect_figures("较十年前减少。", "zh") == []
    assert [f.surface for f in detect_figures("工作5年以上。", "zh")] == ["5年以上"]
