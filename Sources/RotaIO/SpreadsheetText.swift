/// Text cells that a spreadsheet would run as a formula (CSV injection):
/// a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is
/// written with a leading apostrophe, which Excel and LibreOffice show as
/// text and do not display. Our own readers take the apostrophe off again,
/// so a rota written by the tool reads back exactly. Numbers the tool
/// formats itself never need it (none is negative), so only text goes through.
public enum SpreadsheetText {
    static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    public static func neutralised(_ s: String) -> String {
        guard let first = s.first, triggers.contains(first) else { return s }
        return "'" + s
    }

    /// The text as it was before `neutralised`.
    public static func restored(_ s: String) -> String {
        guard s.hasPrefix("'"), let second = s.dropFirst().first, triggers.contains(second) else { return s }
        return String(s.dropFirst())
    }

    /// A UTF-8 byte order mark, for files with text beyond ASCII: Excel on
    /// Windows reads a CSV without one in the computer's legacy code page
    /// (so "Siân" shows as "SiÃ¢n"), and with one as UTF-8 (Microsoft's
    /// guidance on opening UTF-8 CSV files); LibreOffice and our readers
    /// accept it. Plain-ASCII files stay without, byte-clean for scripts.
    public static func withByteOrderMarkIfNeeded(_ text: String) -> String {
        text.utf8.contains { $0 >= 0x80 } ? "\u{FEFF}" + text : text
    }
}
