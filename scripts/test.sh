#!/usr/bin/env bash
# Set up what the tests need (Chromium included) and run every test: lint, unit, build,
# browser. Extra arguments go to pytest, e.g. scripts/test.sh -k browser
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
