#!/usr/bin/env bash
# Installs the C libraries the tool is built on, from Debian's packages, when
# missing: GLPK (library, header, and glpsol for the model tests) and
# libxlsxwriter (rota.xlsx). Safe to run again.
set -euo pipefail
if [ -f /usr/include/glpk.h ] && command -v glpsol >/dev/null 2>&1 && [ -f /usr/include/xlsxwriter.h ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing the C libraries (libglpk-dev, glpk-utils, libxlsxwriter-dev)…" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libglpk-dev glpk-utils libxlsxwriter-dev >/dev/null
