"""Consistency checks: figures that repeat, contradict, or are out of scale.

Pure functions over plain records (`FigureRecord`, `ClaimRecord`, `LinkRecord`, in
records.py), so every rule is testable without a database; the database entry points
(reports.py: `collection_findings`, `articles_findings`; store.py: `article_findings`) only
load records with a constant number of queries and hand them to `check`.

How figures are compared
------------------------
1. `read_figures` (reading.py) reads, from the article text around each figure, what the
   checks need: the paragraph, the *event* (the verb near the figure: removed / deleted -> "removed"; closed /
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

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations, pairwise
from typing import Final

from claims.consistency.reading import (
    POPULATION_LIMITED,
    SKIPPED_UNITS,
    GroupKey,
    group_key,
    normalise_counted,
    unit_class,
)
from claims.consistency.records import (
    INFINITY,
    SUGGESTED_RELATION,
    ClaimRecord,
    FigureRecord,
    Finding,
    Interval,
    Kind,
    LinkRecord,
    SuggestedLink,
    format_number,
    interval_of_figure,
    parse_finding_key,
    sort_findings,
    unique_findings,
)

POPULATION_LIMIT: Final = Decimal(10) ** 9
# Two disjoint figures this many times apart are an order-of-magnitude slip, not a disagreement.
MAGNITUDE_RATIO: Final = Decimal(100)
# A contradiction whose values are within this fraction of each other is less severe.
CLOSE_GAP: Final = Decimal("0.1")
# Within an article every pair of a group is compared up to this size; beyond, the sweep.
ALL_PAIRS_LIMIT: Final = 40


def implausible_magnitude(figure: FigureRecord, interval: Interval) -> bool:
    """A count of people-like things of a billion or more ("billions of accounts")."""
    if unit_class(figure.unit) != "":
        return False
    noun = normalise_counted(figure.counted)
    head = noun.split()[-1] if noun else ""
    return head in POPULATION_LIMITED and interval.lo >= POPULATION_LIMIT


# --------------------------------------------------------------------------------------------
# Figures compared
# --------------------------------------------------------------------------------------------


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
            f"{format_number(_round_power(ratio))} times apart; check for a thousand/million/billion slip."
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


def _repeats_and_disagreements(members: list[FigureRecord], index: _Index) -> list[Finding]:
    """The repeats and disagreements among figures of one group (one article's, or the first
    mention of each article)."""
    if len(members) < 2:
        return []
    clusters = _clusters(members, index)
    return [*_repeats(clusters, index), *_disagreements(members, clusters, index)]


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
                        f"{format_number(interval.lo)} {normalise_counted(figure.counted)}s: "
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
    by_article_group: dict[tuple[int, GroupKey], list[FigureRecord]] = defaultdict(list)
    for figure in comparable:
        key = index.keys[figure.id]
        if key is not None:  # always, for a comparable figure
            by_article_group[(figure.article_id, key)].append(figure)
    for members in by_article_group.values():
        findings.extend(_repeats_and_disagreements(members, index))
    findings.extend(_subsets_exceeding_totals(by_article_group, index))

    # Across articles: the first mention per article and group, swept once per group.
    leads: dict[GroupKey, list[FigureRecord]] = defaultdict(list)
    for (_article, key), members in by_article_group.items():
        if key[4] or not across_articles:  # parts of one article's whole stay within it
            continue
        leads[key].append(min(members, key=lambda f: f.start))
    for members in leads.values():
        findings.extend(_repeats_and_disagreements(members, index))

    findings.extend(_check_links(index, links))
    return sort_findings(unique_findings(findings))


def _subsets_exceeding_totals(
    groups: dict[tuple[int, GroupKey], list[FigureRecord]], index: _Index
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


def check_links(
    figures: Sequence[FigureRecord], claims: Sequence[ClaimRecord], links: Sequence[LinkRecord]
) -> list[Finding]:
    """The checks of the links alone, over claims and figures that may be of other articles
    (those are read for the links, never compared with each other)."""
    return _check_links(_Index.build(figures, claims), links)


def _check_links(index: _Index, links: Sequence[LinkRecord]) -> list[Finding]:
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
        f"{names} come to at least {format_number(total)}, more than {whole_figure.label} "
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
