#!/usr/bin/env bash
# Installs GLPK (library, header, and glpsol for the model tests) from
# Debian's packages when it is missing. Safe to run again.
set -euo pipefail
if [ -f /usr/include/glpk.h ] && command -v glpsol >/dev/null 2>&1; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing GLPK (libglpk-dev, glpk-utils)…" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libglpk-dev glpk-utils >/dev/null
