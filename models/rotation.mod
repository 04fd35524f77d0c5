/* ==========================================================================
   rota -- the rotation problem of docs/PROBLEM.md (v1.1) in GNU MathProg

   Solve:   glpsol -m models/rotation.mod -d SCENARIO.dat [--tmlim 60]
   Data:    `rota export SCENARIO --dat SCENARIO.dat`; the format of every
            set and parameter is documented in models/README.md, and
            models/example.dat is a small hand-checked instance.

   What the data already contains.  Everything that needs the spec's care is
   computed by the exporter, so this file holds only the integer program:
     - E, the eligible (clinician, site) pairs (PROBLEM.md "Eligibility"),
       with the home hub always included and no other hub ever;
     - cover[p,w] = wte(p) x avail(p,w), leave already applied;
     - dist[p,s] = haversine km home(p) -> s (0 at home and wherever a
       coordinate is missing; pairs with 0 may be omitted);
     - sw[s] = weights.shortfall.kind(s) x priority(s);
     - floor/target/cap only for the site-weeks where they say something
       (floor > 0, target > 0, a finite cap);
     - lo/hi, the H7 share bounds already turned into whole WEEK COUNTS
       (lo = ceil(lo_share*W - 1e-9), hi = floor(hi_share*W + 1e-9)), so the
       spec's 1e-9 tolerance on lo*W and hi*W is applied before we see them;
     - group[p], the H8 trust group of p's home hub (hubs without a trust
       form one group), and maxaway[w] for the weeks with a rollout limit.

   Formulation.
     x[p,s,w] = 1  iff p is placed at s in week w           (binary, (p,s) in E)
     y[p,s,w] >= x[p,s,w] - x[p,s,w-1], y >= 0, w >= 2      ("start" indicator)
     u[s,w]   >= target[s,w] - cov(s,w), u >= 0             (shortfall)
   y is continuous: for integral x the smallest feasible y is exactly the 0/1
   start indicator max(0, x[w] - x[w-1]), the objective (wc > 0) pushes y
   down to it, and a larger y only tightens the H5 rows it appears in, so
   it can never make an invalid rota look valid.  Because H1 puts each
   clinician at exactly one site per week, a change of placement at week w
   is exactly one start at some site, so  #changes = sum of y.
   Likewise u = max(0, T - cov) at the optimum whenever sw[s] > 0; where
   sw[s] = 0 the term is 0 whatever u is.

   Objective (PROBLEM.md "Objective"), minimised:
     Z = sum sw[s] u[s,w]  +  wc sum y[p,s,w]  +  wt sum dist[p,s] x[p,s,w]
         (shortfall)          (changes)           (travel)
       + wd sum over agreed (p,a,w) of sum_{s != a} x[p,s,w]
         (disruption: rota replan only; AGREED is empty otherwise)

   Constraint families, one per hard rule: H1_one, H2_floor, H3_cap,
   H4_pin, H5_minrun, H6_maxrun, H7_lo/H7_hi, H8_rollout; plus `start` and
   `shortfall` (which define y and u) and `change_cut`, a valid inequality
   that only tightens the LP relaxation (see there).  Runs (H5/H6) are
   counted at each non-home site separately: PCN A then PCN B directly are
   two runs and one change, as the spec's Clarifications say.

   Tolerances are the spec's: H2 allows 1e-6 WTE under the floor, H8 1e-9
   WTE over the rollout limit; H7's tolerance is inside lo/hi (see above).
   All rules are hard.  The spec's least-breach answer for an infeasible
   scenario (soft floors, then Z) is the Swift tool's job, not this file's:
   here an infeasible scenario is simply reported infeasible.

   Output after solve: the lines `Z = ...`, `shortfall = ...`,
   `changes = ...`, `travel = ...` (the weighted terms, which add up to Z),
   the raw figures, and the placements.  glpsol runs this part whenever it
   holds an integer solution: after "INTEGER OPTIMAL SOLUTION FOUND" (or
   "... FOUND BY MIP PREPROCESSOR"), but also after "TIME LIMIT EXCEEDED"
   with an incumbent that is not proven optimal.  With no feasible rota it
   prints "PROBLEM HAS NO PRIMAL FEASIBLE SOLUTION" and no `Z = ` line.
   ========================================================================== */

