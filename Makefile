# newsevents — quick start: `make demo`, then `make test`.
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SHARED  ?= ../shared

.PHONY: demo test eval docs train bench web-bench serve clean install

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "error: $(PY) not found; install Python 3.11 or run make PY=/path/to/python3.11"; exit 1; }
	$(PY) -m venv $(VENV)

# Upgrade pip first: pip 23 cannot resolve lxml's extras.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25"
	$(BIN)/python -m pip install --quiet -e ".[web,test,docs,warc,postgres,ray,analytics]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newsevents demo --db demo.db

test: $(STAMP)
	bash scripts/setup-browser.sh
	$(BIN)/python -m pytest -q -p no:cacheprovider

eval: $(STAMP)
	$(BIN)/python -m newsevents.evaluation --shared $(SHARED) --write-docs

# The docs site (docs/ -> site/): regenerate the codebook, data dictionary and accuracy pages from the
# code's own data files, then build with --strict (broken links and anchors fail; never add --quiet: it
# hides the warnings --strict counts). Offline; `newsevents serve` shows it at /docs/.
docs: $(STAMP)
	$(BIN)/python -m newsevents.docsgen
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# The hybrid coder's event-type classifier, from eval/corpus (fixed, reproducible; a few minutes on 2 cores).
train: $(STAMP)
	$(BIN)/python -m newsevents.training.events

bench: $(STAMP)
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/components_bench.py
	$(BIN)/python bench/geo_bench.py
	$(BIN)/python bench/web_bench.py
	$(BIN)/python bench/registry_bench.py
	$(BIN)/python bench/warc_bench.py
	$(BIN)/python bench/ingest_memory_bench.py
	$(BIN)/python bench/ray_bench.py
	$(BIN)/python bench/analytics_bench.py

serve: $(STAMP)
	$(BIN)/newsevents serve --db demo.db

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm artifacts site
