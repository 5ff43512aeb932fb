"""The compiled figure engine (claims/detection/compiled.py): same figures as the Python source,
loaded only when current, and the Python source on request.

The suite runs on both engines: `.ci/run` runs it once with the compiled engine (SQLite) and once
with CLAIMDESK_DETECTION=python (PostgreSQL). These tests compare the two directly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claims.detection import compiled

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def current_build() -> Path:
    """The build in build/detection/, made now if it is missing or stale (as `make engine`)."""
    compiled.build()
    assert compiled.is_current()
    return compiled.BUILD_DIR


def _run(code: str, *, engine: str | None, extra: list[str] | None = None) -> subprocess.Popen:
    environment = {key: value for key, value in os.environ.items() if key != "CLAIMDESK_DETECTION"}
    if engine is not None:
        environment["CLAIMDESK_DETECTION"] = engine
    return subprocess.Popen(
        [sys.executable, *(["-c", code] if code else []), *(extra or [])],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


_WHICH = (
    "import json, claims.detection.figures as f, claims.detection.engine as e;"
    "from claims.detection import compiled;"
    "print(json.dumps([compiled.COMPILED, f.__file__, e.__file__]))"
)


def _which(engine: str | None) -> tuple[bool, str, str]:
    process = _run(_WHICH, engine=engine)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    is_compiled, figures_file, engine_file = json.loads(out)
    return is_compiled, figures_file, engine_file


def test_a_current_build_serves_and_python_serves_on_request(current_build):
    is_compiled, figures_file, engine_file = _which(None)
    assert is_compiled is True
    assert figures_file.startswith(str(current_build)) and figures_file.endswith(".so")
    assert engine_file.startswith(str(current_build)) and engine_file.endswith(".so")

    is_compiled, figures_file, engine_file = _which("python")
    assert is_compiled is False
    assert figures_file == str(ROOT / "claims" / "detection" / "figures.py")
    assert engine_file == str(ROOT / "claims" / "detection" / "engine.py")


def test_the_compiled_engine_reads_every_golden_text_as_the_python_source(current_build, tmp_path):
    """Every field of every figure and attribution over the golden texts (corpus of every
    language, the detection tests' literals, generated number-like strings), in five languages
    and with language=None: the two dumps are the same line for line."""
    golden = str(ROOT / "bench" / "detection_golden.py")
    dumps = {engine: tmp_path / f"{engine}.txt" for engine in ("compiled", "python")}
    processes = {
        engine: _run("", engine=engine, extra=[golden, "--write", str(path)])
        for engine, path in dumps.items()
    }
    for engine, process in processes.items():
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, f"{engine}: {err}"
    compiled_lines = dumps["compiled"].read_text(encoding="utf-8").splitlines()
    python_lines = dumps["python"].read_text(encoding="utf-8").splitlines()
    assert len(compiled_lines) == len(python_lines) > 40_000
    differing = [(a, b) for a, b in zip(python_lines, compiled_lines, strict=True) if a != b]
    assert differing == [], differing[:3]


def _stamp_copy(build_dir: Path, tmp_path: Path, **changes: object) -> Path:
    stamp = json.loads((build_dir / compiled.STAMP_NAME).read_text(encoding="utf-8"))
    stamp.update(changes)
    copy = tmp_path / "detection"
    copy.mkdir()
    (copy / compiled.STAMP_NAME).write_text(json.dumps(stamp), encoding="utf-8")
    return copy


def test_the_stamp_names_every_compiled_source(current_build, tmp_path):
    stamp = json.loads((current_build / compiled.STAMP_NAME).read_text(encoding="utf-8"))
    assert stamp["modules"] == list(compiled.MODULES)
    assert set(stamp["sources"]) == set(compiled.MODULES)
    assert stamp["sources"] == compiled.sources_digest()
    assert compiled.is_current(_stamp_copy(current_build, tmp_path))


def test_a_build_of_an_edited_source_is_stale(current_build, tmp_path):
    sources = {**compiled.sources_digest(), "figures": "0" * 64}
    assert not compiled.is_current(_stamp_copy(current_build, tmp_path, sources=sources))


def test_a_build_by_another_python_is_stale(current_build, tmp_path):
    assert not compiled.is_current(_stamp_copy(current_build, tmp_path, python="3.11.0 (other)"))


def test_a_build_by_another_mypy_serves_but_is_rebuilt(current_build, tmp_path):
    copy = _stamp_copy(current_build, tmp_path, mypy="0.0")
    assert compiled.is_current(copy, check_mypy=False)  # serving takes it
    assert not compiled.is_current(copy)  # make engine rebuilds it


@pytest.mark.parametrize("stamp", ["", "not json", "[]", '{"python": 3}'])
def test_a_missing_or_broken_stamp_is_no_build(tmp_path, stamp):
    assert not compiled.is_current(tmp_path / "absent")
    (tmp_path / compiled.STAMP_NAME).write_text(stamp, encoding="utf-8")
    assert not compiled.is_current(tmp_path)


def test_an_edited_source_falls_back_to_python_in_a_copy_of_the_project(current_build, tmp_path):
    """A checkout whose engine source changed after the build reads with the Python source
    (and its edit takes effect) until the engine is built again."""
    copy = tmp_path / "project"
    (copy / "claims" / "detection").mkdir(parents=True)
    (copy / "claims" / "__init__.py").write_text("", encoding="utf-8")
    source = ROOT / "claims" / "detection"
    for path in source.rglob("*.py"):
        target = copy / "claims" / "detection" / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    # the build as it is, beside the copied source
    subprocess.run(["cp", "-r", str(current_build.parent), str(copy / "build")], check=True)
    code = (
        "from claims.detection import compiled, detect_figures;"
        "print(compiled.COMPILED, [f.surface for f in detect_figures('about 40 people', 'en')])"
    )
    process = _run(code, engine=None)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert out.strip() == "True ['about 40']"

    def in_copy() -> str:
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=copy,
            env={k: v for k, v in os.environ.items() if k != "CLAIMDESK_DETECTION"},
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    assert in_copy() == "True ['about 40']"
    figures = copy / "claims" / "detection" / "figures.py"
    figures.write_text(
        figures.read_text(encoding="utf-8")
        + "\n\n_original = detect_english\n\n\ndef detect_english(text):\n    return []\n",
        encoding="utf-8",
    )
    assert in_copy() == "False []"


def test_a_failed_build_is_reported_and_leaves_the_python_source_serving(monkeypatch, capsys):
    from claims.detection import build_engine

    def no_compiler(**_options: object) -> bool:
        raise SystemExit("error: command 'gcc' failed: No such file or directory")

    monkeypatch.setattr(compiled, "build", no_compiler)
    assert build_engine.main([]) == 0
    assert (
        "could not compile the figure engine (error: command 'gcc' failed"
        in capsys.readouterr().out
    )
    assert build_engine.main(["--strict"]) == 1
