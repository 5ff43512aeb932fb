"""Who a sentence's figures come from: "according to X", "X said", "X claimed in a statement".

For every sentence that carries figures, :func:`detect_attributions` reports the source as it is
written, the reporting cue, the sentence span and which figures (indexes into
:func:`detect_figures`) the source covers.  ``via`` tells how the source was found:

* ``"explicit"``: named in the sentence itself ("Reuters reported that ...").
* ``"pronoun"``: the sentence says "it says"/"they said"; ``start``/``end``/``name`` point at
  the most recent explicit source earlier in the same paragraph (``cue_start``/``cue_end`` stay
  in this sentence).
* ``"carried"``: the sentence has no cue of its own; the most recent source earlier in the same
  paragraph is carried over (its ``cue`` and offsets too).  Pass ``carry_over=False`` to skip.

Matching a mention against stored sources is the caller's job; the recipe is::

    keys = {source_match_key(c) for c in source_name_candidates(attribution.name)}
    # a Source matches when source_match_key(source.name) (or of any alias) is in keys

``source_name_candidates`` goes from the most to the least specific spelling, so the caller
can prefer the first candidate that matches.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Final

from .detect import detect_figures
from .lexicon import (
    DOCUMENT_NOUNS,
    PREPOSITIONS,
    PRONOUNS,
    REPORTING_VERBS,
    SOURCE_ADVERBS,
    SOURCE_BLOCKERS,
    alternation_trie,
)
from .model import DetectedFigure
from .sentences import Segmentation, segmentation


@dataclass(frozen=True, slots=True)
class DetectedAttribution:
    """A source for the figures of one sentence; ``text[start:end] == name``."""

    start: int
    end: int
    name: str
    cue: str
    cue_start: int
    cue_end: int
    sentence_start: int
    sentence_end: int
    figure_indexes: tuple[int, ...]
    via: str = "explicit"


_CUE: Final = re.compile(
    r"\b(?:(?P<according>[Aa]ccording\s+to)(?=\s)"
    rf"|(?P<verb>(?:ha(?:s|ve|d)\s+(?:also\s+)?)?{alternation_trie(REPORTING_VERBS.split('|'))}\b"
    r"(?:\s+(?:in|on)\s+(?:a|an|its|their|the)\s+(?:statement|report|post|filing|briefing"
    r"|interview|press\s+release|notice|letter|video|website|study|survey)\b)?))"
)
_CLAUSE_BREAK: Final = re.compile(
    r"[,;:—–]|\b(?:that|while|whereas|but|because|although|though|as|when|after|before|which"
    r"|who|and|so|if)\b"
)
_ACCORDING_END: Final = re.compile(
    r"[,;:!?—–]|\.(?=\s|$|[\"”’])|\s(?:that|which|who|where|when|while|as|because|but)\b"
)
_INVERTED: Final = re.compile(
    r"\s+(?P<name>(?:the\s+)?[A-Z][\w’'‘.&-]*(?:\s+(?:of|for|and|the|[A-Z][\w’'‘.&-]*"
    r"|\([A-Z][A-Za-z]*\)))*)"
)
_DETERMINER_BEFORE: Final = re.compile(r"\b(?:an?|the)\s+$", re.IGNORECASE)
_QUOTES: Final = "“”\"‘’'«»「」『』„‟‹›"
_EDGE_JUNK: Final = _QUOTES + " \t\n\u00a0,;:"
_MAX_NAME_WORDS: Final = 12
# How far from its cue a source may start: a name is at most a dozen words, and the bound keeps
# one huge unpunctuated "sentence" from making the search quadratic.
_SOURCE_WINDOW: Final = 240


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    cue: str
    cue_start: int
    cue_end: int
    pronoun: bool
    closing: bool  # set off by a comma or quote: "..., police said." / "...,” said Li Wei."


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding quotes, spaces and clause punctuation."""
    while start < end and text[start] in _EDGE_JUNK:
        start += 1
    while end > start and (
        text[end - 1] in _EDGE_JUNK + "." or (text[end - 1] == ")" and "(" not in text[start:end])
    ):
        if text[end - 1] == "." and end - start > 1 and text[end - 2].isupper():
            break  # keep the dot of "U.S." or "Co."
        end -= 1
    return start, end


