"""Finding who a sentence's figures come from, and normalising source names for matching."""

from __future__ import annotations

import pytest

from claims.detection import (
    DetectedAttribution,
    detect_attributions,
    detect_figures,
    normalise_source_name,
    source_match_key,
    source_name_candidates,
)


def attributions(text: str, *, carry_over: bool = True) -> list[DetectedAttribution]:
    found = detect_attributions(text, carry_over=carry_over)
    for attribution in found:
        assert text[attribution.start : attribution.end] == attribution.name
        assert text[attribution.cue_start : attribution.cue_end].split() == attribution.cue.split()
    return found


def test_it_finds_a_source_before_a_statement_cue() -> None:
    text = "China‘s State Internet Information Office (CAC) claimed in a statement that 67,000 accounts were closed."
    [found] = attributions(text)
    assert (found.name, found.cue, found.via) == (
        "China‘s State Internet Information Office (CAC)",
        "claimed in a statement",
        "explicit",
    )
    assert (found.sentence_start, found.sentence_end) == (0, len(text))
    assert found.figure_indexes == (0,)


def test_it_finds_a_source_after_according_to() -> None:
    [found] = attributions("Nearly 8,000 were deactivated, according to the CCP’s own statement.")
    assert (found.name, found.cue) == ("the CCP’s own statement", "according to")


def test_it_leaves_quotes_out_of_the_source() -> None:
    [found] = attributions("“Reuters” reported that the CCP targeted billions of accounts.")
    assert (found.name, found.cue) == ("Reuters", "reported")


def test_it_finds_a_source_after_the_last_clause_break() -> None:
    [found] = attributions("About 30 people died in the blast, police said on Monday.")
    assert (found.name, found.cue) == ("police", "said")


def test_it_finds_an_inverted_source() -> None:
    [found] = attributions("“We lost nearly 40% of our customers,” said Li Wei, a cafe owner.")
    assert (found.name, found.cue) == ("Li Wei", "said")


def test_it_drops_a_leading_prepositional_phrase() -> None:
    [found] = attributions("On Friday the ministry said 4,000 schools had reopened.")
    assert found.name == "the ministry"


def test_it_resolves_a_pronoun_to_the_source_earlier_in_the_paragraph() -> None:
    text = (
        "The State Internet Information Office claims that 13,000 accounts were fake. "
        "Nearly 187,000 people were penalised, while it says more than 430,000 lacked licences."
    )
    first, second = attributions(text)
    assert second.via == "pronoun"
    assert second.name == "The State Internet Information Office"
    assert (second.start, second.end) == (first.start, first.end)
    assert text[second.cue_start : second.cue_end] == "says"
    assert second.figure_indexes == (1, 2)


def test_it_carries_a_source_to_later_sentences_of_the_paragraph() -> None:
    text = "The ministry said 4,200 schools had reopened. A further 1,300 remain closed."
    first, second = attributions(text)
    assert (second.name, second.via, second.figure_indexes) == ("The ministry", "carried", (1,))
    assert second.sentence_start == text.index("A further")
    assert attributions(text, carry_over=False) == [first]


def test_it_does_not_carry_a_source_into_the_next_paragraph() -> None:
    text = "Police said 30 people were arrested.\n\nAbout 200 others were questioned."
    assert [a.figure_indexes for a in attributions(text)] == [(0,)]


def test_it_reports_only_sentences_with_figures() -> None:
    assert attributions("According to Reuters, Beijing routinely arrests critics.") == []


def test_it_splits_figures_between_two_sources_in_one_sentence() -> None:
    text = "Police said 30 people were hurt, while organisers said 5,000 had marched."
    police, organisers = attributions(text)
    assert (police.name, police.figure_indexes) == ("Police", (0,))
    assert (organisers.name, organisers.figure_indexes) == ("organisers", (1,))


def test_it_ignores_verbs_that_are_not_reporting() -> None:
    assert attributions("The bodies of 12 miners were found on Monday.") == []


def test_it_accepts_precomputed_figures() -> None:
    text = "Reuters reported that 67,000 accounts were closed."
    figures = detect_figures(text)
    assert detect_attributions(text, figures) == detect_attributions(text)


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("“Reuters”", "Reuters"),
        ("the State Internet Information Office (CAC)", "State Internet Information Office (CAC)"),
        ("The State Internet Information Office", "State Internet Information Office"),
        ("China‘s State Internet Information Office", "China's State Internet Information Office"),
        ("  the   Reuters’s  ", "Reuters"),
        ("U.S.", "U.S."),
    ],
)
def test_it_normalises_source_names(written: str, normalised: str) -> None:
    assert normalise_source_name(written) == normalised


@pytest.mark.parametrize(
    ("written", "candidates"),
    [
        (
            "the State Internet Information Office (CAC)",
            ["State Internet Information Office (CAC)", "State Internet Information Office", "CAC"],
        ),
        (
            "China‘s State Internet Information Office (CAC)",
            [
                "China's State Internet Information Office (CAC)",
                "State Internet Information Office (CAC)",
                "China's State Internet Information Office",
                "State Internet Information Office",
                "CAC",
            ],
        ),
        ("the CCP’s own statement", ["CCP's own statement", "CCP"]),
        ("World Bank report", ["World Bank report", "World Bank"]),
        ("“Reuters”", ["Reuters"]),
    ],
)
def test_it_offers_candidate_names_for_matching(written: str, candidates: list[str]) -> None:
    assert source_name_candidates(written) == candidates


def test_it_matches_names_case_and_apostrophe_blind() -> None:
    assert source_match_key("the CCP’s Own Statement") == source_match_key("CCP's own statement")


def test_it_gives_a_closing_attribution_the_whole_sentence() -> None:
    text = (
        "Profit rose 78% to $30.3 billion, and the bank announced buybacks of up to $2 billion, "
        "Chief Executive Noel Quinn said on Wednesday."
    )
    [found] = attributions(text)
    assert (found.name, found.cue, found.figure_indexes) == (
        "Chief Executive Noel Quinn",
        "said",
        (0, 1, 2),
    )


def test_it_does_not_take_an_estimated_for_a_reporting_verb() -> None:
    text = "Censors throttled services used by an estimated 30 million people, Access Now said."
    assert [(a.name, a.cue) for a in attributions(text)] == [("Access Now", "said")]


def test_it_allows_digits_in_an_according_to_source() -> None:
    [found] = attributions("Growth will slow to 3%, according to a 2024 report by the IMF.")
    assert found.name == "a 2024 report by the IMF"


def test_it_keeps_a_capitalised_now_in_a_name() -> None:
    [found] = attributions("Some 3,000 websites were blocked, the group Access Now said.")
    assert found.name == "the group Access Now"
