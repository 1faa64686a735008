#!/usr/bin/env bash
# Installs everything the pane, the CLI and the tests need on Debian/Ubuntu:
# Debian packages (Chromium for browser tests, CPython with openpyxl/pandas/pytest,
# bubblewrap for the server sandbox, redis-server for the scale-out test, xmllint for the
# manifest schema check) and the npm packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(chromium python3 python3-openpyxl python3-et-xmlfile python3-pandas python3-pytest bubblewrap redis-server libxml2-utils)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if ((${#missing[@]})); then
  if [ "$(id -u)" -eq 0 ]; then as_root=(); elif command -v sudo >/dev/null; then as_root=(sudo); else
    echo "setup: these Debian packages are missing and I am not root: ${missing[*]}" >&2
    echo "setup: install them with: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing Debian packages: ${missing[*]}"
  "${as_root[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q "${missing[@]}"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  # Only `npm ci`: the lock lists every platform's optional packages (rollup, msgpackr-extract),
  # so it installs on Linux, macOS and Windows without rewriting the tracked lock file.
  npm ci --no-audit --no-fund
fi
# Real-world workbooks for the xlsx reader's tests (Debian's archive, like the packages above).
tests/corpus/real-world/fetch.sh >/dev/null
echo "setup: done"
