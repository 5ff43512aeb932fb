"""Settings come from the environment; bad values stop the start with the variable's name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The browser tests allow async-unsafe ORM calls in their own process; a deployment never does.
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_bad_boolean_names_the_variable() -> None:
    result = _manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_a_bad_database_url_names_the_variable() -> None:
    result = _manage("check", DATABASE_URL="mysql://root@localhost/x")
    assert result.returncode != 0
    assert "DATABASE_URL=" in result.stderr and "SQLite and PostgreSQL only" in result.stderr


def test_a_bad_number_names_the_variable() -> None:
    result = _manage("check", SECURE_HSTS_SECONDS="a year")
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS='a year' is not a whole number" in result.stderr


def test_check_deploy_rejects_the_development_secret_key() -> None:
    result = _manage("check", "--deploy", DEBUG="0")
    assert "security.W009" in result.stderr


def test_check_deploy_passes_with_production_variables() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="k3Jq9vLr-T2pXw8Z_mN4bYc7Hs1Ud6Fe0Ga5Ri2Ot9Ly3Eu8Kh",
        ALLOWED_HOSTS="claimdesk.example",
    )
    assert result.returncode == 0, result.stderr


def test_the_sqlite_json_export_path_is_turned_off_by_its_variable() -> None:
    show = "from django.conf import settings; print(settings.CLAIMDESK_EXPORT_SQLITE_JSON)"
    # The shell's last line is what the command printed (Django's shell may say more before).
    assert _manage("shell", "-c", show).stdout.splitlines()[-1] == "True"
    off = _manage("shell", "-c", show, CLAIMDESK_EXPORT_SQLITE_JSON="0")
    assert off.stdout.splitlines()[-1] == "False"