def _valid_name(name: str, *, digits_allowed: bool = False) -> bool:
    words = name.split()
    if not words or len(words) > _MAX_NAME_WORDS or len(name) < 2 or not name[0].isalpha():
        return False
    if not digits_allowed and any(ch.isdigit() for ch in name):
        return False  # "67,000 accounts said" is not a source; "according to a 2021 report" is
    if any(w.strip(_QUOTES + ",.()").lower() in SOURCE_BLOCKERS for w in words):
        return False
    return words[0].lower() not in PREPOSITIONS


def _source_before(text: str, sentence_start: int, cue_start: int) -> tuple[int, int] | None:
    """The noun phrase right before a reporting verb, back to the last clause break."""
    sentence_start = max(sentence_start, cue_start - _SOURCE_WINDOW)
    left = text[sentence_start:cue_start]
    cut = 0
    for m in _CLAUSE_BREAK.finditer(left):
        if m.group() == "and":
            before = left[: m.start()].rstrip()
            after = left[m.end() :].lstrip()
            if before[-1:].isalpha() and before.split()[-1][:1].isupper() and after[:1].isupper():
                continue  # "Ministry of Industry and Information Technology"
        cut = m.end()
    start, end = _trim(text, sentence_start + cut, cue_start)
    if start >= end:
        return None
    words = text[start:end].split()
    # "On Friday the ministry said": drop a leading prepositional phrase.
    if words and words[0].lower() in PREPOSITIONS:
        lowered = [w.lower() for w in words]
        for determiner in ("the", "a", "an"):
            if determiner in lowered[1:]:
                index = len(lowered) - 1 - lowered[::-1].index(determiner)
                offset = text.find(words[index], start)
                start = offset
                break
        else:
            return None
    # "Police also said": drop adverbs between the source and the verb.
    while True:
        words = text[start:end].split()
        if len(words) > 1 and words[-1] in SOURCE_ADVERBS:
            end = start + text[start:end].rstrip().rfind(words[-1])
            start, end = _trim(text, start, end)
            continue
        break
    if not _valid_name(text[start:end]):
        return None
    return start, end


def _source_after_according(text: str, cue_end: int, sentence_end: int) -> tuple[int, int] | None:
    sentence_end = min(sentence_end, cue_end + _SOURCE_WINDOW)
    stop = _ACCORDING_END.search(text, cue_end, sentence_end)
    end = stop.start() if stop else sentence_end
    start, end = _trim(text, cue_end, end)
    if start >= end or not _valid_name(text[start:end], digits_allowed=True):
        return None
    return start, end


def _mentions(text: str, segments: Segmentation) -> dict[int, list[_Mention]]:
    found: dict[int, list[_Mention]] = {}
    for m in _CUE.finditer(text):
        index = segments.sentence_index(m.start())
        sentence_start, sentence_end = segments.sentences[index]
        if not sentence_start <= m.start() < sentence_end:
            continue
        if m.group("according") is not None:
            span = _source_after_according(text, m.end(), sentence_end)
            cue = "according to"
        else:
            if _DETERMINER_BEFORE.search(text, max(sentence_start, m.start() - 5), m.start()):
                continue  # "an estimated 30 million", "the reported figures": adjectives
            span = _source_before(text, sentence_start, m.start())
            if span is None and text[sentence_start : m.start()].rstrip()[-1:] in (",", "”", '"'):
                inverted = _INVERTED.match(text, m.end(), sentence_end)
                if inverted is not None:
                    span = _trim(text, inverted.start("name"), inverted.end("name"))
            cue = " ".join(m.group().split())
        if span is None:
            continue
        start, end = span
        pronoun = text[start:end].lower() in PRONOUNS
        opening = min(start, m.start())
        closing = text[max(sentence_start, opening - 8) : opening].rstrip()[-1:] in (",", "”", '"')
        found.setdefault(index, []).append(
            _Mention(start, end, cue, m.start(), m.end(), pronoun, closing)
        )
    return found


