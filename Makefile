# docket: the whole set-up on a fresh machine is `make serve` (edit and read) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: serve site check test test-deps clean

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

serve: $(BIN)/.installed
	$(BIN)/python build.py serve --port $(PORT)

site: $(BIN)/.installed
	$(BIN)/python build.py build

check: $(BIN)/.installed
	$(BIN)/python build.py check

test: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	$(BIN)/python -m pytest

clean:
	rm -rf _site .docket-cache
