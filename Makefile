# Two commands: `make run` (the chat UI) and `make test`. Each sets up .venv on first use (and again when
# pyproject.toml changes), installing torch's CPU build first so nothing pulls CUDA packages.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.installed
# The tests also need the LLM extras (llama-cpp-python builds from source: several minutes, once).
TEST_READY := $(VENV)/.installed-test
CHROMIUM := /usr/bin/chromium
BENCH := ../shared/bench/multihop_rag
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: run test lint

$(READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_READY): $(READY)
	$(BIN)/pip install --quiet -e '.[test,local-llm,openai,ollama]'
	touch $@

run: $(READY)
	$(BIN)/python app.py

# The browser tests drive Debian's Chromium (Playwright's own browser download does not work offline).
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

lint: $(TEST_READY)
	$(BIN)/ruff check qa tests evals app.py
	$(BIN)/mypy

test: $(TEST_READY) $(CHROMIUM) lint
	$(BIN)/python -m pytest
	$(BIN)/qa eval --check   # answer quality on the gold set must not regress (evals/thresholds.json)
	# Retrieval on every MultiHop-RAG dev query over the whole bench corpus (when ../shared has it),
	# held to the retrieval targets (evals/thresholds_multihop.json).
	if [ -f $(BENCH)/corpus.json ]; then $(BIN)/qa eval multihop --corpus $(BENCH)/corpus.json \
		--queries $(BENCH)/queries_dev.json --retrieval-only --check; fi
