# Two commands do all the set-up on a fresh machine:
#   make run    venv, install, migrate, seed the demo, serve on http://127.0.0.1:5000
#   make test   venv, install, system packages for rendering/browser tests, lint, the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_PASSWORD ?= CangLong@2023
export FLASK_APP := wsgi

.PHONY: run test test-any-hour lint install install-dev system-packages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

system-packages:
	bash scripts/install-system-packages.sh

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo --password "$(DEMO_PASSWORD)"
	$(BIN)/flask run --host 127.0.0.1 --port 5000

lint: install-dev
	$(BIN)/ruff check .

test: install-dev system-packages lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The suite at UTC-11, UTC+14 and with every clock at 31 December 23:30 UTC (needs faketime).
test-any-hour: install-dev system-packages
	bash scripts/test-any-hour.sh

bench: install-dev
	$(BIN)/python bench/bench_workflow.py

clean:
	rm -rf $(VENV) .pytest_cache
