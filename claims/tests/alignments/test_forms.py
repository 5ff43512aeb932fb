"""The relation forms never raise on text from outside, and read an article's number or address."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from articles.forms_import import article_id_of
from claims.alignments.forms import AlignForm, RelationForm


def test_an_article_is_named_by_its_number_or_address() -> None:
    assert article_id_of("12") == 12
    assert article_id_of(" #12 ") == 12
    assert article_id_of("https://desk.example/articles/12/") == 12
    assert article_id_of("/articles/12/compare/3/") == 12
    assert article_id_of("twelve") is None
    assert article_id_of("1" * 13) is None  # past any id


@given(st.text(max_size=300))
def test_any_text_is_read_or_refused_without_an_exception(text: str) -> None:
    found = article_id_of(text)
    assert found is None or found >= 0
    form = RelationForm({"kind": "translation_of", "original": text})
    assert form.is_valid() == (found is not None and bool(text.strip()))


@given(st.dictionaries(st.sampled_from(["figure", "original", "reset"]), st.text(max_size=40)))
def test_the_correction_form_cleans_any_post(data: dict[str, str]) -> None:
    form = AlignForm(data)
    if form.is_valid():
        assert form.cleaned_data["figure"] >= 1
    else:
        assert form.errors_text()
