# Two commands set everything up on a fresh machine (Python 3.11+):
#   make report   creates .venv, installs, builds data/papertrends.duckdb from data/raw/, renders _site/
#   make test     creates .venv if needed and runs the whole test suite
# `make help` lists the others.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DB := data/papertrends.duckdb

.PHONY: help install build report test test-fast lint format typecheck docs clean fuzz constraints

help: ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

# constraints.txt pins every package to the version the tests passed with, so two fresh clones get the same.
$(INSTALLED): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $(INSTALLED)

install: $(INSTALLED) ## create .venv with papertrends and the test tools, at the versions of constraints.txt

build: $(INSTALLED) ## build data/papertrends.duckdb from data/raw/ (incremental)
	$(BIN)/papertrends build data/raw --db $(DB)

report: build ## build, then render the report into _site/ (Quarto when on PATH, else the fallback)
	$(BIN)/papertrends report --db $(DB) --out _site

test: $(INSTALLED) ## the whole test suite (browser and Quarto tests skip without Chromium or Quarto, fail under CI=true)
	$(BIN)/python -m pytest

test-fast: $(INSTALLED) ## the unit tests: no browser, no whole-site render, no large build (under a minute)
	$(BIN)/python -m pytest -q -m "not slow and not browser"

lint: $(INSTALLED) ## ruff: lint rules and formatting
	$(BIN)/ruff check analysis tests
	$(BIN)/ruff format --check analysis tests

format: $(INSTALLED) ## ruff: fix what can be fixed and reformat
	$(BIN)/ruff check --fix analysis tests
	$(BIN)/ruff format analysis tests

typecheck: $(INSTALLED) ## mypy over the package
	$(BIN)/mypy

docs: $(INSTALLED) ## regenerate docs/cli.md, docs/schema.md and the settings tables of docs/components.md
	$(BIN)/python -m analysis.docs

clean: ## remove the site, the default database and test artifacts
	rm -rf _site $(DB) $(DB).wal test-artifacts

fuzz: $(INSTALLED) ## a long fuzz run of the claim parser and the readers (not part of make test)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_properties.py -q

# After a change to the dependencies in pyproject.toml: install without the old pins, then record the new ones.
constraints: ## re-resolve the dependencies and record them in constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	{ sed -n '1,2p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -iv '^papertrends'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
