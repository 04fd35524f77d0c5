#!/usr/bin/env bash
# The size sweep (not part of `swift test`): every strategy on scenarios of
# every size a planner meets, from a dozen clinicians to England, each run
# with the same time limit. Writes bench/results/sizes-DATE.csv (one row a
# run) and prints the medians over seeds per size and strategy.
#
#   bench/sizes.sh                               # all sizes, seeds 1-3, 60 s
#   SEEDS="1" LIMIT=30 SIZES="small pilot" bench/sizes.sh
#   ROTA=/path/to/rota bench/sizes.sh           # time that binary
#   CSV=/tmp/part.csv bench/sizes.sh             # write the rows elsewhere
#
# Sizes: the generator's presets, plus `small-year` (the shipped
# inputs/small stretched to 52 weeks: 13 clinicians' year). `whole` is not
# run on west-midlands and england: GLPK's whole model there needs 1-19 GB
# and finds no rota (bench/results/latest.csv, glpsol rows).
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT=${LIMIT:-60}
SEEDS=${SEEDS:-"1 2 3"}
SIZES=${SIZES:-"tiny small small-year pilot two-ics yorkshire west-midlands england"}
STRATEGIES=${STRATEGIES:-"auto whole search"}
scripts/install-libs.sh
command -v /usr/bin/time >/dev/null || { echo "bench needs /usr/bin/time (Debian package: time)" >&2; exit 1; }
# ROTA: a binary to time instead of a fresh release build.
if [ -z "${ROTA:-}" ]; then swift build -c release --product rota 2>&1 | tail -n 1; fi
rota=${ROTA:-.build/release/rota}
work=$(mktemp -d)
mkdir -p bench/results
csv=${CSV:-bench/results/sizes-$(date +%F).csv}
echo "size,seed,strategy,time_limit_s,exit,status,clinicians,weeks,binaries,first_rota_s,objective,bound,gap,wall_s,peak_mb,bound_source" > "$csv"

for size in $SIZES; do
  for seed in $SEEDS; do
    dir="$work/$size-$seed"
    if [ "$size" = small-year ]; then
      # One scenario only (it is the shipped file, not generated).
      [ "$seed" = "$(echo $SEEDS | cut -d' ' -f1)" ] || continue
      mkdir -p "$dir"; cp -r inputs/small "$dir/scenario"
      sed -i 's/^weeks = 12/weeks = 52/' "$dir/scenario/scenario.toml"
    else
      "$rota" generate --preset "$size" --seed "$seed" --out "$dir/scenario" >/dev/null
    fi
    for strategy in $STRATEGIES; do
      if [ "$strategy" = whole ] && { [ "$size" = west-midlands ] || [ "$size" = england ]; }; then continue; fi
      set +e
      /usr/bin/time -v "$rota" solve "$dir/scenario" --out "$dir/out-$strategy" --time-limit "$LIMIT" \
        --strategy "$strategy" --quiet >"$dir/$strategy.txt" 2>"$dir/$strategy.time"
      code=$?
      set -e
      python3 - "$dir" "$strategy" "$size" "$seed" "$LIMIT" "$code" >>"$csv" <<'PY'
import json, os, re, sys
d, strategy, size, seed, limit, code = sys.argv[1:7]
t = open(f"{d}/{strategy}.time").read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
h, m, sec = wall.groups()
wall_s = (int(h or 0) * 3600 + int(m) * 60 + float(sec))
peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
path = f"{d}/out-{strategy}/summary.json"
s = json.load(open(path)) if os.path.exists(path) and code in ("0", "2") else {}
def f(k, places=None):
    v = s.get(k)
    if v is None: return ""
    return f"{v:.{places}f}" if places is not None else str(v)
out = open(f"{d}/{strategy}.txt").read()
m = re.search(r"(\d+) clinicians, \d+ sites, (\d+) weeks", out)
clin, weeks = (m.group(1), m.group(2)) if m else ("", "")
status = s.get("status") or ("no_rota_in_time" if code == "3" else f"exit{code}")
print(",".join([size, seed, strategy, limit, code, status, clin, weeks, f("placement_binaries"),
                f("first_rota_seconds", 2), f("objective", 4), f("bound", 4), f("gap", 4),
                f"{wall_s:.1f}", f"{peak:.0f}", '"' + (s.get("bound_source") or "") + '"']))
PY
      tail -n 1 "$csv"
    done
  done
done

echo
echo "medians over seeds (size, strategy: first rota s, gap, wall s, peak MB; runs with a rota / runs)"
python3 - "$csv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
def med(xs):
    xs = [float(x) for x in xs if x != ""]
    return f"{statistics.median(xs):.3g}" if xs else "-"
seen = []
for r in rows:
    k = (r["size"], r["strategy"])
    if k not in seen: seen.append(k)
for size, strategy in seen:
    rs = [r for r in rows if r["size"] == size and r["strategy"] == strategy]
    ok = [r for r in rs if r["objective"] != ""]
    print(f"{size:14} {strategy:7} first {med(r['first_rota_s'] for r in ok):>6}  gap {med(r['gap'] for r in ok):>7}  "
          f"wall {med(r['wall_s'] for r in rs):>6}  MB {med(r['peak_mb'] for r in rs):>5}  rota {len(ok)}/{len(rs)}")
PY
echo "rows: $csv"
