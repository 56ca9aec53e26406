# Two commands for a newcomer: `make demo` and `make test`. Each builds its own virtual environment.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint schema bench bench-corpus eval fuzz clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,embeddings,postgres,parquet,xlsx,web]'
	touch $(STAMP)

DEMO_DB ?= demo.db
PORT ?= 8000

demo: $(STAMP)  ## Build a demo corpus from the sample (and ../shared's record openings when present) and serve it
	@rm -f $(DEMO_DB)
	@$(BIN)/tbdialogue ingest samples/CMW-C-SR.537.md $(wildcard ../shared/corpus/excerpts/*.txt) --db $(DEMO_DB) --analyze --quiet
	@echo "Open http://127.0.0.1:$(PORT) in a browser (Ctrl-C stops)"
	@$(BIN)/tbdialogue serve --db $(DEMO_DB) --port $(PORT)

test: $(STAMP)  ## Run the test suite (and the linter)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/python -m pytest

eval: $(STAMP)  ## Parser accuracy on the record openings in ../shared; question analysis on the development gold
	$(BIN)/tbdialogue eval-parse ../shared/corpus/excerpts/expected.jsonl
	$(BIN)/tbdialogue eval tests/gold/CMW-C-SR.537.questions.json --cv
	$(BIN)/tbdialogue agreement tests/gold/CMW-C-SR.537.questions.json tests/gold/agreement/CMW-C-SR.537.second.questions.json

bench: $(STAMP)  ## Parsing speed and memory; the command line's start-up; document readers against pdfplumber
	$(BIN)/python benchmarks/bench_parse.py
	$(BIN)/python benchmarks/bench_cli.py
	$(BIN)/pip install --quiet -c constraints.txt -e '.[bench]'
	$(BIN)/python benchmarks/bench_readers.py

fuzz: $(STAMP)  ## 100,000 mutated real records through the readers and the parser: crashes, hangs, slowest, memory (~15 min)
	$(BIN)/python benchmarks/fuzz.py --inputs 100000 --workers 2

bench-corpus: $(STAMP)  ## Corpus ingest and search at 50,000 records, SQLite and PostgreSQL, against grep (~1 h)
	$(BIN)/python benchmarks/bench_corpus.py --records 50000 --jobs 2

schema: $(STAMP)  ## Regenerate the published JSON Schema
	$(BIN)/tbdialogue schema > src/tbdialogue/schema/record.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache
