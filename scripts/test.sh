#!/usr/bin/env bash
# Runs the test suite, installing GLPK first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-glpk.sh
swift test "$@"
