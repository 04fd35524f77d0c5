import Foundation

/// How many cores this process may run on: the fewest of the machine's
/// cores, the affinity mask and a container's CPU quota.
///
/// Foundation's `activeProcessorCount` counts the machine's cores, not the
/// ones the process is allowed (`taskset -c 0 rota solve …` still reports
/// 2 on this machine), so on Linux the affinity mask is read from
/// /proc/self/status ("Cpus_allowed:", hexadecimal, commas between words).
///
/// A container's CPU quota (`docker run --cpus 1`, a Kubernetes CPU limit)
/// leaves the mask alone, so it is read from the process's control group:
/// cgroup v2's `cpu.max` ("150000 100000": 1.5 cores; "max 100000": no
/// quota), or v1's `cpu.cfs_quota_us` over `cpu.cfs_period_us` (−1: none).
/// A quota counts its whole cores only, at least one: with 1.5 cores, a
/// second busy thread beside the search would have the quota throttle both,
/// where one core's mode (the bound at the lowest priority) keeps the
/// search at full speed.
public enum Cores {
    public static let available: Int = {
        let machine = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var cores = machine
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }),
           let allowed = allowedCount(mask: line.dropFirst("Cpus_allowed:".count)) {
            cores = min(cores, allowed)
        }
        if let groups = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8),
           let quota = quotaCores(cgroups: groups, read: { try? String(contentsOfFile: $0, encoding: .utf8) }) {
            cores = min(cores, quota)
        }
        return max(1, cores)
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

    /// The whole cores of the CPU quota of the control groups listed in
    /// /proc/self/cgroup (`cgroups`), reading files through `read`; nil when
    /// no quota is set or none can be read. The group's own folder is tried
    /// first, then the hierarchy's root (inside a container the listed path
    /// is often the host's, and the container sees its own group as the root).
    static func quotaCores(cgroups: String, read: (String) -> String?) -> Int? {
        var found: [Int] = []
        for line in cgroups.split(separator: "\n") {
            // "hierarchy-ID:controllers:path"; the path may itself hold colons.
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let controllers = fields[1].split(separator: ","), path = String(fields[2])
            let folders = Set([path, "/"]).sorted { $0.count > $1.count }
            if fields[0] == "0" && controllers.isEmpty {
                // cgroup v2 (unified), mounted at /sys/fs/cgroup or, beside v1, /sys/fs/cgroup/unified.
                for root in ["/sys/fs/cgroup", "/sys/fs/cgroup/unified"] {
                    for folder in folders {
                        if let text = read(root + (folder == "/" ? "" : folder) + "/cpu.max"), let n = quotaCores(cpuMax: text) {
                            found.append(n)
                        }
                    }
                }
            } else if controllers.contains("cpu") {
                // cgroup v1: the cpu controller, mounted alone or with cpuacct.
                let mounts = ["/sys/fs/cgroup/cpu", "/sys/fs/cgroup/" + controllers.joined(separator: ","),
                              "/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/cpuacct,cpu"]
                for root in Array(Set(mounts)).sorted() {
                    for folder in folders {
                        let dir = root + (folder == "/" ? "" : folder)
                        if let q = read(dir + "/cpu.cfs_quota_us"), let p = read(dir + "/cpu.cfs_period_us"),
                           let n = quotaCores(quotaMicroseconds: q, periodMicroseconds: p) {
                            found.append(n)
                        }
                    }
                }
            }
        }
        return found.min()
    }

    /// cgroup v2's cpu.max: "QUOTA PERIOD" in microseconds, or "max PERIOD".
    static func quotaCores(cpuMax: String) -> Int? {
        let parts = cpuMax.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, let period = Double(parts[1]), period > 0 else { return nil }
        guard let quota = Double(parts[0]), quota > 0 else { return nil }   // "max": no quota
        return max(1, Int((quota / period).rounded(.down)))
    }

    /// cgroup v1's cpu.cfs_quota_us (−1: no quota) over cpu.cfs_period_us.
    static func quotaCores(quotaMicroseconds: String, periodMicroseconds: String) -> Int? {
        guard let quota = Double(quotaMicroseconds.trimmingCharacters(in: .whitespacesAndNewlines)), quota > 0,
              let period = Double(periodMicroseconds.trimmingCharacters(in: .whitespacesAndNewlines)), period > 0 else { return nil }
        return max(1, Int((quota / period).rounded(.down)))
    }
}
