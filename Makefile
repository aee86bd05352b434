# Two commands: `make run` (the chat UI) and `make test`. Each sets up .venv on first use (and again when
# pyproject.toml or constraints.txt changes), installing torch's CPU build first so nothing pulls CUDA
# packages. constraints.txt pins every package to the versions the tests last passed with.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --quiet --constraint constraints.txt
READY := $(VENV)/.installed
# The tests also need the LLM extras (llama-cpp-python builds from source: several minutes, once).
TEST_READY := $(VENV)/.installed-test
CHROMIUM := /usr/bin/chromium
BENCH := ../shared/bench/multihop_rag
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# llama.cpp is compiled for a portable x86-64 level, never for the build machine's own CPU: a native
# build (-march=native) on a CPU with AVX-512/AMX segfaults at the first generation on these machines,
# and a wheel built on one machine must run on the next. AVX2+FMA+F16C where the CPU has AVX2, plain
# SSE otherwise. A GPU or a newer CPU can pass its own, e.g.
#   make test LLAMA_CMAKE_ARGS="-DGGML_CUDA=ON"   (README: "The local model")
HAS_AVX2 := $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo yes)
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF $(if $(HAS_AVX2),-DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON,-DGGML_AVX=OFF -DGGML_AVX2=OFF -DGGML_FMA=OFF -DGGML_F16C=OFF)
# One key per set of flags and pinned version: changing either rebuilds llama-cpp-python. The wheel
# built for a key is kept in the user's cache, so the next fresh clone installs it instead of
# compiling again (pip's own wheel cache cannot be used: it would hand back a build with other flags).
LLAMA_KEY := $(shell (printf '%s' '$(LLAMA_CMAKE_ARGS)'; grep -i '^llama.cpp.python==' constraints.txt) | md5sum | cut -c1-12)
LLAMA_STAMP := $(VENV)/.llama-$(LLAMA_KEY)
LLAMA_WHEELS := $(HOME)/.cache/qa/llama-wheels/$(LLAMA_KEY)

.PHONY: run test lint doctor

$(READY): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.3
	$(PIP) torch==2.13.0
	$(PIP) -e .
	touch $@

$(LLAMA_STAMP): $(READY) constraints.txt
	rm -f $(VENV)/.llama-*
	ls $(LLAMA_WHEELS)/llama_cpp_python-*.whl >/dev/null 2>&1 || CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" \
		$(BIN)/pip wheel --quiet --no-deps --no-cache-dir --constraint constraints.txt \
		--wheel-dir $(LLAMA_WHEELS) llama-cpp-python
	$(PIP) --force-reinstall --no-deps $(LLAMA_WHEELS)/llama_cpp_python-*.whl
	$(PIP) 'llama-cpp-python[server]'
	printf '%s\n' '$(LLAMA_CMAKE_ARGS)' > $(VENV)/llama-cmake-args.txt
	touch $@

$(TEST_READY): $(READY) $(LLAMA_STAMP)
	$(PIP) -e '.[test,local-llm,openai,ollama]'
	touch $@

run: $(READY)
	$(BIN)/python app.py

# What a new machine has: CPU features, the llama.cpp build, the model files, a 5-token generation.
doctor: $(TEST_READY)
	$(BIN)/qa doctor

# The browser tests drive Debian's Chromium (Playwright's own browser download does not work offline).
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

lint: $(TEST_READY)
	$(BIN)/ruff check qa tests evals app.py
	$(BIN)/mypy

test: $(TEST_READY) $(CHROMIUM) lint
	$(BIN)/python -m pytest
	$(BIN)/qa eval --check   # answer quality on the seed gold set must not regress (evals/thresholds.json)
	# When ../shared has the MultiHop-RAG benchmark: every dev query answered over the whole bench
	# corpus, held to the retrieval and answer gates (evals/thresholds_multihop.json), the news gold
	# set over 30 of its articles (evals/thresholds_news.json) and a new user's questions over 17
	# others (evals/thresholds_trial.json), from the same cached store.
	if [ -f $(BENCH)/corpus.json ]; then $(BIN)/qa eval multihop --corpus $(BENCH)/corpus.json \
		--queries $(BENCH)/queries_dev.json --check && \
		$(BIN)/qa eval --gold news --corpus $(BENCH)/corpus.json --check && \
		$(BIN)/qa eval --gold trial --corpus $(BENCH)/corpus.json --check; fi
