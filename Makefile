# Two commands do all the set-up on a fresh machine:
#   make report   create .venv, install everything, check seeds/ -> reports/
#   make test     the whole test suite (slow model tests included)
#   make check    the CI gate on seeds/ with the committed decisions (seeds/reviews.toml)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install report test test-fast check bench gate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch first and exactly: any other spec pulls gigabytes of CUDA wheels
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

report: $(STAMP)
	$(PY) -m crosscheck run seeds/ --out reports

test: $(STAMP)
	$(PY) -m pytest -q

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

check: $(STAMP)
	$(PY) -m crosscheck check seeds/

# bench: seeds, BASIL and generated corpora (BENCH_SIZES articles each) -> table + reports/bench/
BASIL       ?= ../shared/corpora/basil
BENCH_SIZES ?= 3000 10000 30000
bench: $(STAMP)
	$(PY) -m benchmarks --basil $(BASIL) --sizes $(BENCH_SIZES)

# gate: the int8 embedding backend against fp32 on BASIL (cosine, links, changed findings)
gate: $(STAMP)
	$(PY) -m benchmarks.embed_gate --corpus $(BASIL)

clean:
	rm -rf $(VENV) .cache reports/*.md reports/*.json
