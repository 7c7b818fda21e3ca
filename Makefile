# The two commands: `make run` (serve with demo data on SQLite) and `make test` (install and run the suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
FLASK  := $(BIN)/flask --app wsgi
HOST   ?= 127.0.0.1
PORT   ?= 5000
PYTEST_ARGS ?=

.PHONY: run test lint test-pg test-e2e install browser-deps bench db-upgrade demo clean

# constraints.txt pins the packages that decide the scheduler's results (see that file).
$(STAMP): setup.cfg pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]' -c constraints.txt
	touch $(STAMP)

install: $(STAMP)

db-upgrade: $(STAMP)
	$(FLASK) db upgrade

demo: db-upgrade
	$(FLASK) demo load --if-empty

run: demo
	@echo "Serving Matchmaker on http://$(HOST):$(PORT)/  (demo logins above; Ctrl-C to stop)"
	$(FLASK) run --host $(HOST) --port $(PORT)

# Debian's Chromium drives the browser tests; Playwright never downloads a browser of its own.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver; \
	fi

# The whole suite on the default SQLite database, browser tests included.
test: $(STAMP) browser-deps lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Style (pyflakes + pycodestyle, settings in setup.cfg); part of `make test`.
lint: $(STAMP)
	$(BIN)/python -m flake8

# The suite against PostgreSQL: DATABASE_URL must point at an empty database (.ci/run starts one).
test-pg: $(STAMP)
	@test -n "$$DATABASE_URL" || (echo "test-pg needs DATABASE_URL=postgresql+psycopg://..." && exit 2)
	$(BIN)/python -m pytest -m "not e2e" $(PYTEST_ARGS)

test-e2e: $(STAMP) browser-deps
	$(BIN)/python -m pytest -m e2e $(PYTEST_ARGS)

bench: $(STAMP)
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