/* ---------------------------------------------------------------- data --- */

param W integer > 0;                          # weeks in the horizon
set P;                                        # clinicians (ids)
set S;                                        # sites (ids)
param kind{S} symbolic in {'hub', 'pcn', 'cas'};
param home{P} symbolic in S;                  # home hub of each clinician
set E within P cross S;                       # eligible pairs, E(p) of the spec

param cover{P, 1..W} >= 0;                    # c(p,w) = wte(p) * avail(p,w)
param dist{E} >= 0, default 0;                # d(home(p), s) in km
param sw{S} >= 0;                             # shortfall weight of site s
param wc >= 0;                                # weights.change
param wt >= 0;                                # weights.travel_km

set FLOOR  within S cross {1..W};   param floor{FLOOR} >= 0;    # F(s,w), WTE
set TARGET within S cross {1..W};   param target{TARGET} >= 0;  # T(s,w), WTE
set CAP    within S cross {1..W};   param cap{CAP} integer >= 0;# C(s,w), heads
set PIN    within P cross S cross {1..W};     # pinned placements (p, s, w)

param first{P} integer >= 1, default 1;       # first week in post (staff.csv from)
param last{P} integer >= 1, default W;        # last week in post (staff.csv to)
set AGREED within P cross S cross {1..W}       # rota replan: agreed (p, s, w), w >= the re-plan week
    default {p in P, s in S, w in 1..W: 0 = 1};
param wd >= 0, default 0;                     # weights.disruption (rota replan)
param minrun integer >= 1;                    # rotation.min_run_weeks
param maxrun integer >= 0;                    # rotation.max_run_weeks, 0 = none

set ROT within P;                             # clinicians who rotate
set KINDS := {'pcn', 'cas'};                  # the kinds H7 bounds
param lo{ROT, KINDS} integer >= 0;            # H7 lower bound, in weeks
param hi{ROT, KINDS} integer >= 0;            # H7 upper bound, in weeks

set GROUPS;                                   # H8 trust groups
param group{P} symbolic in GROUPS;
param wte{P} > 0;
set RW within {1..W};                         # weeks with a rollout limit
param maxaway{RW} >= 0, <= 1;                 # max_away_share(w)

/* Derived index sets, computed once: E(p) and the clinicians eligible for s. */
set ES{p in P} := setof{(q, s) in E: q = p} s;
set AT{s in S} := setof{(p, t) in E: t = s} p;

/* Consistency of the data with PROBLEM.md (the exporter guarantees these;
   a failing check stops glpsol with the name of the check).               */
check{p in P}: kind[home[p]] = 'hub' and (p, home[p]) in E;
check{(p, s) in E: kind[s] = 'hub'}: s = home[p];       # no other hub, ever
check{(p, s) in E: p not in ROT}: s = home[p];          # non-rotating: home only
check{(p, s, w) in PIN}: (p, s) in E;                   # pins are eligible
check: maxrun = 0 or maxrun >= minrun;

/* ----------------------------------------------------------- variables --- */

var x{(p, s) in E, w in 1..W} binary;         # placement
var y{(p, s) in E, w in 2..W} >= 0;           # start of a run at s in week w
var u{(s, w) in TARGET} >= 0;                 # shortfall below target

/* ----------------------------------------------------------- objective --- */

minimize Z:
    sum{(s, w) in TARGET} sw[s] * u[s, w]
  + wc * sum{(p, s) in E, w in 2..W} y[p, s, w]
  + wt * sum{(p, s) in E, w in 1..W} dist[p, s] * x[p, s, w]
    /* rota replan: each agreed clinician-week placed elsewhere (moves) */
  + wd * sum{(p, a, w) in AGREED, s in ES[p]: s != a} x[p, s, w];

/* --------------------------------------------------------- constraints --- */

