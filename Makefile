# One entry point for people and CI. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Production settings with throwaway values, only for `check --deploy`.
DEPLOY_CHECK_ENV := DJANGO_SETTINGS_MODULE=inspectorate_site.settings.production \
	SECRET_KEY=deploy-check-$$(date +%s)-only-not-a-real-secret-0123456789abcdefghijklmnop \
	ALLOWED_HOSTS=www.example.org SITE_URL=https://www.example.org REDIS_URL=redis://127.0.0.1:6379/0

.PHONY: help install run serve migrate static demo test test-sqlite lint format check ci bench drill two-servers clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt constraints.txt
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.installed ## Create .venv and install Python and npm dependencies

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

static: install ## Collect static files (design system included) for whitenoise
	$(MANAGE) collectstatic --noinput --verbosity 0

demo: migrate ## Load the demo content and staff users (idempotent)
	$(MANAGE) load_demo_data

run: migrate static demo ## Set everything up and serve the demo site at http://127.0.0.1:8000
	$(MANAGE) runserver $(HOST):$(PORT)

serve: install ## Serve with gunicorn and production settings (set SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL...)
	DJANGO_SETTINGS_MODULE=inspectorate_site.settings.production \
		$(BIN)/gunicorn inspectorate_site.wsgi --bind $(HOST):$(PORT) --workers 3 --access-logfile -

test: install ## Run the whole test suite (browser tests skip, and say so, without Chromium)
	$(BIN)/pytest

test-sqlite: install ## The site search's tests again on the embedded SQLite default (CI runs both)
	env -u DATABASE_URL -u REDIS_URL $(BIN)/pytest tests/site_search -q

lint: install ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Fix what ruff can
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Deploy checks with production settings, and no missing migrations
	$(DEPLOY_CHECK_ENV) $(MANAGE) check --deploy --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

ci: lint check test test-sqlite ## What CI runs (see .ci/run for the services it starts)

BENCHMARKS := bench/pages.py bench/publications.py bench/services_registry.py bench/two_servers.py

bench: install ## Load benchmarks on PostgreSQL + Redis under gunicorn: print figures and ratios
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	@for script in $(BENCHMARKS); do $(BIN)/python $$script || exit 1; done

drill: install ## Outage drill: complaints while PostgreSQL hangs, refuses, comes back: sent/stored/lost
	$(BIN)/python bench/outage_drill.py

two-servers: install ## Two gunicorn servers on one PostgreSQL + Redis: do they agree? PASS/FAIL per check
	$(BIN)/python bench/two_servers.py

clean: ## Remove the local database, collected static files and caches
	rm -rf var/db.sqlite3 var/static .pytest_cache .ruff_cache