def detect_attributions(
    text: str,
    figures: list[DetectedFigure] | None = None,
    *,
    carry_over: bool = True,
) -> list[DetectedAttribution]:
    """One attribution per (sentence with figures, source), in text order.

    ``figures`` defaults to ``detect_figures(text)``; ``figure_indexes`` index into it.
    """
    if figures is None:
        figures = detect_figures(text)
    if not figures:
        return []
    segments = segmentation(text)
    by_sentence: dict[int, list[int]] = {}
    for i, figure in enumerate(figures):
        by_sentence.setdefault(segments.sentence_index(figure.start), []).append(i)
    mentions = _mentions(text, segments)
    for index, more in _foreign_mentions(text, segments).items():
        mentions[index] = sorted([*mentions.get(index, []), *more], key=lambda m: m.cue_start)
    latest: dict[int, DetectedAttribution] = {}  # paragraph -> most recent source in it
    result: list[DetectedAttribution] = []
    for index, (sentence_start, sentence_end) in enumerate(segments.sentences):
        paragraph = segments.paragraph_index(sentence_start)
        here: list[DetectedAttribution] = []
        for mention in mentions.get(index, []):
            attribution = DetectedAttribution(
                start=mention.start,
                end=mention.end,
                name=text[mention.start : mention.end],
                cue=mention.cue,
                cue_start=mention.cue_start,
                cue_end=mention.cue_end,
                sentence_start=sentence_start,
                sentence_end=sentence_end,
                figure_indexes=(),
            )
            antecedent = latest.get(paragraph)
            if mention.pronoun and antecedent is not None:
                attribution = replace(
                    attribution,
                    start=antecedent.start,
                    end=antecedent.end,
                    name=antecedent.name,
                    via="pronoun",
                )
            if mention.closing and attribution.via == "explicit":
                attribution = replace(attribution, via="closing")
            here.append(attribution)
            latest[paragraph] = attribution
        figure_indexes = by_sentence.get(index)
        if not figure_indexes:
            continue
        if not here:
            previous = latest.get(paragraph)
            if carry_over and previous is not None:
                result.append(
                    replace(
                        previous,
                        sentence_start=sentence_start,
                        sentence_end=sentence_end,
                        figure_indexes=tuple(figure_indexes),
                        via="carried",
                    )
                )
            continue
        covered = _share_figures(here, [figures[i].start for i in figure_indexes])
        covered = {k: [figure_indexes[j] for j in js] for k, js in covered.items()}
        for k, attribution in enumerate(here):
            if k in covered:
                via = "explicit" if attribution.via == "closing" else attribution.via
                result.append(replace(attribution, figure_indexes=tuple(covered[k]), via=via))
    return result


def _share_figures(
    sources: list[DetectedAttribution], figure_starts: list[int]
) -> dict[int, list[int]]:
    """Which of one sentence's sources covers which figures (indexes into both lists).

    A closing attribution after the last figure (", Chief Executive Noel Quinn said.") covers the
    whole sentence, as in wire copy.  Otherwise a figure belongs to the closest cue before it
    ("Police said 30 ..., while organisers said 5,000 ..."), else to the nearest cue after it.
    """
    cues = [source.cue_start for source in sources]  # ascending, like the figures
    last = len(cues) - 1
    closing = cues[last] > max(figure_starts)
    if closing and sources[last].via == "closing":
        return {last: list(range(len(figure_starts)))}
    covered: dict[int, list[int]] = {}
    for j, start in enumerate(figure_starts):
        before = bisect_left(cues, start)  # cues[:before] come before the figure
        if before:
            k = before - 1
        elif closing:
            k = last
        else:
            k = 0  # the nearest cue after the figure
        covered.setdefault(k, []).append(j)
    return covered


