#!/usr/bin/env bash
# The proven gap against issue 27's targets (not part of `swift test`): the
# default strategy on the mid-size, regional and England presets, seeds 1-3,
# each at the time limit its target names. Writes
# bench/results/gap-DATE-<limit>.csv (one row a run, as bench/sizes.sh) and
# prints the median gap per row with its target.
#
#   bench/gap.sh                                  # the whole table, about an hour
#   ROWS="west-midlands:60" SEEDS="1" bench/gap.sh
#   ROTA=/path/to/rota bench/gap.sh               # time that binary
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS=${SEEDS:-"1 2 3"}
# size:limit:target (%)
ROWS=${ROWS:-"two-ics:60:1 west-midlands:60:1.5 yorkshire:60:2 west-midlands:300:1 england:600:1"}
if [ -z "${ROTA:-}" ]; then swift build -c release --product rota 2>&1 | tail -n 1; fi
rota=${ROTA:-.build/release/rota}
stamp=$(date +%F)
files=()
for row in $ROWS; do
  IFS=: read -r size limit target <<<"$row"
  csv=bench/results/gap-$stamp-$size-$limit.csv
  ROTA=$rota SEEDS="$SEEDS" LIMIT="$limit" SIZES="$size" STRATEGIES=auto CSV="$csv" bench/sizes.sh >/dev/null
  files+=("$csv:${target:-}")
done
echo "preset, limit: median gap over seeds (each seed's Z / bound / gap), target"
python3 - "${files[@]}" <<'PY'
import csv, statistics, sys
for arg in sys.argv[1:]:
    path, target = arg.rsplit(":", 1)
    rows = list(csv.DictReader(open(path)))
    gaps = [float(r["gap"]) for r in rows if r["gap"] != ""]
    med = statistics.median(gaps) * 100 if gaps else float("nan")
    runs = "; ".join(f"seed {r['seed']}: {r['objective']} / {r['bound']} / "
                     + (f"{float(r['gap']) * 100:.2f} %" if r["gap"] else r["status"]) for r in rows)
    met = "met" if gaps and med <= float(target) + 1e-9 else "not met"
    print(f"{rows[0]['size']:14} {rows[0]['time_limit_s']:>4} s: {med:5.2f} %  (target {target} %, {met})  [{runs}]")
PY
