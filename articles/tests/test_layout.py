"""The layout rule of CONVENTIONS.md: `articles` imports nothing from `claims` (its tests may, to
build figures and claims). The import steps that are claims' work go through articles/hooks.py."""

import ast
from pathlib import Path

import articles
from articles import hooks
from claims.consistency.store import refresh_stale
from claims.services import articles_detect

ARTICLES = Path(articles.__file__).parent


def _claims_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found += [
            f"{path.relative_to(ARTICLES)}:{node.lineno} {name}"
            for name in names
            if name.split(".")[0] == "claims"
        ]
    return found


def test_articles_code_imports_nothing_from_claims() -> None:
    modules = [p for p in ARTICLES.rglob("*.py") if "tests" not in p.relative_to(ARTICLES).parts]
    assert len(modules) > 20  # the walk found the app
    assert [found for path in modules for found in _claims_imports(path)] == []


def test_the_claims_app_registers_the_import_steps() -> None:
    assert hooks._steps.detect is articles_detect
    assert hooks._steps.store_findings is refresh_stale
