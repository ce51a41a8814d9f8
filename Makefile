# Two commands for a fresh clone: `make run` (the demo at http://127.0.0.1:8000/) and
# `make test`. Both start an embedded PostgreSQL and Redis under .local/ unless
# DATABASE_URL / REDIS_URL are set (see oversight/launcher.py).
PYTHON_BOOT := $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: venv run test lint bench
venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: venv
	$(PY) -m oversight.launcher run

test: venv
	@if [ -d locale ]; then DEBUG=true $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules; fi
	$(PY) -m oversight.launcher test $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .

bench: venv  ## list pages at 100 and 10,000 cases (pytest-benchmark)
	$(PY) -m oversight.launcher test benchmarks -p no:xdist --benchmark-columns=min,median,max,rounds
