#!/usr/bin/env bash
# The test suite under AddressSanitizer (with LeakSanitizer) and under
# ThreadSanitizer (issue #9). Not part of `.ci/run`: each needs its own full
# build (several minutes on 2 cores). Leaks inside TOMLKit, a dependency,
# are suppressed (.ci/lsan-suppressions.txt says why); nothing of ours is.
#
#   scripts/sanitizers.sh            # both
#   scripts/sanitizers.sh address    # one
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-libs.sh
export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan-suppressions.txt:print_suppressions=0"
export ASAN_OPTIONS="detect_leaks=1"
export TSAN_OPTIONS="halt_on_error=1"
for s in ${@:-address thread}; do
  echo "== swift test --sanitize=$s"
  swift test --sanitize="$s" --build-path ".build-$s"
done
