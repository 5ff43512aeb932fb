"""Consistency checks: figures that repeat, contradict, or are out of scale.

Pure functions over plain records (`FigureRecord`, `ClaimRecord`, `LinkRecord`), so every rule
is testable without a database; the database entry points at the bottom
(`article_findings`, `collection_findings`, `finding_decide`) only load records with a constant
number of queries and hand them to `check`.

How figures are compared
------------------------
1. `read_figures` reads, from the article text around each figure, what the checks need: the
   paragraph, the *event* (the verb near the figure: removed / deleted -> "removed"; closed /
   shut down / deactivated -> "closed"; ...), a *reason* ("shut down **for** hyping hot
   issues" makes a subset), whether it is "other" accounts or an increment ("2,000 more",
   "an additional / a further / another 2,000": a different set, never compared as a total),
   and whether it is
   an explicit part ("**Of the** 67,000 accounts, nearly 8,000 were ...").
2. Each figure gets a *group key*: unit class (count, percent, a currency code: never mixed),
   normalised counted noun (plurals lemmatised, modifiers such as public / social media /
   permanently closed / other dropped, a few synonyms), event, reason. Figures without a
   counted noun or a recognised event are not compared: too little is known about them.
3. Within an article, every pair in a group is compared (groups are a handful of figures).
   Across articles, each article is represented by its first figure of a group, the
   representatives are sorted by interval and swept once: never all pairs across a collection.
4. Intervals come from `interval_of` (exact [v, v]; approx ±10 %; nearly [0.9v, v]; more than
   (v, ∞); at least [v, ∞); at most [0, v]; less than [0, v); range and vague [lower, upper]),
   with open and closed bounds compared exactly. Overlapping intervals are a *repeat*,
   disjoint ones a *contradiction*, or a *magnitude* finding when a factor of 100 or more
   apart (a thousand/million slip). A count of people-like things of a billion or more is a
   *magnitude* finding on its own ("billions of accounts").
5. Links reviewers made are checked too: a part larger than its whole, parts summing to more
   than the whole, a `repeats` link between different values, a `contradicts` link between
   agreeing ones.

Every finding has a stable `key` (kind + sorted figure ids); a reviewer's decision on it
(`FindingDecision`, accepted or dismissed) is stored under that key so it outlives re-checks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import combinations, pairwise
from typing import TYPE_CHECKING, Any, Final

from claims.detection.languages import counted_in_english, event_forms

if TYPE_CHECKING:
    from articles.models import Article, Collection
    from claims.exports.common import ExportBatch
    from claims.exports.sqlite_json import JsonBatch
    from claims.models import Claim, ClaimLink, FindingDecision

# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FigureRecord:
    """One figure, as stored (`Figure`) or as detected (`DetectedFigure`), plus context.

    The fields after `counted` are read from the article text by `read_figures`; tests may
    set them by hand.
    """

    id: int
    article_id: int
    start: int
    end: int
    surface: str
    value: Decimal | None
    lower: Decimal | None = None
    upper: Decimal | None = None
    qualifier: str = "exact"
    unit: str = ""
    counted: str = ""
    paragraph: int = 0
    event: str = ""
    event_word: str = ""
    reason: str = ""
    other: bool = False
    part_of: int | None = None
    phrase: str = ""
    # Where the figure's sentence starts (-1: not read): accepting a finding makes a draft
    # claim of the sentence, so two figures of one sentence would share it.
    sentence_start: int = -1

    @property
    def label(self) -> str:
        """How a message names the figure: "1.4 million social media posts have been removed"."""
        return self.phrase or " ".join(
            p for p in (self.surface, self.counted, self.event_word) if p
        )

    @property
    def order(self) -> tuple[int, int]:
        return (self.article_id, self.start)


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    id: int
    article_id: int
    start: int
    end: int
    figure_ids: tuple[int, ...] = ()
    # Neither rejected nor superseded: the claim a suggested link should rather point to.
    usable: bool = True


@dataclass(frozen=True, slots=True)
class LinkRecord:
    id: int
    from_claim_id: int
    to_claim_id: int
    relation: str


# --------------------------------------------------------------------------------------------
# Intervals
# --------------------------------------------------------------------------------------------

INFINITY: Final = Decimal("Infinity")
# "about 45,000" is read as 40,500-49,500; "nearly one million" as 900,000-1,000,000.
APPROX_TOLERANCE: Final = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a figure allows; `lo` may be -Infinity and `hi` Infinity (always open)."""

    lo: Decimal
    hi: Decimal
    lo_open: bool = False
    hi_open: bool = False

    def below(self, other: Interval) -> bool:
        """Every value of self is smaller than every value of other."""
        if self.hi < other.lo:
            return True
        return self.hi == other.lo and (self.hi_open or other.lo_open)

    def overlaps(self, other: Interval) -> bool:
        return not (self.below(other) or other.below(self))

    @property
    def representative(self) -> Decimal:
        """A single value for ratios: the middle of a finite interval, else its finite end."""
        if self.lo.is_finite() and self.hi.is_finite():
            return (self.lo + self.hi) / 2
        return self.lo if self.lo.is_finite() else self.hi

    def describe(self) -> str:
        lo, hi = _number(self.lo), _number(self.hi)
        if self.lo == self.hi:
            return lo
        if not self.hi.is_finite():
            return f"more than {lo}" if self.lo_open else f"at least {lo}"
        if self.lo == 0 and not self.lo_open:
            return f"less than {hi}" if self.hi_open else f"at most {hi}"
        return f"{lo}–{hi}"


def _number(value: Decimal) -> str:
    if not value.is_finite():
        return "∞" if value > 0 else "-∞"
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return format(value.normalize(), ",f")


def interval_of(
    qualifier: str, value: Decimal | None, lower: Decimal | None, upper: Decimal | None
) -> Interval | None:
    """The interval a figure allows, or None when it has no number at all."""
    if qualifier in ("range", "vague") or value is None:
        if lower is None and upper is None:
            if value is None:
                return None
            return Interval(value, value)
        lo = lower if lower is not None else Decimal(0)
        hi = upper if upper is not None else INFINITY
        return Interval(lo, hi, False, upper is None)
    v = value
    tolerance = abs(v) * APPROX_TOLERANCE
    floor = Decimal(0) if v >= 0 else -INFINITY
    if qualifier == "approx":
        return Interval(v - tolerance, v + tolerance)
    if qualifier == "approx_below":
        return Interval(v - tolerance, v)
    if qualifier == "more_than":
        return Interval(v, INFINITY, True, True)
    if qualifier == "at_least":
        return Interval(v, INFINITY, False, True)
    if qualifier == "at_most":
        return Interval(floor, v, floor == -INFINITY, False)
    if qualifier == "less_than":
        return Interval(floor, v, floor == -INFINITY, True)
    return Interval(v, v)


