# Two commands matter: `make run` (the whole job once, through Airflow) and `make test`.
# Both create .venv and install the locked dependencies on first use.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)

export AIRFLOW_HOME ?= $(CURDIR)/.airflow
export AIRFLOW__CORE__DAGS_FOLDER ?= $(CURDIR)/dags
export AIRFLOW__CORE__LOAD_EXAMPLES ?= False
export AIRFLOW__LOGGING__LOGGING_LEVEL ?= WARNING
export REVIEWS_DATA_DIR ?= $(CURDIR)/.data
export REVIEWS_CONFIG ?= $(CURDIR)/config/demo.yaml
export PYTHONUNBUFFERED := 1

REPORTS := $(CURDIR)/reports
# The sample posts end on 19 November 2026: the demo's report is as of that day, so its windows
# and arrows stay the same whatever day it is run (reports of real data default to now).
DEMO_AS_OF ?= 2026-11-19

SHARED ?= $(CURDIR)/../shared

.PHONY: help install run test lint bench verdicts db-stop clean

help:
	@echo "make run      run the review_monitoring DAG once through Airflow on the demo, then print the report"
	@echo "make test     lint, type-check and run the whole test suite"
	@echo "make lint     ruff and mypy only"
	@echo "make bench    the ten benchmarks of docs/performance.md (five to ten minutes)"
	@echo "make verdicts build the sentence-verdict model again from ../shared (about two minutes)"
	@echo "make db-stop  stop the embedded PostgreSQL under .data/"
	@echo "make clean    remove .venv, .data, .airflow and reports"

install: $(STAMP)

$(STAMP):
	@echo "==> creating $(VENV) with $$($(PYTHON) --version) and installing the locked dependencies (first run only)"
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required: set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

run: $(STAMP)
	@echo "==> database: $${DATABASE_URL:+DATABASE_URL}$${DATABASE_URL:-embedded PostgreSQL under .data/}"
	$(BIN)/python -m pipeline migrate
	@echo "==> Airflow metadata (SQLite under .airflow/)"
	@mkdir -p $(AIRFLOW_HOME)
	$(BIN)/airflow db migrate > $(AIRFLOW_HOME)/db-migrate.log 2>&1 || { tail -20 $(AIRFLOW_HOME)/db-migrate.log; exit 1; }
	@echo "==> running the review_monitoring DAG once over $(REVIEWS_CONFIG) (airflow dags test; log in .airflow/dags-test.log)"
	$(BIN)/airflow dags test review_monitoring > $(AIRFLOW_HOME)/dags-test.log 2>&1 || { grep -E "ERROR|error|Traceback|failed" $(AIRFLOW_HOME)/dags-test.log | tail -30; exit 1; }
	@grep -o "run summary: .*" $(AIRFLOW_HOME)/dags-test.log | tail -1 || true
	@echo "==> alerts (the review_alerts DAG's step) as of $(DEMO_AS_OF)"
	$(BIN)/python -m pipeline alerts --as-of $(DEMO_AS_OF)
	@echo "==> report"
	$(BIN)/python -m pipeline report --as-of $(DEMO_AS_OF) --format json --output $(REPORTS)/report.json
	$(BIN)/python -m pipeline report --as-of $(DEMO_AS_OF) --format html --output $(REPORTS)/report.html
	$(BIN)/python -m pipeline report --as-of $(DEMO_AS_OF)
	@echo "==> HTML report: $(REPORTS)/report.html (JSON: $(REPORTS)/report.json)"

test: $(STAMP) lint
	@echo "==> tests (PostgreSQL: $${DATABASE_URL:+DATABASE_URL}$${DATABASE_URL:-embedded under .data/})"
	$(BIN)/pytest

lint: $(STAMP)
	@echo "==> ruff and mypy"
	$(BIN)/ruff check pipeline dags tests bench
	$(BIN)/ruff format --check pipeline dags tests bench
	$(BIN)/mypy

bench: $(STAMP)
	@echo "==> benchmarks (database: $${DATABASE_URL:+DATABASE_URL}$${DATABASE_URL:-embedded under .data/}; figures also as JSON lines)"
	$(BIN)/python -m bench $(BENCH)

verdicts: $(STAMP)
	$(BIN)/python -m pipeline.nlp.verdicts $(SHARED)

db-stop: $(STAMP)
	$(BIN)/python -m pipeline db stop

clean:
	-[ -x $(BIN)/python ] && $(BIN)/python -m pipeline db stop
	rm -rf $(VENV) .data .airflow $(REPORTS)
