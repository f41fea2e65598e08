#!/usr/bin/env bash
# Runs the test suite; pytest's "no tests collected" (exit 5) counts as a failure here too.
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/python -m pytest -q "$@"
