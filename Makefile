# SOM Leuven: every command a developer or CI runs. `make help` lists them.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
# The machines run Python 3.11; any python3 >= 3.11 will do elsewhere.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
PORT ?= 8000
CHROMIUM := /usr/bin/chromium
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-k join som/membership"`.
PYTEST_ARGS ?=

# PORT goes along: links in the demo's mails follow it (SITE_URL in config/settings.py).
DEMO := SOM_ENV=demo PORT=$(PORT) $(BIN)/python manage.py

.PHONY: help install install-dev system-libs translations demo demo-reset totp test chromium check \
	check-static lint typecheck contracts migrations messages-check gettext fmt messages bench \
	lock lock-check \
	test-dates prod-smoke

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-14s %s\n", $$1, $$2}' \
		$(MAKEFILE_LIST)

# --- the virtualenv -----------------------------------------------------------------------------
# Everything comes from the lock files in requirements/ (exact versions with their hashes, made
# from pyproject.toml by `make lock`), installed by uv, which pip puts into .venv first
# (docs/decisions.md). Stamp files make a second run fast: uv runs again only when a lock changes.
UV := $(BIN)/uv
UV_INSTALL := $(UV) pip install --quiet --python $(BIN)/python

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(UV): requirements/uv.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-compile --require-hashes -r requirements/uv.txt
	touch $@

$(VENV)/.installed-runtime: requirements/runtime.txt | $(UV)
	$(UV_INSTALL) --require-hashes -r requirements/runtime.txt
	$(UV_INSTALL) --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt | $(UV)
	$(UV_INSTALL) --require-hashes -r requirements/dev.txt
	$(UV_INSTALL) --no-deps -e .
	touch $@ $(VENV)/.installed-runtime

install: $(VENV)/.installed-runtime ## Create .venv and install the runtime dependencies

install-dev: $(VENV)/.installed-dev ## Create .venv and install the test and check tools too

# Needs PyPI. Commit requirements/ with the pyproject.toml change; `make lock-check` compares them.
lock: $(UV) ## Re-resolve requirements/*.txt (pinned, with hashes) from pyproject.toml
	$(BIN)/python scripts/lock.py

# --- running the site ---------------------------------------------------------------------------

translations: $(VENV)/.installed-runtime ## Compile locale/*/LC_MESSAGES/django.po to .mo (Babel, no gettext needed)
	@if compgen -G "locale/*/LC_MESSAGES/django.po" > /dev/null; then \
		$(BIN)/pybabel compile --directory locale --domain django; \
	else \
		echo "translations: no locale/*/LC_MESSAGES/django.po yet, nothing to compile"; \
	fi

# WeasyPrint (invoice and register PDFs) draws text with the system's Pango.
system-libs: ## Make sure Pango and a font for the PDFs are installed (apt-get, when root)
	@if ! ldconfig -p | grep -q libpangoft2-1.0; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y \
				libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; \
		else \
			echo "The PDFs need Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" >&2; \
			exit 1; \
		fi; \
	fi

# Quiet until the server prints where to start and the logins, as its last lines.
demo: $(VENV)/.installed-runtime system-libs translations ## Build the demo database (SQLite) and serve it on 127.0.0.1:8000 (PORT=...)
	@$(DEMO) migrate --no-input --verbosity 0
	@$(DEMO) load_demo --no-logins
	@$(DEMO) serve_demo 127.0.0.1:$(PORT)

demo-reset: ## Throw away db.sqlite3 and start the demo afresh
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
	rm -rf var/cache  # cached sessions and pages belong to the old database
	$(MAKE) demo

totp: $(VENV)/.installed-runtime ## Print the current 2FA (TOTP) code of the demo team member
	@$(DEMO) demo_totp

# --- tests --------------------------------------------------------------------------------------

chromium: ## Make sure Debian's chromium is installed (apt-get, when root)
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "chromium: $(CHROMIUM) is missing, installing Debian's chromium"; \
			apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
		else \
			echo "The browser tests need Debian's chromium at $(CHROMIUM)." >&2; \
			echo "Install it with: sudo apt-get install chromium" >&2; \
			exit 1; \
		fi; \
	fi

# pytest exits with 5 when it collects no test; make treats that as the failure it is.
test: $(VENV)/.installed-dev system-libs chromium translations ## Run all tests (unit + browser) on a throwaway PostgreSQL
	$(BIN)/python scripts/with_postgres.py -- \
		$(BIN)/pytest -p no:cacheprovider --durations=10 $(PYTEST_ARGS)