def interval_of_figure(figure: FigureRecord) -> Interval | None:
    return interval_of(figure.qualifier, figure.value, figure.lower, figure.upper)


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
POPULATION_LIMIT: Final = Decimal(10) ** 9
# Two disjoint figures this many times apart are an order-of-magnitude slip, not a disagreement.
MAGNITUDE_RATIO: Final = Decimal(100)
# A contradiction whose values are within this fraction of each other is less severe.
CLOSE_GAP: Final = Decimal("0.1")
# Within an article every pair of a group is compared up to this size; beyond, the sweep.
ALL_PAIRS_LIMIT: Final = 40

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
    from claims.detection.sentences import Segmentation

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


def implausible_magnitude(figure: FigureRecord, interval: Interval) -> bool:
    """A count of people-like things of a billion or more ("billions of accounts")."""
    if unit_class(figure.unit) != "":
        return False
    noun = normalise_counted(figure.counted)
    head = noun.split()[-1] if noun else ""
    return head in POPULATION_LIMITED and interval.lo >= POPULATION_LIMIT


# --------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------


class Kind:
    REPEAT: Final = "repeat"
    CONTRADICTION: Final = "contradiction"
    MAGNITUDE: Final = "magnitude"
    PART: Final = "part"
    PART_EXCEEDS_WHOLE: Final = "part_exceeds_whole"
    PARTS_EXCEED_WHOLE: Final = "parts_exceed_whole"
    REPEATS_LINK_DIFFERS: Final = "repeats_link_differs"
    CONTRADICTS_LINK_AGREES: Final = "contradicts_link_agrees"


KIND_LABELS: Final = {
    Kind.REPEAT: "Repeat",
    Kind.CONTRADICTION: "Contradiction",
    Kind.MAGNITUDE: "Suspicious magnitude",
    Kind.PART: "Part of a whole",
    Kind.PART_EXCEEDS_WHOLE: "Part larger than its whole",
    Kind.PARTS_EXCEED_WHOLE: "Parts sum to more than the whole",
    Kind.REPEATS_LINK_DIFFERS: "'Repeats' link between different values",
    Kind.CONTRADICTS_LINK_AGREES: "'Contradicts' link between agreeing values",
}
SEVERITIES: Final = ("high", "medium", "low", "info")
# The ClaimLink relation a reviewer is offered for each kind of pair finding.
SUGGESTED_RELATION: Final = {
    Kind.REPEAT: "repeats",
    Kind.CONTRADICTION: "contradicts",
    Kind.MAGNITUDE: "contradicts",
    Kind.PART: "part_of",
}


@dataclass(frozen=True, slots=True)
class SuggestedLink:
    """A ClaimLink to create: the claim holding `from_figure_id` -> the one holding `to_figure_id`.

    The claim ids are None when the figure has no claim yet (accepting creates one).
    """

    relation: str
    from_figure_id: int
    to_figure_id: int
    from_claim_id: int | None = None
    to_claim_id: int | None = None
    # How a reviewer recognises the figures: "“1.4 million” (paragraph 1)".
    from_label: str = ""
    to_label: str = ""
    # Every claim holding each figure: a link between any of them with the relation (an
    # annotator linking her own claims) counts as the suggested link made.
    from_claim_ids: tuple[int, ...] = ()
    to_claim_ids: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "relation": self.relation,
            "from_figure_id": self.from_figure_id,
            "to_figure_id": self.to_figure_id,
            "from_claim_id": self.from_claim_id,
            "to_claim_id": self.to_claim_id,
            "from_label": self.from_label,
            "to_label": self.to_label,
        }

    def stored(self) -> dict[str, Any]:
        """Every field, as JSON (StoredFindings); `from_stored` reads it back."""
        return {
            **self.as_dict(),
            "from_claim_ids": list(self.from_claim_ids),
            "to_claim_ids": list(self.to_claim_ids),
        }

    @classmethod
    def from_stored(cls, data: dict[str, Any]) -> SuggestedLink:
        return cls(
            **{
                **data,
                "from_claim_ids": tuple(data["from_claim_ids"]),
                "to_claim_ids": tuple(data["to_claim_ids"]),
            }
        )


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    severity: str
    figure_ids: tuple[int, ...]
    message: str
    claim_ids: tuple[int, ...] = ()
    suggested_link: SuggestedLink | None = None
    link_ids: tuple[int, ...] = ()
    article_ids: tuple[int, ...] = ()

    @property
    def key(self) -> str:
        """Stable across re-checks: the kind and the sorted ids of the figures involved."""
        return finding_key(self.kind, self.figure_ids)

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "severity": self.severity,
            "figure_ids": list(self.figure_ids),
            "claim_ids": list(self.claim_ids),
            "article_ids": list(self.article_ids),
            "link_ids": list(self.link_ids),
            "message": self.message,
            "suggested_link": self.suggested_link.as_dict() if self.suggested_link else None,
        }

    def stored(self) -> dict[str, Any]:
        """Every field, as JSON (StoredFindings); `from_stored` reads it back."""
        return {
            "kind": self.kind,
            "severity": self.severity,
            "figure_ids": list(self.figure_ids),
            "message": self.message,
            "claim_ids": list(self.claim_ids),
            "suggested_link": self.suggested_link.stored() if self.suggested_link else None,
            "link_ids": list(self.link_ids),
            "article_ids": list(self.article_ids),
        }

    @classmethod
    def from_stored(cls, data: dict[str, Any]) -> Finding:
        link = data["suggested_link"]
        return cls(
            kind=data["kind"],
            severity=data["severity"],
            figure_ids=tuple(data["figure_ids"]),
            message=data["message"],
            claim_ids=tuple(data["claim_ids"]),
            suggested_link=SuggestedLink.from_stored(link) if link else None,
            link_ids=tuple(data["link_ids"]),
            article_ids=tuple(data["article_ids"]),
        )


def finding_key(kind: str, figure_ids: Iterable[int]) -> str:
    return f"{kind}:" + ",".join(str(i) for i in sorted(set(figure_ids)))


def parse_finding_key(key: str) -> tuple[str, tuple[int, ...]] | None:
    kind, _, ids = key.partition(":")
    if kind not in KIND_LABELS or not ids:
        return None
    try:
        figure_ids = tuple(sorted({int(i) for i in ids.split(",")}))
    except ValueError:
        return None
    return kind, figure_ids