_APOSTROPHES: Final = str.maketrans({"‘": "'", "’": "'", "ʼ": "'", "′": "'", "`": "'"})
_LEADING_ARTICLE: Final = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_DOUBLE_QUOTES: Final = re.compile(r"[“”\"«»„‟「」『』]")
_POSSESSIVE: Final = re.compile(r"^(?P<owner>.+?)'s\s+(?P<rest>.+)$")
_ACRONYM: Final = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[^()]+)\)$")


def normalise_source_name(name: str) -> str:
    """The comparable form of a source as written.

    Collapses whitespace, removes quotes, a leading "the"/"a"/"an" and a trailing possessive,
    and writes every apostrophe as ``'``: "“Reuters”" -> "Reuters",
    "the State Internet Information Office (CAC)" -> "State Internet Information Office (CAC)",
    "China‘s State Internet Information Office" -> "China's State Internet Information Office".
    """
    cleaned = " ".join(_DOUBLE_QUOTES.sub(" ", name).split()).translate(_APOSTROPHES)
    previous = None
    while cleaned != previous:
        previous = cleaned
        cleaned = cleaned.strip("' ,;:")
        cleaned = _LEADING_ARTICLE.sub("", cleaned)
        if cleaned.endswith("'s"):
            cleaned = cleaned[:-2]
        if cleaned.endswith(".") and cleaned.count(".") == 1:
            cleaned = cleaned[:-1]
    return cleaned


def source_match_key(name: str) -> str:
    """What to compare stored source names and aliases by: normalised and case-folded."""
    return normalise_source_name(name).casefold()


def source_name_candidates(name: str) -> list[str]:
    """Spellings to look a mention up by, most specific first.

    "the State Internet Information Office (CAC)" ->
    ["State Internet Information Office (CAC)", "State Internet Information Office", "CAC"];
    "China‘s State Internet Information Office (CAC)" adds the unprefixed forms after the full
    one; "the CCP’s own statement" -> ["CCP's own statement", "CCP"] (the owner of a document
    is the source); "World Bank report" -> ["World Bank report", "World Bank"].
    """
    base = normalise_source_name(name)
    names = [base]
    possessive = _POSSESSIVE.match(base)
    words = base.split()
    if possessive:
        rest = possessive.group("rest")
        head = rest.split()[-1].strip("()").lower()
        names.append(possessive.group("owner") if head in DOCUMENT_NOUNS else rest)
    elif len(words) > 1 and words[-1].lower() in DOCUMENT_NOUNS and words[0][:1].isupper():
        names.append(" ".join(words[:-1]))
    # Full names first, then without the parenthesised acronym, then the acronym alone.
    acronyms = [_ACRONYM.match(n) for n in names]
    candidates = [
        *names,
        *(m.group("name") for m in acronyms if m),
        *(m.group("acronym") for m in acronyms if m),
    ]
    unique: list[str] = []
    for candidate in candidates:
        candidate = normalise_source_name(candidate)
        if candidate and candidate not in unique:
            unique.append(candidate)
    return unique


# --------------------------------------------------------------------------------------------
# Cues in the other languages read (issue 16): "según el INE", "selon l'Insee", "laut Destatis",
# "..., teilte die Behörde mit", "El INE informó", "据路透社报道", "国家网信办表示，".
# --------------------------------------------------------------------------------------------

