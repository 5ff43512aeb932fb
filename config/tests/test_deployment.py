"""Production settings (issue 8): the same settings module with production variables."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3Jq9vLr-T2pXw8Z_mN4bYc7Hs1Ud6Fe0Ga5Ri2Ot9Ly3Eu8Kh",
    "ALLOWED_HOSTS": "claimdesk.example",
    "DATABASE_URL": "postgres://claimdesk@db.internal:5432/claimdesk",
    "TASKS_BACKEND": "database",
}

SHOW = """
import json
from django.conf import settings
from django.core.files.storage import storages
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"],
    "conn_max_age": db["CONN_MAX_AGE"],
    "health_checks": db["CONN_HEALTH_CHECKS"],
    "pg_options": db.get("OPTIONS", {}).get("options"),
    "static": type(storages["staticfiles"]).__name__,
    "tasks": settings.TASKS["default"]["BACKEND"],
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
}))
"""


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "DATABASE_URL", "TASKS_BACKEND"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _settings(**env: str) -> dict[str, object]:
    result = _manage("shell", "--verbosity", "0", "-c", SHOW, **env)
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_production_variables_give_a_production_configuration() -> None:
    found = _settings(**PRODUCTION)
    assert found == {
        "engine": "django.db.backends.postgresql",
        "conn_max_age": 60,
        "health_checks": True,
        "pg_options": "-c random_page_cost=1.1 -c jit=off",
        "static": "CompressedManifestStaticFilesStorage",
        "tasks": "django_tasks_db.DatabaseBackend",
        "session_secure": True,
        "csrf_secure": True,
        "hsts": 31536000,
        "ssl_redirect": True,
    }


def test_the_embedded_default_runs_tasks_at_once_and_keeps_no_connections() -> None:
    found = _settings()
    assert found["tasks"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert found["conn_max_age"] == 0 and found["static"] == "StaticFilesStorage"


def test_a_bad_task_backend_names_the_variable() -> None:
    result = _manage("check", TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "TASKS_BACKEND='celery'" in result.stderr


def test_check_deploy_passes_with_the_task_worker_backend() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_collectstatic_writes_a_compressed_manifest(tmp_path: Path) -> None:
    result = _manage("collectstatic", "--noinput", "-v0", STATIC_ROOT=str(tmp_path), **PRODUCTION)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/claimdesk.css"]
    assert hashed != "css/claimdesk.css" and (tmp_path / hashed).exists()
    assert (tmp_path / f"{hashed}.gz").exists()
    # The admin's and htmx's files are served the same way.
    assert "admin/css/base.css" in manifest["paths"]
    assert "django_htmx/htmx-2.min.js" in manifest["paths"]
