#!/usr/bin/env bash
# Robustness sweep (not part of `swift test`): the first valid rota on many
# generated scenarios, not only the benchmark's seed. For each preset and
# seed, generate the scenario and solve it (release build, one core, as the
# speed issue's targets say); record the status, the seconds to the first
# valid rota, Z, the bound and the gap. Prints a table and writes
# bench/results/seeds.csv. A seed with no valid rota (every generated
# scenario has one: the generator builds it first) is a bug of the search.
#
#   bench/seeds.sh                                  # west-midlands and yorkshire, seeds 1–8, 30 s
#   SEEDS="1 2 3" PRESETS=england LIMIT=120 bench/seeds.sh
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT=${LIMIT:-30}
SEEDS=${SEEDS:-"1 2 3 4 5 6 7 8"}
PRESETS=${PRESETS:-"west-midlands yorkshire"}
scripts/install-libs.sh
command -v taskset >/dev/null || { echo "bench needs taskset (Debian package: util-linux)" >&2; exit 1; }
swift build -c release --product rota 2>&1 | tail -n 1
rota=.build/release/rota
work=$(mktemp -d)
mkdir -p bench/results
csv=bench/results/seeds.csv
echo "preset,seed,time_limit_s,exit_code,status,first_rota_s,objective,bound,gap" > "$csv"
for preset in $PRESETS; do
  for seed in $SEEDS; do
    dir="$work/$preset-$seed"
    "$rota" generate --preset "$preset" --seed "$seed" --out "$dir/scenario" >/dev/null
    code=0
    taskset -c 0 "$rota" solve "$dir/scenario" --out "$dir/out" --time-limit "$LIMIT" --quiet >"$dir/solve.txt" 2>&1 || code=$?
    python3 - "$dir/out/summary.json" "$preset" "$seed" "$LIMIT" "$code" >>"$csv" <<'PY'
import json, os, sys
path, preset, seed, limit, code = sys.argv[1:6]
if not os.path.exists(path):
    print(f"{preset},{seed},{limit},{code},no_rota_in_time,,,,")
else:
    s = json.load(open(path))
    f = lambda k: "" if s.get(k) is None else s[k]
    print(f"{preset},{seed},{limit},{code},{s['status']},{f('first_rota_seconds')},{f('objective')},{f('bound')},{f('gap')}")
PY
    tail -n 1 "$csv"
  done
done
echo
column -s, -t < "$csv"
rm -rf "$work"
