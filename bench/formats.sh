#!/usr/bin/env bash
# The formats benchmark (not part of `swift test`): how long England's rota
# takes to become a workbook and calendars. `rota export` loads the scenario,
# reads and checks the rota, then renders; `rota validate` does the first
# three alone, so the difference is the rendering and writing.
#
#   bench/formats.sh                 # a fresh release build, England seed 1
#   ROTA=/path/to/rota RUNS=5 bench/formats.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
scripts/install-libs.sh
if [ -z "${ROTA:-}" ]; then swift build -c release --product rota 2>&1 | tail -n 1; fi
rota=${ROTA:-.build/release/rota}
work=$(mktemp -d)
"$rota" generate --preset england --seed 1 --out "$work/eng" >/dev/null
"$rota" solve "$work/eng" --out "$work/run" --time-limit 30 --strategy search --quiet >/dev/null || true
# Run 1 writes the calendars into a new folder; later runs export the same
# rota again, which keeps the unchanged calendars.
for i in $(seq "$RUNS"); do
  both=$( { /usr/bin/time -f "%e %M" "$rota" export "$work/eng" --rota "$work/run/rota.csv" --xlsx "$work/eng.xlsx" --ics "$work/cal" >/dev/null; } 2>&1 | tail -n 1)
  check=$( { /usr/bin/time -f "%e %M" "$rota" validate "$work/eng" "$work/run/rota.csv" >/dev/null; } 2>&1 | tail -n 1)
  echo "run $i: export (workbook + calendars$([ "$i" = 1 ] && echo ', new folder' || echo ', again')) ${both% *} s, ${both#* } KB; validate alone ${check% *} s"
done
ls -l "$work/eng.xlsx" | awk '{print "rota.xlsx", $5, "bytes"}'
echo "calendars: $(ls "$work/cal" | wc -l) files"
# The scenario as one workbook: writing it, and loading it against the folder.
t=$( { /usr/bin/time -f "%e %M" "$rota" export "$work/eng" --plan "$work/plan.xlsx" >/dev/null; } 2>&1 | tail -n 1)
echo "export --plan (the scenario as a workbook) ${t% *} s, ${t#* } KB; $(stat -c %s "$work/plan.xlsx") bytes"
for i in $(seq "$RUNS"); do
  a=$( { /usr/bin/time -f "%e" "$rota" validate "$work/eng" "$work/run/rota.csv" >/dev/null; } 2>&1 | tail -n 1)
  b=$( { /usr/bin/time -f "%e %M" "$rota" validate "$work/plan.xlsx" "$work/run/rota.csv" >/dev/null; } 2>&1 | tail -n 1)
  echo "run $i: validate from the folder $a s; from the workbook ${b% *} s, ${b#* } KB"
done
# The report, with a page per site.
t=$( { /usr/bin/time -f "%e %M" "$rota" report "$work/run" >/dev/null; } 2>&1 | tail -n 1)
echo "report ${t% *} s, ${t#* } KB; report.html $(stat -c %s "$work/run/report.html") bytes"
