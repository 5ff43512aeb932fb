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


def test_cheng_wei_after_a_bare_digit_is_tenths_then_wei() -> None:
    # 近九成为创新药: "nearly 90% are innovative drugs" (成为, "become", takes no bare digit)
    assert [(f.surface, f.value, f.unit) for f in detect_figures("其中近九成为创新药。", "zh")] == [
        ("近九成", Decimal(90), "percent")
    ]
    assert [(f.surface, f.value) for f in detect_figures("八成為女性。", "zh")] == [
        ("八成", Decimal(80))
    ]
    # after a scale word 成为 is still "become": 100亿 is the figure
    assert [(f.surface, f.unit) for f in detect_figures("市值100亿成为第一。", "zh")] == [
        ("100亿", "")
    ]


def test_cheng_that_begins_a_word_is_not_tenths() -> None:
    # 成员 (members), 成年人 (adults): 成 starts the counted noun, the figure is 10万 / 500万
    assert [(f.surface, f.unit) for f in detect_figures("协会有10万成员。", "zh")] == [("10万", "")]
    assert [(f.surface, f.unit) for f in detect_figures("全国有500万成年人。", "zh")] == [
        ("500万", "")
    ]
    assert detect_figures("一成不变。", "zh") == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("去年出生數為13萬5,571人。", "13萬5,571", "135571"),
        ("結婚對數為12萬5,000對。", "12萬5,000", "125000"),
        ("共有13万5571人。", "13万5571", "135571"),
        ("观众达12万500人。", "12万500", "120500"),
    ],
)
def test_digits_with_no_scale_after_a_larger_scale_are_its_units(
    text: str, surface: str, value: str
) -> None:
    # the tail is below the scale (5,571 < 10,000): one number, not 13萬 beside 5,571
    [figure] = detect_figures(text, "zh")
    assert (figure.surface, figure.value) == (surface, Decimal(value))


def test_digits_after_a_scale_that_go_on_as_another_number_stay_apart() -> None:
    # a year, a percentage, a name: the digits begin a figure (or a word) of their own
    assert [f.surface for f in detect_figures("增长3万2019年以来", "zh")] == ["3万"]
    assert [f.value for f in detect_figures("增加3万5.5%", "zh")] == [
        Decimal(30000),
        Decimal("5.5"),
    ]
    assert [f.surface for f in detect_figures("建成10万5G基站", "zh")] == ["10万"]
    # a tail as large as the scale is another number: 2万 then 30000
    assert [f.value for f in detect_figures("2万30000", "zh")] == [Decimal(20000), Decimal(30000)]


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


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("全臺平均氣溫攝氏30.1度。", "攝氏30.1度", "30.1", "degC"),
        ("最高气温达38度。", "38度", "38", "degC"),
        ("夜间最低零下5度。", "零下5度", "-5", "degC"),
        ("全年用电量达30亿度。", "30亿度", "3000000000", "kWh"),
        ("受高温影响，日用电量达3亿度。", "3亿度", "300000000", "kWh"),
        ("高温天气用电3亿度。", "3亿度", "300000000", "kWh"),
    ],
)
def test_du_is_degrees_celsius_after_sheshi_or_a_temperature_word(
    text: str, surface: str, value: str, unit: str
) -> None:
    [figure] = detect_figures(text, "zh")
    assert (figure.surface, figure.value, figure.unit) == (surface, Decimal(value), unit)


def test_a_lone_scale_hedged_after_its_unit_is_a_figure() -> None:
    assert [f.surface for f in detect_figures("每亩补贴平均百元左右。", "zh")] == ["百元左右"]
    assert [f.surface for f in detect_figures("千人以上参加。", "zh")] == ["千人以上"]
    assert detect_figures("平均每户补贴千元。", "zh") == []
