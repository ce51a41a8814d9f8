# Two commands for a fresh clone: `make run` (the demo at http://127.0.0.1:8000/) and
# `make test`. Both start an embedded PostgreSQL and Redis under .local/ unless
# DATABASE_URL / REDIS_URL are set (see oversight/launcher.py).
PYTHON_BOOT := $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: venv run test test-clocks lint bench bench-scale messages messages-check compilemessages
venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Both compile the translations first (oversight/launcher.py compile_messages).
run: venv
	$(PY) -m oversight.launcher run

test: venv
	$(PY) -m oversight.launcher test $(PYTEST_ARGS)

# The suite again with the whole process tree's clock moved far from today (Debian's faketime,
# libfaketime): a test whose outcome depends on the real date fails here. The subprocess smoke
# tests (marker `slow`) are left out; tests/conftest.py checks that the clock really moved.
CLOCKS := 2027-07-15 2028-02-29
test-clocks: venv
	@command -v faketime >/dev/null || { echo "faketime not found: apt-get install faketime"; exit 1; }
	@for day in $(CLOCKS); do \
	  echo "== the suite on $$day (faketime)"; \
	  OVERSIGHT_EXPECT_DATE=$$day faketime "$$day 12:00:00" $(PY) -m oversight.launcher test -n 2 -m "not slow" $(PYTEST_ARGS) || exit 1; \
	done

# Translations (README "Languages"). The .mo files are build output, never committed.
LANGS := es vi zh_Hans ru so
compilemessages: venv
	@if [ -d locale ]; then DEBUG=true $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0; fi

messages: venv  ## re-extract every marked string into locale/<lang>/LC_MESSAGES/django.po
	DEBUG=true $(PY) manage.py makemessages $(foreach l,$(LANGS),-l $(l)) --no-obsolete \
		--ignore=.venv --ignore=node_modules --ignore=tests --ignore=benchmarks --ignore=.local --ignore=static
	$(MAKE) compilemessages

messages-check: venv  ## names every public string still untranslated or stale, per language and file
	$(PY) -m oversight.launcher test tests/test_translations.py tests/test_languages.py -p no:xdist

lint: venv
	$(VENV)/bin/ruff check .

bench: venv  ## list pages at 100 and 10,000 cases (pytest-benchmark)
	$(PY) -m oversight.launcher test benchmarks -p no:xdist --benchmark-columns=min,median,max,rounds

# Issue 14.5: every staff list, the hearing view, the annual report and PDF, the deadline sweep and
# the submissions at 100,000 cases; seeds the database first if it has no cases (seed_scale).
# Writes benchmarks/results/latest.md and latest.json, compared with the run before.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/oversight_bench
bench-scale: venv
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) benchmarks/run.py --cases 100000 $(BENCH_ARGS)
