# Two commands do all set-up on a fresh machine with Python 3.11+:
#   make demo   installs namekit in .venv and dedupes the bundled seed example
#   make test   installs the test tools and runs lint, type checks and the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint quality bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/namekit dedupe examples/seed_mentions.csv --column mention \
		--suggestions examples/seed_mentions.suggestions.csv -o -

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

quality: $(VENV)/.installed-test
	$(BIN)/python bench/quality.py
	$(BIN)/python tools/embed_quality.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
