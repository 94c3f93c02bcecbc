# The few commands the README names. Everything installs from the lock files.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format worker beat bench bench-curve browser clean

$(VENV)/.installed: requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

# The demo shows the portal's own 404 and 500 pages; `DEBUG=true make run` for Django's debug pages.
run: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

# Browser tests drive Debian's Chromium; install it when missing and we may (CI runs as root).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "浏览器测试需要 Debian 的 chromium：sudo apt-get install chromium" >&2; exit 1; fi; }

# In parallel, one process per core (pytest-xdist), each file on one process: the page walks seed
# their data once per file. `make test PYTEST_WORKERS=0` runs in this process alone.
PYTEST_WORKERS ?= auto
test: install browser
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy .

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

worker: install
	$(VENV)/bin/celery -A congress_portal worker -l info

beat: install
	mkdir -p var
	$(VENV)/bin/celery -A congress_portal beat -l info --schedule var/celerybeat-schedule

# The benchmark: a municipal-size data set on PostgreSQL + Redis (loopback defaults in bench/).
bench: install
	$(PY) -m bench $(BENCH_ARGS)

# The cost curves: the same measurements at 0.3, 1 and 3 times the municipal data set.
bench-curve: install
	$(PY) -m bench --curve $(BENCH_ARGS)

clean:
	rm -rf var/staticfiles .pytest_cache
