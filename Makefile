# Two entry points, both safe to run on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint demo bench screenshot clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Set up and launch the app on the default store.
run: $(STAMP)
	$(BIN)/collab

## Load the demo projects into the default store (refuses a non-empty store).
demo: $(STAMP)
	$(BIN)/collab demo

## Set up and run the whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest -n 3 -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Build the large store afresh, run every benchmark on it, print one table (~5 min on a quiet machine).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_all.py

## Redraw docs/screenshot.png (the README's picture) from its snapshot; needs rsvg-convert.
screenshot: $(STAMP)
	$(BIN)/python scripts/screenshot.py

clean:
	rm -rf $(VENV)
