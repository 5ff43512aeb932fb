"""The compiled figure engine: the detection modules built as C extensions by mypyc.

mypyc (it ships with mypy) compiles the engine's typed modules, unchanged, into one extension
library; the compiled modules give the same figures as the Python source (the suite runs on both,
and ``bench/detection_golden.py --check`` compares every reading of the corpus) about 1.6 times
faster. ``make engine`` builds them (``python -m claims.detection.build_engine``); nothing else needs
to change, and the runtime needs neither mypy nor setuptools.

:func:`activate`, called first by ``claims/detection/__init__.py``, puts the build in front of
the source, but only when its stamp names the current source of every compiled module, this
Python and this mypy: a stale build (a source edited since, another interpreter) is never loaded,
and the Python source serves instead. ``CLAIMDESK_DETECTION=python`` asks for the Python source
whatever is built (the PostgreSQL run of ``.ci/run`` uses it, so the suite runs on both).

This module is never compiled itself, and imports nothing of the engine.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import sysconfig
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent.parent
BUILD_DIR = ROOT / "build" / "detection"
STAMP_NAME = "STAMP.json"
GROUP = "claimdesk_detection"

# The modules compiled, by name inside claims/detection/. model.py stays Python: the rest of
# Claimdesk uses its DetectedFigure and Qualifier (found.detected builds the figures through the
# slot descriptors of the Python class). languages/ stays Python
# too: it dispatches by importlib and calls into Django's side (articles.language).
MODULES = (
    "numerals",
    "sentences",
    "lexicon",
    "units",
    "found",
    "english_patterns",
    "english_nouns",
    "english_exclusions",
    "figures",
    "engine_patterns",
    "engine_nouns",
    "engine_exclusions",
    "engine",
    "attribution",
)

# Set by activate(): whether the compiled modules serve this process.
COMPILED = False


def _environment() -> dict[str, str]:
    """What a build depends on besides the sources."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        mypy_version = version("mypy")
    except PackageNotFoundError:  # serving without the build group: a build can still be used
        mypy_version = ""
    return {
        "python": sys.version,
        "abi": str(sysconfig.get_config_var("EXT_SUFFIX")),
        "mypy": mypy_version,
    }


def sources_digest() -> dict[str, str]:
    """sha256 of the source of each compiled module."""
    return {
        name: hashlib.sha256((PACKAGE_DIR / f"{name}.py").read_bytes()).hexdigest()
        for name in MODULES
    }


def _read_stamp(build_dir: Path) -> dict[str, object] | None:
    try:
        stamp = json.loads((build_dir / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def is_current(build_dir: Path = BUILD_DIR, *, check_mypy: bool = True) -> bool:
    """Whether the build in ``build_dir`` was made from the current sources by this Python.

    ``check_mypy`` False accepts a build made by another mypy (serving, where mypy may not be
    installed, uses a build as it finds it; ``make engine`` rebuilds when mypy changed).
    """
    stamp = _read_stamp(build_dir)
    if stamp is None:
        return False
    environment = _environment()
    if stamp.get("python") != environment["python"] or stamp.get("abi") != environment["abi"]:
        return False
    if check_mypy and stamp.get("mypy") != environment["mypy"]:
        return False
    return stamp.get("sources") == sources_digest()


def activate(package_path: list[str]) -> bool:
    """Serve the compiled modules, if a current build exists and the environment allows it.

    ``package_path`` is the ``__path__`` of ``claims.detection``: the build's package directory
    goes in front of it, so ``claims.detection.figures`` is found as the extension first; the
    build's root joins ``sys.path`` for the library every compiled module loads.
    """
    global COMPILED
    if os.environ.get("CLAIMDESK_DETECTION", "").strip().lower() == "python":
        return False
    if not is_current(check_mypy=False):
        return False
    compiled_package = str(BUILD_DIR / "claims" / "detection")
    if compiled_package not in package_path:
        package_path.insert(0, compiled_package)
    if str(BUILD_DIR) not in sys.path:
        sys.path.append(str(BUILD_DIR))
    COMPILED = True
    return True


def build(build_dir: Path = BUILD_DIR, *, force: bool = False) -> bool:
    """Compile :data:`MODULES` into ``build_dir``; False when the build there is current.

    The new build is made beside the old one and moved into place whole, so a process that has
    the old one loaded, or a suite reading it, never sees half a build.
    """
    if not force and is_current(build_dir):
        return False
    from mypyc.build import mypycify  # the build group: mypy and setuptools
    from setuptools import setup

    build_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = build_dir.with_name(f"{build_dir.name}.new-{os.getpid()}")
    temp = build_dir.with_name(f"{build_dir.name}.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    digest = sources_digest()
    cwd = os.getcwd()
    os.chdir(ROOT)  # mypycify names the modules by their paths from the project root
    try:
        extensions = mypycify(
            [
                # the engine is plain Python: no Django plugin, no project-wide options
                "--config-file=",
                f"--cache-dir={temp / 'mypy-cache'}",
                "--python-version=3.11",
                "--follow-imports=silent",
                "--ignore-missing-imports",
                *(f"claims/detection/{name}.py" for name in MODULES),
            ],
            group_name=GROUP,
            target_dir=str(temp / "c"),
            opt_level="3",
        )
        setup(
            name=GROUP,
            packages=[],
            py_modules=[],
            ext_modules=extensions,
            script_args=[
                "--quiet",
                "build_ext",
                "--build-lib",
                str(staging),
                "--build-temp",
                str(temp / "obj"),
            ],
        )
    finally:
        os.chdir(cwd)
        shutil.rmtree(temp, ignore_errors=True)
    if sources_digest() != digest:  # a source changed while compiling: do not stamp it
        shutil.rmtree(staging, ignore_errors=True)
        raise RuntimeError("a compiled module's source changed during the build; run it again")
    stamp = {**_environment(), "modules": list(MODULES), "sources": digest}
    (staging / STAMP_NAME).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    old = build_dir.with_name(f"{build_dir.name}.old-{os.getpid()}")
    if build_dir.exists():
        build_dir.rename(old)
    staging.rename(build_dir)
    shutil.rmtree(old, ignore_errors=True)
    return True
