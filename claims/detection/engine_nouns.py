"""What a figure counts or measures in Chinese, Spanish, French and German.

"820.000 toneladas de pescado" -> "pescado"; "16 Tonnen Kokain" -> "kokain"; "关闭账号6.7万个" ->
"账号"; "des centaines de policiers" -> "policiers".
"""

from __future__ import annotations

import re
from typing import Final

from .engine_patterns import _CURRENCY_SIGNS, _LETTER, _SP, _Compiled
from .languages.base import LanguageRules

# A noun written after a number ends where a verb starts ("居民受伤", "村民连夜撤离").
_VERB_STARTS: Final = frozenset(
    "受被遭进進到赶趕参參登支按一检檢撤执執举舉连連死获獲发發在已将將于於为為是有等从從向对對通经經因由遇均全共也都"
)


_NOT_A_NOUN_START: Final = frozenset("因被在将將已于於从從向对對为為是有等也都均")


def _chinese_noun(run: str, rules: LanguageRules) -> str:
    cut = len(run)
    for i, ch in enumerate(run):
        if ch in rules.counted_stop or (i >= 2 and ch in _VERB_STARTS):
            cut = i
            break
    noun = run[:cut]
    if noun in ("之间", "之間", "左右", "以上", "以内", "以內"):
        return ""
    if not noun or noun[0] in _NOT_A_NOUN_START or (len(noun) < 2 and noun not in "人户戶"):
        return ""
    return noun.lower()


def _counted(text: str, end: int, rules: LanguageRules, c: _Compiled) -> str:
    if rules.unspaced:
        pos = end
        if c.counter is not None and c.counter.match(text, pos):
            pos += 1
        m = c.word.match(text, pos)
        if m is None:
            return ""
        return _chinese_noun(m.group("word"), rules) if pos > end else ""
    pos = end
    skipped = 0
    taken: list[str] = []
    noun = False
    while len(taken) < 2:
        m = c.word.match(text, pos) or _ELIDED.match(text, pos)
        if m is None:
            break
        word = m.group("word")
        low = word.lower()
        if low[:2] in ("d'", "d’", "l'", "l’"):
            word, low = word[2:], low[2:]
        if not taken and low in rules.counted_skip and skipped < 2:
            skipped += 1
            pos = m.end()
            continue
        if low in rules.counted_stop or low in rules.number_words or len(low) < 2:
            break
        taken.append(low)
        pos = m.end()
        if rules.capitalised_nouns and not word[:1].isupper():
            continue  # an adjective before the noun: "gefälschte Konten"
        if low in _ADJECTIVES_BEFORE and len(taken) == 1:
            continue  # "nuevos contagios", "nouveaux logements"
        noun = True
        break
    if not noun:
        return ""
    if not rules.capitalised_nouns:
        # adjectives after the noun: "turistas internacionales", "gas natural licuado"
        while len(taken) < 4:
            m = c.word.match(text, pos)
            if m is None or not m.group("word").lower().endswith(_ADJECTIVE_ENDINGS):
                break
            if m.group("word").lower() in rules.counted_stop:
                break
            taken.append(m.group("word").lower())
            pos = m.end()
    return " ".join(taken)


_ADJECTIVES_BEFORE: Final = frozenset(
    [
        "nuevos",
        "nuevas",
        "otros",
        "otras",
        "nouveaux",
        "nouvelles",
        "nouveau",
        "autres",
        "grandes",
        "petits",
        "petites",
        "jóvenes",
    ]
)


_ADJECTIVE_ENDINGS: Final = (
    *("al", "ales", "ano", "anos", "ana", "anas", "ico", "icos", "ica", "icas", "ivo"),
    *("ivos", "iva", "ivas", "ado", "ados", "ada", "adas", "ido", "idos", "ida", "idas"),
    *("ero", "eros", "era", "eras", "aux", "ale", "ique", "iques", "ive", "ives", "if"),
    *("ifs", "ais", "aise", "aises", "ains", "aine", "aines", "iers", "ières", "ière"),
    *("és", "ées", "ée", "eño", "eños", "eña", "eñas", "ista", "istas", "ble", "bles"),
    *("ciales", "ciaux", "ires", "ire", "ers", "ois", "oise", "oises", "enses", "ense"),
    *("ales", "iens", "ienne", "iennes", "ien"),
)


_ELIDED: Final = re.compile(rf"{_SP}+(?P<word>[dDlL]['’]{_LETTER}[\w-]*)")
_MEASURE_LINK: Final = re.compile(rf"{_SP}+(?:de|d['’]|en|of)(?={_SP}|{_LETTER})", re.IGNORECASE)


def _measured(text: str, end: int, unit: str, rules: LanguageRules, c: _Compiled) -> str:
    """What a measure measures or money is in: "820.000 toneladas de pescado" -> "pescado",
    "16 Tonnen Kokain" -> "kokain", "850 000 euros en liquide" -> "liquide"."""
    is_money = unit in _CURRENCY_SIGNS.values() or (len(unit) == 3 and unit.isupper())
    if is_money and not rules.money_counted:
        return ""
    if rules.capitalised_nouns:
        m = c.word.match(text, end)
        if m is None or not m.group("word")[:1].isupper():
            return ""
        return m.group("word").lower()
    link = _MEASURE_LINK.match(text, end)
    if link is None:
        return ""
    if is_money and link.group().strip().lower() not in ("en", "de", "d'", "d’"):
        return ""
    if link.group().strip().lower() == "en":
        return _counted(text, link.end(), rules, c)  # "850 000 euros en liquide"
    return _counted(text, end, rules, c)


def _chinese_counted(
    text: str, start: int, end: int, after: str, rules: LanguageRules, c: _Compiled
) -> str:
    """人/人次/户 after the number; else the noun after its counter; else the noun phrase
    written before it in the clause ("关闭账号6.7万个" -> 账号, "倒塌房屋1.5万余间" -> 房屋)."""
    for word in rules.counted_after:
        if text.startswith(word, end):
            following = c.word.match(text, end + len(word))
            noun = _chinese_noun(following.group("word"), rules) if following else ""
            return noun if word in ("户", "戶") and noun else word
    has_counter = c.counter is not None and c.counter.match(text, end) is not None
    if has_counter and after:
        return after
    clause_start = max(0, start - 24)
    clause = text[clause_start:start]
    for mark in "，。；：、！？,;:（）()「」“”":
        clause = clause.rsplit(mark, 1)[-1]
    for cut in rules.noun_before_cut:
        if cut in clause:
            clause = clause.rsplit(cut, 1)[-1]
    clause = clause.strip()
    for measure in (
        *("销量", "銷量", "产量", "產量", "人数", "人數", "数量", "數量", "总额", "總額"),
        *("偏多", "偏少", "较常年", "同比", "增长", "增長", "下降", "上升"),
    ):
        if clause.endswith(measure):
            clause = clause[: -len(measure)]
    if 2 <= len(clause) <= 10 and all("\u3400" <= ch <= "\u9fff" or ch.isalnum() for ch in clause):
        return clause.lower()
    return after if not has_counter else ""
