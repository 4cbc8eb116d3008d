# Two set-up commands live in the README: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000
# The demo's own store, inside the checkout: `make demo` never touches the user's default store.
DEMO_DB ?= build/demo/demo.sqlite

.PHONY: install demo serve test lint bench clean fixtures docs fuzz screenshots

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	mkdir -p $(dir $(DEMO_DB))
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(VENV)/bin/stiplan demo --db $(DEMO_DB) --port $(PORT)

serve: install
	$(VENV)/bin/stiplan serve

test: install
	$(PY) -m pytest -q

# The dashboard pictures of docs/web.md (docs/img/*.png), made by the browser tests.
screenshots: install
	STIPLAN_DOC_SCREENSHOTS=1 $(PY) -m pytest -q tests/web/test_browser_crosscut.py

fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -q tests/unit/test_fuzz.py tests/unit/test_bad_input.py

lint: install
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy

bench: install
	$(PY) benchmarks/bench_ingest.py
	$(PY) benchmarks/bench_search.py
	$(PY) benchmarks/bench_normalize.py
	$(PY) benchmarks/bench_web.py
	$(PY) benchmarks/bench_datasette.py
	$(PY) benchmarks/bench_editions.py
	$(PY) benchmarks/bench_hostile.py
	$(PY) benchmarks/bench_pdf.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

fixtures: install
	$(PY) -m tests.unit.regenerate_fixtures

docs: install
	$(PY) -m tests.unit.cli_docs
