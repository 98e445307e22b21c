# Two commands on a fresh machine: `make run` and `make test` (each sets up .venv when missing).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
GOLD ?= ../shared/gold
SCORE ?= ../shared/eval/score.py

.PHONY: setup run test eval bench schemas clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m pipeline run --raw raw --out extracted

test: $(STAMP)
	$(PY) -m pytest

eval: $(STAMP)
	@tmp=$$(mktemp -d) && $(PY) -m pipeline run --raw raw --out $$tmp/extracted --quiet; \
	$(PY) $(SCORE) --gold $(GOLD) --extracted $$tmp/extracted; status=$$?; rm -rf $$tmp; exit $$status

bench: $(STAMP)
	$(PY) bench/run_bench.py

schemas: $(STAMP)
	$(PY) -m pipeline schemas --out schemas

clean:
	rm -rf $(VENV) build *.egg-info
