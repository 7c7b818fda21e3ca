# The two commands: `make run` (serve with demo data on SQLite) and `make test` (install and run the suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
FLASK  := $(BIN)/flask --app wsgi
HOST   ?= 127.0.0.1
PORT   ?= 5000
PYTEST_ARGS ?=
# The address links in mails point to (mails of background jobs have no request to take it from): `make run`'s own
# unless PUBLIC_URL is given. Passed to `run`, `worker` and `demo` only: the tests keep their own configuration.
PUBLIC_URL ?= http://$(HOST):$(PORT)

.PHONY: run worker test lint test-pg test-e2e install browser-deps redis-deps bench db-upgrade demo clean translations extract-messages \
	compile-translations

# Translations: messages.pot is extracted from the code, each language's .po is updated from it, and the compiled
# .mo files (git-ignored) are rebuilt whenever a .po changes, before anything runs the app.
BABEL  := $(BIN)/pybabel
I18N   := matchmaker/translations
POT    := $(I18N)/messages.pot
PO     := $(wildcard $(I18N)/*/LC_MESSAGES/messages.po)
MO     := $(PO:.po=.mo)
EXTRACT_ARGS := -F babel.cfg -k _l -k Nn_:1,2 -k lazy_gettext -k lazy_ngettext:1,2 -k lazy_pgettext:1c,2 --add-location=file --sort-output \
	--no-wrap --project=Matchmaker --version=0.1 --msgid-bugs-address=i18n@matchmaker.example

# constraints.txt pins the packages that decide the scheduler's results (see that file).
$(STAMP): setup.cfg pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]' -c constraints.txt
	touch $(STAMP)

# The annealing's steps (matchmaker/scheduling/kempe.py, loaded by anneal.py) are compiled by Numba into its cache
# beside the file (about 7 s, redone whenever it changes), here rather than inside the first schedule's time limit.
ANNEAL := $(VENV)/.anneal-compiled
$(ANNEAL): matchmaker/scheduling/kempe.py matchmaker/scheduling/anneal.py $(STAMP)
	$(BIN)/python -c "import matchmaker.scheduling.anneal"
	touch $(ANNEAL)

install: $(STAMP) $(MO) $(ANNEAL)

db-upgrade: $(STAMP) $(MO) $(ANNEAL)
	$(FLASK) db upgrade

demo: db-upgrade
	PUBLIC_URL=$(PUBLIC_URL) $(FLASK) demo load --if-empty

# The web server and, beside it, a background-job worker; Ctrl-C (or the server exiting) stops both.
run: demo
	@echo "Serving Matchmaker on http://$(HOST):$(PORT)/  with a job worker (demo logins above; Ctrl-C to stop)"
	@PUBLIC_URL=$(PUBLIC_URL) $(FLASK) jobs worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	PUBLIC_URL=$(PUBLIC_URL) $(FLASK) run --host $(HOST) --port $(PORT)

# A job worker on its own (production runs it as a service, as many as needed).
worker: db-upgrade
	PUBLIC_URL=$(PUBLIC_URL) $(FLASK) jobs worker

# Debian's Chromium drives the browser tests; Playwright never downloads a browser of its own.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver; \
	fi

# Debian's Redis server, for the test that runs a job through Huey on a real Redis (the embedded default needs none).
redis-deps:
	@if ! command -v redis-server >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq redis-server; \
	fi

# The whole suite on the default SQLite database, browser tests included.
test: $(STAMP) $(MO) $(ANNEAL) browser-deps redis-deps lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Style (pyflakes + pycodestyle, settings in setup.cfg); part of `make test`.
lint: $(STAMP)
	$(BIN)/python -m flake8

# The suite against PostgreSQL: DATABASE_URL must point at an empty database (.ci/run starts one).
test-pg: $(STAMP) $(MO) $(ANNEAL) redis-deps
	@test -n "$$DATABASE_URL" || (echo "test-pg needs DATABASE_URL=postgresql+psycopg://..." && exit 2)
	$(BIN)/python -m pytest -m "not e2e" $(PYTEST_ARGS)

test-e2e: $(STAMP) $(MO) $(ANNEAL) browser-deps
	$(BIN)/python -m pytest -m e2e $(PYTEST_ARGS)

bench: $(STAMP) $(ANNEAL)
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

# Extract every marked string into messages.pot and merge it into each language's .po (then translate the new
# or fuzzy entries; the tests fail until none is left).
translations: extract-messages
	$(BABEL) update -i $(POT) -d $(I18N) --ignore-obsolete --no-wrap

# Extraction alone (the tests run it with POT=<a temporary file> to check that messages.pot is up to date).
extract-messages: $(STAMP)
	$(BABEL) extract $(EXTRACT_ARGS) -o $(POT) .

compile-translations: $(MO)

$(I18N)/%/LC_MESSAGES/messages.mo: $(I18N)/%/LC_MESSAGES/messages.po $(STAMP)
	$(BABEL) compile -d $(I18N) -l $* --statistics

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
