#!/usr/bin/env bash
# Benchmark (not part of `swift test`): for each preset, with a fixed seed,
# generate the scenario, solve it with `rota solve` (release build) under a
# time limit, and solve the whole straightforward model, exported as MPS,
# with glpsol (and HiGHS, when its Python package `highspy` is installed)
# under the same limit. Prints a table and writes bench/results/latest.csv.
#
#   bench/run.sh                        # west-midlands and yorkshire 60 s, england 600 s
#   PRESETS="england" ENGLAND_LIMIT=120 bench/run.sh
#   ONE_CORE="" bench/run.sh            # without the runs pinned to one core
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT=${LIMIT:-60}
ENGLAND_LIMIT=${ENGLAND_LIMIT:-600}   # the issue's target for england: 10 minutes
SEED=${SEED:-42}
PRESETS=${PRESETS:-"west-midlands yorkshire england"}
ONE_CORE=${ONE_CORE:-"west-midlands yorkshire"}   # also run pinned to one core (taskset)
scripts/install-libs.sh
command -v /usr/bin/time >/dev/null || { echo "bench needs /usr/bin/time (Debian package: time)" >&2; exit 1; }
command -v taskset >/dev/null || { echo "bench needs taskset (Debian package: util-linux)" >&2; exit 1; }
swift build -c release --product rota 2>&1 | tail -n 1
rota=.build/release/rota
work=$(mktemp -d)
mkdir -p bench/results
csv=bench/results/latest.csv
echo "preset,solver,time_limit_s,status,objective,bound,gap,first_rota_s,gap_1pct_s,load_s,build_s,total_s,peak_mem_mb" > "$csv"

peak_mb() { awk '/Maximum resident set size/ {printf "%.0f", $6 / 1024}' "$1"; }

for preset in $PRESETS; do
  LIMIT_HERE=$LIMIT
  [ "$preset" = england ] && LIMIT_HERE=$ENGLAND_LIMIT
  dir="$work/$preset"
  "$rota" generate --preset "$preset" --seed "$SEED" --out "$dir/scenario" >/dev/null
  # rota solve (default strategy): on both cores (search and bound), and,
  # for the presets in ONE_CORE, pinned to one core as the issue's targets say.
  runs="both"
  case " $ONE_CORE " in *" $preset "*) runs="both one" ;; esac
  for cores in $runs; do
    pin=(); label=""
    [ "$cores" = one ] && { pin=(taskset -c 0); label=" 1 core"; }
    /usr/bin/time -v "${pin[@]}" "$rota" solve "$dir/scenario" --out "$dir/out-$cores" --time-limit "$LIMIT_HERE" >"$dir/solve-$cores.txt" 2>"$dir/solve-$cores.time" || true
    python3 - "$dir/out-$cores/summary.json" "$preset" "$LIMIT_HERE" "$(peak_mb "$dir/solve-$cores.time")" "$label" >>"$csv" <<'PY'
import json, os, sys
path, preset, limit, mem, label = sys.argv[1:6]
if not os.path.exists(path):
    print(f"{preset},rota{label},{limit},no_rota_in_time,,,,,,,,,{mem}")
else:
    s = json.load(open(path))
    f = lambda k: "" if s.get(k) is None else s[k]
    print(f"{preset},rota ({s.get('strategy')}){label},{limit},{s['status']},{f('objective')},{f('bound')},{f('gap')},{f('first_rota_seconds')},{f('gap_1pct_seconds')},{f('load_seconds')},{f('build_seconds')},{f('seconds')},{mem}")
PY
  done
  # glpsol on the whole model
  "$rota" export "$dir/scenario" --mps "$dir/model.mps" >/dev/null
  /usr/bin/time -v glpsol --freemps "$dir/model.mps" --tmlim "$LIMIT_HERE" >"$dir/glpsol.txt" 2>"$dir/glpsol.time" || true
  python3 - "$dir/glpsol.txt" "$preset" "$LIMIT_HERE" "$(peak_mb "$dir/glpsol.time")" >>"$csv" <<'PY'
import re, sys
path, preset, limit, mem = sys.argv[1:5]
text = open(path).read()
best = bound = ""
for m in re.finditer(r"mip =\s+(\S+)\s+>=\s+(\S+)", text):
    best, bound = m.group(1), m.group(2)
if best == "not": best = ""
status = "optimal" if "INTEGER OPTIMAL SOLUTION FOUND" in text else ("feasible" if best else "no_rota_in_time")
t = re.findall(r"Time used:\s+([\d.]+)", text)
print(f"glpsol,{limit},{status},{best},{bound if bound not in ('-inf', 'tree') else ''},,,,,,{t[-1] if t else ''},{mem}".replace("glpsol", preset + ",glpsol", 1))
PY
  # HiGHS, when installed
  if python3 -c "import highspy" 2>/dev/null; then
    python3 - "$dir/model.mps" "$preset" "$LIMIT_HERE" >>"$csv" <<'PY'
import sys, time, highspy
path, preset, limit = sys.argv[1], sys.argv[2], float(sys.argv[3])
h = highspy.Highs(); h.setOptionValue("output_flag", False); h.setOptionValue("time_limit", limit)
h.readModel(path); t = time.time(); h.run()
info = h.getInfo(); status = h.modelStatusToString(h.getModelStatus())
obj = info.objective_function_value if info.primal_solution_status == 2 else ""
print(f"{preset},highs,{limit},{status},{obj},{info.mip_dual_bound},{info.mip_gap},,,,,{time.time() - t:.1f},")
PY
  fi
done
column -s, -t "$csv"
echo "(written to $csv; scenarios and logs in $work)"