@dataclass
class _Index:
    """Lookups shared by the checks: claims per figure, figures per claim."""

    figures: dict[int, FigureRecord]
    intervals: dict[int, Interval | None]
    claims: dict[int, ClaimRecord]
    keys: dict[int, GroupKey | None]
    claims_of_figure: dict[int, list[ClaimRecord]] = field(default_factory=dict)
    claims_of_article: dict[int, list[ClaimRecord]] = field(default_factory=dict)

    @classmethod
    def build(cls, figures: Sequence[FigureRecord], claims: Sequence[ClaimRecord]) -> _Index:
        index = cls(
            figures={f.id: f for f in figures},
            intervals={f.id: interval_of_figure(f) for f in figures},
            claims={c.id: c for c in claims},
            keys={f.id: group_key(f) for f in figures},
        )
        for claim in claims:
            index.claims_of_article.setdefault(claim.article_id, []).append(claim)
            for figure_id in claim.figure_ids:
                index.claims_of_figure.setdefault(figure_id, []).append(claim)
        return index

    def claim_for(self, figure_id: int) -> ClaimRecord | None:
        """The narrowest claim holding the figure, the statement that makes it its point;
        one neither rejected nor superseded first."""
        claims = self.claims_of_figure.get(figure_id)
        if not claims:
            return None
        return min(claims, key=lambda c: (not c.usable, c.end - c.start, c.id))

    def claim_spanning(self, figure: FigureRecord) -> ClaimRecord | None:
        """A claim whose span holds the figure though it does not list it: the claim that
        accepting a finding attaches the figure to (as `_claim_for_figure` picks it)."""
        spanning = [
            c
            for c in self.claims_of_article.get(figure.article_id, [])
            if c.start <= figure.start and c.end >= figure.end
        ]
        if not spanning:
            return None
        return min(spanning, key=lambda c: (not c.usable, c.end, -c.start, c.id))

    def claim_ids(self, figure_ids: Iterable[int]) -> tuple[int, ...]:
        return tuple(
            sorted({c.id for fid in figure_ids for c in self.claims_of_figure.get(fid, [])})
        )


def _short(figure: FigureRecord, cross_article: bool) -> str:
    return f"“{figure.surface}” {_where(figure, cross_article)}"


def _where(figure: FigureRecord, cross_article: bool) -> str:
    if cross_article:
        return f"(article {figure.article_id}, paragraph {figure.paragraph})"
    return f"(paragraph {figure.paragraph})"


def _pair_finding(
    kind: str, earlier: FigureRecord, later: FigureRecord, index: _Index
) -> Finding | None:
    """The finding of `kind` about two figures of one group, or None if it does not hold.

    Used by the sweep and, from a stored key alone, when a reviewer accepts a finding.
    """
    if later.order < earlier.order:
        earlier, later = later, earlier
    a, b = index.intervals.get(earlier.id), index.intervals.get(later.id)
    if a is None or b is None:
        return None
    cross = earlier.article_id != later.article_id
    first = f"{earlier.label} {_where(earlier, cross)}"
    second = f"{later.label} {_where(later, cross)}"
    if kind == Kind.PART:
        whole, part = (earlier, later) if later.part_of == earlier.id else (later, earlier)
        whole_i, part_i = index.intervals[whole.id], index.intervals[part.id]
        if part.part_of != whole.id or whole_i is None or part_i is None:
            return None
        if unit_class(part.unit) != unit_class(whole.unit):
            return None
        if whole_i.below(part_i):
            kind, severity = Kind.PART_EXCEEDS_WHOLE, "high"
            message = (
                f"{part.label} {_where(part, cross)} is given as part of {whole.label} "
                f"{_where(whole, cross)}, but {part_i.describe()} is more than {whole_i.describe()}."
            )
        else:
            severity = "info"
            message = (
                f"{part.label} {_where(part, cross)} is part of {whole.label} "
                f"{_where(whole, cross)}: {part_i.describe()} fits within {whole_i.describe()}."
            )
        return _finding(kind, severity, message, (part, whole), index, "part_of")
    key = index.keys.get(earlier.id)
    if key is None or key != index.keys.get(later.id):
        return None
    if kind == Kind.REPEAT:
        if not a.overlaps(b):
            return None
        agreed = a.describe() if a == b else f"{a.describe()} and {b.describe()} overlap"
        message = f"{second} repeats {first}: {agreed}."
        return _finding(Kind.REPEAT, "info", message, (later, earlier), index, "repeats")
    if kind not in (Kind.CONTRADICTION, Kind.MAGNITUDE) or a.overlaps(b):
        return None
    low, high = (a, b) if a.below(b) else (b, a)
    ratio = _ratio(low, high)
    if ratio >= MAGNITUDE_RATIO:
        found_kind = Kind.MAGNITUDE
        severity = "medium" if cross else "high"
        message = (
            f"{first} vs {second}: {a.describe()} and {b.describe()} are about "
            f"{_number(_round_power(ratio))} times apart; check for a thousand/million/billion slip."
        )
    else:
        found_kind = Kind.CONTRADICTION
        close = _gap(low, high) <= CLOSE_GAP
        severity = ("low" if close else "medium") if cross else ("medium" if close else "high")
        message = f"{first} vs {second}: {a.describe()} and {b.describe()} cannot both hold."
    if found_kind != kind:
        return None
    return _finding(found_kind, severity, message, (later, earlier), index, "contradicts")


def _ratio(low: Interval, high: Interval) -> Decimal:
    small, big = low.representative, high.representative
    if small <= 0 or not big.is_finite():
        return Decimal(0) if small > 0 or not big.is_finite() else INFINITY
    return big / small


def _round_power(ratio: Decimal) -> Decimal:
    """100, 1,000, 1,000,000: the power of ten nearest to `ratio`."""
    if not ratio.is_finite():
        return ratio
    exponent = round(ratio.log10())
    return Decimal(10) ** exponent


def _gap(low: Interval, high: Interval) -> Decimal:
    scale = max(abs(low.hi), abs(high.lo))
    if not scale.is_finite() or scale == 0:
        return Decimal(1)
    return (high.lo - low.hi) / scale


