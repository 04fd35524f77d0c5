import TOMLKit

/// The one way RotaIO parses TOML text (scenario.toml, variant files):
/// TOMLKit, after a guard for the texts that crash it.
enum TOMLParse {
    static func table(_ text: String, file: String) -> Result<TOMLTable, InputError> {
        if let bad = crashingText(text) {
            return .failure(InputError(file: file, line: bad.line, key: "-", "not valid TOML: \(bad.message)"))
        }
        do {
            return .success(try TOMLTable(string: text))
        } catch let e as TOMLParseError {
            return .failure(InputError(file: file, line: e.source.begin.line, key: "-", "not valid TOML: \(e.description)"))
        } catch {
            return .failure(InputError(file: file, line: 1, key: "-", "not valid TOML"))
        }
    }

    /// Invalid TOML on which toml++ 3.4 (inside TOMLKit) fails an assert
    /// instead of reporting an error; its asserts are compiled into release
    /// builds, so `rota` would abort. Found by fuzz/FuzzTOML (the inputs are
    /// in Tests/RotaIOTests/FuzzRegressions). Each case is reported here,
    /// with its line, before toml++ sees the text:
    ///
    /// - a table header whose name starts with neither a bare-key character
    ///   nor a quote (`[=`, `[[[`, `[` at the end of a line);
    /// - a `}` inside an array (`a = [}`), and a `]` inside an inline table;
    /// - a control character (other than tab and the CR LF line break) or a
    ///   non-ASCII space or line separator, outside a string or comment; a
    ///   control character in a string or comment.
    ///
    /// - a date, a space and one digit, then the end of the value
    ///   (`s = 2027-04-05 6`).
    ///
    /// Every text rejected here is invalid TOML, so nothing valid is lost.
    static func crashingText(_ text: String) -> (line: Int, message: String)? {
        let s = Array(text.unicodeScalars)
        let n = s.count
        var i = s.first == "\u{FEFF}" ? 1 : 0, line = 1   // toml++ skips a byte order mark
        var open: [Unicode.Scalar] = []   // the [ and { of the value being read
        var atStatement = true           // only spaces so far on this line, outside a value
        func at(_ k: Int) -> Unicode.Scalar? { k < n ? s[k] : nil }
        func isSpace(_ c: Unicode.Scalar?) -> Bool { c == " " || c == "\t" }
        func isBareKey(_ c: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
        }
        func name(_ c: Unicode.Scalar) -> String {
            "U+" + String(repeating: "0", count: max(0, 4 - String(c.value, radix: 16).count)) + String(c.value, radix: 16, uppercase: true)
        }
        /// A control character TOML never allows: C0 but tab and LF, CR not before LF, DEL.
        func isControl(_ k: Int) -> Bool {
            let c = s[k]
            if c == "\t" || c == "\n" { return false }
            if c == "\r" { return at(k + 1) != "\n" }
            return c.value < 0x20 || c.value == 0x7F
        }
        func isOtherSpace(_ c: Unicode.Scalar) -> Bool {
            c.value > 0x7F && Self.isSpace(c)
        }
        while i < n {
            let c = s[i]
            if isControl(i) { return (line, "the control character \(name(c)) is not allowed") }
            if c == "\n" { line += 1; i += 1; if open.isEmpty { atStatement = true }; continue }
            if isSpace(c) || c == "\r" { i += 1; continue }
            if c == "#" {                                   // a comment, to the end of the line
                while i < n && s[i] != "\n" {
                    if isControl(i) { return (line, "the control character \(name(s[i])) is not allowed in a comment") }
                    i += 1
                }
                continue
            }
            if c == "\"" || c == "'" {                      // a string, perhaps multi-line
                let multi = at(i + 1) == c && at(i + 2) == c
                i += multi ? 3 : 1
                while i < n {
                    if isControl(i) { return (line, "the control character \(name(s[i])) is not allowed in a string") }
                    if c == "\"" && s[i] == "\\" {
                        if at(i + 1) == "\n" { line += 1 }
                        i += 2; continue
                    }
                    if s[i] == "\n" { if !multi { break }; line += 1 }
                    if s[i] == c && (!multi || (at(i + 1) == c && at(i + 2) == c)) {
                        i += multi ? 3 : 1
                        while multi && at(i) == c { i += 1 }   // """a"""" ends with a quote in the string
                        break
                    }
                    i += 1
                }
                atStatement = false
                continue
            }
            if isOtherSpace(c) { return (line, "the space or line break \(name(c)) is not allowed outside a string") }
            if ("0"..."9").contains(c), i == 0 || [" ", "\t", "=", "[", "{", ",", "\n"].contains(s[i - 1]),
               let token = dateSpaceDigit(s, i) {
                return (line, "\"\(token)\" is neither a date nor a date-time (write 2027-04-05 or 2027-04-05T08:00:00)")
            }
            if c == "[" && atStatement && open.isEmpty {    // a table header: [name] or [[name]]
                var j = i + 1
                var hadSpace = false
                while isSpace(at(j)) { j += 1; hadSpace = true }
                // `[ [` is an error toml++ reports; `[[` opens an array-of-tables header.
                let spacedBracket = at(j) == "[" && hadSpace
                if at(j) == "[" && !hadSpace {
                    j += 1
                    while isSpace(at(j)) { j += 1 }
                }
                if !spacedBracket, let k = at(j), k != "]", k != "\"", k != "'", !isBareKey(k) {
                    let what = k == "\n" || k == "\r" ? "the end of the line"
                        : k.value < 0x20 || k.value == 0x7F || isOtherSpace(k) ? name(k) : "'\(k)'"
                    return (line, "a table header needs a name after '[', not \(what)")
                }
                i = j
                atStatement = false
                continue
            }
            if c == "[" || c == "{" { open.append(c) }
            else if c == "]" || c == "}" {
                if let last = open.last {
                    if (last == "[") != (c == "]") { return (line, "'\(c)' does not close the '\(last)' before it") }
                    open.removeLast()
                }
            }
            atStatement = false
            i += 1
        }
        return nil
    }

    /// The text from `i` if it is what toml++ scans as a date followed by a
    /// space (perhaps a date-time), then a single digit and the end of the
    /// value: ten digits and dashes (underscores skipped) with dashes at 4
    /// and 7, a space, a digit, then a space, line break, `]`, `}`, `,` or `#`.
    /// toml++ judges the ten characters by the kinds it has seen (digits
    /// and dashes only), so other characters count as well: any such text is
    /// invalid TOML, whatever the ten are.
    static func dateSpaceDigit(_ s: [Unicode.Scalar], _ i: Int) -> String? {
        func ends(_ c: Unicode.Scalar) -> Bool {
            isSpace(c) || c == "]" || c == "}" || c == "," || c == "#"
        }
        var chars: [Unicode.Scalar] = []
        var j = i
        while j < s.count, !ends(s[j]) {
            if s[j] != "_" { chars.append(s[j]) }
            if chars.count > 10 { return nil }
            j += 1
        }
        guard chars.count == 10, ("0"..."9").contains(chars[0]), chars[4] == "-", chars[7] == "-",
              j + 2 < s.count, s[j] == " ", ("0"..."9").contains(s[j + 1]), ends(s[j + 2]) else { return nil }
        return String(String.UnicodeScalarView(s[i...(j + 1)]))
    }

    /// What toml++ takes for a space or line break: Unicode's, and three more.
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c.properties.isWhitespace || c == "\u{180E}" || c == "\u{200B}" || c == "\u{FEFF}"
    }
}
