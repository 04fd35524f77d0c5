/// One problem with the scenario's input, where a planner can find it:
/// `FILE:LINE: column COLUMN: message` (for TOML, `key KEY` instead).
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Place: Sendable, Equatable {
        case column(String)
        case key(String)
    }

    public var file: String
    /// The physical line where the record (or TOML key) starts; 0 for a missing file.
    public var line: Int
    public var place: Place
    public var message: String

    public init(file: String, line: Int, column: String, _ message: String) {
        self.file = file; self.line = line; self.place = .column(column); self.message = message
    }

    public init(file: String, line: Int, key: String, _ message: String) {
        self.file = file; self.line = line; self.place = .key(key); self.message = message
    }

    public var description: String {
        switch place {
        case .column(let c): "\(file):\(line): column \(c): \(message)"
        case .key(let k): "\(file):\(line): key \(k): \(message)"
        }
    }
}

/// All of a run's input errors, sorted by file and line, reported together.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]
    public init(_ errors: [InputError]) {
        // Stable sort: errors on one line keep the order they were found in.
        self.errors = errors.enumerated().sorted {
            ($0.element.file, $0.element.line, $0.offset) < ($1.element.file, $1.element.line, $1.offset)
        }.map(\.element)
    }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
