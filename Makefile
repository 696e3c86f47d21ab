# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run serve-prod test lint format spec migrate seed bench bench-extract soak clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/flask --app api db upgrade

seed: migrate
	$(BIN)/flask --app api ingest seeds/

run: seed
	$(BIN)/flask --app api run --host 127.0.0.1 --port 5000

serve-prod: seed
	$(BIN)/gunicorn -c gunicorn.conf.py 'api:create_app()'

test: install lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check api extract schemas tests
	$(BIN)/ruff format --check api extract schemas tests

format: install
	$(BIN)/ruff format api extract schemas tests
	$(BIN)/ruff check --fix api extract schemas tests

spec: install
	$(BIN)/flask --app api openapi write -f yaml openapi.yaml

BENCH_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/brief_bench
BENCH_DOCUMENTS ?= 10000

# Serving benchmark: a generated PostgreSQL database, wrk from Debian's packages.
bench: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS brief_bench" -c "CREATE DATABASE brief_bench"
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/flask --app api db upgrade
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/generate.py --documents $(BENCH_DOCUMENTS)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/serving.py --seconds 10 --runs 3

bench-extract: install
	$(BIN)/python bench/extraction.py --mb 1.0 --runs 5

soak: install
	$(BIN)/python bench/soak.py --seconds 60 --clients 8

clean:
	rm -rf $(VENV) instance .pytest_cache
