# Two commands set everything up on a fresh machine (Python 3.11+):
#   make report   creates .venv, installs, builds data/papertrends.duckdb from data/raw/, renders _site/
#   make test     creates .venv if needed and runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DB := data/papertrends.duckdb

.PHONY: install build report test clean fuzz constraints docs

# constraints.txt pins every package to the version the tests passed with, so two fresh clones get the same.
$(INSTALLED): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $(INSTALLED)

install: $(INSTALLED)

build: $(INSTALLED)
	$(BIN)/papertrends build data/raw --db $(DB)

report: build
	$(BIN)/papertrends report --db $(DB) --out _site

test: $(INSTALLED)
	$(BIN)/python -m pytest

clean:
	rm -rf _site $(DB) $(DB).wal test-artifacts

# A long fuzz run of the claim parser and the readers (not part of `make test`).
fuzz: $(INSTALLED)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_properties.py -q

# After a change to the dependencies in pyproject.toml: install without the old pins, then record the new ones.
constraints:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	{ sed -n '1,2p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -iv '^papertrends'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

docs: $(INSTALLED)
	$(BIN)/python -m analysis.docs
