"""The demo's double annotation (issue 5): carol and dave annotate the sample article each
on their own, and differently, so the agreement report and the dashboard have something to
show. Used by `manage.py demo`; idempotent (nothing is added once carol or dave has a claim
on the article).

Where they differ, on purpose: dave leaves the 1.4 million claim unattributed and tags it
"scope" too; his CAC claim is shorter and lacks the "official figure" tag; carol attributes
the 8,000 claim to the government ("the CCP's own statement"), dave to the CAC; dave reads
"1.4 million" and "nearly 8,000" as "about", confirms the vague "billions" that carol
rejects and rejects the vague "hundreds of thousands" that carol confirms; carol marks the
187,000/430,000 claim, dave the 45,000 one. Where both judge a figure the same way (the
two-year span rejected, 67,000 confirmed) the shared figure reads so, as the workspace would
have left it; where they disagree ("billions", "hundreds of thousands") it stays suggested
until a reviewer curates it. Bob then curates three of the disagreements and
reviews some claims, so every chart of the dashboard has data. The annotations are dated
over the past days so the progress chart has a shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.utils import timezone

from articles.models import Article, Assignment
from claims.models import Claim, Figure, FigureJudgement, Source, Tag
from core.locking import save_version

CAC = "Cyberspace Administration of China"
GOVERNMENT = "Government of the People's Republic of China"


@dataclass
class FigureReading:
    text: str
    state: str = Figure.State.CONFIRMED
    qualifier: str = ""
    value: str | None = None


@dataclass
class DemoClaim:
    start_at: str
    end_at: str
    source: str | None
    tags: list[str]
    figures: list[str]
    days_ago: int
    status: str = Claim.Status.SUBMITTED
    readings: list[FigureReading] = field(default_factory=list)


CAROL = [
    DemoClaim(
        "After a months-long",
        "posts have been removed.",
        CAC,
        ["enforcement"],
        ["1.4 million"],
        6,
    ),
    DemoClaim(
        "China‘s State Internet",
        "posts were deleted.",
        CAC,
        ["enforcement", "official-figure"],
        ["67,000", "hundreds of thousands"],
        5,
    ),
    DemoClaim(
        "Of the 67,000 permanently",
        "the CCP’s own statement.",
        GOVERNMENT,
        ["enforcement", "official-figure"],
        ["nearly 8,000"],
        4,
    ),
    DemoClaim(
        "Nearly 187,000 people",
        "relevant professional qualifications.",
        CAC,
        ["enforcement"],
        ["Nearly 187,000", "more than 430,000"],
        3,
        status=Claim.Status.DRAFT,
    ),
]
CAROL_READINGS = [
    FigureReading("two-year", state=Figure.State.REJECTED),
    FigureReading("billions", state=Figure.State.REJECTED),
    FigureReading("hundreds of thousands", qualifier=Figure.Qualifier.VAGUE),
    FigureReading("nearly 8,000", qualifier=Figure.Qualifier.APPROX_BELOW, value="8000"),
]

DAVE = [
    DemoClaim(
        "After a months-long",
        "posts have been removed.",
        None,
        ["enforcement", "scope"],
        ["1.4 million"],
        5,
    ),
    DemoClaim(
        "it had been closed",
        "posts were deleted.",
        CAC,
        ["enforcement"],
        ["67,000"],
        4,
    ),
    DemoClaim(
        "Of the 67,000 permanently",
        "the CCP’s own statement.",
        CAC,
        ["enforcement", "official-figure"],
        ["nearly 8,000"],
        3,
    ),
    DemoClaim(
        "some 45,000 accounts",
        "illegal monetization.”",
        CAC,
        ["enforcement"],
        ["some 45,000"],
        2,
    ),
]
DAVE_READINGS = [
    FigureReading("two-year", state=Figure.State.REJECTED),
    FigureReading("billions", qualifier=Figure.Qualifier.VAGUE),
    FigureReading("hundreds of thousands", state=Figure.State.REJECTED),
    FigureReading("1.4 million", qualifier=Figure.Qualifier.APPROX),
    FigureReading("nearly 8,000", qualifier=Figure.Qualifier.APPROX, value="8000"),
]


def _figure_at(article: Article, text: str) -> Figure:
    """The detected figure covering `text` (its first occurrence), or a new manual one."""
    start = article.text.index(text)
    end = start + len(text)
    found = (
        Figure.objects.filter(article=article, start__lte=start, end__gte=end)
        .order_by("end")
        .first()
    )
    if found is not None:
        return found
    found = Figure.objects.filter(article=article, start__gte=start, end__lte=end).first()
    if found is not None:
        return found
    return Figure.objects.create(
        article=article,
        start=start,
        end=end,
        surface=text,
        state=Figure.State.SUGGESTED,
        origin=Figure.Origin.MANUAL,
    )


def _judge(figure: Figure, user: User, reading: FigureReading | None) -> None:
    values = {name: getattr(figure, name) for name in FigureJudgement.COPIED}
    values["state"] = Figure.State.CONFIRMED
    if reading is not None:
        values["state"] = reading.state
        if reading.qualifier:
            values["qualifier"] = reading.qualifier
        if reading.value is not None:
            values["value"] = Decimal(reading.value)
    FigureJudgement.objects.update_or_create(figure=figure, annotator=user, defaults=values)


def _annotate(
    article: Article, user: User, claims: list[DemoClaim], readings: list[FigureReading]
) -> list[Claim]:
    text = article.text
    sources = {s.name: s for s in Source.objects.all()}
    tags = {t.slug: t for t in Tag.objects.filter(collection=article.collection)}
    by_text = {r.text: r for r in readings}
    made = []
    now = timezone.now()
    for demo in claims:
        start = text.index(demo.start_at)
        end = text.index(demo.end_at, start) + len(demo.end_at)
        claim = Claim(
            article=article,
            start=start,
            end=end,
            quote=text[start:end],
            source=sources.get(demo.source) if demo.source else None,
            attribution=Claim.Attribution.PARAPHRASE
            if demo.source
            else Claim.Attribution.UNATTRIBUTED,
            status=demo.status,
            created_by=user,
        )
        claim._history_user = user
        claim.full_clean()
        claim.save()
        figures = [_figure_at(article, f) for f in demo.figures]
        claim.figures.set(figures)
        claim.tags.set([tags[slug] for slug in demo.tags if slug in tags])
        for surface, figure in zip(demo.figures, figures, strict=True):
            _judge(figure, user, by_text.get(surface))
        when = now - timedelta(days=demo.days_ago)
        Claim.objects.filter(pk=claim.pk).update(created_at=when, updated_at=when)
        made.append(claim)
    for reading in readings:  # judgements on figures outside the annotator's claims
        figure = _figure_at(article, reading.text)
        if not FigureJudgement.objects.filter(figure=figure, annotator=user).exists():
            _judge(figure, user, reading)
    return made


def _share_agreed_states(article: Article, annotators: list[User]) -> None:
    """The shared figure reads as the annotators' judgement where all of them judged it and
    agree (what the workspace leaves behind when both confirm or both reject)."""
    readings: dict[int, list[FigureJudgement]] = {}
    for judgement in FigureJudgement.objects.filter(
        figure__article=article, annotator__in=annotators
    ).select_related("figure"):
        readings.setdefault(judgement.figure_id, []).append(judgement)
    for judgements in readings.values():
        if len(judgements) < len(annotators):
            continue
        if len({j.state for j in judgements}) != 1:
            continue
        figure = judgements[0].figure
        if figure.state != judgements[0].state:
            figure.set_state(judgements[0].state)


def double_annotate(article: Article) -> bool:
    """Carol's and dave's annotations of `article`; False if they are there already."""
    users = get_user_model().objects.in_bulk(
        ["alice", "bob", "carol", "dave"], field_name="username"
    )
    if len(users) < 4:
        return False
    carol, dave, alice, bob = users["carol"], users["dave"], users["alice"], users["bob"]
    if Claim.objects.filter(article=article, created_by__in=[carol, dave]).exists():
        return False
    Assignment.objects.assign(articles=[article], annotators=[carol, dave], assigned_by=alice)
    carols = _annotate(article, carol, CAROL, CAROL_READINGS)
    daves = _annotate(article, dave, DAVE, DAVE_READINGS)
    _share_agreed_states(article, [carol, dave])

    # Bob curates: carol's attributed 1.4 million claim is kept, dave's superseded; carol's
    # "exact" reading of "1.4 million" and "just under" reading of "nearly 8,000" become the
    # figures'. "billions" and "hundreds of thousands" are left for the visitor to curate.
    carols[0].keep_as_final(by=bob, others=[daves[0]])
    for surface in ("1.4 million", "nearly 8,000"):
        FigureJudgement.objects.get(figure=_figure_at(article, surface), annotator=carol).adopt(
            by=bob
        )
    # …approves two more claims and sends one back with a reason.
    Claim.objects.filter(pk__in=[carols[1].pk, daves[3].pk]).approve(by=bob)
    Claim.objects.filter(pk=daves[1].pk).reject(
        by=bob, reason="The span should cover the whole sentence, from “China‘s State”."
    )
    for claim, verdict in (
        (carols[0], Claim.Verdict.ACCURATE),
        (daves[3], Claim.Verdict.UNVERIFIABLE),
    ):
        claim.refresh_from_db()
        claim.verdict = verdict
        claim._history_user = bob
        save_version(claim, "verdict")
    now = timezone.now()
    for days_ago, claims in ((4, [carols[0]]), (2, [carols[1]]), (1, [daves[3], daves[1]])):
        Claim.objects.filter(pk__in=[c.pk for c in claims]).update(
            reviewed_at=now - timedelta(days=days_ago)
        )
    return True
