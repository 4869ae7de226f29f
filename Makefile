# Medborgarlöften – the commands a newcomer needs. Each target sets up .venv on its own.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?=
# `make test` spreads the tests over this many processes (pytest-xdist, one test database
# each); TEST_WORKERS=0 runs them in one process.
TEST_WORKERS ?= 2

.PHONY: help run data test test-servers chaos lint lock audit format check-deploy bench browser tools gettext messages vnu clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(PY):
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "Python 3.11 eller senare krävs (python3 är $$(python3 --version 2>&1))." >&2; \
	  echo "Installera t.ex. python3.11 och python3.11-venv, eller kör med PYTHON3 i PATH." >&2; \
	  exit 1; }
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Installs are reproducible: exact versions with hashes from the lock files (make lock).
$(VENV)/.installed: pyproject.toml requirements.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml requirements-dev.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $@ $(VENV)/.installed

lock: $(VENV)/.installed-dev  ## Pin every dependency with hashes (requirements*.lock) after editing pyproject.toml
	$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links -o requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links --extra dev -o requirements-dev.lock pyproject.toml

audit: $(VENV)/.installed-dev  ## Known vulnerabilities in the locked dependencies (pip-audit)
	$(VENV)/bin/pip-audit --disable-pip --require-hashes -r requirements.lock

data: $(VENV)/.installed  ## Migrate, load reference data and the source pages' content (idempotent)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_seed_content
	$(PY) manage.py rebuild_search_index
	$(PY) manage.py collectstatic --noinput --verbosity 0

run: data  ## Serve the portal with demo data on 127.0.0.1:$PORT (gunicorn + whitenoise)
	PORT=$(PORT) $(VENV)/bin/gunicorn --config config/gunicorn.py config.wsgi

browser:  ## Install Debian's Chromium for the browser tests if it is missing
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "Chromium saknas (/usr/bin/chromium), och bara root kan installera det." >&2; \
	    echo "Kör som root: apt-get install chromium   (Debian/Ubuntu), och sedan make test igen." >&2; \
	    exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

tools:  ## Install Debian's zbar-tools (zbarimg reads the printable card's QR code in the tests)
	@command -v zbarimg >/dev/null || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zbar-tools >/dev/null; }

gettext:  ## Install Debian's gettext (makemessages, for the catalogue test and `make messages`)
	@command -v xgettext >/dev/null || { \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "gettext saknas (xgettext, msgfmt), och bara root kan installera det." >&2; \
	    echo "Kör som root: apt-get install gettext   (Debian/Ubuntu), och sedan make test igen." >&2; \
	    exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }

messages: $(VENV)/.installed gettext  ## Update locale/en and locale/fi from the code and compile them (docs/sprak.md)
	$(PY) manage.py update_catalogues

VNU_JAR := .tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar

$(VNU_JAR):
	npm install --silent --no-audit --no-fund --prefix .tools/vnu vnu-jar@26.9.27

vnu: $(VNU_JAR)  ## Install the Nu Html Checker (npm vnu-jar, run with Java 17) under .tools/

test: $(VENV)/.installed-dev browser tools gettext $(VNU_JAR)  ## Run the whole test suite (honours DATABASE_URL)
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-servers: $(VENV)/.installed-dev  ## Two gunicorn instances on PostgreSQL + Redis, real faults through a TCP proxy, alerts through an SMTP sink
	$(VENV)/bin/pytest -m servers tests/test_servers.py tests/test_faults.py tests/test_servers_alerts.py

chaos: $(VENV)/.installed-dev  ## The fault matrix: PostgreSQL, Redis, SMTP × pass/cut/hang against two instances
	$(PY) -m tests.chaos

lint: $(VENV)/.installed-dev  ## ruff lint and format check, migrations up to date, layers
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py import_graph --check

format: $(VENV)/.installed-dev  ## Format the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check-deploy: $(VENV)/.installed  ## Django's deployment checks under production settings
	DJANGO_SECURE=true DJANGO_ALLOWED_HOSTS=medborgarloften.example.se \
	SITE_URL=https://medborgarloften.example.se \
	DEFAULT_FROM_EMAIL="Medborgarlöften <noreply@medborgarloften.example.se>" \
	ACCESSIBILITY_EDITOR_EMAILS=tillganglighet@medborgarloften.example.se \
	DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	$(PY) manage.py check --deploy --database default --fail-level WARNING

# One backend per run, the environment's: PostgreSQL + Redis with DATABASE_URL and REDIS_URL
# (give the bench a Redis database of its own), SQLite + the database cache without.
bench: $(VENV)/.installed  ## Every benchmark figure in one run at national scale, own database (BENCH_QUICK=1: minutes)
	@command -v wrk >/dev/null || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(PY) -m benchmarks.run

clean:  ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var .tools
