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

.PHONY: install report test test-fast check eval calibrate probe bench bench-scale gate clean chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch first and exactly: any other spec pulls gigabytes of CUDA wheels
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[test]'
	$(MAKE) --no-print-directory chromium
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests (tests/web/test_browser.py; Playwright drives it by its path,
# `playwright install` is never run). Skipped when it is already there; without apt the tests skip themselves.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; } || \
	  echo "make: chromium not installed (no apt?); the browser tests will be skipped"

report: $(STAMP)
	$(PY) -m crosscheck run seeds/ --out reports

test: $(STAMP) chromium
	$(PY) -m pytest -q

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

check: $(STAMP)
	$(PY) -m crosscheck check seeds/

# eval: seeds, the six dev events, our tune and test halves (eval/labels), the synthetic ones (eval/synth)
#       -> recall, unlabelled, confidence tables
eval: $(STAMP)
	$(PY) eval/evaluate.py

# calibrate: refit the discrepancy confidence (crosscheck/compare/calibration.json) on seeds, dev, tune, synth-tune
calibrate: $(STAMP)
	$(PY) eval/evaluate.py seeds dev tune synth-tune --fit-calibration

# probe: re-reported copies of BASIL sentences with logged edits of the shapes missed on unseen news -> recall per edit
probe: $(STAMP)
	$(PY) -m benchmarks.probe --articles 600 --seed 1 --json reports/probe/probe-600-s1.json

# bench: seeds, BASIL and generated corpora (BENCH_SIZES articles each) -> table + reports/bench/
BASIL       ?= ../shared/corpora/basil
BENCH_SIZES ?= 3000 10000 30000
bench: $(STAMP)
	$(PY) -m benchmarks --basil $(BASIL) --sizes $(BENCH_SIZES)

# bench-scale: a generated archive of SCALE_ARTICLES through the Dask engine on a 2-worker LocalCluster
SCALE_ARTICLES ?= 100000
bench-scale: $(STAMP)
	$(PY) -m benchmarks.bench_scale --basil $(BASIL) --articles $(SCALE_ARTICLES) --workers 2

# gate: the int8 embedding backend against fp32 on BASIL (cosine, links, changed findings)
gate: $(STAMP)
	$(PY) -m benchmarks.embed_gate --corpus $(BASIL)

clean:
	rm -rf $(VENV) .cache reports/*.md reports/*.json