def _finding(
    kind: str,
    severity: str,
    message: str,
    pair: tuple[FigureRecord, FigureRecord],
    index: _Index,
    relation: str,
) -> Finding:
    source, target = pair
    cross = source.article_id != target.article_id
    # The claims accepting would link: the figure's own claim, else one whose span holds it
    # (accepting attaches the figure to it), else none yet (accepting makes a draft claim).
    from_claim = index.claim_for(source.id) or index.claim_spanning(source)
    to_claim = index.claim_for(target.id) or index.claim_spanning(target)
    suggested: SuggestedLink | None = SuggestedLink(
        relation=relation,
        from_figure_id=source.id,
        to_figure_id=target.id,
        from_claim_id=from_claim.id if from_claim else None,
        to_claim_id=to_claim.id if to_claim else None,
        from_label=_short(source, cross),
        to_label=_short(target, cross),
        from_claim_ids=tuple(sorted(c.id for c in index.claims_of_figure.get(source.id, []))),
        to_claim_ids=tuple(sorted(c.id for c in index.claims_of_figure.get(target.id, []))),
    )
    if from_claim is not None and from_claim is to_claim:
        suggested = None  # one claim holds both figures: a claim is not linked to itself
    elif (
        from_claim is None
        and to_claim is None
        and source.article_id == target.article_id
        and source.sentence_start == target.sentence_start >= 0
    ):
        suggested = None  # accepting would make one draft claim of their sentence, no link
    return Finding(
        kind=kind,
        severity=severity,
        figure_ids=tuple(sorted((source.id, target.id))),
        message=message,
        claim_ids=index.claim_ids((source.id, target.id)),
        suggested_link=suggested,
        article_ids=tuple(sorted({source.article_id, target.article_id})),
    )


def _clusters(members: list[FigureRecord], index: _Index) -> list[list[FigureRecord]]:
    """Consecutive runs of the interval-sorted members that all share a common value.

    One sweep: a member joins the current run while it overlaps the run's common part
    (in one dimension, intervals that pairwise overlap share a point).
    """
    ordered = sorted(members, key=lambda f: _sort_key(index.intervals[f.id]))
    clusters: list[list[FigureRecord]] = []
    common: Interval | None = None
    for figure in ordered:
        interval = index.intervals[figure.id]
        assert interval is not None
        if common is not None and common.overlaps(interval):
            clusters[-1].append(figure)
            common = _intersection(common, interval)
        else:
            clusters.append([figure])
            common = interval
    return clusters


def _sort_key(interval: Interval | None) -> tuple[Decimal, bool, Decimal, bool]:
    assert interval is not None
    return (interval.lo, interval.lo_open, interval.hi, not interval.hi_open)


def _intersection(a: Interval, b: Interval) -> Interval:
    if a.lo > b.lo or (a.lo == b.lo and a.lo_open):
        lo, lo_open = a.lo, a.lo_open
    else:
        lo, lo_open = b.lo, b.lo_open
    if a.hi < b.hi or (a.hi == b.hi and a.hi_open):
        hi, hi_open = a.hi, a.hi_open
    else:
        hi, hi_open = b.hi, b.hi_open
    return Interval(lo, hi, lo_open, hi_open)


def _repeats(clusters: list[list[FigureRecord]], index: _Index) -> list[Finding]:
    """Each member of a cluster repeats its first mention (a star, not every pair)."""
    findings: list[Finding] = []
    for cluster in clusters:
        if len(cluster) < 2:
            continue
        hub = min(cluster, key=lambda f: f.order)
        for figure in sorted(cluster, key=lambda f: f.order):
            if figure is not hub:
                found = _pair_finding(Kind.REPEAT, hub, figure, index)
                if found:
                    findings.append(found)
    return findings


def _disagreements(
    members: list[FigureRecord], clusters: list[list[FigureRecord]], index: _Index
) -> list[Finding]:
    """Contradiction and magnitude findings among the members of one group.

    Small groups: every disjoint pair. Large ones: between neighbouring clusters only, each
    member paired with one member of the next cluster that it certainly disagrees with
    (the one ending lowest / starting highest), so the output stays linear.
    """
    pairs: set[tuple[int, int]] = set()
    if len(members) <= ALL_PAIRS_LIMIT:
        for x, y in combinations(members, 2):
            ix, iy = index.intervals[x.id], index.intervals[y.id]
            if ix is not None and iy is not None and not ix.overlaps(iy):
                pairs.add((x.id, y.id))
    else:
        for low, high in pairwise(clusters):
            lowest_end = min(low, key=lambda f: _end_key(index.intervals[f.id]))
            highest_start = max(high, key=lambda f: _sort_key(index.intervals[f.id]))
            hs = index.intervals[highest_start.id]
            assert hs is not None
            for figure in high:
                pairs.add((lowest_end.id, figure.id))
            for figure in low:
                interval = index.intervals[figure.id]
                if interval is not None and interval.below(hs):
                    pairs.add((figure.id, highest_start.id))
    findings = []
    for x_id, y_id in sorted(pairs):
        x, y = index.figures[x_id], index.figures[y_id]
        found = _pair_finding(Kind.CONTRADICTION, x, y, index) or _pair_finding(
            Kind.MAGNITUDE, x, y, index
        )
        if found:
            findings.append(found)
    return findings


def _end_key(interval: Interval | None) -> tuple[Decimal, bool]:
    assert interval is not None
    return (interval.hi, not interval.hi_open)


def check(
    figures: Sequence[FigureRecord],
    claims: Sequence[ClaimRecord] = (),
    links: Sequence[LinkRecord] = (),
    *,
    across_articles: bool = True,
) -> list[Finding]:
    """Every finding about `figures` (already `read_figures`), their claims and links.

    Figures of several articles are compared within each article and, unless
    `across_articles` is False, across articles. Claims and links may reach figures that are not in `figures` only if those figures are
    passed too; link checks skip claims whose figures are unknown.
    """
    index = _Index.build(figures, claims)
    findings: list[Finding] = []
    comparable: list[FigureRecord] = []
    for figure in figures:
        interval = index.intervals[figure.id]
        if interval is None:
            continue
        if implausible_magnitude(figure, interval):
            findings.append(
                Finding(
                    kind=Kind.MAGNITUDE,
                    severity="medium",
                    figure_ids=(figure.id,),
                    message=(
                        f"{figure.label} (paragraph {figure.paragraph}) means at least "
                        f"{_number(interval.lo)} {normalise_counted(figure.counted)}s: "
                        f"a billion or more is on the scale of a whole country's population; "
                        f"check the order of magnitude."
                    ),
                    claim_ids=index.claim_ids((figure.id,)),
                    article_ids=(figure.article_id,),
                )
            )
            continue
        if figure.part_of is not None and figure.part_of in index.figures:
            found = _pair_finding(Kind.PART, index.figures[figure.part_of], figure, index)
            if found:
                findings.append(found)
        if not figure.other and index.keys[figure.id] is not None:
            comparable.append(figure)

    # Within each article: every group, every pair.
    by_article_group: dict[tuple[int, Any], list[FigureRecord]] = defaultdict(list)
    for figure in comparable:
        by_article_group[(figure.article_id, index.keys[figure.id])].append(figure)
    for members in by_article_group.values():
        if len(members) < 2:
            continue
        clusters = _clusters(members, index)
        findings.extend(_repeats(clusters, index))
        findings.extend(_disagreements(members, clusters, index))
    findings.extend(_subsets_exceeding_totals(by_article_group, index))

    # Across articles: the first mention per article and group, swept once per group.
    leads: dict[Any, list[FigureRecord]] = defaultdict(list)
    for (_article, key), members in by_article_group.items():
        if key[4] or not across_articles:  # parts of one article's whole stay within it
            continue
        leads[key].append(min(members, key=lambda f: f.start))
    for members in leads.values():
        if len(members) < 2:
            continue
        clusters = _clusters(members, index)
        findings.extend(_repeats(clusters, index))
        findings.extend(_disagreements(members, clusters, index))

    findings.extend(check_links(index, links))
    return sort_findings(_unique(findings))


