# Claimdesk: `make run` sets up and serves the demo; `make test` sets up and runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck pytest demo migrate graph clean chromium screenshots

# The virtual environment is rebuilt whenever requirements.txt changes.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo

run: demo
	@echo "Serving Claimdesk on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy .

pytest: $(VENV)/.installed chromium
	$(PY) -m pytest $(PYTEST_ARGS)

# Annotation workspace (issue 4): the browser tests drive Debian's chromium through Playwright
# (Playwright's own browser downloads are not used).
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The README's screenshot of the sample article in the workspace, taken by the browser tests.
screenshots: $(VENV)/.installed chromium
	CLAIMDESK_SCREENSHOT_DIR=docs/screenshots $(PY) -m pytest articles/tests/browser -k sample_article

test: lint typecheck pytest

# The model diagram in docs/ (needs graphviz's dot: apt-get install graphviz).
graph: $(VENV)/.installed
	$(PY) manage.py graph_models articles claims --dot -o docs/models.dot
	dot -Tsvg docs/models.dot -o docs/models.svg

clean:
	rm -rf $(VENV) staticfiles .mypy_cache .ruff_cache
