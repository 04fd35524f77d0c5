#!/usr/bin/env bash
# Runs the test suite, installing the C libraries and the test readers first if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-libs.sh
scripts/install-test-readers.sh
swift test "$@"