_NAME_WORD: Final = r"[^\W\d_][\w’'.&-]*|\([^\W\d_][\w.&-]*\)"
# Function words that may sit inside a source's name ("el Ministerio de Sanidad", "des
# Robert Koch-Instituts", "l'Insee").
_NAME_LINKS: Final = frozenset(
    [
        "el",
        "la",
        "los",
        "las",
        "del",
        "de",
        "y",
        "le",
        "les",
        "du",
        "des",
        "d",
        "l",
        "et",
        "der",
        "die",
        "das",
        "dem",
        "den",
        "von",
        "vom",
        "für",
        "und",
        "ein",
        "eine",
        "einer",
        "eines",
    ]
)
_PREFIX_CUES: Final = {
    "según": "según",
    "de acuerdo con": "de acuerdo con",
    "selon": "selon",
    "d'après": "d'après",
    "d’après": "d'après",
    "laut": "laut",
    "nach angaben": "nach angaben",
    "nach schätzungen": "nach schätzungen",
}
_SAYING: Final = (
    "dijo|afirmó|declaró|informó|informaron|señaló|aseguró|indicó|explicó|anunció|advirtió"
    "|recordó|notificó|cifró|estima|prevé|a indiqué|ont indiqué|a déclaré|a dit|a annoncé"
    "|a précisé|a averti|a reconnu|a affirmé|ont annoncé|dit|sagte|sagten|erklärte|schätzt"
    "|mitteilte|mitteilten|berichtete|teilte|teilten"
)
_FOREIGN_CUE: Final = re.compile(
    r"(?<![\w’'])(?P<prefix>"
    + "|".join(
        re.escape(c).replace(r"\ ", r"\s+") for c in sorted(_PREFIX_CUES, key=len, reverse=True)
    )
    + rf")\s+(?=[\w“\"«])|(?<![\w’'])(?P<saying>{_SAYING})(?![\w’'])",
    re.IGNORECASE,
)
_NAME_STOP: Final = re.compile(r"[,;:!?“”\"«»]|\.(?=\s|$)|\s(?:am|im|que|qui|dass)\s|\smit\b")
_LEADING: Final = re.compile(
    r"(?:(?:y|e|et|und|wie|como|comme|mientras\s+que|tandis\s+que|während|aber|pero|mais)\s+)+|"
    r"(?:(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi"
    r"|vendredi|samedi|dimanche|hier|ayer|gestern|heute)\s+)+",
    re.IGNORECASE,
)
# Cues whose source runs to the end of the clause ("según el último balance del Ministerio
# del Interior marroquí,"); German names after "laut" end at the verb instead.
_CLAUSE_CUES: Final = frozenset({"según", "de acuerdo con", "selon", "d'après"})
_WEEKDAYS: Final = frozenset(
    [
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
    ]
)
_HAN_PUNCT: Final = "，。；：！？、,;:!?\n"
_CHINESE_PREFIX_CUE: Final = re.compile(
    r"(?P<by>[据據])(?P<name>[^，。；：！？、\s\d]{2,20})"
    r"(?P<suffix>报道|報道|報導|报导|统计|統計|消息|测定|測定|数字|數字|数据|數據)"
)
_CHINESE_VERB: Final = re.compile(
    r"(?P<verb>表示|称|稱|介绍|介紹|指出|通报|通報|宣布|公布|预计|預計|提醒|显示|顯示|说|說)(?=[，,：:])"
)


