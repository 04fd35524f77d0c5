/// One problem with the scenario's input, where a planner can find it:
/// `FILE:LINE: column COLUMN: message` (for TOML, `key KEY` instead), or in
/// a workbook `FILE: sheet SHEET, row ROW, column COLUMN: message`.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Place: Sendable, Equatable {
        case column(String)
        case key(String)
        /// The file as a whole (a workbook that cannot be opened).
        case whole
    }

    public var file: String
    /// The physical line where the record (or TOML key) starts; 0 for a missing file.
    public var line: Int
    public var place: Place
    public var message: String
    /// The workbook sheet (then `line` is its row), or nil for a file of a folder.
    public var sheet: String?

    public init(file: String, line: Int, column: String, _ message: String) {
        self.file = file; self.line = line; self.place = .column(column); self.message = message
    }

    public init(file: String, line: Int, key: String, _ message: String) {
        self.file = file; self.line = line; self.place = .key(key); self.message = message
    }

    public init(file: String, _ message: String) {
        self.file = file; self.line = 0; self.place = .whole; self.message = message
    }

    public var description: String {
        if case .whole = place { return "\(file): \(message)" }
        if let sheet {
            let placeText: String
            switch place {
            case .column("-"), .key("-"), .whole: placeText = ""
            case .column(let c): placeText = ", column \(c)"
            case .key(let k): placeText = ", key \(k)"
            }
            return line == 0 ? "\(file): sheet \(sheet): \(message)" : "\(file): sheet \(sheet), row \(line)\(placeText): \(message)"
        }
        switch place {
        case .column(let c): return "\(file):\(line): column \(c): \(message)"
        case .key(let k): return "\(file):\(line): key \(k): \(message)"
        case .whole: return "\(file): \(message)"
        }
    }
}

/// All of a run's input errors, sorted by file and line, reported together.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]
    public init(_ errors: [InputError]) {
        // Stable sort: errors on one line keep the order they were found in.
        self.errors = errors.enumerated().sorted {
            ($0.element.file, $0.element.sheet ?? "", $0.element.line, $0.offset) < ($1.element.file, $1.element.sheet ?? "", $1.element.line, $1.offset)
        }.map(\.element)
    }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