/* H1 one placement: exactly one eligible site per clinician and week.
   (Eligibility itself is structural: x exists only for (p,s) in E.)      */
s.t. H1_one{p in P, w in 1..W}:
    sum{s in ES[p]} x[p, s, w] = 1;

/* Start indicators (objective "changes" and H5):
   y[p,s,w] >= x[p,s,w] - x[p,s,w-1]; see the header for why this is exact. */
s.t. start{(p, s) in E, w in 2..W}:
    y[p, s, w] >= x[p, s, w] - x[p, s, w-1];

/* Shortfall (objective): u[s,w] >= T(s,w) - cov(s,w).  A target at a site
   nobody is eligible for gives u = T, a constant the spec's Z includes.  */
s.t. shortfall{(s, w) in TARGET}:
    u[s, w] + sum{p in AT[s]} cover[p, w] * x[p, s, w] >= target[s, w];

/* H2 floor: cov(s,w) >= F(s,w) - 1e-6.  (A floor at a site nobody is
   eligible for makes the model infeasible: there is no valid rota.)      */
s.t. H2_floor{(s, w) in FLOOR}:
    sum{p in AT[s]} cover[p, w] * x[p, s, w] >= floor[s, w] - 1e-6;

/* H3 cap: head count (on leave or not) at most C(s,w).                    */
s.t. H3_cap{(s, w) in CAP}:
    sum{p in AT[s]} x[p, s, w] <= cap[s, w];

/* H4 pinned: the pinned placement is taken.                               */
s.t. H4_pin{(p, s, w) in PIN}:
    x[p, s, w] = 1;

/* H5 minimum run (only when minrun > 1), at every non-home site s of p:
       sum_{t = max(2, w-minrun+1) .. w} y[p,s,t] <= x[p,s,w]   (w = 2..W)
   the Rajan-Takriti minimum-up-time inequality.  Why it is exact:
   - necessary: if a run at s starts in week t >= 2 (y[p,s,t] = 1), every
     week w in t .. min(W, t+minrun-1) has t in its window, so x[p,s,w] = 1:
     the run lasts minrun weeks or until week W;
   - sufficient: in a valid rota two starts at the same site are at least
     minrun+1 weeks apart (a run of >= minrun weeks, then >= 1 week away),
     so a window of minrun weeks holds at most one start, and if it holds
     one, at t, the run from t still covers w; with y = the 0/1 start
     indicator every row holds;
   - the exceptions of H5 come out by themselves: a run starting in week 1
     has no y (y starts at week 2) and constrains nothing, and a run cut
     off by week W only needs x = 1 for the weeks up to W, because the
     windows stop at W.
   Home is exempt (the spec's runs are at non-home sites), and other hubs
   are never in E, so s ranges over p's eligible PCNs and CASs.
   A clinician in post only from week first[p] to last[p] (staff.csv
   from/to, held at home outside) has the same exceptions at those weeks:
   a run starting in first[p] or still going in last[p] is exempt.        */
s.t. H5_minrun{(p, s) in E, w in 2..W: minrun > 1 and s != home[p] and w > first[p] and w <= last[p]}:
    sum{t in max(first[p] + 1, w - minrun + 1)..w} y[p, s, t] <= x[p, s, w];

/* H6 maximum run (when maxrun > 0), at every non-home site, edge runs
   included: no maxrun+1 consecutive weeks all at s.  Every window
   w .. w+maxrun inside 1..W has at most maxrun weeks at s.               */
s.t. H6_maxrun{(p, s) in E, w in 1..W - maxrun: maxrun > 0 and s != home[p]}:
    sum{t in w..w + maxrun} x[p, s, t] <= maxrun;

/* H7 rotation share: for rotating p and kind k in {pcn, cas}, the number
   of weeks at sites of kind k (leave weeks count: the placement is held)
   lies in lo..hi.  Two one-sided families, not one ranged row, so that
   lo > hi (bounds admitting no whole week count) reaches the solver as an
   infeasible model rather than as a glpsol "incorrect bounds" error.     */
