# Claimdesk: `make run` sets up and serves the demo; `make test` sets up and runs every check.
#
# Dependencies: pyproject.toml lists them (runtime `dependencies`; `[dependency-groups]` test, dev,
# bench) and uv.lock pins every package, transitive ones too. uv, pinned here, is installed into
# the venv by pip and installs the rest from the lock (`--frozen`: the lock is used as it is,
# never re-resolved). To add a package, one command:
#     .venv/bin/uv add --no-sync NAME==X.Y                # serving needs it
#     .venv/bin/uv add --no-sync --group bench NAME==X.Y  # or --group test / --group dev
# It edits pyproject.toml and uv.lock together; commit both. The next make installs it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
UV := $(VENV)/bin/uv
UV_SYNC := $(UV) sync --frozen --no-progress --quiet
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast lint typecheck pytest pytest-fast deps-run deps-test demo migrate graph \
	clean chromium screenshots serve-prod bench bench-detection bench-translations bench-evidence \
	engine

$(UV):
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Serving: the runtime dependencies only. `--inexact` leaves the test packages of an earlier
# `make test` in place (a suite may be running from the same venv).
deps-run: $(UV)
	$(UV_SYNC) --inexact

# Checks and tests: every group (test, dev, bench), and nothing that is not in the lock.
deps-test: $(UV)
	$(UV_SYNC) --all-groups

# The compiled figure engine (claims/detection/compiled.py): mypyc, from the build group, compiles
# the engine's modules into build/detection/ (about 30 s; again only when one of their sources,
# Python or mypy changed). The app loads a build only when it matches the source it runs, and the
# Python source gives the same figures without it (CLAIMDESK_DETECTION=python asks for it).
engine: $(UV)
	$(UV_SYNC) --inexact --group build
	CLAIMDESK_DETECTION=python $(PY) -m claims.detection.build_engine

migrate: deps-run
	$(PY) manage.py migrate --noinput

demo: migrate engine
	$(PY) manage.py demo --url http://$(HOST):$(PORT)/

run: demo
	@echo "Serving Claimdesk on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: deps-test
	$(VENV)/bin/ruff check .

typecheck: deps-test
	$(VENV)/bin/mypy .

pytest: deps-test chromium engine
	$(PY) -m pytest $(PYTEST_ARGS)

# Every test but the browser ones (marker `browser`), for quick loops; `make test` runs them all.
pytest-fast: deps-test engine
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

# Annotation workspace (issue 4): the browser tests drive Debian's chromium through Playwright
# (Playwright's own browser downloads are not used).
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The README's screenshots, taken by the browser tests (the side-by-side view shows Chinese:
# a CJK font, WenQuanYi Zen Hei, is installed for it).
screenshots: deps-test chromium
	@fc-list | grep -qi "wenquanyi" || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei; }
	CLAIMDESK_SCREENSHOT_DIR=docs/screenshots $(PY) -m pytest articles/tests/browser -k "sample_article or dashboard_of_the_demo or side_by_side_view or evidence_panel"

test: lint typecheck pytest

# The quality and speed benchmarks of figure detection, translations and evidence, in make's own
# environment, each printing ours beside its baseline (docs/benchmarks.md: the other benches and
# their options). A few minutes on two cores; numbers are CPU seconds of one process.
bench: bench-detection bench-translations bench-evidence

bench-detection: deps-test engine
	$(PY) bench/detection.py

bench-translations: deps-test
	$(PY) bench/translations.py --runs 3

bench-evidence: deps-test
	$(PY) bench/evidence.py --heldout

test-fast: lint typecheck pytest-fast

# The model diagram in docs/ (needs graphviz's dot: apt-get install graphviz).
graph: deps-run
	$(PY) manage.py graph_models articles claims --exclude-models 'Historical*' --dot -o docs/models.dot
	dot -Tsvg docs/models.dot -o docs/models.svg

clean:
	rm -rf $(VENV) staticfiles .mypy_cache .ruff_cache build

# Production on this machine (issue 8; README "Deployment"): the same settings with production
# variables, the local PostgreSQL (database $(PROD_DB), created if missing), static files
# collected for WhiteNoise, gunicorn with $(WORKERS) workers and one task worker (db_worker);
# Ctrl-C stops both. It serves plain HTTP on $(HOST):$(PORT), so the HTTPS-only switches are off
# here; behind a TLS-terminating proxy leave them at their defaults (on when DEBUG=0).
PROD_DB ?= claimdesk
WORKERS ?= 2
THREADS ?= 4
PROD_ENV = DEBUG=0 DATABASE_URL=postgres://postgres@127.0.0.1:5432/$(PROD_DB) \
	TASKS_BACKEND=database ALLOWED_HOSTS=$(HOST),localhost SECRET_KEY="$$(cat .secret_key)" \
	SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0

serve-prod: deps-run engine
	@pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not answering on 127.0.0.1:5432"; exit 1; }
	@psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$(PROD_DB)'" \
		| grep -q 1 || createdb -h 127.0.0.1 -U postgres $(PROD_DB)
	@test -s .secret_key || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > .secret_key
	env $(PROD_ENV) $(PY) manage.py migrate --noinput
	env $(PROD_ENV) $(PY) manage.py collectstatic --noinput -v0
	@echo "Serving Claimdesk (production settings) on http://$(HOST):$(PORT)/ with $(WORKERS) workers and a task worker (Ctrl-C to stop)"
	env $(PROD_ENV) sh -c '$(PY) manage.py db_worker --no-reload --interval 0.5 & worker=$$!; \
		trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
		$(VENV)/bin/gunicorn config.wsgi --workers $(WORKERS) --threads $(THREADS) \
			--bind $(HOST):$(PORT) --timeout 120 --keep-alive 75'
