# The two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
DEV_STAMP := $(STAMP)-dev

.PHONY: run test test-unit test-integration test-e2e install dev lint typecheck clean

# Sets up, loads the example, runs today's daily check (reminders land in var/outbox), shows
# the areas, then serves the scheduled flows on a local Prefect server and the web app on
# http://127.0.0.1:8000/ until Ctrl-C.
run: $(STAMP)
	$(BIN)/closeout run

# Every test, on every core (pytest-xdist; tests/parallel.py keeps PostgreSQL and the Prefect
# test server to one each). A run in which no test ran fails. The tiers (tests/tiers.py) pick
# tests by what they need: unit (nothing outside Python; quick enough to run on one core),
# integration (SQLite, PostgreSQL, SMTP or HTTP receivers), e2e (Chromium, Prefect).
PYTEST := $(BIN)/python -m pytest
WORKERS ?= auto

test: $(DEV_STAMP)
	$(PYTEST) -n $(WORKERS) $(PYTEST_ARGS)

test-unit: $(DEV_STAMP)
	$(PYTEST) -m unit $(PYTEST_ARGS)

test-integration: $(DEV_STAMP)
	$(PYTEST) -n $(WORKERS) -m integration $(PYTEST_ARGS)

test-e2e: $(DEV_STAMP)
	$(PYTEST) -n $(WORKERS) -m e2e $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(VENV)/bin/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	-$(BIN)/python -m web.assets
	touch $@

$(DEV_STAMP): $(VENV)/bin/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	-$(BIN)/python -m web.assets
	touch $(STAMP) $@

clean:
	rm -rf $(VENV) var .pytest_cache