s.t. H7_lo{p in ROT, k in KINDS}:
    sum{s in ES[p], w in 1..W: kind[s] = k} x[p, s, w] >= lo[p, k];

s.t. H7_hi{p in ROT, k in KINDS}:
    sum{s in ES[p], w in 1..W: kind[s] = k} x[p, s, w] <= hi[p, k];

/* H8 rollout: in each week with a limit and for each trust group, the WTE
   of the group's rotating clinicians placed away from a hub (at a PCN or
   CAS) is at most maxaway(w) x the WTE of all the group's rotating
   clinicians (those with no eligible PCN/CAS included), + 1e-9.
   Non-rotating clinicians are in neither sum.                             */
s.t. H8_rollout{w in RW, g in GROUPS}:
    sum{p in ROT: group[p] = g} wte[p] * sum{s in ES[p]: kind[s] != 'hub'} x[p, s, w]
    <= maxaway[w] * sum{p in ROT: group[p] = g} wte[p] + 1e-9;

/* A valid inequality, not a rule (the Swift ModelBuilder adds the same
   "change cut"): a clinician who cannot spend all W weeks at any single
   eligible site changes placement at least once.  Staying at s all year
   breaks H4 when p has a pin elsewhere, H6 when s is not home and
   maxrun < W, and H7 when W weeks of kind(s) (or 0 weeks of the other
   kind) fall outside p's bounds.  Every valid rota satisfies the cut, so
   the optimum is unchanged; without it the LP relaxation spreads a
   fractional PCN share over all weeks, pays for no change at all, and
   glpsol's branch and bound is several times slower.                      */
set STAY within E := {(p, s) in E:
        (forall{(p, t, w) in PIN} t = s)
    and (s = home[p] or maxrun = 0 or maxrun >= W)
    and (p not in ROT or forall{k in KINDS}
            (lo[p, k] <= (if kind[s] = k then W else 0)
             and (if kind[s] = k then W else 0) <= hi[p, k]))};
set CAN_STAY := setof{(p, s) in STAY} p;

s.t. change_cut{p in P diff CAN_STAY: W > 1}:
    sum{s in ES[p], w in 2..W} y[p, s, w] >= 1;

solve;

/* ------------------------------------------------------------- report --- */
/* The terms are recomputed from x by the spec's formulas (exact whatever
   the weights), and add up to Z at the optimum.                           */

param cov{s in S, w in 1..W} := sum{p in AT[s]} cover[p, w] * round(x[p, s, w]);
param short_wte := sum{(s, w) in TARGET} max(0, target[s, w] - cov[s, w]);
param nchanges := sum{(p, s) in E, w in 2..W}
                      max(0, round(x[p, s, w]) - round(x[p, s, w-1]));
param km := sum{(p, s) in E, w in 1..W} dist[p, s] * round(x[p, s, w]);

printf "Z = %.9f\n", Z;
printf "shortfall = %.9f\n",
    sum{(s, w) in TARGET} sw[s] * max(0, target[s, w] - cov[s, w]);
printf "changes = %.9f\n", wc * nchanges;
printf "travel = %.9f\n", wt * km;
printf "shortfall_wte_weeks = %.9f\n", short_wte;
printf "change_count = %d\n", nchanges;
printf "travel_km = %.9f\n", km;

printf "placements (site per week 1..%d):\n", W;
for {p in P} {
    printf "  %s:", p;
    for {w in 1..W} {
        for {s in ES[p]: x[p, s, w] > 0.5} printf " %s", s;
    }
    printf "\n";
}
printf "site-weeks with a floor or target (week: cover/floor/target):\n";
for {s in S: exists{(s2, w) in FLOOR union TARGET} s2 = s} {
    printf "  %s:", s;
    for {w in 1..W}
        printf " %d:%.3g/%.3g/%.3g", w, cov[s, w],
            if (s, w) in FLOOR then floor[s, w] else 0,
            if (s, w) in TARGET then target[s, w] else 0;
    printf "\n";
}

end;
