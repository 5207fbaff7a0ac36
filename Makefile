PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The local site: debug pages on, embedded SQLite unless DATABASE_URL says otherwise.
LOCAL := DEBUG=1
# The Nu Html Checker (W3C's validator) that tests/test_meta.py runs on every page kind, as
# npm's vnu-jar at a pinned version. Its install script, which fetches a Java runtime, is
# skipped: the system's Java runs it. Without npm or Java the test skips and says why.
VNU_VERSION := 26.9.27
VNU_DIR := .cache/vnu
# `make serve`: the production set-up (DEBUG off, gunicorn, compressed hashed static files),
# made browsable on this machine only. A known secret, and plain http (no HTTPS redirect, no
# secure-only cookies), are safe only because gunicorn listens on 127.0.0.1; uploads are served
# by Django. A real deployment sets none of these (README, Deploying). Without a CACHE_URL the
# workers share a cache folder, so an edit through one refreshes the cached pages of both.
SERVE_ENV := DEBUG=0 SECRET_KEY=local-make-serve-only-never-for-a-real-site \
	SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SERVE_MEDIA=1 \
	CACHE_URL="$${CACHE_URL:-file://$(CURDIR)/.cache/serve}"
WEB_CONCURRENCY ?= 2

.PHONY: run serve test test-postgres load-test bench lint format install vnu screenshots

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a requirements file changes.
$(VENV)/.installed: $(VENV)/bin/python requirements.txt requirements-dev.txt
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# Reinstall only when the pinned version changes.
$(VNU_DIR)/installed-$(VNU_VERSION):
	@if command -v npm >/dev/null; then \
		npm install --prefix $(VNU_DIR) --no-save --ignore-scripts --no-audit --no-fund --loglevel error \
			vnu-jar@$(VNU_VERSION) && touch $@; \
	else \
		echo "npm not found: the HTML validity test (tests/test_meta.py) will skip."; \
	fi

vnu: $(VNU_DIR)/installed-$(VNU_VERSION)

run: install
	$(LOCAL) $(PY) manage.py migrate --noinput
	$(LOCAL) $(PY) manage.py setup_local_site
	$(LOCAL) $(PY) manage.py runserver 127.0.0.1:8000

serve: install
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(VENV)/bin/gunicorn moviesite.wsgi --config gunicorn.conf.py --bind 127.0.0.1:8000 \
		--workers $(WEB_CONCURRENCY) --access-logfile -

# With Debian's redis-server installed, the page cache's tests also run on a real throwaway Redis
# (scripts/with-redis); without it those runs skip and say so.
WITH_REDIS := $(if $(shell command -v redis-server),scripts/with-redis)

test: install vnu
	$(WITH_REDIS) $(PY) -m pytest

# The same suite on a throwaway PostgreSQL server, as CI runs it.
test-postgres: install vnu
	scripts/with-postgres $(WITH_REDIS) $(PY) -m pytest

# 30 s of wrk at 64 connections on a throwaway production-style site (README, Load test).
load-test: install
	$(PY) scripts/load_test.py

# Requests/s, latency and SQL queries of each kind of page on a small and a 100,000-film
# generated catalogue (README, Performance); about 13 minutes the first time, which builds the
# catalogues in bench/data/. Options go in BENCH_ARGS, e.g. BENCH_ARGS="--films 20000 --duration 5".
bench: install
	$(PY) bench/run_bench.py $(BENCH_ARGS)

# Every hook in .pre-commit-config.yaml on every file: ruff, django-upgrade, djade, whitespace.
# The hooks fix what they can; a run that changed anything fails, so review and commit the fixes.
lint: install
	$(VENV)/bin/pre-commit run --all-files --show-diff-on-failure

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/pre-commit run --all-files || true

# The README's screenshots (docs/screenshots/), taken by the browser tests from the Backtrace list.
screenshots: install
	SAVE_SCREENSHOTS=1 $(PY) -m pytest tests/browser/test_screenshots.py
