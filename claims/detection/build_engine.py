"""Build the compiled figure engine: ``python -m claims.detection.build_engine [--force]``.

``make engine`` runs it (with the build group installed). It rebuilds only when a compiled
module's source, Python or mypy changed since the last build; :mod:`claims.detection.compiled`
says what is compiled and when the build serves. A build that fails (no C compiler, say) is
reported and exits 0, since the Python source then serves with the same results; ``--strict``
makes it exit 1 instead.
"""

from __future__ import annotations

import sys

from . import compiled


def main(argv: list[str]) -> int:
    if compiled.COMPILED:
        # the build is loaded in this process (CLAIMDESK_DETECTION was not python); a new
        # directory replaces the old one whole, so building beside it is still safe
        print("note: the compiled engine is loaded in this process; building beside it")
    try:
        built = compiled.build(force="--force" in argv)
    except (Exception, SystemExit) as error:  # setuptools reports a failed compiler as SystemExit
        print(f"could not compile the figure engine ({error}); the Python source serves instead")
        return 1 if "--strict" in argv else 0
    where = compiled.BUILD_DIR.relative_to(compiled.ROOT)
    print(f"compiled figure engine {'built' if built else 'up to date'} in {where}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