def _subsets_exceeding_totals(
    groups: dict[tuple[int, Any], list[FigureRecord]], index: _Index
) -> list[Finding]:
    """ "45,000 accounts shut down *for* hyping issues" vs the article's total of accounts closed."""
    findings = []
    for (article_id, key), members in groups.items():
        unit, noun, event, reason, scope = key
        if not reason or scope:
            continue
        totals = groups.get((article_id, (unit, noun, event, "", "")), [])
        if not totals:
            continue
        largest = max(totals, key=lambda f: _end_key(index.intervals[f.id]))
        whole = index.intervals[largest.id]
        assert whole is not None
        for part in members:
            part_i = index.intervals[part.id]
            if part_i is not None and whole.below(part_i):
                findings.append(
                    _finding(
                        Kind.PART_EXCEEDS_WHOLE,
                        "medium",
                        f"{part.label} (paragraph {part.paragraph}) is a subset of "
                        f"{largest.label} (paragraph {largest.paragraph}), but "
                        f"{part_i.describe()} is more than {whole.describe()}.",
                        (part, largest),
                        index,
                        "part_of",
                    )
                )
    return findings


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: dict[str, Finding] = {}
    for finding in findings:
        seen.setdefault(finding.key, finding)
    return list(seen.values())


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(findings, key=lambda f: (rank.get(f.severity, 9), f.article_ids, f.figure_ids))


# --------------------------------------------------------------------------------------------
# Links reviewers made
# --------------------------------------------------------------------------------------------


def _matched(
    a_ids: Sequence[int], b_ids: Sequence[int], index: _Index
) -> list[tuple[FigureRecord, FigureRecord, Interval, Interval]]:
    """The figure pairs of two claims that count the same thing.

    Pairs with the same unit class and counted noun; failing that, if each claim has exactly
    one usable figure of one unit class, that pair. Otherwise nothing: too ambiguous to check.
    """

    def usable(ids: Sequence[int]) -> list[tuple[FigureRecord, Interval]]:
        found = []
        for fid in ids:
            figure, interval = index.figures.get(fid), index.intervals.get(fid)
            if (
                figure is not None
                and interval is not None
                and figure.unit.strip().lower() not in SKIPPED_UNITS
            ):
                found.append((figure, interval))
        return found

    left, right = usable(a_ids), usable(b_ids)
    pairs = [
        (fa, fb, ia, ib)
        for fa, ia in left
        for fb, ib in right
        if unit_class(fa.unit) == unit_class(fb.unit)
        and normalise_counted(fa.counted)
        and normalise_counted(fa.counted) == normalise_counted(fb.counted)
    ]
    if pairs:
        return pairs
    if len(left) == 1 and len(right) == 1:
        (fa, ia), (fb, ib) = left[0], right[0]
        if unit_class(fa.unit) == unit_class(fb.unit):
            return [(fa, fb, ia, ib)]
    return []


def check_links(index: _Index, links: Sequence[LinkRecord]) -> list[Finding]:
    findings: list[Finding] = []
    parts_of: dict[int, list[LinkRecord]] = defaultdict(list)
    for link in links:
        source, target = index.claims.get(link.from_claim_id), index.claims.get(link.to_claim_id)
        if source is None or target is None:
            continue
        pairs = _matched(source.figure_ids, target.figure_ids, index)
        if not pairs:
            continue
        if link.relation == "part_of":
            parts_of[target.id].append(link)
            if all(ib.below(ia) for _, _, ia, ib in pairs):
                part, whole, part_i, whole_i = pairs[0]
                findings.append(
                    _link_finding(
                        Kind.PART_EXCEEDS_WHOLE,
                        "high",
                        f"Claim {source.id} is linked as part of claim {target.id}, but "
                        f"{part.label} {_where(part, part.article_id != whole.article_id)} "
                        f"({part_i.describe()}) is more than {whole.label} "
                        f"{_where(whole, part.article_id != whole.article_id)} ({whole_i.describe()}).",
                        pairs,
                        (link,),
                        index,
                    )
                )
        elif link.relation == "repeats":
            if not any(ia.overlaps(ib) for _, _, ia, ib in pairs):
                fa, fb, ia, ib = pairs[0]
                cross = fa.article_id != fb.article_id
                findings.append(
                    _link_finding(
                        Kind.REPEATS_LINK_DIFFERS,
                        "high",
                        f"Claim {source.id} is linked as repeating claim {target.id}, but "
                        f"{fa.label} {_where(fa, cross)} ({ia.describe()}) differs from "
                        f"{fb.label} {_where(fb, cross)} ({ib.describe()}).",
                        pairs,
                        (link,),
                        index,
                    )
                )
        elif link.relation == "contradicts" and all(ia.overlaps(ib) for _, _, ia, ib in pairs):
            fa, fb, ia, ib = pairs[0]
            cross = fa.article_id != fb.article_id
            findings.append(
                _link_finding(
                    Kind.CONTRADICTS_LINK_AGREES,
                    "medium",
                    f"Claim {source.id} is linked as contradicting claim {target.id}, but "
                    f"{fa.label} {_where(fa, cross)} ({ia.describe()}) and {fb.label} "
                    f"{_where(fb, cross)} ({ib.describe()}) agree.",
                    pairs,
                    (link,),
                    index,
                )
            )
    for whole_id, part_links in parts_of.items():
        if len(part_links) >= 2:
            found = _parts_sum(whole_id, part_links, index)
            if found:
                findings.append(found)
    return findings


