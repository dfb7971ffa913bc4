#!/usr/bin/env bash
# Install what the help center needs into the work tree: a Python virtual environment in
# .venv (the site, our MkDocs plugin, test tools with --test) and the npm packages.
# Safe to run again: it only installs what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

with_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  [ -n "${APT_UPDATED:-}" ] || { with_root apt-get update -qq; APT_UPDATED=1; }
  with_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  # Debian ships venv and ensurepip in a separate package.
  "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv
  "$PYTHON" -m venv .venv
fi
extras=""
if [ "${1:-}" = "--test" ]; then
  extras="[test]"
  # Browser tests drive Debian's Chromium (Playwright never downloads a browser here).
  command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || apt_install chromium
  command -v git >/dev/null || apt_install git
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --editable ".${extras}"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund; fi
