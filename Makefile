# The two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
DEV_STAMP := $(STAMP)-dev

.PHONY: run test install dev lint typecheck clean

# Sets up, loads the example, runs today's daily check (reminders land in var/outbox), shows
# the areas, then serves the scheduled flows on a local Prefect server and the web app on
# http://127.0.0.1:8000/ until Ctrl-C.
run: $(STAMP)
	$(BIN)/closeout run

test: $(DEV_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

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