def _parts_sum(whole_id: int, part_links: list[LinkRecord], index: _Index) -> Finding | None:
    """Parts whose smallest possible total is still more than the whole's largest value."""
    whole = index.claims[whole_id]
    total = Decimal(0)
    total_open = False
    used: list[tuple[FigureRecord, FigureRecord, Interval, Interval]] = []
    whole_figure: FigureRecord | None = None
    whole_interval: Interval | None = None
    seen_parts: set[int] = set()
    for link in part_links:
        part_claim = index.claims[link.from_claim_id]
        if part_claim.id in seen_parts:
            continue
        seen_parts.add(part_claim.id)
        pairs = _matched(part_claim.figure_ids, whole.figure_ids, index)
        if not pairs:
            return None  # a part we cannot read: no sum
        part, whole_fig, part_i, whole_i = min(pairs, key=lambda p: _sort_key(p[2]))
        if whole_interval is None or _end_key(whole_i) > _end_key(whole_interval):
            whole_figure, whole_interval = whole_fig, whole_i
        total += part_i.lo
        total_open = total_open or part_i.lo_open
        used.append((part, whole_fig, part_i, whole_i))
    if whole_interval is None or whole_figure is None:
        return None
    exceeds = total > whole_interval.hi or (
        total == whole_interval.hi and (total_open or whole_interval.hi_open)
    )
    if not exceeds:
        return None
    names = " + ".join(f"{p.label} (paragraph {p.paragraph})" for p, *_ in used)
    return _link_finding(
        Kind.PARTS_EXCEED_WHOLE,
        "high",
        f"{names} come to at least {_number(total)}, more than {whole_figure.label} "
        f"(paragraph {whole_figure.paragraph}): {whole_interval.describe()}.",
        used,
        tuple(part_links),
        index,
    )


def _link_finding(
    kind: str,
    severity: str,
    message: str,
    pairs: Sequence[tuple[FigureRecord, FigureRecord, Interval, Interval]],
    links: tuple[LinkRecord, ...],
    index: _Index,
) -> Finding:
    figure_ids = tuple(sorted({f.id for fa, fb, *_ in pairs for f in (fa, fb)}))
    claim_ids = sorted({c for link in links for c in (link.from_claim_id, link.to_claim_id)})
    return Finding(
        kind=kind,
        severity=severity,
        figure_ids=figure_ids,
        message=message,
        claim_ids=tuple(claim_ids),
        link_ids=tuple(sorted(link.id for link in links)),
        article_ids=tuple(sorted({index.figures[f].article_id for f in figure_ids})),
    )


def check_key(
    key: str, figures: Sequence[FigureRecord], claims: Sequence[ClaimRecord] = ()
) -> Finding | None:
    """The pair finding `key` names, if it still holds for these figures (else None).

    Lets a reviewer act on a finding from its key alone, without re-checking a collection.
    """
    parsed = parse_finding_key(key)
    if parsed is None:
        return None
    kind, figure_ids = parsed
    if kind not in SUGGESTED_RELATION or len(figure_ids) != 2:
        return None
    index = _Index.build(figures, claims)
    if not all(fid in index.figures for fid in figure_ids):
        return None
    first, second = (index.figures[fid] for fid in figure_ids)
    found = _pair_finding(kind, first, second, index)
    return found if found is not None and found.key == key else None


# --------------------------------------------------------------------------------------------
# The database entry points
# --------------------------------------------------------------------------------------------


class Status:
    OPEN: Final = "open"
    ACCEPTED: Final = "accepted"
    DISMISSED: Final = "dismissed"
    LINKED: Final = "linked"


@dataclass(frozen=True, slots=True)
class FindingState:
    """A finding with what reviewers did about it."""

    finding: Finding
    status: str
    decision: FindingDecision | None = None

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    @property
    def can_accept(self) -> bool:
        return self.is_open and self.finding.suggested_link is not None

    def as_dict(self) -> dict[str, Any]:
        data = self.finding.as_dict()
        data["status"] = self.status
        return data


@dataclass(frozen=True, slots=True)
class Report:
    findings: list[FindingState]

    @property
    def open(self) -> list[FindingState]:
        return [s for s in self.findings if s.is_open]

    @property
    def closed(self) -> list[FindingState]:
        return [s for s in self.findings if not s.is_open]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for state in self.open:
            counts[state.finding.severity] += 1
        return dict(counts)

    def without_articles(self, article_ids: set[int]) -> Report:
        """The findings that touch none of these articles (those an annotator reads blind)."""
        if not article_ids:
            return self
        return Report([s for s in self.findings if article_ids.isdisjoint(s.finding.article_ids)])


_FIGURE_FIELDS: Final = (
    "id",
    "article_id",
    "start",
    "end",
    "surface",
    "value",
    "lower",
    "upper",
    "qualifier",
    "unit",
    "counted",
)


def _load(figure_filter: dict[str, Any]) -> list[FigureRecord]:
    """Figures (not rejected) matching `figure_filter`, read against their articles' text.

    Two queries: the figures, then the text of the articles they belong to.
    """
    from articles.models import Article
    from claims.models import Figure

    rows = (
        Figure.objects.filter(**figure_filter)
        .exclude(state=Figure.State.REJECTED)
        .order_by("article_id", "start", "end")
        .values_list(*_FIGURE_FIELDS)
    )
    per_article: dict[int, list[FigureRecord]] = defaultdict(list)
    for row in rows.iterator(chunk_size=5000):
        record = FigureRecord(*row)
        per_article[record.article_id].append(record)
    texts = Article.objects.filter(pk__in=list(per_article)).values_list("pk", "text")
    read: list[FigureRecord] = []
    for article_id, text in texts.iterator(chunk_size=500):
        read.extend(read_figures(text, per_article.get(article_id, [])))
    return read


