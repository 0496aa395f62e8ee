# `make run` and `make test` each do all of their own set-up on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test test-fast install lint typecheck unit i18n docs bench bench-check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# `make run PORT=8080` serves on another port.
run: install
	$(VENV)/bin/mgcoach serve $(if $(PORT),--port $(PORT))

test: install lint typecheck unit

lint: install
	$(VENV)/bin/ruff check src tests tools bench
	$(VENV)/bin/ruff format --check src tests tools bench
	$(VENV)/bin/lint-imports

typecheck: install
	$(VENV)/bin/mypy

# pytest exits 5 when it collects no test; treat that as a failure of the suite's promise.
unit: install
	$(PY) -m pytest -q -p no:cacheprovider; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc

# The contributor's loop (about a minute): engine, knowledge, contract and CLI on SQLite, no
# PostgreSQL, browser, fuzzing or full-SR28 tests (the markers are given in tests/conftest.py).
FAST_MARKS := not postgres and not browser and not fuzz and not sr28
test-fast: install
	$(PY) -m pytest -q -p no:cacheprovider -m "$(FAST_MARKS)" \
		tests/engine tests/knowledge tests/cli tests/test_i18n.py tests/test_docs.py

# Re-extract user-facing strings and merge them into the en and nl catalogs.
i18n: install
	$(PY) tools/i18n.py

# Regenerate docs/cli.md from the CLI (a test fails when it is stale).
docs: install
	$(PY) tools/cli_docs.py

bench: install
	$(PY) bench/run.py
	$(PY) bench/foods.py
	$(PY) bench/journal.py
	$(PY) bench/population.py
	$(PY) bench/cli.py
	$(PY) bench/pages.py
	$(PY) bench/web.py
	$(PY) bench/install_size.py

# Issue 19's figures, each beside its baseline from the same run and the ratio; exits non-zero
# when a goal is missed. Not part of `make test`: timing on a shared machine is noisy.
bench-check: install
	$(PY) bench/check.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
