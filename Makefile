# Two commands: `make run` and `make test`. Each sets up .venv on first use (and again when
# pyproject.toml changes), installing torch's CPU build first so nothing pulls CUDA packages.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.installed
QUESTION ?= Who is the Pentagon press secretary?

.PHONY: run test lint

$(READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(READY)
	$(BIN)/qa ingest corpus/
	$(BIN)/qa ask "$(QUESTION)"

lint: $(READY)
	$(BIN)/ruff check qa tests evals
	$(BIN)/mypy

test: $(READY) lint
	$(BIN)/python -m pytest