def _claims_and_links(
    claim_filter: dict[str, Any], link_filter: Any
) -> tuple[list[ClaimRecord], list[LinkRecord]]:
    """Claims with their figure ids, and links: three queries whatever the size."""
    from claims.models import Claim, ClaimLink

    figure_ids: dict[int, list[int]] = defaultdict(list)
    through = Claim.figures.through.objects.filter(
        **{f"claim__{k}": v for k, v in claim_filter.items()}
    )
    for claim_id, figure_id in through.values_list("claim_id", "figure_id").iterator(
        chunk_size=5000
    ):
        figure_ids[claim_id].append(figure_id)
    claims = [
        ClaimRecord(
            pk,
            article_id,
            start,
            end,
            tuple(sorted(figure_ids.get(pk, []))),
            usable=status != Claim.Status.REJECTED and superseded_by_id is None,
        )
        for pk, article_id, start, end, status, superseded_by_id in Claim.objects.filter(
            **claim_filter
        )
        .distinct()
        .values_list("pk", "article_id", "start", "end", "status", "superseded_by_id")
        .iterator(chunk_size=5000)
    ]
    links = [
        LinkRecord(*row)
        for row in ClaimLink.objects.filter(link_filter).values_list(
            "pk", "from_claim_id", "to_claim_id", "relation"
        )
    ]
    return claims, links


def collection_findings(collection: Collection) -> Report:
    """Every finding in a collection: within each article and across its articles.

    Six queries, whatever the size of the collection.
    """
    from django.db.models import Q

    figures = _load({"article__collection": collection})
    claims, links = _claims_and_links(
        {"article__collection": collection}, Q(from_claim__article__collection=collection)
    )
    return _report(check(figures, claims, links), links)


def article_findings(article: Article) -> Report:
    """The findings within one article, and those about links reaching out of it.

    Comparing with the rest of the collection is the collection report's job (it reads every
    article); here the article's own figures are compared with each other, and every link
    touching one of its claims is checked.
    """
    from claims.stored_findings import stored_report

    return stored_report({article.pk})


def articles_findings(article_ids: set[int]) -> tuple[list[Finding], list[LinkRecord]]:
    """Findings within each of these articles (not across them), plus link checks for every
    link touching their claims (and the other parts of a whole one of them is part of).

    At most ten queries, however many articles: the JSONL export calls it once per batch.
    """
    from django.db.models import Q

    from claims.models import ClaimLink

    link_filter = Q(from_claim__article__in=article_ids) | Q(to_claim__article__in=article_ids)
    wholes = ClaimLink.objects.filter(link_filter, relation="part_of").values("to_claim_id")
    link_filter |= Q(relation="part_of", to_claim_id__in=wholes)
    own_claims, links = _claims_and_links({"article__in": article_ids}, link_filter)
    known = {c.id for c in own_claims}
    others = {c for link in links for c in (link.from_claim_id, link.to_claim_id)} - known
    other_claims: list[ClaimRecord] = []
    if others:
        other_claims, _ = _claims_and_links({"pk__in": others}, _nothing())
    figures = _load({"article__in": article_ids})
    own_figure_ids = {f.id for f in figures}
    other_figures = {fid for c in other_claims for fid in c.figure_ids} - own_figure_ids
    if other_figures:
        figures += _load({"pk__in": other_figures})
    own = [f for f in figures if f.article_id in article_ids]
    # Other articles' figures are loaded for the link checks only, never compared here.
    findings = check(own, own_claims, [], across_articles=False)
    index = _Index.build(figures, [*own_claims, *other_claims])
    return sort_findings(_unique([*findings, *check_links(index, links)])), links


def _report(findings: list[Finding], links: Sequence[LinkRecord]) -> Report:
    """The findings with their status: a reviewer's decision, else linked, else open."""
    return report_of(list(zip(findings, linked_flags(findings, links), strict=True)))


def linked_flags(findings: Sequence[Finding], links: Sequence[LinkRecord]) -> list[bool]:
    """For each finding, whether the link it suggests exists among `links`."""
    linked = {(link.from_claim_id, link.to_claim_id, link.relation) for link in links}
    return [
        f.suggested_link is not None and _already_linked(f.suggested_link, linked) for f in findings
    ]


def report_of(findings: Sequence[tuple[Finding, bool]]) -> Report:
    """(finding, its suggested link exists) pairs with their status: a reviewer's decision
    (one query), else linked, else open."""
    from claims.models import FindingDecision

    decisions = {
        d.key: d
        for d in FindingDecision.objects.filter(
            key__in=[f.key for f, _ in findings]
        ).select_related("decided_by")
    }
    states = []
    for finding, linked in findings:
        decision = decisions.get(finding.key)
        if decision is not None:
            status = decision.decision
        elif linked:
            status = Status.LINKED
        else:
            status = Status.OPEN
        states.append(FindingState(finding, status, decision))
    return Report(states)


def _already_linked(link: SuggestedLink, linked: set[tuple[int, int, str]]) -> bool:
    """Whether the suggested link, or one with its relation between any claims holding the
    two figures (an annotator may have linked her own version of the claims), exists."""
    sources = {*link.from_claim_ids, link.from_claim_id} - {None}
    targets = {*link.to_claim_ids, link.to_claim_id} - {None}
    for a in sources:
        for b in targets:
            if (a, b, link.relation) in linked:
                return True
            if link.relation != "part_of" and (b, a, link.relation) in linked:
                return True
    return False


class DecisionError(Exception):
    """Why a finding could not be accepted, in words for the reviewer."""


def finding_decide(*, collection: Collection, key: str, decision: str, by: Any) -> FindingDecision:
    """Record a reviewer's decision on a finding; accepting creates the suggested link.

    Accepting a pair finding links the claims holding its two figures (later -> earlier for
    repeats and contradictions, part -> whole for parts). A figure with no claim gets one: a
    draft claim spanning its sentence, sourced from the attribution found in that sentence,
    created by the reviewer, as the annotation guidelines would have it. When both figures
    sit in the same claim no link is possible; the finding is still marked accepted.
    Dismissing stores the decision only. Either can be undone with `finding_reopen`.
    """
    from django.db import transaction
    from django.utils import timezone

    from claims.models import FindingDecision

    parsed = parse_finding_key(key)
    if parsed is None:
        raise DecisionError("This is not a finding Claimdesk knows how to read.")
    kind, figure_ids = parsed
    if decision not in (FindingDecision.Decision.ACCEPTED, FindingDecision.Decision.DISMISSED):
        raise DecisionError("A finding is either accepted or dismissed.")
    from claims.models import Figure

    # Every figure of the articles involved: a figure's context depends on its neighbours.
    articles = Figure.objects.filter(pk__in=figure_ids, article__collection=collection)
    figures = _load({"article__in": articles.values("article_id")})
    if len({f.id for f in figures} & set(figure_ids)) != len(figure_ids):
        raise DecisionError("Some figures of this finding are gone or were rejected.")
    with transaction.atomic():
        link: ClaimLink | None = None
        note = ""
        if decision == FindingDecision.Decision.ACCEPTED:
            if kind not in SUGGESTED_RELATION:
                raise DecisionError("There is no link to accept for this finding; dismiss it.")
            # The articles' claims, as the report read them: the same link is suggested.
            claims, _ = _claims_and_links(
                {"article__in": articles.values("article_id")}, _nothing()
            )
            found = check_key(key, figures, claims)
            if found is None:
                raise DecisionError("This finding no longer holds: the figures have changed.")
            if found.suggested_link is None:
                raise DecisionError(
                    "One claim holds both figures, so there is no link to make: dismiss the "
                    "finding, or split the claim first."
                )
            link, note = _accept(found.suggested_link, figures, by=by, key=key)
        decided, _ = FindingDecision.objects.update_or_create(
            key=key,
            defaults={
                "collection": collection,
                "kind": kind,
                "decision": decision,
                "decided_by": by,
                "decided_at": timezone.now(),
                "link": link,
                "note": note,
            },
        )
        return decided


