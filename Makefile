# OpenTenge — two commands from a fresh clone:
#   make demo   create .venv, install, generate the demo corpus, ingest it, serve http://127.0.0.1:8000
#   make test   install what the tests need (Debian chromium included) and run the suite on SQLite and PostgreSQL
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
DEMO_DIR ?= var/demo
DEMO_SCALE ?= small
DEMO_SEED ?= 42
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgresql://postgres@127.0.0.1:5432/opentenge
PYTEST_ARGS ?=

.PHONY: demo install data test test-sqlite test-postgres browser-deps bench bench-linking bench-names trials messages clean help

help:
	@sed -n 's/^#   //p' Makefile

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

install: $(STAMP)

# The demo corpus is generated once per seed/scale; ingest skips files it has already seen,
# so a second `make demo` is fast and adds no duplicate rows.
data: install
	$(BIN)/opentenge init
	$(BIN)/opentenge demo-data --out $(DEMO_DIR) --seed $(DEMO_SEED) --scale $(DEMO_SCALE) --reuse
	$(BIN)/opentenge ingest goszakup $(DEMO_DIR)/goszakup
	$(BIN)/opentenge ingest budget_egov $(DEMO_DIR)/budget_egov
	$(BIN)/opentenge ingest budget_local $(DEMO_DIR)/budget_local
	$(BIN)/opentenge ingest budget_hearings $(DEMO_DIR)/budget_hearings
	$(BIN)/opentenge ingest ngo_register $(DEMO_DIR)/ngo_register
	$(BIN)/opentenge ingest state_grants $(DEMO_DIR)/state_grants
	$(BIN)/opentenge ingest foreign_funding $(DEMO_DIR)/foreign_funding
	$(BIN)/opentenge ingest mazhilis $(DEMO_DIR)/mazhilis
	$(BIN)/opentenge ingest senate $(DEMO_DIR)/senate
	$(BIN)/opentenge ingest party_funding $(DEMO_DIR)/party_funding
	$(BIN)/opentenge ingest company_roles $(DEMO_DIR)/company_roles
	$(BIN)/opentenge ingest election_funds $(DEMO_DIR)/election_funds
	$(BIN)/opentenge ingest officials $(DEMO_DIR)/officials
	$(BIN)/opentenge ingest declarations $(DEMO_DIR)/declarations
	$(BIN)/opentenge ingest draft_acts $(DEMO_DIR)/draft_acts
	$(BIN)/opentenge ingest bills $(DEMO_DIR)/bills
	$(BIN)/opentenge ingest public_councils $(DEMO_DIR)/public_councils
	$(BIN)/opentenge link
	$(BIN)/opentenge lobbying demo --seed $(DEMO_SEED)
	$(BIN)/opentenge indicators run

demo: data
	$(BIN)/opentenge serve --host $(HOST) --port $(PORT)

# Browser tests drive Debian's chromium through Playwright (never `playwright install`).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The two passes run side by side (two cores; much of each pass waits on a browser, a server or a
# database). Each pass's output is printed in one piece when it finishes; TEST_JOBS=1 runs them in turn.
TEST_JOBS ?= 2
test: install browser-deps
	@echo "== running the suite on SQLite and on PostgreSQL ($(TEST_JOBS) at a time); each prints when done =="
	@$(MAKE) --no-print-directory -j$(TEST_JOBS) --output-sync=recurse test-sqlite test-postgres

test-sqlite: install
	@echo "== test suite on SQLite =="
	env -u OPENTENGE_DATABASE_URL $(BIN)/python -m pytest $(PYTEST_ARGS)

# Under CI a missing PostgreSQL fails the run; on a laptop without one the pass is skipped, loudly.
test-postgres: install
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== test suite on PostgreSQL ($(PG_URL)) =="; \
	  OPENTENGE_DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest $(PYTEST_ARGS); \
	elif [ -n "$$CI" ]; then echo "PostgreSQL is not reachable at $(PG_URL) and CI is set: failing"; exit 1; \
	else echo "WARNING: PostgreSQL not reachable at $(PG_URL); PostgreSQL pass SKIPPED (CI unset)"; fi

# BENCH_ARGS="--scale large --only ingest" then "--scale large --reuse-db": see bench/README.md
BENCH_ARGS ?=
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

bench-linking: install
	$(BIN)/python bench/linking.py

bench-names: install
	$(BIN)/python bench/names.py

# Fault trials (docs/reliability.md): kill -9 mid-ingest, PostgreSQL restart, full disk, HTTP load,
# backup/restore; loopback and scratch databases only, ~25 min. TRIALS_ARGS="--only http_load" runs one.
TRIALS_ARGS ?=
trials: install
	$(BIN)/python trials/run.py $(TRIALS_ARGS)

# Each app (src/opentenge/<app>/ with a locale/ folder) keeps its own catalogue.
messages: install
	@for app in src/opentenge/*/locale; do app=$${app%/locale}; echo "== $$app"; \
	  (cd $$app && $(CURDIR)/$(BIN)/django-admin makemessages -l kk -l ru -l en --no-obsolete --settings=opentenge.web.settings) || exit 1; done
	$(BIN)/python scripts/compile_messages.py

clean:
	rm -rf $(VENV) var test-results
