#!/usr/bin/env bash
# Set everything up and serve the sample help center with live reload at http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python build.py serve "$@"
