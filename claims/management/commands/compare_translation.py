"""`python manage.py compare_translation ORIGINAL_FILE TRANSLATION_FILE [--json]`, or
`--article A --original B` for two stored articles (A the translation, B its original).

Aligns the translation's figures with the original's (`claims.translations.compare_texts`)
and prints the alignment and what changed: one line per change, weak ones (noun, event)
marked, then the figure pairs. `--json` writes the languages, the alignment and the changes
with their spans (Unicode code points). Files are read as UTF-8 (NFC, \\n line endings, as
an import stores them); `--original-language`/`--translation-language` override detection.
Like the other commands it has no access check: it runs with the server's rights.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import Article
from claims.translations import Comparison, compare_texts


def read_text_file(path: str) -> str:
    """The text of ``path`` as an import stores it, or a CommandError naming the file."""
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"{path}: no such file.")
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise CommandError(f"{path}: cannot be read ({error.strerror}).") from error
    if b"\x00" in raw:
        raise CommandError(f"{path}: a binary file, not text.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{path}: not UTF-8 text (byte {error.start} cannot be decoded)."
        ) from error
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


class Command(BaseCommand):
    help = "Align a translation's figures with its original's and list what changed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", help="ORIGINAL_FILE TRANSLATION_FILE")
        parser.add_argument("--article", type=int, help="The translation, a stored article.")
        parser.add_argument("--original", type=int, help="Its original, a stored article.")
        parser.add_argument("--original-language", help="ISO 639-1 code (else detected).")
        parser.add_argument("--translation-language", help="ISO 639-1 code (else detected).")
        parser.add_argument("--json", action="store_true", help="Write the result as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[str] = options["files"]
        languages = (options["original_language"], options["translation_language"])
        if options["article"] is not None or options["original"] is not None:
            if files:
                raise CommandError("Give two files or --article and --original, not both.")
            if options["article"] is None or options["original"] is None:
                raise CommandError("--article and --original go together.")
            translation_article = self._article(options["article"])
            original_article = self._article(options["original"])
            original, translation = original_article.text, translation_article.text
            languages = (
                languages[0] or original_article.language,
                languages[1] or translation_article.language,
            )
        elif len(files) == 2:
            original, translation = read_text_file(files[0]), read_text_file(files[1])
        else:
            raise CommandError("Give ORIGINAL_FILE TRANSLATION_FILE, or --article A --original B.")
        result = compare_texts(
            original,
            translation,
            original_language=languages[0],
            translation_language=languages[1],
        )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
            return
        self._print(result)

    def _article(self, pk: int) -> Article:
        article = Article.objects.filter(pk=pk).first()
        if article is None:
            raise CommandError(f"There is no article {pk}.")
        return article

    def _print(self, result: Comparison) -> None:
        self.stdout.write(
            f"Original in {result.original_language}, translation in {result.translation_language}."
        )
        for change in result.changes:
            weak = " (weaker signal)" if change.weak else ""
            self.stdout.write(f"[{change.kind}]{weak} {change.explanation}")
        aligned = [p for p in result.alignment if p.original and p.translation]
        self.stdout.write(
            f"{len(result.changes)} change(s); {len(aligned)} figure(s) aligned of "
            f"{sum(1 for p in result.alignment if p.original)} in the original and "
            f"{sum(1 for p in result.alignment if p.translation)} in the translation."
        )
        for pair in result.alignment:
            left = pair.original.surface if pair.original else "—"
            right = pair.translation.surface if pair.translation else "—"
            self.stdout.write(f"  {left} | {right}: {pair.explanation}")
