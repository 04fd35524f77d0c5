#!/usr/bin/env bash
# Installs the real readers the tests check the tool's files with, from
# Debian's packages, when missing: Python's icalendar (calendars) and
# openpyxl (workbooks), for Debian's own /usr/bin/python3. Safe to run again.
set -euo pipefail
if /usr/bin/python3 -c 'import icalendar, openpyxl' 2>/dev/null; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing the test readers (python3-icalendar, python3-openpyxl)…" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-icalendar python3-openpyxl >/dev/null
