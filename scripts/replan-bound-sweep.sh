#!/bin/bash
# Checks the re-plan bound (Lagrangian relaxation with arrival cuts) against
# the optimum GLPK proves on the whole model, on small generated re-plans.
# For each seed: generate the `small` preset; the agreed rota is a 5 s search;
# then every floor from week 5 on rises 10% (rounded up to 0.1 WTE, a cap
# below it rises with it), and the scenario is re-planned from week 5 twice:
# whole model (GLPK, 120 s) and the search (10 s, which reports the bound).
# A bound above a proven optimum is a bug.
#
#   bash scripts/replan-bound-sweep.sh 3 7 9 10        (seeds; default 3-30)
# Prints one line per seed; work files in $TMPDIR/rota-replan-sweep.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --build-path .build-rel >/dev/null
R=$PWD/.build-rel/release/rota
W=${TMPDIR:-/tmp}/rota-replan-sweep
mkdir -p "$W"
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=($(seq 3 30))
for seed in "${seeds[@]}"; do
  d=$W/s$seed; rm -rf "$d" "$d"-*
  "$R" generate --preset small --seed "$seed" --out "$d" >/dev/null
  "$R" solve "$d" --out "$d-agreed" --strategy search --time-limit 5 --quiet >/dev/null 2>&1 || true
  python3 - "$d" <<'PY'
import csv, math, sys
d = sys.argv[1]
rows = list(csv.reader(open(d + "/demand.csv")))
out = [rows[0]]
for r in rows[1:]:
    a, b = int(r[1]), int(r[2])
    for x, y in ([(a, 4), (5, b)] if a < 5 <= b else [(a, b)]):
        rr = list(r); rr[1], rr[2] = str(x), str(y)
        if x >= 5 and rr[3]:
            rr[3] = str(round(math.ceil(float(rr[3]) * 1.1 * 10) / 10, 1))
            if rr[4] and float(rr[4]) < float(rr[3]): rr[4] = rr[3]
        out.append(rr)
csv.writer(open(d + "/demand.csv", "w"), lineterminator="\n").writerows(out)
PY
  rw=0; "$R" replan "$d" --previous "$d-agreed/rota.csv" --from-week 5 --out "$d-whole" --strategy whole --time-limit 120 --quiet > "$d-whole.txt" 2>&1 || rw=$?
  rs=0; "$R" replan "$d" --previous "$d-agreed/rota.csv" --from-week 5 --out "$d-search" --strategy search --time-limit 10 --quiet > "$d-search.txt" 2>&1 || rs=$?
  field() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }
  echo "seed $seed whole rc=$rw $(field status "$d-whole.txt") Z=$(field objective "$d-whole.txt") | search rc=$rs Z=$(field objective "$d-search.txt") bound=$(field bound "$d-search.txt")"
done