def _name_after(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """A source's name from ``start``: capitalised words and the links between them."""
    end = start
    pos = start
    for m in re.finditer(rf"\s*({_NAME_WORD})", text[start:stop]):
        word = m.group(1)
        low = word.lower().strip("’'")
        if m.start() != pos - start and text[start + (pos - start) : start + m.start()].strip():
            break
        if word[0].isupper() or word[0] == "(" or low[:2] in ("l'", "l’", "d'", "d’"):
            end = start + m.end()
        elif low in _NAME_LINKS or low in ("ein", "eine", "un", "una"):
            pass
        elif end > start or low in _WEEKDAYS:
            break
        else:
            end = start + m.end()  # "un portavoz", "ein Sprecher": a lower-case head noun
        pos = start + m.end()
        if low in _WEEKDAYS:
            break
    if end <= start:
        return None
    s, e = _trim(text, start, end)
    return (s, e) if e > s else None


def _strip_leading(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Drop a conjunction or a day before the name: "y la Aemet", "jeudi l'Insee"."""
    if span is None:
        return None
    start, end = span
    m = _LEADING.match(text, start, end)
    if m is not None and m.end() < end:
        start = m.end()
    if text[end - 1 : end] == "." and "." not in text[start : end - 1]:
        end -= 1  # the sentence's full stop after "el INE."
    return (start, end) if end > start else None


def _inverted_name(text: str, cue_end: int, sentence_end: int) -> tuple[int, int] | None:
    """ "..., dijo el ministro." / "..., teilte die Behörde am Montag mit.": after the verb."""
    window_end = min(sentence_end, cue_end + _SOURCE_WINDOW)
    stop = _NAME_STOP.search(text, cue_end, window_end)
    end = stop.start() if stop else window_end
    start, end = _trim(text, cue_end, end)
    name = text[start:end]
    if start >= end or not name[:1].isalpha() or len(name.split()) > _MAX_NAME_WORDS:
        return None
    return start, end


def _chinese_name_before(text: str, sentence_start: int, cue_start: int) -> tuple[int, int] | None:
    start = cue_start
    while start > sentence_start and text[start - 1] not in _HAN_PUNCT:
        start -= 1
    clause = text[start:cue_start]
    quoted = re.search(r"援引(.{2,12}?)的话$", clause)
    if quoted:
        begin = start + quoted.start(1)
        return begin, begin + len(quoted.group(1))
    cut = len(clause)
    for i, ch in enumerate(clause):
        if ch.isdigit() or ch in "对在於于":
            cut = i
            break
    name = clause[:cut]
    for suffix in ("发布的数据", "發布的數據", "发布统计公报", "发布的", "数据", "數據"):
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    for prefix in ("据", "據"):
        if name.startswith(prefix):
            return None
    if not 2 <= len(name) <= 20 or not all(ch.isalnum() for ch in name):
        return None
    return start, start + len(name)


def _foreign_mentions(text: str, segments: Segmentation) -> dict[int, list[_Mention]]:
    found: dict[int, list[_Mention]] = {}

    def add(start: int, end: int, cue: str, cue_start: int, cue_end: int, closing: bool) -> None:
        index = segments.sentence_index(cue_start)
        found.setdefault(index, []).append(
            _Mention(start, end, cue, cue_start, cue_end, False, closing)
        )

    if not text.isascii():
        for m in _CHINESE_PREFIX_CUE.finditer(text):
            add(
                m.start("name"),
                m.end("name"),
                f"{m.group('by')}…{m.group('suffix')}",
                m.start(),
                m.end(),
                False,
            )
        for m in _CHINESE_VERB.finditer(text):
            index = segments.sentence_index(m.start())
            span = _chinese_name_before(text, segments.sentences[index][0], m.start())
            if span is not None:
                add(*span, m.group("verb"), m.start(), m.end(), False)
    for m in _FOREIGN_CUE.finditer(text):
        index = segments.sentence_index(m.start())
        sentence_start, sentence_end = segments.sentences[index]
        if not sentence_start <= m.start() < sentence_end:
            continue
        if m.group("prefix") is not None:
            cue = _PREFIX_CUES[" ".join(m.group("prefix").lower().split())]
            if cue in _CLAUSE_CUES:
                span = _strip_leading(text, _inverted_name(text, m.end(), sentence_end))
            else:
                span = _name_after(text, m.end(), min(sentence_end, m.end() + _SOURCE_WINDOW))
            if span is not None:
                add(*span, cue, m.start(), m.end(), False)
            continue
        verb = " ".join(m.group("saying").lower().split())
        before = text[sentence_start : m.start()].rstrip()
        if before[-1:] in (",", "”", '"', "»") or verb in ("teilte", "teilten"):
            span = _strip_leading(text, _inverted_name(text, m.end(), sentence_end))
            cue = "teilte … mit" if verb in ("teilte", "teilten") else verb
            if verb in ("teilte", "teilten") and (
                span is None or not text.startswith(" mit", _mit_after(text, span[1], sentence_end))
            ):
                continue
            if span is not None:
                add(*span, cue, m.start(), m.end(), True)
        else:
            span = _strip_leading(text, _source_before(text, sentence_start, m.start()))
            if span is not None:
                add(*span, verb, m.start(), m.end(), False)
    return found


def _mit_after(text: str, end: int, sentence_end: int) -> int:
    """Where " mit" closes a split "teilte … mit" (after an optional "am Montag")."""
    rest = re.match(r"(?:\s+(?:am|an|im)\s+\w+)?(?=\s+mit\b)", text[end:sentence_end])
    return end + (rest.end() if rest else 0)
