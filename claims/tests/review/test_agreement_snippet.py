"""The pandas snippet in docs/data-format.md ("Agreement outside Claimdesk") recomputes, from a
claimdesk/2 export, the figure-span agreement `manage.py agreement` reports."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command

DOC = settings.BASE_DIR / "docs" / "data-format.md"


def _snippet() -> str:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(
        r"<!-- agreement-snippet -->\n```python\n(.*?)```\n<!-- /agreement-snippet -->", text, re.S
    )
    assert block is not None, "the snippet's markers are missing from docs/data-format.md"
    return block[1]


def test_the_documented_snippet_gives_the_commands_figure_span_agreement(
    db: None, tmp_path: Path, capsys: Any
) -> None:
    call_command("demo")
    path = tmp_path / "demo.jsonl"
    call_command("export_dataset", "--format", "jsonl", "--no-findings", "-o", str(path))
    out = StringIO()
    call_command("agreement", "--collection", "cac-self-media", "--json", stdout=out)
    report = json.loads(out.getvalue())
    expected = {
        (pair["a"], pair["b"]): pair["figure_spans_exact"]["f1"] for pair in report["pairs"]
    }
    assert expected and all(value is not None for value in expected.values())

    scope: dict[str, Any] = {"path": str(path)}
    exec(compile(_snippet(), str(DOC), "exec"), scope)
    assert scope["f1"] == expected
    # The value the doc's comment quotes is the demo's.
    assert f"# {scope['f1']}, as `manage.py agreement` reports" in _snippet()
