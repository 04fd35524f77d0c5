import Foundation
import RotaCore
import RotaGLPK
@testable import RotaSolver
import XCTest

/// Each hard rule is stated twice on purpose (`Sources/RotaCore/Rules/`): the
/// validator's check from the scenario, the model's rows from the instance.
/// On tiny scenarios every rota over the eligible sites is tried both ways:
/// the validator finds nothing ⇔ the model is feasible with that rota fixed.
final class RulesAgreeTests: XCTestCase {
    struct Case {
        var name: String
        var micro: Micro
        /// The rules the case exercises: for each, some rota breaks it and no
        /// other rule, so a slip in its statement on either side shows.
        var exercises: Set<RuleID>
        /// How many of its rotas are valid, where counted by hand.
        var valid: Int? = nil
    }

    let cases: [Case] = [
        // Interior runs of one week (H5) and of three (H6); runs at the
        // horizon's edges are exempt from the minimum. Valid: 31 of the 81,
        // counted apart from both by listing the 4-week strings over
        // {hub, a, b} whose every run at a or b is at most 2 weeks, and
        // exactly 2 unless it touches week 1 or week 4.
        Case(name: "runs", micro: Micro(
            toml: toml(weeks: 4, "[rotation]\nmin_run_weeks = 2\nmax_run_weeks = 2"),
            sites: "id,kind,ics\nhub,hub,A\npcn-a,pcn,A\npcn-b,pcn,A\n",
            staff: "id,grade,home\np1,specialist,hub\n"),
             exercises: [.minRun, .maxRun], valid: 31),
        // In post weeks 2–4 of 5 only: out of post at home (H4), and a run that
        // starts when they join or ends when they leave is exempt from the
        // minimum; a run of week 3 alone is not.
        Case(name: "in post", micro: Micro(
            toml: toml(weeks: 5, "[rotation]\nmin_run_weeks = 2"),
            sites: "id,kind,ics\nhub,hub,A\npcn,pcn,A\ncas,cas,A\n",
            staff: "id,grade,home,from,to\np1,specialist,hub,2027-04-12,2027-05-02\n"),
             exercises: [.pinned, .minRun]),
        // Shares over four weeks (PCN 1–2 weeks, CAS at most 1) and a pin.
        Case(name: "shares and pins", micro: Micro(
            toml: toml(weeks: 4, "[rotation]\nshare.pcn = [0.25, 0.5]\nshare.cas = [0, 0.25]"),
            sites: "id,kind,ics\nhub,hub,A\npcn,pcn,A\ncas,cas,A\n",
            staff: "id,grade,home\np1,specialist,hub\n",
            pinned: "staff,week,site\np1,2,pcn\n"),
             exercises: [.pinned, .share]),
        // Two clinicians of 1.0 and 0.6 WTE over three weeks, each rule in a
        // week of its own: a PCN cap of one head in week 1 (H3); a hub floor
        // of 1.0 in week 2, when the first is on leave two days, so only both
        // together meet it (H2); at most half the WTE away in week 3 (H8).
        Case(name: "floors, caps and rollout", micro: Micro(
            toml: toml(weeks: 3, "[[rollout]]\nfrom_week = 3\nto_week = 3\nmax_away_share = 0.5"),
            sites: "id,kind,ics\nhub,hub,A\npcn,pcn,A\ncas,cas,A\n",
            staff: "id,grade,home,wte\np1,specialist,hub,1.0\np2,specialist,hub,0.6\n",
            demand: "site,from_week,to_week,floor,target,cap\npcn,1,1,,1.0,1\nhub,2,2,1.0,1.0,\n",
            leave: "staff,from,to\np1,2027-04-13,2027-04-14\n"),
             exercises: [.floor, .cap, .rollout]),
    ]

    func testValidatorAndModelAgreeOnEveryRota() throws {
        for c in cases {
            let scenario = try c.micro.scenario()
            let I = Instance(scenario)
            let (model, layout) = ModelBuilder(I).build()
            let validator = Validator(scenario)
            var brokenAlone = Set<RuleID>(), valid = 0, rotas = 0
            for rota in everyRota(I) {
                rotas += 1
                let violations = validator.check(Rota(sites: rota).placements(I))
                let feasible = modelFeasible(model, layout, I, rota)
                XCTAssertEqual(feasible, violations.isEmpty,
                               "\(c.name): \(rota.map { $0.map { I.sites[$0].id } }) model \(feasible ? "feasible" : "infeasible"), validator \(violations)")
                if let rule = violations.first?.rule, violations.allSatisfy({ $0.rule == rule }) { brokenAlone.insert(rule) }
                if violations.isEmpty { valid += 1 }
            }
            XCTAssertTrue(c.exercises.isSubset(of: brokenAlone), "\(c.name): breaks alone only \(brokenAlone.sorted())")
            XCTAssertGreaterThan(valid, 0, "\(c.name): no valid rota among \(rotas)")
            if let expected = c.valid { XCTAssertEqual(valid, expected, "\(c.name): valid rotas") }
        }
    }

    /// Every assignment of an eligible site to each clinician and week.
    func everyRota(_ I: Instance) -> [[[Int]]] {
        var rotas: [[[Int]]] = [I.clinicians.map { _ in [] }]
        for p in I.clinicians.indices {
            for _ in 0..<I.weeks {
                rotas = rotas.flatMap { r in I.eligible[p].map { s in var r = r; r[p].append(s); return r } }
            }
        }
        return rotas
    }

    /// The model with every placement fixed to the rota: GLPK finds it feasible.
    /// A pinned week is fixed in the model already (H4 has no rows), so a rota
    /// that leaves its pin is infeasible there without asking GLPK.
    func modelFeasible(_ model: MIPModel, _ L: ModelBuilder.Layout, _ I: Instance, _ rota: [[Int]]) -> Bool {
        var m = model
        for p in I.clinicians.indices {
            for (k, s) in I.eligible[p].enumerated() {
                for w in 0..<I.weeks {
                    let j = L.place(p, k, w), value: Double = rota[p][w] == s ? 1 : 0
                    if m.columns[j].lower == m.columns[j].upper, m.columns[j].lower != value { return false }
                    m.columns[j].lower = value
                    m.columns[j].upper = value
                }
            }
        }
        var options = MIPOptions()
        options.timeLimitSeconds = 10
        options.cuts = false
        return GLPKBridge.load(m).solve(options).status == .optimal
    }
}
