# 讲稿库: the two commands of the README are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

UV := $(BIN)/uv
LOCK := requirements.lock

.PHONY: install lock run test test-postgres test-replica bench bench-backends bench-reuse bench-trends bench-ocr bench-ocr-speed soak lint format clean

# uv (from PyPI, put into the virtualenv by pip) installs the locked versions (requirements.lock,
# `make lock` refreshes it) faster than pip (a fresh clone: 15 s against 21 s, caches warm). The
# project itself is installed editable in the same step, so a dependency added to pyproject.toml
# but not locked yet is still installed (the locked ones constrain it). Bytecode is compiled at install, as pip does, so the
# first import is not slower and old packages' syntax warnings are not shown by every run.
# Reinstalled whenever either file changes.
$(UV):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check 'uv>=0.5,<1'

$(STAMP): pyproject.toml $(LOCK) | $(UV)
	$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python -r $(LOCK) -e '.[test]'
	@touch $@

install: $(STAMP)

# Pin every dependency (test extras included) for every platform; commit the result.
lock: | $(UV)
	$(UV) pip compile pyproject.toml --extra test --universal --python-version 3.11 \
	  --quiet --no-header -o $(LOCK)

run: install
	# migrate, load_demo --if-empty and ensure_index, in one process
	$(BIN)/python manage.py setup_archive
	# The upload worker (huey) runs beside gunicorn and stops with it.
	$(BIN)/python manage.py run_huey --workers 1 & trap 'kill $$!' EXIT; \
	PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py archive.wsgi:application

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo "!! 浏览器测试不会运行:找不到 $(CHROMIUM)。BROWSER TESTS WILL NOT RUN."; \
	  echo "!! 安装:apt-get install chromium fonts-wqy-microhei(.ci/run 会自动安装)"; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	fi
	@# The fonts bench/ocr_pages.py sets scanned test pages in.
	@if ! { [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] \
	     || [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] \
	     || [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; }; then \
	  echo "!! OCR 测试不会运行:没有中文字体,无法生成扫描页。OCR TESTS WILL NOT RUN."; \
	  echo "!! 安装:apt-get install fonts-wqy-microhei(.ci/run 会自动安装)"; \
	fi
	$(BIN)/pytest

# Benchmarks (docs/performance.md): BENCH_N speeches (default 10000), or a list in BENCH_SCALES;
# results in <ARCHIVE_DATA_DIR, default ./var>/bench/results.json and a printed table.
BENCH_N ?= 10000
bench: install
	BENCH_N=$(BENCH_N) $(BIN)/python -m bench.run

# The search backends side by side (BENCH_BACKEND=whoosh,postgres; BENCH_N, default 10000) on a
# bulk-loaded archive, with recall, page latency, peers and load: bench/backends.py.
BENCH_BACKEND ?= whoosh,postgres
bench-backends: install
	BENCH_N=$(BENCH_N) BENCH_BACKEND=$(BENCH_BACKEND) nice -n 19 $(BIN)/python -m bench.backends

# Paragraph reuse (docs/performance.md): planted copies among BENCH_N synthetic speeches, the
# reuse index against SimHash-per-paragraph and exact shingles, rebuild_reuse, page and /check/.
bench-reuse: install
	BENCH_SUITE=reuse BENCH_N=$(BENCH_N) $(BIN)/python -m bench.run

# The trends page alone (bench/trends.py): 5-term p95 at BENCH_N speeches.
bench-trends: install
	BENCH_N=$(BENCH_N) nice -n 19 $(BIN)/python -m bench.trends

# OCR of scans (docs/performance.md): character error rate, headings and seconds per page on
# pages rendered here from the demo speeches; OCR_ENGINES also takes tesseract (apt-get install
# tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra) and rapidocr-v4 (pip install
# rapidocr-onnxruntime), the candidates it was chosen against. Results in var/bench/ocr.json.
OCR_ENGINES ?= rapidocr
OCR_SPEECHES ?= 3
bench-ocr: install
	nice -n 19 $(BIN)/python -m bench.ocr --engines $(OCR_ENGINES) --speeches $(OCR_SPEECHES)

# OCR engine settings against a baseline in one process, alternating (bench/ocr_speed.py): CPU
# and wall seconds per page as ratios, stage times, CER. OCR_SETTINGS: names in its SETTINGS.
OCR_SETTINGS ?= rapidocr-defaults,shipped
bench-ocr-speed: install
	nice -n 19 $(BIN)/python -m bench.ocr_speed --settings $(OCR_SETTINGS) --speeches $(OCR_SPEECHES)

# Soak: gunicorn on loopback, concurrent searchers and a writer for SOAK_SECONDS (default 120);
# prints requests, errors and latency percentiles, fails on any 5xx, loss or index drift.
SOAK_SECONDS ?= 120
soak: install
	SOAK_SECONDS=$(SOAK_SECONDS) $(BIN)/python -m tests.reliability.soak --seconds $(SOAK_SECONDS)

test-postgres: install
	bash .ci/test-postgres.sh

# A real streaming replica of the local PostgreSQL (a second cluster, pg_basebackup -R): searches
# served by it, then by the primary when it lags or is stopped mid-run (.ci/test-replica.sh).
test-replica: install
	bash .ci/test-replica.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
