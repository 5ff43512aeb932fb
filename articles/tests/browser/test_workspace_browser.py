"""What only a browser shows: selections, keyboard, highlights on the stored offsets."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from articles.models import Article, Collection
from claims.models import Claim, ClaimLink, Figure, Tag

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Emoji outside the BMP, CJK, a combining accent with no precomposed form (x + U+0302),
# curly quotes and blank lines: every place where UTF-16 and code points part ways.
TEXT = (
    "Officials said 67,000 accounts were closed.\n\n"
    "The 🚀 rocket team (火箭队) counted 1,234 launches 😀😀 in “2023”.\n\n\n"
    "Of the 67,000 accounts, nearly 8,000 x\u0302 owners spread rumours, Reuters reported."
)

# Puts the selection on the first occurrence of `needle` in the article's DOM text, the way a
# mouse drag would leave it: a DOM Range in UTF-16 offsets of the text nodes.
SELECT = """
(needle) => {
  const box = document.getElementById("article-text");
  const at = box.textContent.indexOf(needle);
  if (at < 0) throw new Error("not in the text: " + needle);
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0, startSet = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const len = node.data.length;
    if (!startSet && at < seen + len) { range.setStart(node, at - seen); startSet = true; }
    if (startSet && at + needle.length <= seen + len) {
      range.setEnd(node, at + needle.length - seen); break;
    }
    seen += len;
  }
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
}
"""


@pytest.fixture
def unicode_article(collection: Collection, alice: User) -> Article:
    return Article.objects.import_text(
        collection=collection, text=TEXT, title="Unicode", created_by=alice
    )[0]


def _figure(article: Article, surface: str, **fields: Any) -> Figure:
    start = article.text.index(surface)
    return Figure.objects.create(
        article=article, start=start, end=start + len(surface), surface=surface, **fields
    )


def test_selected_text_becomes_claims_and_figures_at_the_right_offsets(
    open_page: Any, carol: User, unicode_article: Article
) -> None:
    page = open_page(carol, f"/articles/{unicode_article.pk}/")
    assert page.locator("#article-text").text_content() == TEXT
    selections = [
        "🚀 rocket team (火箭队)",
        "😀😀 in “2023”",
        "8,000 x\u0302 owners",
        "closed.\n\nThe 🚀",
    ]
    for number, needle in enumerate(selections, start=1):
        page.evaluate(SELECT, needle)
        page.keyboard.press("n")
        page.wait_for_selector("[data-editor] form[data-claim-form]")
        assert page.locator("[data-quote-preview]").text_content() == needle
        page.keyboard.press("Control+Enter")
        page.wait_for_selector(f"[data-claim-list] > li:nth-child({number})")
        page.wait_for_selector("[data-editor] [data-saved-claim]")
    quotes = sorted(Claim.objects.values_list("quote", flat=True))
    assert quotes == sorted(selections)
    for claim in Claim.objects.all():
        assert unicode_article.text[claim.start : claim.end] == claim.quote
        underline = page.locator(f"span#claim-{claim.pk}")
        assert underline.get_attribute("data-start") == str(claim.start)

    page.evaluate(SELECT, "1,234")
    page.keyboard.press("f")
    page.wait_for_selector("[data-editor] form[data-editor-form]")
    page.keyboard.press("Control+Enter")
    mark = page.wait_for_selector("mark.figure--confirmed")
    figure = Figure.objects.get()
    assert (figure.surface, figure.origin, figure.state) == ("1,234", "manual", "confirmed")
    assert mark.text_content() == "1,234"
    assert mark.get_attribute("data-start") == str(TEXT.index("1,234"))


def test_figures_are_confirmed_and_rejected_with_the_keyboard(
    open_page: Any, carol: User, unicode_article: Article
) -> None:
    first = _figure(unicode_article, "67,000")
    second = _figure(unicode_article, "1,234")
    page = open_page(carol, f"/articles/{unicode_article.pk}/")
    page.keyboard.press("j")
    page.keyboard.press("c")
    page.wait_for_selector(f"mark#figure-{first.pk}.figure--confirmed")
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.wait_for_selector(f"mark#figure-{second.pk}.figure--rejected")
    page.wait_for_selector(f"#figure-row-{second.pk}.figure--rejected")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == ("confirmed", "rejected")
    page.keyboard.press("?")
    assert page.locator("[data-shortcuts]").is_visible()
    assert "Confirm the current figure" in page.locator("[data-shortcuts]").text_content()
    page.keyboard.press("Escape")
    assert not page.locator("[data-shortcuts]").is_visible()


def test_two_claims_are_tagged_and_linked_with_the_keyboard(
    open_page: Any, carol: User, unicode_article: Article
) -> None:
    text = unicode_article.text
    whole = Claim.objects.create(article=unicode_article, start=0, end=43, quote=text[:43])
    start = text.index("Of the")
    part = Claim.objects.create(
        article=unicode_article, start=start, end=len(text), quote=text[start:]
    )
    tag = Tag.objects.create(
        collection=unicode_article.collection, name="Scope", slug="scope", key="2"
    )
    page = open_page(carol, f"/articles/{unicode_article.pk}/")
    page.keyboard.press("]")
    page.keyboard.press("]")
    page.wait_for_selector(f"#claim-row-{part.pk}.is-current-claim")
    page.keyboard.press("2")
    page.wait_for_selector(f"#claim-row-{part.pk} button.tag.on")
    assert list(part.tags.all()) == [tag]

    page.keyboard.press("l")
    page.wait_for_selector("[data-editor] [data-link-search]")
    page.select_option("[data-editor] select[name=relation]", "part_of")
    page.fill("[data-editor] [data-link-search]", "Officials")
    page.wait_for_selector(f"[data-editor] input[name=to_claim][value='{whole.pk}']")
    page.check(f"[data-editor] input[name=to_claim][value='{whole.pk}']")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f"#claim-row-{whole.pk} .link-in")
    link = ClaimLink.objects.get()
    assert (link.from_claim_id, link.to_claim_id, link.relation) == (part.pk, whole.pk, "part_of")
    assert "is part of" in page.locator(f"#claim-row-{part.pk} .link-out").text_content()


def test_a_link_is_removed_and_a_claim_deleted_after_confirming(
    open_page: Any, carol: User, unicode_article: Article
) -> None:
    text = unicode_article.text
    whole = Claim.objects.create(
        article=unicode_article, start=0, end=43, quote=text[:43], created_by=carol
    )
    start = text.index("Of the")
    part = Claim.objects.create(
        article=unicode_article, start=start, end=len(text), quote=text[start:], created_by=carol
    )
    ClaimLink.objects.create(from_claim=part, to_claim=whole, relation="part_of")
    page = open_page(carol, f"/articles/{unicode_article.pk}/")
    answers = iter([False, True, True])  # cancel the first removal, then confirm
    page.on("dialog", lambda d: d.accept() if next(answers) else d.dismiss())
    page.click(f"#claim-row-{part.pk} [data-load-editor][title=Edit]")
    page.click("[data-editor] [data-unlink]")
    page.wait_for_timeout(300)
    assert ClaimLink.objects.count() == 1  # dismissed: nothing happened
    page.click("[data-editor] [data-unlink]")
    page.wait_for_selector("[data-status][data-level=success]")
    assert not ClaimLink.objects.exists()
    page.wait_for_function(f"!document.querySelector('#claim-row-{whole.pk} .link-in')")
    page.click(f"#claim-row-{part.pk} [data-load-editor][title=Edit]")
    page.click(f"[data-editor] [data-delete-claim='{part.pk}']")
    page.wait_for_selector(f"#claim-row-{part.pk}", state="detached")
    assert list(Claim.objects.all()) == [whole]
    assert "deleted" in page.locator("[data-status]").text_content()


def test_a_figure_is_re_spanned_from_a_new_selection(
    open_page: Any, carol: User, unicode_article: Article
) -> None:
    """The detector caught "1,234 launches 😀" (past the emoji); the annotator selects the
    right text and presses "Use the selected text": start and end are code points."""
    text = unicode_article.text
    start = text.index("1,234")
    figure = Figure.objects.create(
        article=unicode_article, start=start, end=start + 15, surface=text[start : start + 15]
    )
    page = open_page(carol, f"/articles/{unicode_article.pk}/")
    page.click(f"#figure-row-{figure.pk} [data-load-editor]")
    page.wait_for_selector("[data-editor] [data-command=use-selection]")
    page.evaluate(SELECT, "1,234")
    page.click("[data-editor] [data-command=use-selection]")
    assert page.input_value("[data-editor] input[name=end]") == str(start + 5)
    assert "“1,234”" in page.locator("[data-status]").text_content()
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("[data-status][data-level=success]")
    figure.refresh_from_db()
    assert (figure.start, figure.end, figure.surface) == (start, start + 5, "1,234")


def test_a_stale_edit_is_refused_and_shown(
    open_page: Any, carol: User, dave: User, unicode_article: Article
) -> None:
    figure = _figure(unicode_article, "67,000")
    page = open_page(carol, f"/articles/{unicode_article.pk}/")
    # Meanwhile dave rejects it on his own page.
    figure.set_state(Figure.State.REJECTED)
    page.keyboard.press("j")
    page.keyboard.press("c")
    status = page.wait_for_selector("[data-status][data-level=error]")
    assert "Not saved" in status.text_content()
    assert "state: suggested → rejected" in status.text_content()
    page.wait_for_selector(f"#figure-row-{figure.pk}.figure--rejected")
    figure.refresh_from_db()
    assert figure.state == "rejected"


def test_the_sample_article_in_the_workspace(open_page: Any, carol: User, tmp_path: Path) -> None:
    """The README's screenshot: `make screenshots` writes it to docs/screenshots/."""
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    article = Article.objects.get(collection__slug="cac-self-media", language="en")
    figures = list(article.figures.order_by("start"))
    assert figures, "the demo article has suggested figures"
    for figure in figures[:4]:
        figure.set_state(Figure.State.CONFIRMED)
    text = article.text
    start = text.index("China‘s State Internet")
    end = text.index("were deleted.") + len("were deleted.")
    claim = Claim.objects.create(article=article, start=start, end=end, quote=text[start:end])
    claim.figures.set([f for f in figures if start <= f.start and f.end <= end])
    page = open_page(carol, f"/articles/{article.pk}/", width=1440, height=1000)
    assert page.locator("mark.figure").count() >= len(figures)
    target = Path(os.environ.get("CLAIMDESK_SCREENSHOT_DIR", tmp_path)) / "workspace.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000