def _nothing() -> Any:
    from django.db.models import Q

    return Q(pk__in=[])


def _accept(
    suggested: SuggestedLink, figures: Sequence[FigureRecord], *, by: Any, key: str
) -> tuple[ClaimLink | None, str]:
    from claims.models import ClaimLink

    by_id = {f.id: f for f in figures}
    source = _claim_for_figure(suggested.from_claim_id, by_id[suggested.from_figure_id], by, key)
    target = _claim_for_figure(suggested.to_claim_id, by_id[suggested.to_figure_id], by, key)
    if source.pk == target.pk:
        return None, "Both figures are in the same claim, so no link was made."
    link, _ = ClaimLink.objects.get_or_create(
        from_claim=source,
        to_claim=target,
        relation=suggested.relation,
        defaults={"created_by": by, "note": f"Accepted consistency finding {key}."},
    )
    return link, ""


def _claim_for_figure(claim_id: int | None, figure: FigureRecord, by: Any, key: str) -> Claim:
    """The figure's claim; else an existing claim whose span holds it (the figure is
    attached); else a new draft claim spanning the figure's sentence."""
    from articles.models import Article
    from claims.detection.sentences import Segmentation
    from claims.models import Claim, SourceMention

    if claim_id is not None:
        claim = Claim.objects.get(pk=claim_id)
        if not claim.figures.filter(pk=figure.id).exists():
            # A claim whose span holds the figure, as suggested: the figure is attached.
            claim.figures.add(figure.id)
            Claim.objects.filter(pk=claim.pk).update(version=claim.version + 1)
        return claim
    holding = (
        Claim.objects.filter(
            article_id=figure.article_id, start__lte=figure.start, end__gte=figure.end
        )
        .order_by("end", "-start", "pk")
        .first()
    )
    if holding is not None:
        holding.figures.add(figure.id)
        Claim.objects.filter(pk=holding.pk).update(version=holding.version + 1)
        return holding
    text = Article.objects.values_list("text", flat=True).get(pk=figure.article_id)
    start, end = next(
        ((s, e) for s, e in Segmentation.of(text).sentences if s <= figure.start < e),
        (figure.start, figure.end),
    )
    end = max(end, figure.end)
    mention = (
        SourceMention.objects.filter(
            article_id=figure.article_id,
            sentence_start__lte=figure.start,
            sentence_end__gte=figure.end,
            source__isnull=False,
        )
        .order_by("start")
        .first()
    )
    claim = Claim(
        article_id=figure.article_id,
        start=start,
        end=end,
        quote=text[start:end],
        source_id=mention.source_id if mention else None,
        created_by=by,
        note=f"Created to accept consistency finding {key}.",
    )
    claim.full_clean(exclude=["figures", "tags"])
    claim.save()
    claim.figures.add(figure.id)
    return claim


def finding_reopen(*, collection: Collection, key: str) -> int:
    """Forget the decision on a finding (the link an acceptance made stays). Returns 0 or 1."""
    from claims.models import FindingDecision

    deleted, _ = FindingDecision.objects.filter(collection=collection, key=key).delete()
    return deleted


# --------------------------------------------------------------------------------------------
# The JSONL export: a `finding` record type
# --------------------------------------------------------------------------------------------


class FindingRecords:
    """`finding` records for the JSONL export (claims/exports/jsonl.py, a RecordProducer).

    For the articles that first appear in a batch, their findings (within each article, and
    the checks of links touching their claims), after the batch's claims. A finding that
    involves several articles is written with its lowest-id article, so once. About ten
    queries per batch. Comparisons across articles are not exported: they depend on which
    articles a file holds (`manage.py check_consistency --collection --json` lists them).
    """

    type = "finding"
    reads_json_batches = True  # reads only the batch's new articles

    def template(self) -> dict[str, Any]:
        return {
            "key": "finding: its kind and sorted figure ids, e.g. contradiction:12,15.",
            "kind": "finding: repeat, contradiction, magnitude, part, part_exceeds_whole, "
            "parts_exceed_whole, repeats_link_differs or contradicts_link_agrees.",
            "severity": "finding: high, medium, low or info.",
            "status": "finding: open, linked, accepted or dismissed.",
            "explanation": "finding: one sentence with the numbers and paragraphs.",
            "article_ids": [0],
            "figure_ids": [0],
            "claim_ids": [0],
            "link_ids": [0],
            "suggested_link": {
                "relation": "repeats, contradicts or part_of: the claim holding from_figure_id "
                "relation the claim holding to_figure_id.",
                "from_figure_id": 0,
                "to_figure_id": 0,
                "from_claim_id": 0,
                "to_claim_id": 0,
                "from_label": "The from figure as written, with its paragraph.",
                "to_label": "The to figure as written, with its paragraph.",
            },
            "decision_note": "finding: what accepting did, or empty.",
        }

    def records(self, batch: ExportBatch | JsonBatch) -> Iterator[dict[str, Any]]:
        from claims.exports.common import FORMAT_VERSION

        new = {article.id for article in batch.new_articles}
        if not new:
            return
        from claims.stored_findings import stored_report

        for state in stored_report(new).findings:
            finding = state.finding
            if min(finding.article_ids, default=0) not in new:
                continue
            link = finding.suggested_link
            yield {
                "format": FORMAT_VERSION,
                "type": self.type,
                "key": finding.key,
                "kind": finding.kind,
                "severity": finding.severity,
                "status": state.status,
                "explanation": finding.message,
                "article_ids": list(finding.article_ids),
                "figure_ids": list(finding.figure_ids),
                "claim_ids": list(finding.claim_ids),
                "link_ids": list(finding.link_ids),
                "suggested_link": link.as_dict() if link else None,
                "decision_note": state.decision.note if state.decision else "",
            }
