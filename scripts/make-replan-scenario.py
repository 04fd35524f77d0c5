#!/usr/bin/env python3
"""Derives inputs/west-midlands-replan from inputs/west-midlands: what has
changed by week 30 of the agreed plan (issue #7).

- agreed-rota.csv: the rota agreed in spring (`rota solve inputs/west-midlands
  --time-limit 60`, copied here as it was written; pass its path).
- A resignation: the first specialist paramedic the agreed rota has at a PCN
  in week 30 leaves at the end of week 29 (`to` in staff.csv).
- A winter uplift: the floors of the three Black Country hubs rise by 10%
  (rounded to 0.1 WTE) in weeks 40-52; rows that straddle week 40 are split.

Run from the repository root:
  python3 scripts/make-replan-scenario.py /path/to/agreed/rota.csv
"""
import csv, io, os, shutil, sys

SRC, DST = "inputs/west-midlands", "inputs/west-midlands-replan"
FROM_WEEK, WINTER, UPLIFT = 30, 40, 1.1
HUBS = ("hub-dudley", "hub-willenhall", "hub-oldbury")
os.makedirs(DST, exist_ok=True)
for f in ["sites.csv", "pinned.csv", "leave.csv"]:
    shutil.copy(os.path.join(SRC, f), os.path.join(DST, f))
shutil.copy(sys.argv[1], os.path.join(DST, "agreed-rota.csv"))

agreed = list(csv.DictReader(open(os.path.join(DST, "agreed-rota.csv"), encoding="utf-8-sig")))
staff = list(csv.DictReader(open(os.path.join(SRC, "staff.csv"))))
grade = {s["id"]: s["grade"] for s in staff}
leaver = next(r["staff"] for r in agreed
              if int(r["week"]) == FROM_WEEK and r["kind"] == "pcn" and grade[r["staff"]] == "specialist")
# 2027-04-05 is week 1's Monday; week 29 ends on the Sunday 28 weeks + 6 days later.
import datetime
last_day = datetime.date(2027, 4, 5) + datetime.timedelta(days=7 * (FROM_WEEK - 1) - 1)

rows = list(csv.reader(open(os.path.join(SRC, "staff.csv"), newline="")))
out = [rows[0] + ["from", "to"]]
for r in rows[1:]:
    out.append(r + ["", last_day.isoformat() if r[0] == leaver else ""])
buf = io.StringIO(); csv.writer(buf, lineterminator="\n").writerows(out)
open(os.path.join(DST, "staff.csv"), "w").write(buf.getvalue())

rows = list(csv.reader(open(os.path.join(SRC, "demand.csv"), newline="")))
out = [rows[0]]
for r in rows[1:]:
    site, fw, tw, floor = r[0], int(r[1]), int(r[2]), r[3]
    if site not in HUBS or floor == "" or tw < WINTER:
        out.append(r); continue
    for a, b, up in ([(fw, WINTER - 1, False), (WINTER, tw, True)] if fw < WINTER else [(fw, tw, True)]):
        f = f"{float(floor) * UPLIFT:.1f}" if up else floor
        t = r[4]
        if up and t != "" and float(t) < float(f): t = f
        out.append([site, str(a), str(b), f, t] + r[5:])
buf = io.StringIO(); csv.writer(buf, lineterminator="\n").writerows(out)
open(os.path.join(DST, "demand.csv"), "w").write(buf.getvalue())

toml = open(os.path.join(SRC, "scenario.toml")).read()
head, _, rest = toml.partition("name  =")
toml = (f"# Derived from inputs/west-midlands by scripts/make-replan-scenario.py:\n"
        f"# {leaver} resigns (last day {last_day}), and the Black Country hubs'\n"
        f"# floors rise 10% in weeks {WINTER}-52. Re-plan from week {FROM_WEEK}:\n"
        f"#   rota replan inputs/west-midlands-replan --previous inputs/west-midlands-replan/agreed-rota.csv --from-week {FROM_WEEK} --out out/replan\n"
        "# Synthetic data from public NHS figures (see README).\n" + "name  =" +
        rest.replace('"West Midlands 2027/28 (generated, seed 42)"', '"West Midlands 2027/28, re-planned from week 30 (derived, seed 42)"'))
open(os.path.join(DST, "scenario.toml"), "w").write(toml)
print(f"leaver {leaver}, last day {last_day}")
