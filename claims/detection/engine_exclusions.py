"""Numbers in Chinese, Spanish, French and German text that are not quoted figures.

Identifiers and addresses ("Artículo 19", "Calle Mayor 12", "12 rue de la République"),
emergency numbers ("llamar al 112"), ages in apposition ("Juan Pérez, de 45 años,"), a rate's
denominator ("por cada 100.000 habitantes"), proportions ("un vol sur cinq"), time references
("il y a deux ans"), ordinals and Han numerals inside ordinary words (第三, 一些, 统一).
"""

from __future__ import annotations

import re
from typing import Final

from .engine_patterns import _Compiled, _compiled, _ending, _Head, _read_unit
from .languages.base import LanguageRules


def _word_before(text: str, start: int) -> str:
    before = text[max(0, start - 30) : start].rstrip(" \t\u00a0\u202f")
    if not before or not (before[-1].isalpha() or before[-1] in ".º°§"):
        return before[-1:] if before[-1:] in ("§", "#") else ""
    word = before.split()[-1].lower()
    return word[2:] if word[:2] in ("l'", "l’", "d'", "d’") else word


_POPULATION_AFTER: Final = re.compile(r"[ \u00a0]+(?:habitants|naissances|élèves|adultes)\b")


def _not_a_figure(text: str, head: _Head, rules: LanguageRules) -> bool:
    """Identifiers ("Artículo 19", "Calle Mayor 12"), emergency numbers ("llamar al 112"),
    ages in apposition ("Juan Pérez, de 45 años,")."""
    written = text[head.start : head.end]
    if rules.unspaced:
        before = text[max(0, head.start - 6) : head.start]
        if before.endswith(("第", "双", "雙")):
            return True  # ordinals, "双11"
        return written in rules.emergency_numbers and any(
            w in before for w in rules.emergency_words
        )
    previous = _word_before(text, head.start)
    if previous in rules.identifier_words or previous.rstrip(".") in rules.identifier_words:
        return True
    if previous.endswith(("straße", "strasse", "str.", "gasse", "allee", "platz", "weg")):
        return True
    # "Calle Mayor 12": capitalised words back to a street word
    window = text[max(0, head.start - 40) : head.start].split()
    if window and window[-1][:1].isupper():
        for token in reversed(window[:-1][-3:]):
            if token.lower() in rules.identifier_words:
                return True
            if not token[:1].isupper():
                break
    if written in rules.emergency_numbers:
        words = [w.strip(".,") for w in text[max(0, head.start - 40) : head.start].lower().split()]
        # a short word ("al", "die") says so only right before the number ("llamar al 112"),
        # not a few words back ("al menos 8 muertos y 112 heridos")
        if any(
            w in rules.emergency_words and (len(w) > 3 or k == len(words[-5:]) - 1)
            for k, w in enumerate(words[-5:])
        ):
            return True
        following = text[head.end : head.end + 30].lower().split()[:2]
        if any(len(w) > 3 and w.strip(".,") in rules.emergency_words for w in following):
            return True
    recent = text[max(0, head.start - 20) : head.start].lower()
    if (
        rules.denominator_words
        and _ending(rules.denominator_words).search(recent)
        and (rules.code != "fr" or _POPULATION_AFTER.match(text, head.end))
    ):
        return True  # "por cada 100.000 habitantes": a rate's denominator
    if head.bare and len(written) <= 3 and written.isdigit():
        before = text[max(0, head.start - 40) : head.start]
        after_age = text[head.end : head.end + 8].lstrip(" \u00a0").split(" ")[0].strip(",.;)")
        if after_age.lower() in rules.age_words and (
            re.search(r",[ \u00a0]+de[ \u00a0]+$", before)
            or (
                (noun := re.search(r"(?:^|[ \u00a0])(\w+)[ \u00a0]+de[ \u00a0]+$", before))
                and noun.group(1).lower() in rules.person_nouns
            )
        ):
            return True  # "el delantero, de 24 años,", "una mujer de 83 años"
        after = text[head.end : head.end + 12]
        apposition = re.search(
            r"[A-ZÀ-Þ][\w’'.-]*,[ \u00a0](?:de[ \u00a0])?$", before
        ) or re.search(r"[A-ZÀ-Þ][\w’'.-]*[ \u00a0]\($", before)
        if apposition:
            rest = after.lstrip(" \u00a0")
            first = rest.split(" ")[0].strip(",)").lower() if rest else ""
            if after[:1] in (",", ")") or first in rules.age_words:
                return True
    return False


