#!/usr/bin/env bash
# Installs the real readers the tests check the tool's files with, from
# Debian's packages, when missing: Python's icalendar (calendars), openpyxl
# (workbooks) and pypdf, for Debian's own /usr/bin/python3, and Chromium's
# headless shell (prints the HTML report to PDF). Safe to run again.
set -euo pipefail
if /usr/bin/python3 -c 'import icalendar, openpyxl, pypdf' 2>/dev/null && command -v chromium-headless-shell >/dev/null; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing the test readers (python3-icalendar, python3-openpyxl, python3-pypdf, chromium-headless-shell)…" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-icalendar python3-openpyxl python3-pypdf chromium-headless-shell >/dev/null