# Memberships follow the calendar year while events sit "in N days": the suites that mix them run
# again as if it were mid-December, New Year's Eve and 2 January (conftest.py's --today). New Year's
# Eve at 00:30 in Leuven is still 30 December in UTC: a test that mixes Leuven's day with UTC's
# fails there (CI once ran at 23:45 UTC and found one).
DATE_SENSITIVE ?= som/membership som/reports som/events som/governance som/voting/tests/test_visibility.py
TEST_DAYS ?= 2026-12-15 2026-12-31T00:30 2027-01-02

test-dates: $(VENV)/.installed-dev system-libs translations ## Run the date-sensitive suites on three fixed days
	@for day in $(TEST_DAYS); do \
		echo "test-dates: $$day"; \
		$(BIN)/python scripts/with_postgres.py -- \
			$(BIN)/pytest -p no:cacheprovider -q -m "not browser" --today=$$day $(DATE_SENSITIVE) \
			|| exit 1; \
	done

# --- performance --------------------------------------------------------------------------------
# Ratios against the reference app in bench/ (see docs/performance.md). Loopback only, bounded in
# time; BENCH_ROUNDS=2 BENCH_SECONDS=2 for a quick run, BENCH_DBS=sqlite for one database.

$(VENV)/.installed-bench: requirements/bench.txt | $(UV)
	$(UV_INSTALL) --require-hashes -r requirements/bench.txt
	$(UV_INSTALL) --no-deps -e .
	touch $@ $(VENV)/.installed-runtime

bench: $(VENV)/.installed-bench system-libs translations ## Benchmark the real endpoints against bench/'s reference app (SQLite and PostgreSQL)
	@if { ! command -v wrk || ! test -x /usr/sbin/nginx; } > /dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk nginx-light || true; \
	fi
	$(BIN)/python bench/run.py

# --- production, on this machine -----------------------------------------------------------------
# deploy/'s units and nginx site as they are (local ports and paths only), a throwaway PostgreSQL,
# and a scripted day through nginx; then two app nodes with one Redis; stops everything it started
# (scripts/prod_smoke.py).

prod-smoke: $(VENV)/.installed-runtime system-libs translations ## Run deploy/ (gunicorn, worker, timers, nginx) on local ports and walk a day through it
	@if ! test -x /usr/sbin/nginx || ! command -v redis-server > /dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light redis-server; \
		else \
			echo "make prod-smoke needs nginx and Redis: sudo apt-get install nginx-light redis-server" >&2; \
			exit 1; \
		fi; \
	fi
	$(BIN)/python scripts/prod_smoke.py

# --- checks -------------------------------------------------------------------------------------

check: check-static test ## Everything CI runs: static checks, then the tests

check-static: lock-check lint typecheck contracts migrations messages-check ## The checks that need no database or browser

lock-check: $(BIN)/python ## Fail when pyproject.toml's dependencies changed since `make lock`
	$(BIN)/python scripts/lock.py --check

lint: $(VENV)/.installed-dev ## ruff: lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-dev ## mypy (configuration in pyproject.toml)
	$(BIN)/mypy .

contracts: $(VENV)/.installed-dev ## import-linter: the apps depend one way
	$(BIN)/lint-imports

# An in-memory database: the check must not create or touch the demo's db.sqlite3.
migrations: $(VENV)/.installed-dev ## Fail when a model change has no migration
	DATABASE_URL=sqlite://:memory: $(BIN)/python manage.py makemigrations --check --dry-run

messages-check: $(VENV)/.installed-dev gettext ## Fail when the code's messages are not the catalogues' (locale/)
	$(BIN)/python scripts/check_messages.py

gettext: ## Make sure GNU gettext is installed (makemessages needs it; apt-get, when root)
	@if ! command -v xgettext > /dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y gettext; \
		else \
			echo "Django's makemessages needs GNU gettext: sudo apt-get install gettext" >&2; exit 1; \
		fi; \
	fi

fmt: $(VENV)/.installed-dev ## Format the code and fix what ruff can fix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: $(VENV)/.installed-runtime gettext ## Update the .po files from the code (needs GNU gettext)
	$(BIN)/python manage.py makemessages -l nl -l en --ignore=.venv --ignore=staticfiles
