import FuzzDriver
import FuzzSupport
import RotaIO

/// Fuzzes the CSV tables. The first byte chooses the file (its value mod 6:
/// 0 sites.csv, 1 staff.csv, 2 demand.csv, 3 leave.csv, 4 pinned.csv,
/// 5 a rota.csv for `rota validate`); the rest is that file's text. The
/// other files are the small scenario's, so the fuzzed table meets the
/// cross-table checks too. Seeds are "0" + sites.csv, "1" + staff.csv, ...
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size >= 1 else { return 0 }
    let text = FuzzSupport.text(data + 1, size - 1)
    var files = FuzzSupport.small
    switch data[0] % 6 {
    case 0: files.sites = text
    case 1: files.staff = text
    case 2: files.demand = text
    case 3: files.leave = text
    case 4: files.pinned = text
    default:
        do { _ = try RotaReader.parse(text, file: "rota.csv") } catch { _ = error.description }
        return 0
    }
    files.check()
    return 0
}

/// The entry point SwiftPM links as `main` (see FuzzDriver.h).
@_cdecl("FuzzCSV_main")
public func FuzzCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    rota_fuzz_run(argc, argv, fuzz)
}
