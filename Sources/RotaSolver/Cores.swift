import Foundation

/// How many cores this process may run on.
///
/// Foundation's `activeProcessorCount` counts the machine's cores, not the
/// ones the process is allowed (`taskset -c 0 rota solve …` still reports
/// 2 on this machine), so on Linux the affinity mask is read from
/// /proc/self/status ("Cpus_allowed:", hexadecimal, commas between words).
/// A container's CPU quota is not seen: the mask is what pins a process.
public enum Cores {
    public static let available: Int = {
        let machine = ProcessInfo.processInfo.activeProcessorCount
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }),
              let allowed = allowedCount(mask: line.dropFirst("Cpus_allowed:".count)) else { return max(1, machine) }
        return max(1, min(machine, allowed))
    }()

    /// The number of bits set in a mask such as "3" or "ff,ffffffff"; nil
    /// when it is not hexadecimal.
    static func allowedCount(mask: Substring) -> Int? {
        var bits = 0
        for ch in mask where !ch.isWhitespace && ch != "," {
            guard let digit = ch.hexDigitValue else { return nil }
            bits += digit.nonzeroBitCount
        }
        return bits
    }
}
