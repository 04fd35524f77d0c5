#!/usr/bin/env bash
# Same input and options, same files? Solves each scenario twice with the
# release build and compares the output files byte for byte (summary.json
# without its timing keys). Not part of `swift test` (the West Midlands runs
# take a minute each); the small scenario is also checked by the test suite.
#
#   bench/determinism.sh                      # inputs/small and inputs/west-midlands, 60 s
#   LIMIT=30 bench/determinism.sh inputs/yorkshire-like-folder
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT=${LIMIT:-60}
scripts/install-libs.sh
# ROTA=path/to/rota uses an existing release build instead of building one.
if [ -z "${ROTA:-}" ]; then swift build -c release --product rota 2>&1 | tail -n 1; fi
rota=${ROTA:-.build/release/rota}
work=$(mktemp -d)
status=0
for scenario in ${@:-inputs/small inputs/west-midlands}; do
  for run in 1 2; do
    "$rota" solve "$scenario" --out "$work/$run" --time-limit "$LIMIT" --quiet >/dev/null || true
    grep -v 'seconds"' "$work/$run/summary.json" > "$work/$run/summary.timeless" || true
  done
  stopped=$(grep -o '"stopped_by": [^,]*' "$work/1/summary.json" || true)
  same=yes
  for f in rota.csv rota-grid.csv coverage.csv summary.timeless; do
    cmp -s "$work/1/$f" "$work/2/$f" || { same=no; echo "  $scenario: $f differs"; }
  done
  echo "$scenario: identical=$same ($stopped)"
  [ "$same" = yes ] || status=1
  rm -rf "$work/1" "$work/2"
done
exit $status
