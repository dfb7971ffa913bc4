#!/usr/bin/env bash
# Set up what the tests need (Chromium included) and run every test: lint, types, the
# JavaScript tests, then pytest by kind (unit, build, functions, browser). Extra arguments go
# to pytest, e.g. `scripts/test.sh tests/unit` for the fast ones alone (see README, Tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check .
.venv/bin/mypy
npm test --silent
.venv/bin/python -m pytest "$@"
