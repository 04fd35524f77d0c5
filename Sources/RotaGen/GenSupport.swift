import RotaCore
/// Small deterministic helpers: decimal formatting from scaled integers,
/// RFC 4180 CSV cells, civil dates and great-circle distance. Nothing here
/// depends on Foundation, the locale or the platform's libm, so the text
/// the generator writes is the same everywhere.
enum GenFormat {
    /// `scaled / 10^places` as a decimal, trailing zeros dropped but at
    /// least `minPlaces` decimals kept: fixed(80, 2) = "0.8",
    /// fixed(100, 2) = "1.0", fixed(524862, 4) = "52.4862".
    static func fixed(_ scaled: Int, places: Int, minPlaces: Int = 1) -> String {
        var p = 1
        for _ in 0..<places { p *= 10 }
        let negative = scaled < 0
        let m = negative ? -scaled : scaled
        var frac = String(m % p)
        frac = String(repeating: "0", count: places - frac.count) + frac
        while frac.count > minPlaces, frac.last == "0" { frac.removeLast() }
        return (negative ? "-" : "") + String(m / p) + (frac.isEmpty ? "" : "." + frac)
    }

    /// A CSV cell, quoted only when RFC 4180 needs it.
    static func cell(_ s: String) -> String {
        if s.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {   // , " LF CR
            var out = "\""
            for ch in s { out += ch == "\"" ? "\"\"" : String(ch) }
            return out + "\""
        }
        return s
    }

    static func line(_ cells: [String]) -> String { cells.map(cell).joined(separator: ",") + "\n" }

    /// Lower-case ASCII letters and digits, other runs become one `-`:
    /// "Stoke-on-Trent" → "stoke-on-trent", "King's Lynn" → "kings-lynn".
    static func slug(_ s: String) -> String {
        var out = ""
        var dash = false
        for u in s.unicodeScalars {
            if u == "'" { continue }
            if (u >= "a" && u <= "z") || (u >= "0" && u <= "9") {
                if dash && !out.isEmpty { out += "-" }
                dash = false
                out.unicodeScalars.append(u)
            } else if u >= "A" && u <= "Z" {
                if dash && !out.isEmpty { out += "-" }
                dash = false
                out.unicodeScalars.append(Unicode.Scalar(u.value + 32)!)
            } else {
                dash = true
            }
        }
        return out
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

/// The generator's dates are RotaCore's `Day` (civil dates, no time zone),
/// with the few spellings the generator uses.
typealias CivilDay = Day

extension Day {
    init(year: Int, month: Int, day: Int, checked: Void = ()) {
        self.init(ordinal: Day(year: year, month: month, day: day)!.ordinal)
    }
    func adding(_ days: Int) -> Day { adding(days: days) }
    /// `YYYY-MM-DD`.
    var iso: String { description }
}

/// Great-circle distance, haversine with Earth radius 6371.0 km as
/// PROBLEM.md defines it, computed with +, −, ×, ÷ and √ only (series for
/// sin, cos and asin), which IEEE 754 rounds the same on every platform:
/// the platform's libm may differ in the last bit, and the generator's
/// choices must not. The validator uses libm; the generator keeps a 0.5 km
/// margin wherever a travel limit decides eligibility, so the two never
/// disagree.
enum GenGeo {
    static let earthRadiusKm = 6371.0
    static let pi = 3.141592653589793

    static func sin(_ x0: Double) -> Double {
        // Reduce to [-π, π]; every angle here is far smaller.
        var x = x0
        while x > pi { x -= 2 * pi }
        while x < -pi { x += 2 * pi }
        var term = x, sum = x
        let x2 = x * x
        var n = 1.0
        for _ in 0..<30 {
            term *= -x2 / ((n + 1) * (n + 2))
            n += 2
            sum += term
            if term == 0 { break }
        }
        return sum
    }

    static func cos(_ x: Double) -> Double { sin(x + pi / 2) }

    /// asin for 0 ≤ y ≤ 1: halve the angle until the series is quick.
    static func asin(_ y0: Double) -> Double {
        var y = min(max(y0, 0), 1)
        var factor = 1.0
        while y > 0.3 {
            // sin(θ/2) = y / √(2(1 + √(1 − y²)))
            y = y / (2 * (1 + (1 - y * y).squareRoot())).squareRoot()
            factor *= 2
        }
        var term = y, sum = y
        let y2 = y * y
        var k = 0.0
        for _ in 0..<60 {
            // a_{k+1} = a_k · (2k+1)² / ((2k+2)(2k+3)) · y²
            term *= y2 * (2 * k + 1) * (2 * k + 1) / ((2 * k + 2) * (2 * k + 3))
            k += 1
            sum += term
            if term < 1e-300 { break }
        }
        return sum * factor
    }

    /// Distance in km between two points given in 1e-4 degrees.
    static func km(_ lat1: Int, _ lon1: Int, _ lat2: Int, _ lon2: Int) -> Double {
        let r = pi / 180 / 10_000
        let p1 = Double(lat1) * r, p2 = Double(lat2) * r
        let dp = Double(lat2 - lat1) * r, dl = Double(lon2 - lon1) * r
        let s1 = sin(dp / 2), s2 = sin(dl / 2)
        let a = s1 * s1 + cos(p1) * cos(p2) * s2 * s2
        return 2 * earthRadiusKm * asin(a.squareRoot())
    }
}
