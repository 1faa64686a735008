#!/usr/bin/env bash
# Real-world workbooks for the reader tests: the example files that R's readxl and
# openxlsx packages ship (written by Excel, LibreOffice and other tools: shared and inline
# strings, dates in both date systems, formulas with cached values, errors, blank cells).
# Fetched from Debian's archive with `apt-get download` (no install, no root), unpacked
# into the cache folder printed on stdout. Safe to run again: an existing folder is kept.
# scripts/setup.sh runs it; `fetch.sh --where` only prints the folder (exit 1 if not fetched),
# which is what the tests call: they never download anything themselves.
set -euo pipefail
PACKAGES=(r-cran-readxl r-cran-openxlsx)
dest="${EXCEL_AI_REAL_WORLD:-${XDG_CACHE_HOME:-$HOME/.cache}/excel-ai/real-world-workbooks}"
if [ -f "$dest/.complete" ]; then echo "$dest"; exit 0; fi
if [ "${1:-}" = "--where" ]; then echo "$dest"; exit 1; fi
work=$(mktemp -d)
chmod 755 "$work" # apt-get download fetches as the _apt user where it can
trap 'rm -rf "$work"' EXIT
mkdir -p "$dest"
if ! (cd "$work" && apt-get download -q "${PACKAGES[@]}" >&2); then
  # A machine whose package lists were never fetched (or were cleaned) knows no package yet.
  if [ "$(id -u)" -eq 0 ]; then apt-get update -q >&2; elif command -v sudo >/dev/null; then sudo apt-get update -q >&2; fi
  (cd "$work" && apt-get download -q "${PACKAGES[@]}" >&2)
fi
for deb in "$work"/*.deb; do
  dpkg-deb -x "$deb" "$work/unpacked"
done
find "$work/unpacked" -path '*/extdata/*' \( -name '*.xlsx' -o -name '*.xlsm' \) -exec cp {} "$dest/" \;
ls "$dest"/*.xlsx >/dev/null
touch "$dest/.complete"
echo "$dest"
