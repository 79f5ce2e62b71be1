# The two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
DEV_STAMP := $(STAMP)-dev

.PHONY: run test test-unit test-integration test-e2e install dev lint typecheck clean deploy drills

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

# Registers prefect.yaml's deployments with the Prefect server at PREFECT_API_URL, creating the
# process work pool first when it is missing. Workers started anywhere in a clone of this
# repository (`prefect worker start --pool closeout-process`) then run them.
deploy: $(STAMP)
	@test -n "$$PREFECT_API_URL" || { echo "PREFECT_API_URL is not set: export it as the Prefect server's API, e.g. http://prefect.internal:4200/api" >&2; exit 2; }
	$(BIN)/prefect work-pool inspect closeout-process >/dev/null 2>&1 || $(BIN)/prefect work-pool create closeout-process --type process
	$(BIN)/prefect --no-prompt deploy --all

# The reliability drills (docs/reliability.md): each starts real parts on loopback and prints
# one verdict line. DRILLS_ARGS=--short runs them on small data, as CI does.
drills: $(DEV_STAMP)
	$(BIN)/python drills/run_all.py $(DRILLS_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache
