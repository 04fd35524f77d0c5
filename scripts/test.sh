#!/usr/bin/env bash
# Runs the test suite, installing GLPK and the test readers first if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-glpk.sh
scripts/install-test-readers.sh
swift test "$@"
