"""What the article text says about each figure: its paragraph, sentence, event, reason, and
whether it is a part or "other"/"more" (`read_figures`), and what it counts (`group_key`).

English rules: counted nouns are lemmatised (`lemma`, `normalise_counted`), events are read
from the verb near the figure (`EVENT_FORMS`), units are compared by class (`unit_class`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

from claims.consistency.records import FigureRecord
from claims.detection.languages import counted_in_english, event_forms
from claims.detection.sentences import Segmentation

# --------------------------------------------------------------------------------------------
# What is counted: nouns, events, units
# --------------------------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Dropped from the counted noun: they say how, where or which, not what is counted.
MODIFIERS: Final = _wordset(
    """public social media online internet web permanently temporarily closed shut deleted
    removed deactivated banned suspended blocked other additional further new total overall
    registered active so-called various individual separate"""
)
# Never part of the noun either ("the accounts of news anchors" -> "account news anchor").
_NOUN_STOP_WORDS: Final = _wordset(
    """a an the of and or to in on at by for from with its their his her our this that these
    those some all such more than about nearly almost around"""
)
_IRREGULAR: Final = {
    "people": "person",
    "persons": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "mice": "mouse",
    "geese": "goose",
}
_INVARIANT: Final = _wordset(
    "news series species data politics media sheep fish police staff personnel"
)
# Whole normalised phrases that count the same thing under another name.
SYNONYMS: Final = {
    "user account": "account",
    "user": "account",
    "profile": "account",
    "microblog": "post",
    "microblog post": "post",
    "weibo post": "post",
    "message": "post",
    "piece content": "post",
    "individual": "person",
    "citizen": "person",
    "resident": "person",
}
# Counted things limited by a population: a billion or more of them is suspicious.
POPULATION_LIMITED: Final = _wordset(
    """person account citizen resident user voter worker employee student child patient member
    journalist reporter anchor blogger influencer household family victim death casualty
    refugee migrant soldier official officer prisoner detainee teacher doctor"""
)
# Units that are not quantities of a counted thing: never compared.
SKIPPED_UNITS: Final = _wordset("year month week day hour minute second date time age ordinal")

# Verb (or noun) forms -> the kind of event. Bare "close" is left out ("close to a million").
_EVENTS: Final = {
    "removed": """remove removed removes removing removal delete deleted deletes deleting
        deletion scrubbed purge purged erased wiped censored taken_down take_down took_down
        taking_down""",
    "closed": """closed closing closure closures deactivate deactivated deactivating
        deactivation terminated shuttered ban bans banned banning disabled shut shut_down
        shuts_down shutting_down""",
    "suspended": "suspend suspended suspending suspension",
    "penalised": "penalised penalized penalising penalizing punished sanctioned fined",
    "arrested": "arrest arrested arresting detained",
    "targeted": "targeted targeting targetted",
    "killed": "killed died dead",
    "injured": "injured wounded hurt",
}
EVENT_FORMS: Final[dict[str, str]] = {
    form.replace("_", " "): event for event, forms in _EVENTS.items() for form in forms.split()
} | event_forms()  # issue 16: the event words of zh, es, fr, de (claims/detection/languages)
_EVENT_RE: Final = re.compile(
    r"(?<![A-Za-z\u00c0-\u024f0-9_-])("
    + "|".join(
        re.escape(form).replace(r"\ ", r"\s+")
        for form in sorted(EVENT_FORMS, key=len, reverse=True)
    )
    + r")(?![A-Za-z\u00c0-\u024f0-9_-])",  # Latin boundaries: 删除 stands inside Han text
    re.IGNORECASE,
)
_WORD_RE: Final = re.compile(r"[^\W\d_][\w'’-]*")
# How many words after a figure its verb may be ("1.4 million social media posts have been removed").
EVENT_WINDOW_WORDS: Final = 10
_REASON_RE: Final = re.compile(
    r"\s*(?:for|over|because\s+of|due\s+to)\s+[\"“‘']?([^\W\d_][\w'’-]*(?:[\s,]+[^\W\d_][\w'’-]*){0,2})",
    re.IGNORECASE,
)
_NOT_A_REASON: Final = re.compile(
    r"^(?:the|a|an)?\s*(?:first|second|third|last|next|total|period|year|years|month|months|week|weeks|day|days|while|good|now|ever)\b",
    re.IGNORECASE,
)
_OF_THE_RE: Final = re.compile(
    r"(?:^|[\s,;:(])(?:of|among|from)\s+(?:the|these|those|all)?\s*$", re.IGNORECASE
)
_PARAGRAPH_BREAK: Final = re.compile(r"\n[ \t]*\n\s*")
_LINE_BREAK: Final = re.compile(r"\n\s*")
# "930,000 *other* accounts": a set distinct from those just counted.
_OTHER_AFTER: Final = re.compile(r"\s*other\b", re.IGNORECASE)
_OTHER_IN: Final = re.compile(r"\bother\b", re.IGNORECASE)
# "2,000 *more* accounts", "*an additional* 2,000", "*a further* 2,000", "*another* 2,000",
# "2,000 *additional* accounts": an increment on a total, never a total itself.
_INCREMENT_AFTER: Final = re.compile(r"\s*(?:more|additional|further|extra)\b", re.IGNORECASE)
_INCREMENT_BEFORE: Final = re.compile(
    r"(?<![\w-])(?:an?\s+additional|a\s+further|an?\s+extra|another)\s*$", re.IGNORECASE
)
_INCREMENT_IN: Final = re.compile(r"^\W*(?:more|additional|further|extra)\b", re.IGNORECASE)


def is_increment(before: str, counted: str, after: str) -> bool:
    """Whether a figure counts more of something ("2,000 more accounts", "an additional
    2,000", "a further 2,000", "another 2,000") rather than how many there are in all.

    `before` is the text of its sentence up to the figure, `after` the text following it.
    """
    return bool(
        _INCREMENT_BEFORE.search(before)
        or _INCREMENT_AFTER.match(after)
        or _INCREMENT_IN.match(counted)
    )


def lemma(word: str) -> str:
    """The singular of an English noun, by rule: posts -> post, bodies -> body, people -> person."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _INVARIANT or len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=16384)
def normalise_counted(counted: str) -> str:
    """The counted noun as a grouping key: "permanently closed accounts" -> "account"."""
    words = [w.strip("'’-") for w in _WORD_RE.findall(counted_in_english(counted).lower())]
    kept = [
        lemma(w)
        for w in words
        if w and w not in _NOUN_STOP_WORDS and w not in MODIFIERS and w not in EVENT_FORMS
    ]
    phrase = " ".join(w for w in kept if w)
    return SYNONYMS.get(phrase, phrase)


@lru_cache(maxsize=1024)
def unit_class(unit: str) -> str:
    """Figures are only compared within one unit class: counts, percent, one currency."""
    unit = unit.strip()
    if unit in ("%", "percent", "per cent", "pct"):
        return "percent"
    return unit.upper() if len(unit) == 3 and unit.isalpha() else unit.lower()


def paragraph_starts(text: str) -> list[int]:
    """Where paragraphs start: after blank lines, or after every line when there are none."""
    breaks = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
    return [0] + [m.end() for m in breaks.finditer(text)]


def _clean(text: str) -> str:
    return " ".join(text.split())


def read_figures(text: str, figures: Iterable[FigureRecord]) -> list[FigureRecord]:
    """`figures` (all of one article, any order) with their context read from `text`."""
    ordered = sorted(figures, key=lambda f: (f.start, f.end))
    if not ordered:
        return []
    segmentation = Segmentation.of(text)
    sentence_starts = [s for s, _ in segmentation.sentences]
    sentences = segmentation.sentences
    paragraphs = paragraph_starts(text)
    read: list[FigureRecord] = []
    # A verb that an earlier figure of the sentence took ("187,000 people were penalised")
    # is not also the verb of a later one ("while it says 430,000 have provided ...").
    taken_until = (-1, 0)
    for index, figure in enumerate(ordered):
        s_index = max(0, bisect_right(sentence_starts, figure.start) - 1)
        s_start, s_end = sentences[s_index] if sentences else (0, len(text))
        s_end = max(s_end, figure.end)
        following = next(
            (f.start for f in ordered[index + 1 :] if f.start >= figure.end), len(text)
        )
        before_start = taken_until[1] if taken_until[0] == s_index else s_start
        before = text[min(before_start, figure.start) : figure.start]
        after = text[figure.end : min(s_end, following)]
        event, event_word, reason, verb_end = _read_event(text, figure, before, after, s_end)
        if verb_end:
            taken_until = (s_index, verb_end)
        previous = ordered[index - 1] if index else None
        part_of = None
        inherited = ""
        if (
            previous is not None
            and previous.start >= s_start
            and _OF_THE_RE.search(text[s_start : previous.start])
            and "," in text[previous.end : figure.start]
            and _words(text[previous.end : figure.start]) <= 8
        ):
            part_of = previous.id
            inherited = previous.counted
        counted = figure.counted or inherited
        # Other accounts, or more of them: a different set than a total, never compared as one.
        other = bool(
            _OTHER_AFTER.match(after)
            or _OTHER_IN.search(counted)
            or is_increment(before, counted, after)
        )
        # Built field by field: dataclasses.replace() costs as much as reading the sentence.
        read.append(
            FigureRecord(
                id=figure.id,
                article_id=figure.article_id,
                start=figure.start,
                end=figure.end,
                surface=figure.surface,
                value=figure.value,
                lower=figure.lower,
                upper=figure.upper,
                qualifier=figure.qualifier,
                unit=figure.unit,
                counted=counted,
                paragraph=bisect_right(paragraphs, figure.start),
                event=event,
                event_word=event_word,
                reason=reason,
                other=other,
                part_of=part_of,
                phrase=_phrase(text, figure, counted, event_word, verb_end),
                sentence_start=s_start,
            )
        )
    return read


def _words(text: str) -> int:
    return len(_WORD_RE.findall(text))


def _read_event(
    text: str, figure: FigureRecord, before: str, after: str, sentence_end: int
) -> tuple[str, str, str, int]:
    """(event, word as written, reason, where the verb ends if after) for a figure.

    The verb after the figure wins ("67,000 accounts were closed"); failing that, the nearest
    one before it in the same sentence ("regulators closed the accounts of 100,000 anchors").
    """
    for match in _EVENT_RE.finditer(after):
        if _words(after[: match.start()]) > EVENT_WINDOW_WORDS:
            break
        word = _clean(match.group(1))
        event = EVENT_FORMS[word.lower()]
        end = figure.end + match.end()
        reason = ""
        found = _REASON_RE.match(text, end, max(end, sentence_end))
        if found and not _NOT_A_REASON.match(found.group(1)):
            reason = " ".join(lemma(w) for w in _WORD_RE.findall(found.group(1).lower()))
        return event, word, reason, end
    matches = list(_EVENT_RE.finditer(before))
    if matches:
        word = _clean(matches[-1].group(1))
        return EVENT_FORMS[word.lower()], word, "", 0
    return "", "", "", 0


def _phrase(text: str, figure: FigureRecord, counted: str, event_word: str, verb_end: int) -> str:
    """The figure as written, through its noun and verb when they follow it
    ("1.4 million social media posts have been removed"), else with the verb appended
    ("67,000 social media accounts closed")."""
    end = max(figure.end, verb_end)
    if counted:
        at = text.lower().find(counted.lower(), figure.end, figure.end + 80)
        if at >= 0:
            end = max(end, at + len(counted))
            if text[end : end + 1] in ("”", "’", '"', "'"):
                end += 1
    phrase = _clean(text[figure.start : end])
    if event_word and not verb_end and event_word.lower() not in phrase.lower():
        phrase = f"{phrase} {event_word}"
    return phrase


GroupKey = tuple[str, str, str, str, str]


def group_key(figure: FigureRecord) -> GroupKey | None:
    """What a figure counts, or None when it should not be compared with others."""
    if figure.unit.strip().lower() in SKIPPED_UNITS or not figure.event:
        return None
    noun = normalise_counted(figure.counted)
    if not noun:
        return None
    scope = f"part of {figure.part_of}" if figure.part_of is not None else ""
    return (unit_class(figure.unit), noun, figure.event, figure.reason, scope)