def _hedge_before(
    text: str, start: int, rules: LanguageRules, c: _Compiled
) -> tuple[int, str] | None:
    """The hedge that ends right before ``start`` ("más de ", "近"): its start and phrase."""
    if not rules.unspaced and not (
        text[start - 1 : start].isspace() or text[start - 1 : start] in ("'", "’")
    ):
        return None
    hm = c.hedge_before.search(text, max(0, start - 30), start)
    if hm is None and rules.unspaced:
        # 约占全国产量的30%: "about" held apart from its share by what it is a share of
        share = _SHARE_HEDGE.search(text, max(0, start - 20), start)
        if share is not None:
            return share.start(), share.group("hedge")
    if hm is None:
        return None
    hedge = re.sub(r"[ \t\u00a0\u202f]+", " ", hm.group("hedge").lower())
    if hedge.startswith("hasta") and (
        _word_before(text, hm.start()).endswith("ó")
        or text[max(0, hm.start() - 2) : hm.start()].rstrip().endswith(",")
    ):
        return None  # "bajó hasta los 2.739.110": where a change arrived, not a bound
    return hm.start(), hedge


_SHARE_HEDGE: Final = re.compile(
    r"(?P<hedge>约|約|大约|大約|近|将近|將近|超过|超過|逾)(?:占|佔)[^\s0-9，。；：、！？]{1,15}的$"
)


_CHINESE_SCALE_FIRST: Final = frozenset("万萬亿億千百兆")


def _lone_chinese_numeral(
    m: re.Match[str], text: str, head: _Head, rules: LanguageRules, c: _Compiled
) -> bool:
    """Han numerals inside ordinary words: 一些, 统一, 万一, 十分, 第三 are not figures. A numeral
    counts when it is not 1 and a counter, scale, unit, currency or hedge comes next (三名,
    三十万, 五个月), or when it is three characters or more (一百二十)."""
    written = m.groupdict().get("words")
    if written is None:
        return False
    if text[max(0, head.start - 1) : head.start] == "第":
        return True
    if written[0] in _CHINESE_SCALE_FIRST:
        # 千万 is also "by all means" and 万一 "in case": a figure only when hedged and
        # measured or counted ("逾千万元", "近万人")
        following = text[head.end : head.end + 1]
        counted = bool(following) and (following in rules.counters or following in "人户戶")
        um = c.unit.match(text, head.end)
        measured = counted or um is not None
        # the hedge may also follow the unit or counter: "平均百元左右", "千人以上"
        hedged_after = (
            measured
            and c.hedge_after.match(text, um.end() if um is not None else head.end + 1) is not None
        )
        return not (
            measured and (hedged_after or _hedge_before(text, head.start, rules, c) is not None)
        )
    if head.value <= 1:
        # 一成 is 10% (成 is tenths): a figure unless 成 begins a word (一成员) or the idiom
        # 一成不变 ("unchanging")
        tenths = next((w for w in rules.unit_factors if text.startswith(w, head.end)), None)
        after = text[head.end + len(tenths) : head.end + len(tenths) + 1] if tenths else ""
        return tenths is None or (
            bool(after) and (after == "不" or after in rules.unit_not_before.get(tenths, ""))
        )
    if len(written) >= 3 or head.factor != 1:
        return False
    following = text[head.end : head.end + 1]
    if following and following in rules.counters:
        return False
    if _range_follows(text, head.end, c):
        return False  # 两万至两万三千: the first bound of a range
    return not (c.unit.match(text, head.end) or c.hedge_after.match(text, head.end))


def _range_follows(text: str, end: int, c: _Compiled) -> bool:
    """A range joiner (至, 到, -, ～) and another number right after ``end``."""
    jm = c.range_join.match(text, end)
    return (
        jm is not None
        and jm.group("join") is not None
        and c.second.match(text, jm.end()) is not None
    )


def _reference(text: str, head: _Head, rules: LanguageRules) -> bool:
    """A number that is part of a proportion ("un vol sur cinq"), an address ("12 rue de la
    République"), a compound ("un deux-pièces") or a time reference ("il y a deux ans")."""
    previous = _word_before(text, head.start)
    small = head.value <= 20 and not _PERCENT_AFTER.match(text, head.end)
    if (
        previous
        and small
        and rules.ratio_before
        and _ending(rules.ratio_before).search(text, max(0, head.start - 12), head.start)
    ):
        return True
    following = text[head.end : head.end + 16].split()
    if following and following[0].lower().strip(",.") in rules.street_after:
        return True
    if (
        text[head.end : head.end + 1] == "-"
        and text[head.end + 1 : head.end + 2].isalpha()
        and not _read_unit(text, head.end, rules, _compiled(rules))[0]
    ):
        return True  # "un deux-pièces"; "60-Quadratmeter-Wohnung" is a measure
    return bool(
        rules.ago_before
        and _ending(rules.ago_before).search(text, max(0, head.start - 10), head.start)
        and _DURATION_AFTER.match(text, head.end)
    )


_PERCENT_AFTER: Final = re.compile(r"[ \u00a0]*[%％]")
_DURATION_AFTER: Final = re.compile(
    r"[ \u00a0]+(?:ans?|années?|mois|semaines?|jours?|años?|meses|mes|días?|semanas?"
    r"|jahren?|jahr|monaten?|wochen?|tagen?)\b",
    re.IGNORECASE,
)
