#!/usr/bin/env python3
"""Derives inputs/west-midlands-winter from inputs/west-midlands: the same
trust in a hard winter, a scenario with no valid rota (issue #5).

- Winter uplift: the floors of the three hubs of Herefordshire and
  Worcestershire ICS in weeks 37-48 (13 Dec 2027 - 5 Mar 2028) are raised
  by 30% (rounded to 0.1 WTE), as trusts do for winter pressure;
  demand rows that straddle week 37 or 48 are split so only winter weeks rise.
- Christmas at Worcester: six of hub-worcester's clinicians are on leave
  20 Dec 2027 - 2 Jan 2028 (weeks 38-39), on top of their existing leave.

Run from the repository root: python3 scripts/make-winter-scenario.py
"""
import csv, io, os, shutil

SRC, DST = "inputs/west-midlands", "inputs/west-midlands-winter"
FIRST, LAST, UPLIFT = 37, 48, 1.3
UPLIFT_SITES = ("hub-worcester", "hub-hereford", "hub-bromsgrove")
os.makedirs(DST, exist_ok=True)
for f in ["sites.csv", "pinned.csv"]:
    shutil.copy(os.path.join(SRC, f), os.path.join(DST, f))

toml = open(os.path.join(SRC, "scenario.toml")).read()
head, _, rest = toml.partition("name  =")
toml = ("# Derived from inputs/west-midlands by scripts/make-winter-scenario.py:\n"
        "# the Herefordshire and Worcestershire hubs' floors +30% in weeks 37-48\n"
        "# (winter) and six of hub-worcester's clinicians on leave in weeks 38-39\n"
        "# (Christmas). No valid rota exists;\n"
        "# `rota explain inputs/west-midlands-winter` says where and why.\n"
        + "# Synthetic data from public NHS figures (see README).\n" + "name  =" + rest.replace('"West Midlands 2027/28 (generated, seed 42)"',
                                                            '"West Midlands 2027/28, hard winter (derived, seed 42)"'))
open(os.path.join(DST, "scenario.toml"), "w").write(toml)

def fmt(x):
    s = f"{x:.1f}"
    return s

rows = list(csv.reader(open(os.path.join(SRC, "demand.csv"), newline="")))
out = [rows[0]]
for r in rows[1:]:
    site, fw, tw, floor = r[0], int(r[1]), int(r[2]), r[3]
    if not site.startswith(UPLIFT_SITES) or floor == "" or tw < FIRST or fw > LAST:
        out.append(r); continue
    cuts = sorted({fw, max(fw, FIRST), min(tw, LAST) + 1, tw + 1})
    for a, b in zip(cuts, cuts[1:]):
        if a > b - 1: continue
        winter = a >= FIRST and b - 1 <= LAST
        f = fmt(float(floor) * UPLIFT) if winter else floor
        t = r[4]
        if winter and t != "" and float(t) < float(f): t = f
        out.append([site, str(a), str(b - 1), f, t] + r[5:])
buf = io.StringIO()
csv.writer(buf, lineterminator="\n").writerows(out)
open(os.path.join(DST, "demand.csv"), "w").write(buf.getvalue())

staff = list(csv.DictReader(open(os.path.join(SRC, "staff.csv"))))
shutil.copy(os.path.join(SRC, "staff.csv"), os.path.join(DST, "staff.csv"))
worcester = [s["id"] for s in staff if s["home"] == "hub-worcester"][:6]
leave = open(os.path.join(SRC, "leave.csv")).read()
if not leave.endswith("\n"): leave += "\n"
leave += "".join(f"{sid},2027-12-20,2028-01-02\n" for sid in worcester)
open(os.path.join(DST, "leave.csv"), "w").write(leave)
