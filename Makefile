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

# Speed, memory and quality on ../shared/bench/gen_names.py's workload (bench/README.md);
# pass options with BENCH_ARGS, e.g. make bench BENCH_ARGS="--sizes 10k,100k,1M".
# The generator's output depends on faker and pypinyin, so they are pinned here. The
# anchors (Splink, dedupe) run only when already installed (a `bench` extra, not here).
bench: $(VENV)/.installed
	$(BIN)/python -c "from importlib.metadata import version as v; \
		raise SystemExit(v('faker') != '40.63.0' or v('pypinyin') != '0.55.0')" 2>/dev/null \
		|| $(BIN)/python -m pip install --quiet faker==40.63.0 pypinyin==0.55.0
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
