# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run serve-prod test lint format spec migrate seed bench-extract soak clean

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

bench-extract: install
	$(BIN)/python bench/extraction.py --mb 1.0 --runs 5

soak: install
	$(BIN)/python bench/soak.py --seconds 60 --clients 8

clean:
	rm -rf $(VENV) instance .pytest_cache
